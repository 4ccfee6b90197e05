"""Erzeugt die Beispieldokumente der Wissensbasis Musterstadt aus den Quellen in ``quellen/``.

Aufruf (aus dem Projektverzeichnis, mit der Projekt-venv):

    .venv/bin/python knowledge/build_documents.py

Jede Quelldatei ``quellen/*.md`` beginnt mit einem Kopf zwischen zwei ``---``-Zeilen
(``schluessel: wert``). Das Feld ``datei`` bestimmt das Zielformat über die Endung:

- ``.pdf``  – reportlab (``invariant=1``: byte-identische Ausgabe bei gleichem Stand)
- ``.docx`` – python-docx (Zip-Zeitstempel und Dokumenteigenschaften fest gesetzt)
- ``.html`` – semantisches HTML5
- ``.md``   – Rumpf wird unverändert übernommen

Quelltext-Syntax für PDF, DOCX und HTML (bewusst klein gehalten):

- ``# Kapitel``, ``## Abschnitt``, ``### Unterabschnitt``
- ``[Seitenumbruch]`` als eigene Zeile (nur PDF/DOCX)
- Tabellen mit ``| a | b |``; die erste Zeile ist der Tabellenkopf, die Trennzeile ``|---|`` wird übersprungen
- ein Absatz ``Tabelle N: …`` direkt vor einer Tabelle ist deren Beschriftung
- Listen mit ``- `` oder ``1. ``; ``> `` hebt einen Leitsatz hervor; ``**fett**`` im Fließtext

Zum Schluss schreibt das Skript ``manifest.yaml`` aus den Köpfen aller Quellen.
"""

from __future__ import annotations

import html
import io
import re
import sys
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

BASIS = Path(__file__).resolve().parent
QUELLEN = BASIS / "quellen"
AUSGABE = BASIS / "dokumente"

TYPEN = {
    "gesamtstrategie",
    "fachstrategie",
    "wirtschaftsplan",
    "haushalt",
    "demografie",
    "beteiligung",
    "ratsbeschluss",
    "konzept",
}

FESTES_DATUM = (2026, 3, 1, 0, 0, 0)  # Zip-Zeitstempel der DOCX-Dateien


# --------------------------------------------------------------------------- Quelle einlesen


@dataclass
class Block:
    art: str  # h1 h2 h3 p caption ul ol quote table pagebreak
    text: str = ""
    zeilen: list[list[str]] = field(default_factory=list)  # Tabelle
    punkte: list[str] = field(default_factory=list)  # Listen


@dataclass
class Quelle:
    pfad: Path
    kopf: dict[str, str]
    rumpf: str

    @property
    def stand(self) -> date:
        return date.fromisoformat(self.kopf["stand"])

    @property
    def stand_de(self) -> str:
        return self.stand.strftime("%d.%m.%Y")


def lies_quelle(pfad: Path) -> Quelle:
    text = pfad.read_text(encoding="utf-8")
    teile = text.split("\n---\n", 1)
    if not text.startswith("---\n") or len(teile) != 2:
        raise SystemExit(f"{pfad.name}: Kopf zwischen zwei '---'-Zeilen fehlt.")
    kopf: dict[str, str] = {}
    for zeile in teile[0][4:].splitlines():
        if zeile.strip():
            schluessel, _, wert = zeile.partition(":")
            kopf[schluessel.strip()] = wert.strip()
    for pflicht in ("datei", "titel", "typ", "stand", "beschreibung"):
        if pflicht not in kopf:
            raise SystemExit(f"{pfad.name}: Kopffeld '{pflicht}' fehlt.")
    if kopf["typ"] not in TYPEN:
        raise SystemExit(f"{pfad.name}: unbekannter typ '{kopf['typ']}'.")
    return Quelle(pfad, kopf, teile[1].lstrip("\n"))


