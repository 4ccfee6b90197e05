"""Prüft den Fragensatz ``questions.jsonl`` gegen den Text, den das Produkt aus den echten Dokumenten zieht.

Aufruf aus dem Projektverzeichnis:

    .venv/bin/python evals/real-dev/check_questions.py [--data ../shared/data/real-dev]

Geprüft wird in ``questions.jsonl``:

- Pflichtfelder, erlaubte Werte (``split``: tune/test, ``kind``), eindeutige IDs (auch über beide Dateien);
- nicht beantwortbare Fragen haben ``key_facts: []`` und ``sources: []``;
- beantwortbare Fragen haben 1–3 Schlüsselfakten und mindestens eine Quelle; jede Quelle gibt es
  (Datei vorhanden, PDF: Seite im Bereich, Markdown: ``page: null``); keine Quelle ist eines der
  gescannten PDFs ohne Textebene;
- jeder Schlüsselfakt steht im extrahierten Text (``assistant.ingest.loaders.load_document``, Blöcke der
  angegebenen Seite) mindestens einer angegebenen Quelle, und jede Quelle enthält mindestens einen
  Schlüsselfakt. Vergleich nach Kleinschreibung, zusammengefasstem Leerraum und U+2212/U+2013 → „-“;
- Mindestzahlen (52 beantwortbar, 18 nicht beantwortbar) und ausgewogene Splits: je Gruppe
  (beantwortbar / nicht beantwortbar) höchstens 2 Fragen Unterschied zwischen tune und test, je Dokument
  höchstens 1.

``questions_loader_gaps.jsonl`` (Fragen zu Seiten/Dokumenten, die der Loader derzeit verliert, obwohl das
PDF eine Textebene hat) wird gegen den pypdf-Rohtext (``extract_text()``) der Seite geprüft; zusätzlich wird
gemeldet, ob der Produkt-Loader die Fakten inzwischen liefert (dann kann die Frage in den Hauptsatz).

Exit-Code 0: alles in Ordnung; 1: mindestens ein Befund.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

HIER = Path(__file__).resolve().parent
PROJEKT = HIER.parents[1]
STANDARD_DATEN = PROJEKT.parent / "shared" / "data" / "real-dev"
HAUPT = HIER / "questions.jsonl"
LUECKEN = HIER / "questions_loader_gaps.jsonl"

FELDER = {"id", "question", "answerable", "key_facts", "sources", "split", "kind"}
ARTEN = {"figure", "date", "name", "what", "yesno"}
# PDFs ohne Textebene (siehe README der Daten): nie Quelle einer beantwortbaren Frage
OHNE_TEXT = {
    "pdf/erlangen/SBR_2021-04-14_Anhang_Erlangen-Massnahmenplan_2035-5.pdf",
    "pdf/erlangen/recht_ortsbeiraete_140_00_satzung_plan_2026.pdf",
}
MIN_BEANTWORTBAR = 52
MIN_OFFEN = 18

DATEN = STANDARD_DATEN


def norm(text: str) -> str:
    text = text.replace("\u2212", "-").replace("\u2013", "-")
    return re.sub(r"\s+", " ", text).strip().lower()


@cache
def produkt_seiten(datei: str) -> dict[int | None, str] | str:
    """Seitentext aus dem Produkt-Loader: {Seite: Text}; bei Ladefehler die Fehlermeldung (str)."""
    if str(PROJEKT) not in sys.path:
        sys.path.insert(0, str(PROJEKT))
    from assistant.ingest.loaders import load_document

    try:
        dokument = load_document(DATEN / datei)
    except Exception as exc:  # IngestError u. a.: als Befund melden, nicht abbrechen
        return f"{type(exc).__name__}: {exc}"
    teile: dict[int | None, list[str]] = defaultdict(list)
    for block in dokument.blocks:
        teile[block.page].append(block.text)
    return {seite: norm("\n".join(texte)) for seite, texte in teile.items()}


@cache
def pdf_seitenzahl(datei: str) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(DATEN / datei), strict=False).pages)


@cache
def rohtext_seiten(datei: str) -> tuple[str, ...]:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    return tuple(norm(s.extract_text() or "") for s in PdfReader(str(DATEN / datei), strict=False).pages)


def lade(pfad: Path) -> tuple[list[dict], list[str]]:
    fragen, fehler = [], []
    for nr, zeile in enumerate(pfad.read_text(encoding="utf-8").splitlines(), start=1):
        if not zeile.strip():
            continue
        try:
            fragen.append(json.loads(zeile))
        except json.JSONDecodeError as exc:
            fehler.append(f"{pfad.name}:{nr}: kein gültiges JSON ({exc})")
    return fragen, fehler


def pruefe_form(frage: dict, fehler: list[str]) -> bool:
    fid = frage.get("id", "?")
    fehlend = FELDER - frage.keys()
    if fehlend:
        fehler.append(f"{fid}: Felder fehlen: {sorted(fehlend)}")
        return False
    if not isinstance(frage["answerable"], bool):
        fehler.append(f"{fid}: answerable ist kein Wahrheitswert")
        return False
    if frage["split"] not in {"tune", "test"}:
        fehler.append(f"{fid}: split {frage['split']!r} ist weder tune noch test")
    if frage["kind"] not in ARTEN:
        fehler.append(f"{fid}: kind {frage['kind']!r} unbekannt (erlaubt: {sorted(ARTEN)})")
    if not str(frage["question"]).strip():
        fehler.append(f"{fid}: leere Frage")
    if not frage["answerable"]:
        if frage["key_facts"] or frage["sources"]:
            fehler.append(f"{fid}: nicht beantwortbar, hat aber Schlüsselfakten oder Quellen")
        return False
    if not 1 <= len(frage["key_facts"]) <= 3:
        fehler.append(f"{fid}: {len(frage['key_facts'])} Schlüsselfakten (erlaubt 1–3)")
    if not frage["sources"]:
        fehler.append(f"{fid}: beantwortbar, aber ohne Quelle")
        return False
    for quelle in frage["sources"]:
        datei, seite = quelle.get("file"), quelle.get("page", "fehlt")
        if not datei or not (DATEN / datei).is_file():
            fehler.append(f"{fid}: Quelldatei {datei!r} gibt es nicht")
            return False
        if datei in OHNE_TEXT:
            fehler.append(f"{fid}: Quelle {datei} ist ein Scan ohne Textebene")
        if datei.endswith(".pdf"):
            if not isinstance(seite, int) or not 1 <= seite <= pdf_seitenzahl(datei):
                fehler.append(f"{fid}: Seite {seite!r} liegt nicht in {datei}")
                return False
        elif seite is not None:
            fehler.append(f"{fid}: {datei} ist kein PDF, page muss null sein (ist {seite!r})")
            return False
    return True


def pruefe_fakten(frage: dict, text_von, fehler: list[str]) -> None:
    """text_von(quelle) -> normalisierter Seitentext oder str-Fehlermeldung mit Präfix '!'."""
    fid = frage["id"]
    texte = []
    for quelle in frage["sources"]:
        text = text_von(quelle)
        if text.startswith("!"):
            fehler.append(f"{fid}: {quelle['file']} S. {quelle['page']}: {text[1:]}")
            continue
        if not any(norm(f) in text for f in frage["key_facts"]):
            fehler.append(f"{fid}: Quelle {quelle['file']} S. {quelle['page']} enthält keinen Schlüsselfakt")
        texte.append(text)
    for fakt in frage["key_facts"]:
        if texte and not any(norm(fakt) in t for t in texte):
            fehler.append(f"{fid}: Schlüsselfakt {fakt!r} steht in keiner angegebenen Quelle")


def produkt_text(quelle: dict) -> str:
    seiten = produkt_seiten(quelle["file"])
    if isinstance(seiten, str):
        return "!Produkt-Loader liefert das Dokument nicht (" + seiten + ")"
    if quelle["page"] not in seiten:
        return "!Produkt-Loader liefert für diese Seite keinen Text"
    return seiten[quelle["page"]]


def roh_text(quelle: dict) -> str:
    return rohtext_seiten(quelle["file"])[quelle["page"] - 1]


def pruefe_splits(fragen: list[dict], fehler: list[str], name: str) -> None:
    for gruppe, wert in (("beantwortbar", True), ("nicht beantwortbar", False)):
        teil = [f for f in fragen if f.get("answerable") is wert]
        zahl = Counter(f.get("split") for f in teil)
        if abs(zahl["tune"] - zahl["test"]) > 2:
            fehler.append(f"{name}: Split unausgewogen ({gruppe}): tune {zahl['tune']}, test {zahl['test']}")
        je_dok: dict[str, Counter] = defaultdict(Counter)
        for f in teil:
            je_dok[f.get("doc") or (f["sources"][0]["file"] if f.get("sources") else "?")][f.get("split")] += 1
        for dok, z in je_dok.items():
            if abs(z["tune"] - z["test"]) > 1:
                fehler.append(f"{name}: Split in {dok} unausgewogen ({gruppe}): {dict(z)}")


def tabelle(fragen: list[dict]) -> str:
    zeilen = []
    for split in ("tune", "test"):
        teil = [f for f in fragen if f.get("split") == split]
        ja = sum(f["answerable"] for f in teil)
        zeilen.append(f"  {split:4}: {len(teil):3} Fragen, {ja:3} beantwortbar, {len(teil) - ja:3} nicht beantwortbar")
    return "\n".join(zeilen)


def main() -> int:
    global DATEN
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=STANDARD_DATEN, help="Ordner real-dev (Standard: %(default)s)")
    args = parser.parse_args()
    DATEN = args.data.resolve()
    if not DATEN.is_dir():
        print(f"Datenordner {DATEN} fehlt.", file=sys.stderr)
        return 1

    fehler: list[str] = []
    haupt, f1 = lade(HAUPT)
    luecken, f2 = lade(LUECKEN) if LUECKEN.is_file() else ([], [])
    fehler += f1 + f2

    ids = [f.get("id") for f in haupt + luecken]
    doppelt = sorted(i for i, n in Counter(ids).items() if n > 1)
    if doppelt:
        fehler.append(f"Doppelte IDs: {doppelt}")

    for frage in haupt:
        if pruefe_form(frage, fehler):
            pruefe_fakten(frage, produkt_text, fehler)
    hinweise = []
    for frage in luecken:
        if not frage.get("answerable", False):
            fehler.append(f"{frage.get('id')}: Lücken-Datei enthält nur beantwortbare Fragen")
            continue
        if pruefe_form(frage, fehler):
            pruefe_fakten(frage, roh_text, fehler)
            jetzt: list[str] = []
            pruefe_fakten(frage, produkt_text, jetzt)
            if not jetzt:
                hinweise.append(
                    f"{frage['id']}: der Produkt-Loader liefert die Fakten inzwischen – Frage kann in den Hauptsatz"
                )

    beantwortbar = sum(f.get("answerable") is True for f in haupt)
    offen = sum(f.get("answerable") is False for f in haupt)
    if beantwortbar < MIN_BEANTWORTBAR:
        fehler.append(f"Nur {beantwortbar} beantwortbare Fragen (Soll: mindestens {MIN_BEANTWORTBAR})")
    if offen < MIN_OFFEN:
        fehler.append(f"Nur {offen} nicht beantwortbare Fragen (Soll: mindestens {MIN_OFFEN})")
    pruefe_splits(haupt, fehler, HAUPT.name)
    pruefe_splits(luecken, fehler, LUECKEN.name)

    print(f"{HAUPT.name}: {len(haupt)} Fragen, {beantwortbar} beantwortbar, {offen} nicht beantwortbar")
    print(tabelle(haupt))
    print("  Arten: " + ", ".join(f"{k} {n}" for k, n in sorted(Counter(f.get("kind") for f in haupt).items())))
    dokumente = Counter(f.get("doc") for f in haupt)
    print(f"  {len(dokumente)} Dokumente:")
    for dok, n in sorted(dokumente.items()):
        ja = sum(1 for f in haupt if f.get("doc") == dok and f.get("answerable"))
        print(f"    {n:2} ({ja:2} beantwortbar)  {dok}")
    if luecken:
        print(f"{LUECKEN.name}: {len(luecken)} Fragen (gegen pypdf-Rohtext geprüft)")
        print(tabelle(luecken))
    for hinweis in hinweise:
        print("Hinweis: " + hinweis)
    if fehler:
        print(f"\n{len(fehler)} Befund(e):", file=sys.stderr)
        print("\n".join(fehler), file=sys.stderr)
        return 1
    print("In Ordnung.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
