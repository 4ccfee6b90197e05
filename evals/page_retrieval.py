"""Page-level retrieval on the real-dev documents: is the page that answers a question among the hits?

    python evals/page_retrieval.py [--questions evals/real-dev/questions.jsonl] [--index-dir DIR] [--out FILE]

Ingests ``../shared/data/real-dev`` (all PDFs and the Ulm Markdown files, as `assistant eval answers` does)
and asks the hybrid retriever each answerable question; reports per split the share of questions whose
source document / source page is at rank 1 and within the top 5, and the page MRR@10. Uses only the
public services, so the same script measures older versions of the code (run with their checkout first on
``PYTHONPATH``) — that is how the before/after figures of issue 10 were taken.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL_DEV = ROOT.parent / "shared" / "data" / "real-dev"
K = 10


def _sources(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.iterdir()) if p.name.lower() != "readme.md"]


def _rank(hits, sources: list[dict], *, page: bool) -> int | None:
    for hit in hits:
        for source in sources:
            same_file = Path(hit.path or "").name == Path(source["file"]).name
            if same_file and (not page or source.get("page") in (None, hit.page)):
                return hit.rank
    return None


def _metrics(rows: list[dict]) -> dict:
    n = len(rows) or 1

    def share(key: str, limit: int) -> float:
        return round(sum(1 for r in rows if r[key] is not None and r[key] <= limit) / n, 3)

    return {
        "questions": len(rows),
        "document_at_1": share("document_rank", 1),
        "document_in_top5": share("document_rank", 5),
        "page_at_1": share("page_rank", 1),
        "page_in_top5": share("page_rank", 5),
        "page_mrr_at_10": round(sum(1 / r["page_rank"] for r in rows if r["page_rank"]) / n, 3),
    }


def evaluate(questions_file: Path, index_dir: Path) -> dict:
    from assistant.settings import load_settings
    from assistant.wiring import build_services

    settings = load_settings().model_copy(update={"data_dir": index_dir})
    services = build_services(settings)
    started = time.perf_counter()
    report = services.ingestor.ingest(_sources(REAL_DEV), progress=False, prune_missing=False)
    ingest_s = round(time.perf_counter() - started, 1)
    questions = [json.loads(line) for line in questions_file.read_text(encoding="utf-8").splitlines() if line]
    rows = []
    for question in questions:
        if not question.get("answerable") or not question.get("sources"):
            continue
        hits = services.retriever.search(question["question"], k=K)
        rows.append(
            {
                "id": question["id"],
                "split": question.get("split", "alle"),
                "document_rank": _rank(hits, question["sources"], page=False),
                "page_rank": _rank(hits, question["sources"], page=True),
            }
        )
    splits = sorted({r["split"] for r in rows})
    return {
        "documents": len(services.catalog.documents()),
        "chunks": len(services.catalog.chunk_ids()),
        "failed_files": [f.path for f in report.failed],
        "ingest_s": ingest_s,
        "splits": {s: _metrics([r for r in rows if r["split"] == s]) for s in splits},
        "rows": rows,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=ROOT / "evals" / "real-dev" / "questions.jsonl")
    parser.add_argument("--index-dir", type=Path, help="keep the index here (default: a temporary folder)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="page-retrieval-") as temporary:
        result = evaluate(args.questions, args.index_dir or Path(temporary))
    summary = {k: v for k, v in result.items() if k != "rows"}
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    if args.out:
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