def zerlege(rumpf: str) -> list[Block]:
    bloecke: list[Block] = []
    for roh in re.split(r"\n\s*\n", rumpf.strip()):
        zeilen = [z.rstrip() for z in roh.strip("\n").splitlines()]
        erste = zeilen[0]
        if erste.strip() == "[Seitenumbruch]":
            bloecke.append(Block("pagebreak"))
            if len(zeilen) > 1:
                bloecke.extend(zerlege("\n".join(zeilen[1:])))
        elif erste.startswith("### "):
            bloecke.append(Block("h3", erste[4:].strip()))
            if len(zeilen) > 1:
                bloecke.extend(zerlege("\n".join(zeilen[1:])))
        elif erste.startswith("## "):
            bloecke.append(Block("h2", erste[3:].strip()))
            if len(zeilen) > 1:
                bloecke.extend(zerlege("\n".join(zeilen[1:])))
        elif erste.startswith("# "):
            bloecke.append(Block("h1", erste[2:].strip()))
            if len(zeilen) > 1:
                bloecke.extend(zerlege("\n".join(zeilen[1:])))
        elif erste.startswith("|"):
            tabelle = []
            for z in zeilen:
                zellen = [c.strip() for c in z.strip().strip("|").split("|")]
                if all(re.fullmatch(r":?-{3,}:?", c) for c in zellen):
                    continue
                tabelle.append(zellen)
            breite = max(len(r) for r in tabelle)
            tabelle = [r + [""] * (breite - len(r)) for r in tabelle]
            bloecke.append(Block("table", zeilen=tabelle))
        elif erste.startswith("- "):
            bloecke.append(Block("ul", punkte=_listenpunkte(zeilen, r"- ")))
        elif re.match(r"\d+\. ", erste):
            bloecke.append(Block("ol", punkte=_listenpunkte(zeilen, r"\d+\. ")))
        elif erste.startswith("> "):
            bloecke.append(Block("quote", " ".join(z[2:].strip() for z in zeilen)))
        else:
            absatz = " ".join(z.strip() for z in zeilen)
            art = "caption" if re.match(r"(Tabelle|Abbildung) \d+[a-z]?:", absatz) else "p"
            bloecke.append(Block(art, absatz))
    return bloecke


def _listenpunkte(zeilen: list[str], muster: str) -> list[str]:
    punkte: list[str] = []
    for z in zeilen:
        if re.match(muster, z):
            punkte.append(re.sub("^" + muster, "", z).strip())
        else:  # Fortsetzungszeile
            punkte[-1] += " " + z.strip()
    return punkte


def ohne_markup(text: str) -> str:
    return text.replace("**", "")


# --------------------------------------------------------------------------- PDF


