"""Drafts over the real-dev documents: are the situation bullets whole sentences found on their cited page?

    python evals/draft_real_dev.py --index-dir DIR [--request evals/real-dev/entwurf-anfrage.yaml] [--out FILE]

Ingests ``../shared/data/real-dev`` into ``DIR`` (incremental) and drafts the request. For every cited
bullet (a list line with one [n] marker) it checks: *whole* — a complete sentence (the
eval's own check, independent of the product's: starts with a capital or a quote, ends with . ! ?, four
words or more, not after an abbreviation, brackets closed) or a rendered table row („Spalte: Wert; …“);
*on page* — its text, whitespace-normalised, occurs in the cited passage (which is one page of one
document); *fits label* — for the Ausgangslage bullets „- Bevölkerung: …“, the label's words in the bullet
(the same rule that selects them, so this only guards against regressions). Also counts goals without an
indicator and fields the documents say nothing about. Uses only public services, so the same script
measures older code (their checkout first on ``PYTHONPATH``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL_DEV = ROOT.parent / "shared" / "data" / "real-dev"
_MARKER = re.compile(r"\s*\[(\d+)\]\s*\.?$")


def _normal(text: str) -> str:
    return " ".join(text.replace("**", "").split()).lower()


def _whole_sentence(text: str) -> bool:
    words = text.split()
    if len(words) < 4 or not text.endswith((".", "!", "?")) or not (text[0].isupper() or text[0] in "„\"("):
        return False
    last = words[-1].rstrip(".").lower()
    if len(last) == 1 or re.fullmatch(r"(?:\w\.)+\w", last) or last in {"mio", "mrd", "ca", "bzw", "vgl", "nr"}:
        return False
    return text.count("(") == text.count(")")


def _figures(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:[.,]\d+)*", text))


def _on_page(body: str, passage: str, *, row: bool) -> bool:
    """A sentence is verbatim in its passage; a rendered row is not, but its figures and first cell are."""
    if not row:
        return _normal(body) in _normal(passage)
    return _figures(body) <= _figures(passage) and body.split(":")[0].lower() in _normal(passage)


def evaluate(request_file: Path, index_dir: Path) -> dict:
    from assistant.drafting.request import load_request
    from assistant.settings import load_settings
    from assistant.wiring import build_services

    services = build_services(load_settings().model_copy(update={"data_dir": index_dir}))
    sources = [p for p in sorted(REAL_DEV.iterdir()) if p.name.lower() != "readme.md"]
    services.ingestor.ingest(sources, progress=False, prune_missing=False)
    draft = services.drafts.draft(load_request(request_file))
    bullets = []
    for section in draft.sections:
        citations = {c.n: c for c in section.citations}
        for line in section.text.splitlines():
            markers = re.findall(r"\[(\d+)\]", line)
            if not line.startswith("- ") or len(markers) != 1 or line.startswith(("- Für ", "- Z")):
                continue
            text = _MARKER.sub("", line[2:]).strip()
            label = None
            if section.heading == "Ausgangslage" and section.level == 2 and ": " in text:
                label, text = text.split(": ", 1)
            citation = citations.get(int(markers[0]))
            body = text.rstrip(".")
            row = body.count(": ") >= 1 and ";" in body
            bullets.append(
                {
                    "section": section.heading,
                    "text": text,
                    "whole": _whole_sentence(text) or row,
                    "on_page": bool(citation) and _on_page(body, citation.text, row=row),
                    "label": label,
                    "cited": f"{citation.title}, S. {citation.page}" if citation else None,
                }
            )
    n = len(bullets) or 1
    goals_without_indicator = [g.id for g in draft.goals if not g.kennzahl or g.basiswert is None]
    return {
        "bullets": len(bullets),
        "whole": round(sum(b["whole"] for b in bullets) / n, 3),
        "on_page": round(sum(b["on_page"] for b in bullets) / n, 3),
        "whole_and_on_page": round(sum(b["whole"] and b["on_page"] for b in bullets) / n, 3),
        "goals": len(draft.goals),
        "goals_without_indicator_baseline": goals_without_indicator,
        "fields_without_facts": sum("keine Zahlen in der Wissensbasis" in w for w in draft.warnings),
        "rows": bullets,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--request", type=Path, default=ROOT / "evals" / "real-dev" / "entwurf-anfrage.yaml")
    parser.add_argument("--index-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    result = evaluate(args.request, args.index_dir)
    print(json.dumps({k: v for k, v in result.items() if k != "rows"}, ensure_ascii=False, indent=2))
    for row in result["rows"]:
        marks = ("✓" if row["whole"] else "✗") + ("✓" if row["on_page"] else "✗")
        print(f"{marks} {row['section'][:24]:24} {row['label'] or '':12} {row['text'][:110]}")
    if args.out:
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
