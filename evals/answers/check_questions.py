"""Prüft ``questions.jsonl`` gegen die gebauten Dokumente der Wissensbasis Musterstadt.

Aufruf aus dem Projektverzeichnis:

    .venv/bin/python evals/answers/check_questions.py

Geprüft wird: Pflichtfelder und eindeutige IDs; nicht beantwortbare Fragen haben keine Fakten und keine
Quellen; jede Quelle existiert (PDF: Seite im Bereich, sonst ``page: null``); jeder Schlüsselfakt steht in
mindestens einer der angegebenen Quellen und jede Quelle enthält mindestens einen Schlüsselfakt
(Leerraum normalisiert). Ein Viertel der Fragen muss nicht beantwortbar sein.
"""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from pathlib import Path

PROJEKT = Path(__file__).resolve().parents[2]
WISSEN = PROJEKT / "knowledge"
FRAGEN = Path(__file__).resolve().parent / "questions.jsonl"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@cache
def seiten(datei: str) -> tuple[str, ...]:
    """Text je Seite (PDF) oder der ganze Text als eine „Seite“ (DOCX, HTML, Markdown)."""
    pfad = WISSEN / datei
    if pfad.suffix == ".pdf":
        from pypdf import PdfReader

        return tuple(_norm(s.extract_text()) for s in PdfReader(pfad).pages)
    if pfad.suffix == ".docx":
        from docx import Document

        dokument = Document(pfad)
        teile = [p.text for p in dokument.paragraphs]
        teile += [z.text for t in dokument.tables for r in t.rows for z in r.cells]
        return (_norm(" ".join(teile)),)
    if pfad.suffix == ".html":
        from bs4 import BeautifulSoup

        return (_norm(BeautifulSoup(pfad.read_text(encoding="utf-8"), "html.parser").get_text(" ")),)
    return (_norm(pfad.read_text(encoding="utf-8")),)


def quelltext(quelle: dict) -> str | None:
    pfad = WISSEN / quelle["file"]
    if not pfad.is_file():
        return None
    texte = seiten(quelle["file"])
    if pfad.suffix == ".pdf":
        seite = quelle["page"]
        return texte[seite - 1] if isinstance(seite, int) and 1 <= seite <= len(texte) else None
    return texte[0] if quelle["page"] is None else None


def pruefe(fragen: list[dict]) -> list[str]:
    fehler = []
    ids = [f.get("id") for f in fragen]
    if len(ids) != len(set(ids)):
        fehler.append("Doppelte IDs.")
    for frage in fragen:
        fid = frage.get("id", "?")
        fehlend = {"id", "question", "answerable", "key_facts", "sources"} - frage.keys()
        if fehlend:
            fehler.append(f"{fid}: Felder fehlen: {sorted(fehlend)}")
            continue
        if not frage["answerable"]:
            if frage["key_facts"] or frage["sources"]:
                fehler.append(f"{fid}: nicht beantwortbar, hat aber Fakten oder Quellen")
            continue
        if not frage["key_facts"] or not frage["sources"]:
            fehler.append(f"{fid}: beantwortbar, aber ohne Fakten oder Quellen")
            continue
        texte = []
        for quelle in frage["sources"]:
            text = quelltext(quelle)
            if text is None:
                fehler.append(f"{fid}: Quelle {quelle} gibt es nicht (Datei oder Seite)")
            elif not any(_norm(fakt) in text for fakt in frage["key_facts"]):
                fehler.append(f"{fid}: Quelle {quelle} enthält keinen der Schlüsselfakten")
            else:
                texte.append(text)
        for fakt in frage["key_facts"]:
            if texte and not any(_norm(fakt) in t for t in texte):
                fehler.append(f"{fid}: Schlüsselfakt {fakt!r} steht in keiner Quelle")
    nicht_beantwortbar = sum(not f.get("answerable", True) for f in fragen)
    if nicht_beantwortbar * 4 < len(fragen):
        fehler.append(
            f"Nur {nicht_beantwortbar} von {len(fragen)} Fragen sind nicht beantwortbar (Soll: ein Viertel)."
        )
    return fehler


def main() -> int:
    fragen = [json.loads(z) for z in FRAGEN.read_text(encoding="utf-8").splitlines() if z.strip()]
    fehler = pruefe(fragen)
    if fehler:
        print("\n".join(fehler), file=sys.stderr)
        return 1
    beantwortbar = sum(f["answerable"] for f in fragen)
    offen = len(fragen) - beantwortbar
    print(f"{len(fragen)} Fragen in Ordnung: {beantwortbar} beantwortbar, {offen} nicht beantwortbar.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