def _pdf_schrift() -> tuple[str, str]:
    """Registriert die mit reportlab gelieferte TrueType-Schrift Vera (deckt Umlaute, ß, €, „“ und – ab).

    Bewusst keine Systemschrift: so ist die Ausgabe auf jedem Rechner byte-identisch.
    """
    import reportlab
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    ordner = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont("Vera", str(ordner / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont("Vera-Bold", str(ordner / "VeraBd.ttf")))
    pdfmetrics.registerFont(TTFont("Vera-Italic", str(ordner / "VeraIt.ttf")))
    pdfmetrics.registerFont(TTFont("Vera-BoldItalic", str(ordner / "VeraBI.ttf")))
    addMapping("Vera", 0, 0, "Vera")
    addMapping("Vera", 1, 0, "Vera-Bold")
    addMapping("Vera", 0, 1, "Vera-Italic")
    addMapping("Vera", 1, 1, "Vera-BoldItalic")
    return "Vera", "Vera-Bold"


_ZAHL = re.compile(r"^[−+\-–]?\s?[\d.,]+\s?(%|Mio\.|Tsd\.|EUR|VZÄ|m²|ha|t)?$|^[−–-]$")


def _ist_zahl(zelle: str) -> bool:
    return bool(_ZAHL.match(ohne_markup(zelle).strip()))


def _rechtsbuendig(zeilen: list[list[str]]) -> list[bool]:
    """Spalten (außer der ersten), die nur Zahlen enthalten, werden rechtsbündig gesetzt."""
    return [j > 0 and all(_ist_zahl(r[j]) or not r[j] for r in zeilen[1:]) for j in range(len(zeilen[0]))]


class PdfSatz:
    """Setzt eine Quelle mit reportlab-platypus: Titel, Überschriften, Absätze, Listen, Tabellen, Fußzeile."""

    def __init__(self, quelle: Quelle):
        from reportlab.lib import colors
        from reportlab.lib.enums import TA_CENTER, TA_RIGHT
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.lib.units import cm

        self.quelle = quelle
        self.A4, self.cm, self.colors = A4, cm, colors
        self.schrift, self.fett = _pdf_schrift()
        self.nutzbreite = A4[0] - 4.5 * cm
        blau = colors.HexColor("#1F3A5F")
        text = ParagraphStyle("text", fontName=self.schrift, fontSize=10, leading=14, spaceAfter=6)
        self.s = {
            "text": text,
            "h1": ParagraphStyle(
                "h1",
                parent=text,
                fontName=self.fett,
                fontSize=15,
                leading=19,
                spaceBefore=10,
                spaceAfter=8,
                textColor=blau,
            ),
            "h2": ParagraphStyle(
                "h2",
                parent=text,
                fontName=self.fett,
                fontSize=12,
                leading=16,
                spaceBefore=8,
                spaceAfter=5,
                textColor=blau,
            ),
            "h3": ParagraphStyle(
                "h3", parent=text, fontName=self.fett, fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=3
            ),
            "caption": ParagraphStyle(
                "caption",
                parent=text,
                fontName=self.fett,
                fontSize=9,
                leading=12,
                spaceBefore=4,
                spaceAfter=3,
            ),
            "quote": ParagraphStyle(
                "quote",
                parent=text,
                fontName=self.fett,
                fontSize=10.5,
                leading=15,
                leftIndent=14,
                borderPadding=(4, 6, 4, 6),
                spaceBefore=4,
                spaceAfter=8,
                backColor=colors.HexColor("#EEF3F8"),
            ),
            "titel": ParagraphStyle(
                "titel",
                parent=text,
                fontName=self.fett,
                fontSize=24,
                leading=30,
                alignment=TA_CENTER,
                textColor=blau,
                spaceAfter=14,
            ),
            "untertitel": ParagraphStyle(
                "untertitel", parent=text, fontSize=13, leading=18, alignment=TA_CENTER, spaceAfter=10
            ),
            "mitte": ParagraphStyle("mitte", parent=text, alignment=TA_CENTER),
            "liste": ParagraphStyle("liste", parent=text, leftIndent=16, firstLineIndent=-11, spaceAfter=3),
        }
        self.s["doctitel"] = ParagraphStyle(
            "doctitel", parent=self.s["h1"], fontSize=17, leading=22, spaceBefore=0
        )
        zelle = ParagraphStyle("zelle", parent=text, fontSize=8.5, leading=10.5, spaceAfter=0)
        kopfzelle = ParagraphStyle("kopfzelle", parent=zelle, fontName=self.fett)
        self.s["zelle"] = (zelle, ParagraphStyle("zelle_r", parent=zelle, alignment=TA_RIGHT))
        self.s["kopfzelle"] = (kopfzelle, ParagraphStyle("kopfzelle_r", parent=kopfzelle, alignment=TA_RIGHT))

    @staticmethod
    def inline(text: str) -> str:
        text = html.escape(text, quote=False)
        return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)

    def absatz(self, text: str, stil: str):
        from reportlab.platypus import Paragraph

        return Paragraph(self.inline(text), self.s[stil])

    def titelei(self) -> list:
        from reportlab.platypus import PageBreak, Spacer

        kopf, cm = self.quelle.kopf, self.cm
        if kopf.get("titelseite") == "ja":
            teile = [
                Spacer(1, 4.5 * cm),
                self.absatz("Stadt Musterstadt", "untertitel"),
                Spacer(1, 0.6 * cm),
                self.absatz(kopf["titel"], "titel"),
            ]
            if kopf.get("untertitel"):
                teile.append(self.absatz(kopf["untertitel"], "untertitel"))
            teile += [Spacer(1, 1.2 * cm), self.absatz(f"Stand: {self.quelle.stand_de}", "mitte")]
            if kopf.get("herausgeber"):
                teile += [Spacer(1, 5 * cm), self.absatz("Herausgeberin: " + kopf["herausgeber"], "mitte")]
            return [*teile, PageBreak()]
        teile = [self.absatz(kopf["titel"], "doctitel")]
        if kopf.get("untertitel"):
            teile.append(self.absatz(kopf["untertitel"], "text"))
        zeile = f"Stand: {self.quelle.stand_de}"
        if kopf.get("herausgeber"):
            zeile += " · " + kopf["herausgeber"]
        return [*teile, self.absatz(zeile, "text"), Spacer(1, 0.3 * cm)]

    def flowables(self, b: Block) -> list:
        from reportlab.platypus import PageBreak

        if b.art == "pagebreak":
            return [PageBreak()]
        if b.art in ("p", "h1", "h2", "h3", "caption", "quote"):
            return [self.absatz(b.text, "text" if b.art == "p" else b.art)]
        if b.art in ("ul", "ol"):
            # Aufzählungszeichen als Text mit hängendem Einzug: bleibt beim Textauszug auf derselben Zeile
            return [
                self.absatz(("• " if b.art == "ul" else f"{n}. ") + p, "liste")
                for n, p in enumerate(b.punkte, start=1)
            ]
        if b.art == "table":
            return [self.tabelle(b.zeilen)]
        raise ValueError(b.art)

    def tabelle(self, zeilen: list[list[str]]):
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph, Table, TableStyle

        colors = self.colors
        rechts = _rechtsbuendig(zeilen)
        # Schrift verkleinern, bis kein Wort mehr getrennt werden muss (breite Tabellen)
        for groesse in (8.5, 8.0, 7.5, 7.0, 6.5):
            breiten = self.spaltenbreiten(zeilen, groesse)
            if breiten:
                break
        else:
            raise SystemExit(f"{self.quelle.pfad.name}: Tabelle zu breit: {zeilen[0]}")
        stile = {}
        for name in ("zelle", "kopfzelle"):
            links, rechts_stil = self.s[name]
            stile[name] = tuple(
                ParagraphStyle(f"{s.name}_{groesse}", parent=s, fontSize=groesse, leading=groesse + 2)
                for s in (links, rechts_stil)
            )
        daten = []
        for n, reihe in enumerate(zeilen):
            links_rechts = stile["kopfzelle" if n == 0 else "zelle"]
            daten.append([Paragraph(self.inline(z), links_rechts[rechts[j]]) for j, z in enumerate(reihe)])
        tabelle = Table(daten, colWidths=breiten, repeatRows=1, hAlign="LEFT")
        stil = [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8A9BB0")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DCE5EF")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        stil += [
            ("BACKGROUND", (0, n), (-1, n), colors.HexColor("#F1F4F8"))
            for n, reihe in enumerate(zeilen[1:], start=1)
            if reihe[0].startswith("**")
        ]
        tabelle.setStyle(TableStyle(stil))
        return tabelle

    def spaltenbreiten(self, zeilen: list[list[str]], groesse: float) -> list[float] | None:
        """Jede Spalte mindestens so breit wie ihr längstes Wort, der Rest nach Textmenge verteilt.

        Gibt ``None`` zurück, wenn die Wörter in dieser Schriftgröße nicht nebeneinander passen.
        """
        from reportlab.pdfbase.pdfmetrics import stringWidth

        rand = 9.5  # 2 × 4 pt Innenabstand + Luft
        minimum, maximum = [], []
        for j in range(len(zeilen[0])):
            woerter, volltext = [0.0], []
            for n, reihe in enumerate(zeilen):
                schrift = self.fett if n == 0 or reihe[j].startswith("**") else self.schrift
                text = ohne_markup(reihe[j])
                woerter += [stringWidth(w, schrift, groesse) for w in text.split()]
                volltext.append(stringWidth(text, schrift, groesse))
            minimum.append(max(woerter) + rand)
            maximum.append(max(volltext) + rand)
        if sum(maximum) <= self.nutzbreite:
            return [m * self.nutzbreite / sum(maximum) for m in maximum]
        frei = self.nutzbreite - sum(minimum)
        if frei < 0:
            return None
        ueberhang = [mx - mn for mx, mn in zip(maximum, minimum, strict=True)]
        return [mn + frei * u / sum(ueberhang) for mn, u in zip(minimum, ueberhang, strict=True)]

    def story(self) -> list:
        from reportlab.platypus import KeepTogether

        story = self.titelei()
        bloecke = zerlege(self.quelle.rumpf)
        i = 0
        while i < len(bloecke):
            b = bloecke[i]
            folgt = bloecke[i + 1] if i + 1 < len(bloecke) else None
            if b.art in ("h1", "h2", "h3", "caption") and folgt and folgt.art != "pagebreak":
                # Überschrift oder Tabellenbeschriftung nie allein am Seitenende
                kette = [b]
                while folgt and folgt.art in ("h1", "h2", "h3", "caption") and i + len(kette) < len(bloecke):
                    kette.append(folgt)
                    folgt = bloecke[i + len(kette)] if i + len(kette) < len(bloecke) else None
                teile = [f for x in kette for f in self.flowables(x)]
                if folgt and folgt.art != "pagebreak":
                    teile += self.flowables(folgt)
                    kette.append(folgt)
                story.append(KeepTogether(teile))
                i += len(kette)
                continue
            story += self.flowables(b)
            i += 1
        return story

    def baue(self, ziel: Path) -> int:
        from reportlab.pdfgen import canvas as pdfcanvas
        from reportlab.platypus import SimpleDocTemplate

        kopf, A4, cm, colors = self.quelle.kopf, self.A4, self.cm, self.colors
        fuss_links = f"{kopf.get('kurztitel', kopf['titel'])} · Stand {self.quelle.stand_de}"
        schrift = self.schrift
        ergebnis = {"seiten": 0}

        class NummerierterCanvas(pdfcanvas.Canvas):
            """Fußzeile „Seite x von y“, nach dem Seiteninhalt gezeichnet (steht im Textauszug hinten)."""

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self._seiten: list[dict] = []

            def showPage(self):  # reportlab-API
                self._seiten.append(dict(self.__dict__))
                self._startPage()

            def save(self):
                gesamt = len(self._seiten)
                ergebnis["seiten"] = gesamt
                for zustand in self._seiten:
                    self.__dict__.update(zustand)
                    self.setFont(schrift, 8)
                    self.setStrokeColor(colors.HexColor("#8A9BB0"))
                    self.setFillColor(colors.HexColor("#555555"))
                    self.line(2.5 * cm, 1.6 * cm, A4[0] - 2 * cm, 1.6 * cm)
                    self.drawString(2.5 * cm, 1.15 * cm, fuss_links)
                    self.drawRightString(A4[0] - 2 * cm, 1.15 * cm, f"Seite {self._pageNumber} von {gesamt}")
                    super().showPage()
                super().save()

        dokument = SimpleDocTemplate(
            str(ziel),
            pagesize=A4,
            leftMargin=2.5 * cm,
            rightMargin=2 * cm,
            topMargin=2.2 * cm,
            bottomMargin=2.3 * cm,
            title=kopf["titel"],
            author=kopf.get("herausgeber", "Stadt Musterstadt"),
            subject=kopf["beschreibung"],
            creator="knowledge/build_documents.py",
            keywords=f"Musterstadt, {kopf['typ']}",
            lang="de-DE",
            invariant=1,
        )
        dokument.build(self.story(), canvasmaker=NummerierterCanvas)
        return ergebnis["seiten"]


