"""Erzeugt den BEIR-Datensatz (corpus.jsonl, queries.jsonl, qrels.tsv) zur Wissensbasis Musterstadt.

Aufruf aus dem Projektverzeichnis:

    .venv/bin/python evals/musterstadt/build_corpus.py [--kandidaten]

Der Korpus entsteht aus den gebauten Dokumenten in ``knowledge/dokumente/``, die Anfragen und
Relevanzurteile aus ``fragen.yaml``. Jeder als relevant markierte Eintrag muss einen der Belege der
Anfrage enthalten; sonst bricht das Skript ab (etwa weil sich nach einer Änderung der Quellen die
Seitenumbrüche verschoben haben). ``--kandidaten`` listet zusätzlich nicht markierte Einträge, die
einen Beleg enthalten, zur Prüfung von Hand.

Ein Korpus-Eintrag ist bei PDF eine Seite (``haushalt-2026-p5``: Text, wie pypdf ihn auszieht), bei DOCX,
HTML und Markdown ein Abschnitt der obersten Gliederungsebene (``beteiligung-s3``): Überschrift 1 in DOCX,
``<section>``/``<h2>`` in HTML, ``## `` in Markdown. Was vor dem ersten Abschnitt steht (Titel, Stand,
Kopfangaben), wird dem ersten Abschnitt vorangestellt. ``title`` ist der Titel aus dem Manifest
(``knowledge/manifest.yaml``).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

PROJEKT = Path(__file__).resolve().parents[2]
WISSEN = PROJEKT / "knowledge"
ORDNER = Path(__file__).resolve().parent

# Kurzname je Datei: Präfix der Korpus-IDs
PRAEFIX = {
    "gesamtstrategie-musterstadt-2035-entwurf.pdf": "gesamtstrategie",
    "fachstrategie-bildung-familien-jugend.docx": "bildung",
    "fachstrategie-bauen-und-wohnen.pdf": "bauen",
    "wirtschaftsplan-2026-wohnungsbaugesellschaft.pdf": "wirtschaftsplan",
    "haushaltsplan-2026-auszug.pdf": "haushalt-2026",
    "demografiebericht-2025.pdf": "demografie",
    "bericht-buergerbeteiligung-gesamtstrategie.html": "beteiligung",
    "beschlussvorlage-2026-047-gesamtstrategie.md": "ratsbeschluss",
    "klimaschutz-und-mobilitaetskonzept-kurzfassung.md": "klima",
}


def pdf_seiten(pfad: Path) -> list[str]:
    from pypdf import PdfReader

    return [seite.extract_text().strip() for seite in PdfReader(pfad).pages]


def docx_abschnitte(pfad: Path) -> list[str]:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    dokument = Document(pfad)
    vorspann: list[str] = []
    abschnitte: list[list[str]] = []
    for element in dokument.element.body.iterchildren():
        if element.tag.endswith("}p"):
            absatz = Paragraph(element, dokument)
            text = absatz.text.strip()
            if absatz.style.name == "Heading 1":
                abschnitte.append([])
            if text:
                (abschnitte[-1] if abschnitte else vorspann).append(text)
        elif element.tag.endswith("}tbl"):
            zeilen = [
                " | ".join(zelle.text.strip() for zelle in reihe.cells)
                for reihe in Table(element, dokument).rows
            ]
            (abschnitte[-1] if abschnitte else vorspann).extend(zeilen)
    return _mit_vorspann(vorspann, abschnitte)


def html_abschnitte(pfad: Path) -> list[str]:
    from bs4 import BeautifulSoup

    suppe = BeautifulSoup(pfad.read_text(encoding="utf-8"), "html.parser")
    kopf = suppe.find("header")
    vorspann = [_html_text(kopf)] if kopf else []
    abschnitte = [[_html_text(abschnitt)] for abschnitt in suppe.find_all("section")]
    return _mit_vorspann(vorspann, abschnitte)


def _html_text(knoten) -> str:
    zeilen: list[str] = []
    for kind in knoten.find_all(["h1", "h2", "h3", "h4", "p", "li", "caption", "tr"]):
        if kind.name == "tr":
            zeilen.append(
                " | ".join(zelle.get_text(" ", strip=True) for zelle in kind.find_all(["th", "td"]))
            )
        elif kind.find_parent(["li", "table"]) is None or kind.name == "caption":
            zeilen.append(kind.get_text(" ", strip=True))
    return "\n".join(z for z in zeilen if z)


def markdown_abschnitte(pfad: Path) -> list[str]:
    teile = re.split(r"(?m)^(?=## )", pfad.read_text(encoding="utf-8"))
    vorspann, abschnitte = teile[0], teile[1:]
    return _mit_vorspann([vorspann.strip()], [[a.strip()] for a in abschnitte])


def _mit_vorspann(vorspann: list[str], abschnitte: list[list[str]]) -> list[str]:
    if not abschnitte:
        return ["\n".join(vorspann)]
    abschnitte[0] = [*vorspann, *abschnitte[0]]
    return ["\n".join(a).strip() for a in abschnitte]


def eintraege() -> list[dict]:
    manifest = yaml.safe_load((WISSEN / "manifest.yaml").read_text(encoding="utf-8"))
    ergebnis = []
    for dokument in manifest:
        pfad = WISSEN / dokument["datei"]
        praefix = PRAEFIX[pfad.name]
        if pfad.suffix == ".pdf":
            teile, zeichen = pdf_seiten(pfad), "p"
        elif pfad.suffix == ".docx":
            teile, zeichen = docx_abschnitte(pfad), "s"
        elif pfad.suffix == ".html":
            teile, zeichen = html_abschnitte(pfad), "s"
        else:
            teile, zeichen = markdown_abschnitte(pfad), "s"
        for nummer, text in enumerate(teile, start=1):
            ergebnis.append({"_id": f"{praefix}-{zeichen}{nummer}", "title": dokument["titel"], "text": text})
    return ergebnis


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pruefe_fragen(korpus: list[dict], fragen: list[dict], kandidaten: bool) -> list[str]:
    """Fehlermeldungen zu den Relevanzurteilen; druckt auf Wunsch weitere Kandidaten."""
    texte = {eintrag["_id"]: _norm(eintrag["text"]) for eintrag in korpus}
    fehler = []
    ids = [frage["id"] for frage in fragen]
    if len(ids) != len(set(ids)):
        fehler.append("Doppelte Anfrage-IDs in fragen.yaml.")
    for frage in fragen:
        belege = [_norm(b) for b in frage["beleg"]]
        for kid in frage["relevant"]:
            if kid not in texte:
                fehler.append(f"{frage['id']}: unbekannter Korpus-Eintrag {kid}")
            elif not any(b in texte[kid] for b in belege):
                fehler.append(f"{frage['id']}: {kid} enthält keinen der Belege {frage['beleg']}")
        if kandidaten:
            weitere = [
                k for k, t in texte.items() if k not in frage["relevant"] and any(b in t for b in belege)
            ]
            if weitere:
                print(f"{frage['id']} ({frage['text']}): weitere Treffer {weitere}")
    return fehler


def main() -> int:
    korpus = eintraege()
    with (ORDNER / "corpus.jsonl").open("w", encoding="utf-8") as datei:
        for eintrag in korpus:
            datei.write(json.dumps(eintrag, ensure_ascii=False) + "\n")
    fragen = yaml.safe_load((ORDNER / "fragen.yaml").read_text(encoding="utf-8"))
    fehler = pruefe_fragen(korpus, fragen, "--kandidaten" in sys.argv)
    if fehler:
        print("\n".join(fehler), file=sys.stderr)
        return 1
    with (ORDNER / "queries.jsonl").open("w", encoding="utf-8") as datei:
        for frage in fragen:
            datei.write(json.dumps({"_id": frage["id"], "text": frage["text"]}, ensure_ascii=False) + "\n")
    urteile = [(frage["id"], kid) for frage in fragen for kid in frage["relevant"]]
    with (ORDNER / "qrels.tsv").open("w", encoding="utf-8") as datei:
        datei.write("query-id\tcorpus-id\tscore\n")
        datei.writelines(f"{qid}\t{kid}\t1\n" for qid, kid in urteile)
    print(
        f"evals/musterstadt: {len(korpus)} Korpus-Einträge, {len(fragen)} Anfragen, "
        f"{len(urteile)} Relevanzurteile"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
