"""Titles, Stand and types of the real-dev documents against a gold list written by reading the PDFs.

    python evals/document_metadata.py [--gold GOLD.yaml] [--out evals/results/document-metadata.json]

The gold list (``evals/real-dev/documents.yaml``) was written by a helper session from the rendered pages,
without seeing the extractor's output. A title counts as right when it is readable (not junk) and contains
all the gold ``title_keywords``; a Stand when it equals the gold date or one of ``stand_also_ok`` (month
and year only where the document prints no day); a type when it matches the gold type under the mapping
below (our types are coarser than the gold's vocabulary).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
REAL_DEV = ROOT.parent / "shared" / "data" / "real-dev"

# gold type -> the types of ours that mean the same
TYPE_EQUIVALENTS = {
    "niederschrift": {"niederschrift"},
    "einladung": {"niederschrift"},  # invitations and minutes are both Sitzungsunterlagen
    "antrag": {"ratsbeschluss"},
    "stellungnahme": {"ratsbeschluss"},
    "ratsbeschluss": {"ratsbeschluss"},
    "strategie": {"gesamtstrategie", "fachstrategie"},
    "plan": {"konzept"},
}


def _as_list(value) -> list:
    return [] if value is None else value if isinstance(value, list) else [value]


def _type_ok(found: str, gold: list[str]) -> bool:
    return any(found in TYPE_EQUIVALENTS.get(g, {g}) for g in gold)


def _stand_ok(found: date | None, entry: dict) -> bool:
    gold = entry.get("stand")
    accepted = [gold, *_as_list(entry.get("stand_also_ok"))] if gold else []
    if not accepted:
        return found is None
    if found is None:
        return False
    if entry.get("stand_precision") == "month":
        return any((found.year, found.month) == (d.year, d.month) for d in accepted)
    return found in accepted


def evaluate(gold_path: Path) -> dict:
    from assistant.ingest.loaders import load_document
    from assistant.ingest.titles import is_junk

    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))["documents"]
    rows = []
    for entry in gold:
        path = REAL_DEV / entry["file"]
        started = time.perf_counter()
        try:
            document = load_document(path)
            title, stand, doc_type = document.title, document.stand, document.doc_type
            ocr_pages = len(getattr(document, "ocr_pages", []))  # older versions had no OCR
            error = None
        except Exception as exc:  # a refused document counts as wrong on every field
            title, stand, doc_type, ocr_pages, error = "", None, "", 0, str(exc)
        keywords = [k.lower() for k in entry.get("title_keywords", [])]
        rows.append(
            {
                "file": entry["file"],
                "title": title,
                "title_ok": bool(title) and not is_junk(title) and all(k in title.lower() for k in keywords),
                "stand": stand.isoformat() if stand else None,
                "gold_stand": entry.get("stand").isoformat() if entry.get("stand") else None,
                "stand_ok": _stand_ok(stand, entry),
                "doc_type": doc_type,
                "type_ok": _type_ok(doc_type, [entry["doc_type"], *_as_list(entry.get("doc_type_also_ok"))]),
                "scanned": bool(entry.get("scanned")),
                "ocr_pages": ocr_pages,
                "error": error,
                "seconds": round(time.perf_counter() - started, 2),
            }
        )
    n = len(rows)
    scanned = [r for r in rows if r["scanned"]]
    with_stand = [r for r, e in zip(rows, gold, strict=True) if e.get("stand")]
    summary = {
        "documents": n,
        "title_ok": round(sum(r["title_ok"] for r in rows) / n, 3),
        "stand_ok": round(sum(r["stand_ok"] for r in rows) / n, 3),
        "stand_found_where_stated": round(sum(r["stand_ok"] for r in with_stand) / max(1, len(with_stand)), 3),
        "type_ok": round(sum(r["type_ok"] for r in rows) / n, 3),
        "scanned_searchable": f"{sum(r['ocr_pages'] > 0 for r in scanned)} of {len(scanned)}",
        "refused": sum(r["error"] is not None for r in rows),
    }
    return {"summary": summary, "documents": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "evals" / "real-dev" / "documents.yaml")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    result = evaluate(args.gold)
    for row in result["documents"]:
        marks = "".join("✓" if row[k] else "✗" for k in ("title_ok", "stand_ok", "type_ok"))
        print(f"{marks} {Path(row['file']).name[:44]:44} {row['title'][:60]!r:64} {row['stand']} {row['doc_type']}")
    print(json.dumps(result["summary"], ensure_ascii=False, indent=2))
    if args.out:
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