# --------------------------------------------------------------------------- DOCX


def baue_docx(quelle: Quelle, ziel: Path) -> None:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    kopf = quelle.kopf
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        doc.styles[name].font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)

    def absatz_mit_markup(par, text: str) -> None:
        for k, teil in enumerate(re.split(r"\*\*", text)):
            if teil:
                par.add_run(teil).bold = k % 2 == 1

    doc.add_paragraph(kopf["titel"], style="Title")
    if kopf.get("untertitel"):
        doc.add_paragraph(kopf["untertitel"], style="Subtitle")
    doc.add_paragraph(f"Stand: {quelle.stand_de}")
    if kopf.get("herausgeber"):
        doc.add_paragraph("Herausgeberin: " + kopf["herausgeber"])

    bloecke = zerlege(quelle.rumpf)
    for b in bloecke:
        if b.art == "pagebreak":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif b.art in ("h1", "h2", "h3"):
            doc.add_heading(ohne_markup(b.text), level=int(b.art[1]))
        elif b.art == "p":
            absatz_mit_markup(doc.add_paragraph(), b.text)
        elif b.art == "caption":
            par = doc.add_paragraph(style="Caption")
            absatz_mit_markup(par, b.text)
        elif b.art == "quote":
            par = doc.add_paragraph(style="Intense Quote")
            absatz_mit_markup(par, ohne_markup(b.text))
        elif b.art in ("ul", "ol"):
            stil = "List Bullet" if b.art == "ul" else "List Number"
            for p in b.punkte:
                absatz_mit_markup(doc.add_paragraph(style=stil), p)
        elif b.art == "table":
            zeilen = b.zeilen
            tab = doc.add_table(rows=len(zeilen), cols=len(zeilen[0]))
            tab.style = "Table Grid"
            tab.alignment = WD_TABLE_ALIGNMENT.LEFT
            rechts = _rechtsbuendig(zeilen)
            for n, reihe in enumerate(zeilen):
                for j, zelle in enumerate(reihe):
                    par = tab.cell(n, j).paragraphs[0]
                    run = par.add_run(ohne_markup(zelle))
                    run.font.size = Pt(9.5)
                    run.bold = n == 0 or zelle.startswith("**")
                    if rechts[j]:
                        par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            # Kopfzeile auf Folgeseiten wiederholen
            tr_pr = tab.rows[0]._tr.get_or_add_trPr()
            kopfzeile = OxmlElement("w:tblHeader")
            kopfzeile.set(qn("w:val"), "true")
            tr_pr.append(kopfzeile)
            doc.add_paragraph()

    # Fußzeile mit Seitenzahl
    fuss = doc.sections[0].footer.paragraphs[0]
    fuss.text = f"{kopf.get('kurztitel', kopf['titel'])} · Stand {quelle.stand_de} · Seite "
    run = fuss.add_run()
    for art, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if art:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), art)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)

    eigen = doc.core_properties
    eigen.title = kopf["titel"]
    eigen.author = kopf.get("herausgeber", "Stadt Musterstadt")
    eigen.last_modified_by = "Stadt Musterstadt"
    eigen.subject = kopf["beschreibung"]
    eigen.keywords = f"Musterstadt, {kopf['typ']}"
    eigen.language = "de-DE"
    eigen.revision = 1
    zeitpunkt = datetime(quelle.stand.year, quelle.stand.month, quelle.stand.day, 9, 0, 0)
    eigen.created = zeitpunkt
    eigen.modified = zeitpunkt

    puffer = io.BytesIO()
    doc.save(puffer)
    _zip_mit_festen_zeitstempeln(puffer.getvalue(), ziel)


