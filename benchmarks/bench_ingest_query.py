"""Benchmark: ingest throughput vs raw embedding time, hybrid query latency on ≥10,000 chunks, memory.

Run: ``make bench`` (or ``.venv/bin/python benchmarks/bench_ingest_query.py [--chunks 10000]``).
Reports medians and the ratio against a baseline measured in the same process; writes
``benchmarks/results/ingest_query.json``. Not a test: nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.ingest.chunking import chunk_document, content_hash, indexed_text  # noqa: E402
from assistant.ingest.loaders import load_document  # noqa: E402
from assistant.models import Block, LoadedDocument  # noqa: E402
from assistant.settings import load_settings  # noqa: E402
from assistant.wiring import build_services  # noqa: E402

XQUAD = ROOT.parent / "shared" / "data" / "xquad-de" / "corpus.jsonl"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_ingest(source: Path, repeats: int) -> dict:
    settings = load_settings()
    files = sorted(p for p in source.iterdir() if p.suffix in {".pdf", ".docx", ".md", ".html", ".txt"})
    documents = [load_document(p) for p in files]
    pages = sum(d.pages or 1 for d in documents)
    texts = [indexed_text(c) for d in documents for c in chunk_document(d, "x", "v", settings.chunking)]
    pipeline_seconds, embed_seconds = [], []
    embedder = None
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as temporary:
            services = build_services(settings.model_copy(update={"data_dir": Path(temporary)}))
            if embedder is not None:
                services.__dict__["embedder"] = embedder
            embedder = services.embedder
            embedder.embed_documents(["Aufwärmen"])  # model load is not ingest work
            started = time.perf_counter()
            report = services.ingestor.ingest([source], progress=False)
            pipeline_seconds.append(time.perf_counter() - started)
            services.catalog.close()
        started = time.perf_counter()
        embedder.embed_documents(texts)
        embed_seconds.append(time.perf_counter() - started)
    pipeline = statistics.median(pipeline_seconds)
    embed = statistics.median(embed_seconds)
    return {
        "files": len(files),
        "pages": pages,
        "chunks": report.chunks,
        "pipeline_seconds_median": round(pipeline, 3),
        "raw_embedding_seconds_median": round(embed, 3),
        "pages_per_second": round(pages / pipeline, 2),
        "chunks_per_second": round(report.chunks / pipeline, 2),
        "overhead_vs_raw_embedding": round(pipeline / embed - 1, 3),
    }


def _synthetic_documents(target_chunks: int, seed: int = 7) -> list[LoadedDocument]:
    """German paragraphs recombined from XQuAD sentences: realistic text, ``target_chunks`` chunks."""
    rng = random.Random(seed)
    sentences = []
    for line in XQUAD.read_text(encoding="utf-8").splitlines():
        sentences.extend(s.strip() + "." for s in json.loads(line)["text"].split(". ") if len(s) > 30)
    documents = []
    per_document = 100
    for number in range(target_chunks // per_document):
        blocks = []
        for page in range(per_document):
            text = " ".join(rng.sample(sentences, 5))
            blocks.append(Block(kind="paragraph", text=text, page=page + 1))
        documents.append(
            LoadedDocument(source_path=f"synth:{number}", title=f"Synthetisch {number}", blocks=blocks)
        )
    return documents


def bench_query(target_chunks: int, queries: int) -> dict:
    settings = load_settings()
    with tempfile.TemporaryDirectory() as temporary:
        services = build_services(settings.model_copy(update={"data_dir": Path(temporary)}))
        started = time.perf_counter()
        for document in _synthetic_documents(target_chunks):
            services.ingestor.store_document(
                f"synth-{document.source_path.split(':')[1]}", document, content_hash(document.title.encode())
            )
        build_seconds = time.perf_counter() - started
        chunk_count = len(services.catalog.chunk_ids())
        questions = [
            json.loads(line)["text"]
            for line in (XQUAD.parent / "queries.jsonl").read_text(encoding="utf-8").splitlines()[:queries]
        ]
        results = {}
        for mode in ("keyword", "dense", "hybrid"):
            services.retriever.search(questions[0], 5, mode=mode)  # warm-up (BM25 build, caches)
            latencies = []
            for question in questions:
                started = time.perf_counter()
                services.retriever.search(question, 5, mode=mode)
                latencies.append((time.perf_counter() - started) * 1000)
            latencies.sort()
            results[mode] = {
                "p50_ms": round(statistics.median(latencies), 2),
                "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1], 2),
            }
        services.catalog.close()
    return {
        "chunks": chunk_count,
        "index_build_seconds": round(build_seconds, 1),
        "queries": len(questions),
        "latency": results,
        "hybrid_p95_vs_keyword_p95": round(
            results["hybrid"]["p95_ms"] / max(results["keyword"]["p95_ms"], 1e-6), 1
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", type=Path, default=ROOT / "knowledge" / "dokumente")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--chunks", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "ingest_query.json")
    args = parser.parse_args()
    result = {
        "machine": {"cpus": __import__("os").cpu_count(), "python": sys.version.split()[0]},
        "ingest": bench_ingest(args.source, args.repeats),
        "query": bench_query(args.chunks, args.queries),
        "peak_memory_mb": round(_peak_mb(), 1),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
