"""Benchmark: raw embedding throughput per backend and batch size (how ``EMBED_BATCH_SIZE`` was chosen).

Run: ``.venv/bin/python benchmarks/bench_embedding.py [--repeats 3]``. The texts are exactly what an ingest
of the Musterstadt knowledge base embeds (chunk texts and answer-unit contexts). Medians over repeats; each
backend's ratio against torch at batch 32 (the setting before) in the same run; writes
``benchmarks/results/embedding.json``. Not a test: nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.index.embedders import SentenceTransformerEmbedder  # noqa: E402
from assistant.index.unit_store import unit_contexts, unit_pieces  # noqa: E402
from assistant.ingest.chunking import chunk_document, indexed_text  # noqa: E402
from assistant.ingest.loaders import load_document  # noqa: E402
from assistant.settings import load_settings  # noqa: E402

BATCH_SIZES = (16, 32, 64, 128)
BACKENDS = ("torch", "onnx-int8")


def ingest_texts(source: Path) -> list[str]:
    settings = load_settings()
    texts: list[str] = []
    for path in sorted(p for p in source.iterdir() if p.suffix in {".pdf", ".docx", ".md", ".html", ".txt"}):
        chunks = chunk_document(load_document(path), "x", "v", settings.chunking)
        texts.extend(indexed_text(c) for c in chunks)
        texts.extend(unit_contexts(unit_pieces(chunks)))
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", type=Path, default=ROOT / "knowledge" / "dokumente")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--limit", type=int, default=600, help="so many texts, evenly drawn from all")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "embedding.json")
    args = parser.parse_args()
    texts = ingest_texts(args.source)
    texts = texts[:: max(1, len(texts) // args.limit)][: args.limit]
    embedders = {}
    for backend in BACKENDS:
        settings = load_settings().embedding.model_copy(update={"backend": backend})
        embedders[backend] = SentenceTransformerEmbedder(settings)
        embedders[backend].embed_documents(["Aufwärmen"])
    seconds: dict[str, dict[int, list[float]]] = {b: {s: [] for s in BATCH_SIZES} for b in BACKENDS}
    for _ in range(args.repeats):  # interleaved, so that load from other processes hits every variant alike
        for backend in BACKENDS:
            for size in BATCH_SIZES:
                embedder = embedders[backend]
                embedder._settings = embedder._settings.model_copy(update={"batch_size": size})
                started = time.perf_counter()
                embedder.embed_documents(texts)
                seconds[backend][size].append(time.perf_counter() - started)
    baseline = statistics.median(seconds["torch"][32])
    result = {
        "machine": {"cpus": os.cpu_count(), "load_average_1min": round(os.getloadavg()[0], 2)},
        "texts": len(texts),
        "repeats": args.repeats,
        "baseline": "torch, batch 32",
        "results": {
            backend: {
                str(size): {
                    "seconds_median": round(statistics.median(values), 3),
                    "texts_per_second": round(len(texts) / statistics.median(values), 1),
                    "speedup_vs_baseline": round(baseline / statistics.median(values), 2),
                }
                for size, values in sizes.items()
            }
            for backend, sizes in seconds.items()
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