def _zip_mit_festen_zeitstempeln(inhalt: bytes, ziel: Path) -> None:
    """python-docx schreibt die Uhrzeit in die Zip-Einträge; für reproduzierbare Builds neu packen."""
    quelle = zipfile.ZipFile(io.BytesIO(inhalt))
    with zipfile.ZipFile(ziel, "w", compression=zipfile.ZIP_DEFLATED) as aus:
        for eintrag in quelle.infolist():
            neu = zipfile.ZipInfo(eintrag.filename, date_time=FESTES_DATUM)
            neu.compress_type = zipfile.ZIP_DEFLATED
            neu.external_attr = 0o644 << 16
            aus.writestr(neu, quelle.read(eintrag.filename))


# --------------------------------------------------------------------------- HTML


def baue_html(quelle: Quelle, ziel: Path) -> None:
    kopf = quelle.kopf

    def inline(text: str) -> str:
        text = html.escape(text, quote=False)
        return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)

    aus: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="de">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{html.escape(kopf['titel'])}</title>",
        f'<meta name="description" content="{html.escape(kopf["beschreibung"])}">',
        f'<meta name="author" content="{html.escape(kopf.get("herausgeber", "Stadt Musterstadt"))}">',
        f'<meta name="date" content="{quelle.stand.isoformat()}">',
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{inline(kopf['titel'])}</h1>",
    ]
    if kopf.get("untertitel"):
        aus.append(f'<p class="untertitel">{inline(kopf["untertitel"])}</p>')
    iso = quelle.stand.isoformat()
    aus.append(f'<p class="stand">Stand: <time datetime="{iso}">{quelle.stand_de}</time></p>')
    if kopf.get("herausgeber"):
        aus.append(f"<p>Herausgeberin: {inline(kopf['herausgeber'])}</p>")
    aus += ["</header>", "<main>"]

    bloecke = [b for b in zerlege(quelle.rumpf) if b.art != "pagebreak"]
    abschnitt_offen = False
    for i, b in enumerate(bloecke):
        vorher = bloecke[i - 1] if i else None
        if b.art == "h1":
            if abschnitt_offen:
                aus.append("</section>")
            aus += ["<section>", f"<h2>{inline(b.text)}</h2>"]
            abschnitt_offen = True
        elif b.art in ("h2", "h3"):
            ebene = int(b.art[1]) + 1
            aus.append(f"<h{ebene}>{inline(b.text)}</h{ebene}>")
        elif b.art == "caption":
            folgt = bloecke[i + 1] if i + 1 < len(bloecke) else None
            if not folgt or folgt.art != "table":  # Beschriftung ohne Tabelle bleibt ein Absatz
                aus.append(f"<p>{inline(b.text)}</p>")
        elif b.art == "p":
            aus.append(f"<p>{inline(b.text)}</p>")
        elif b.art == "quote":
            aus.append(f"<blockquote><p>{inline(b.text)}</p></blockquote>")
        elif b.art in ("ul", "ol"):
            aus += [f"<{b.art}>", *(f"<li>{inline(p)}</li>" for p in b.punkte), f"</{b.art}>"]
        elif b.art == "table":
            aus.append("<table>")
            if vorher and vorher.art == "caption":
                aus.append(f"<caption>{inline(vorher.text)}</caption>")
            aus.append(
                "<thead><tr>"
                + "".join(f'<th scope="col">{inline(z)}</th>' for z in b.zeilen[0])
                + "</tr></thead>"
            )
            aus.append("<tbody>")
            for reihe in b.zeilen[1:]:
                zellen = [
                    f'<th scope="row">{inline(reihe[0])}</th>',
                    *(f"<td>{inline(z)}</td>" for z in reihe[1:]),
                ]
                aus.append("<tr>" + "".join(zellen) + "</tr>")
            aus += ["</tbody>", "</table>"]
    if abschnitt_offen:
        aus.append("</section>")
    fuss = f"Stadt Musterstadt · {inline(kopf['titel'])} · Stand {quelle.stand_de}"
    aus += ["</main>", "<footer>", f"<p>{fuss}</p>", "</footer>", "</body>", "</html>", ""]
    ziel.write_text("\n".join(aus), encoding="utf-8")


# --------------------------------------------------------------------------- Manifest und Ablauf


def yaml_text(wert: str) -> str:
    return '"' + wert.replace("\\", "\\\\").replace('"', '\\"') + '"'


def schreibe_manifest(quellen: list[Quelle]) -> None:
    zeilen = [
        "# Wissensbasis Musterstadt: Verzeichnis der Beispieldokumente.",
        "# Erzeugt von knowledge/build_documents.py aus den Köpfen der Dateien in knowledge/quellen/.",
    ]
    for q in quellen:
        k = q.kopf
        zeilen += [
            f"- datei: dokumente/{k['datei']}",
            f"  titel: {yaml_text(k['titel'])}",
            f"  typ: {k['typ']}",
            f"  stand: {q.stand.isoformat()}",
            f"  beschreibung: {yaml_text(k['beschreibung'])}",
        ]
    (BASIS / "manifest.yaml").write_text("\n".join(zeilen) + "\n", encoding="utf-8")


def main() -> int:
    AUSGABE.mkdir(exist_ok=True)
    quellen = [lies_quelle(p) for p in sorted(QUELLEN.glob("*.md"))]
    quellen.sort(key=lambda q: int(q.kopf.get("reihenfolge", "99")))
    for q in quellen:
        ziel = AUSGABE / q.kopf["datei"]
        endung = ziel.suffix.lower()
        if endung == ".pdf":
            seiten = PdfSatz(q).baue(ziel)
            print(f"{ziel.relative_to(BASIS)}: {seiten} Seiten")
        elif endung == ".docx":
            baue_docx(q, ziel)
            print(f"{ziel.relative_to(BASIS)}")
        elif endung == ".html":
            baue_html(q, ziel)
            print(f"{ziel.relative_to(BASIS)}")
        elif endung == ".md":
            ziel.write_text(q.rumpf, encoding="utf-8")
            print(f"{ziel.relative_to(BASIS)}")
        else:
            raise SystemExit(f"{q.pfad.name}: Zielformat '{endung}' wird nicht unterstützt.")
    schreibe_manifest(quellen)
    print("manifest.yaml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
