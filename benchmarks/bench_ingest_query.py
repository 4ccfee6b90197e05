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

from assistant.index.tuning import EMBED_BATCH_SIZE, PREFETCH_DOCUMENTS  # noqa: E402
from assistant.index.unit_store import unit_contexts, unit_pieces  # noqa: E402
from assistant.ingest.chunking import chunk_document, content_hash, indexed_text  # noqa: E402
from assistant.ingest.loaders import load_document  # noqa: E402
from assistant.models import Block, LoadedDocument  # noqa: E402
from assistant.settings import load_settings  # noqa: E402
from assistant.wiring import build_services  # noqa: E402

XQUAD = ROOT.parent / "shared" / "data" / "xquad-de" / "corpus.jsonl"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


VARIANTS = {
    # name: (backend, batch size, files parsed ahead); "vorher" is the pipeline as it was (serial, batch 32)
    "vorher (torch, seriell, Stapel 32)": ("torch", 32, 0),
    "torch, Pipeline": ("torch", EMBED_BATCH_SIZE, PREFETCH_DOCUMENTS),
    "onnx-int8, Pipeline": ("onnx-int8", EMBED_BATCH_SIZE, PREFETCH_DOCUMENTS),
}
BASELINE = "vorher (torch, seriell, Stapel 32)"


def _texts(source: Path, settings) -> tuple[list[str], list[str], int]:
    """Chunk texts and answer-unit contexts an ingest of ``source`` embeds, and its page count."""
    files = sorted(p for p in source.iterdir() if p.suffix in {".pdf", ".docx", ".md", ".html", ".txt"})
    documents = [load_document(p) for p in files]
    chunks = [c for d in documents for c in chunk_document(d, "x", "v", settings.chunking)]
    return [indexed_text(c) for c in chunks], unit_contexts(unit_pieces(chunks)), sum(d.pages or 1 for d in documents)


def bench_ingest(source: Path, repeats: int) -> dict:
    """Every variant ingests ``source`` into a fresh data folder, interleaved over ``repeats``; raw embedding
    of the same texts with the same embedder is timed in the same round."""
    from assistant.ingest import pipeline

    settings = load_settings()
    chunk_texts, unit_texts, pages = _texts(source, settings)
    embedders, timings = {}, {name: {"pipeline": [], "raw_all": [], "raw_chunks": []} for name in VARIANTS}
    chunks = 0
    for _ in range(repeats):
        for name, (backend, batch_size, prefetch) in VARIANTS.items():
            embedding = settings.embedding.model_copy(update={"backend": backend, "batch_size": batch_size})
            with tempfile.TemporaryDirectory() as temporary:
                variant = settings.model_copy(update={"data_dir": Path(temporary), "embedding": embedding})
                services = build_services(variant, embedder=embedders.get(name))
                embedders[name] = embedder = services.embedder
                embedder.embed_documents(["Aufwärmen"])  # model load is not ingest work
                pipeline.PREFETCH_DOCUMENTS = prefetch
                started = time.perf_counter()
                report = services.ingestor.ingest([source], progress=False)
                timings[name]["pipeline"].append(time.perf_counter() - started)
                chunks = report.chunks
                services.catalog.close()
            started = time.perf_counter()
            embedder.embed_documents(chunk_texts)
            timings[name]["raw_chunks"].append(time.perf_counter() - started)
            embedder.embed_documents(unit_texts)
            timings[name]["raw_all"].append(time.perf_counter() - started)
    pipeline.PREFETCH_DOCUMENTS = PREFETCH_DOCUMENTS
    base = statistics.median(timings[BASELINE]["pipeline"])
    variants = {}
    for name, values in timings.items():
        seconds = statistics.median(values["pipeline"])
        raw_all, raw_chunks = statistics.median(values["raw_all"]), statistics.median(values["raw_chunks"])
        backend, batch_size, prefetch = VARIANTS[name]
        variants[name] = {
            "backend": backend,
            "batch_size": batch_size,
            "files_parsed_ahead": prefetch,
            "pipeline_seconds_median": round(seconds, 2),
            "pipeline_seconds_all": [round(v, 2) for v in values["pipeline"]],
            "chunks_per_second": round(chunks / seconds, 2),
            "pages_per_second": round(pages / seconds, 2),
            "speedup_vs_baseline": round(base / seconds, 2),
            "raw_embedding_seconds_median": round(raw_all, 2),
            "overhead_vs_raw_embedding": round(seconds / raw_all - 1, 3),
            "raw_chunk_embedding_seconds_median": round(raw_chunks, 2),
            "overhead_vs_raw_chunk_embedding": round(seconds / raw_chunks - 1, 3),
        }
    return {
        "source": str(source.relative_to(ROOT)) if source.is_relative_to(ROOT) else str(source),
        "pages": pages,
        "chunks": chunks,
        "texts_embedded": {"chunks": len(chunk_texts), "answer_units": len(unit_texts)},
        "repeats": repeats,
        "load_average_1min": round(__import__("os").getloadavg()[0], 2),
        "baseline": BASELINE,
        "variants": variants,
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
        documents.append(LoadedDocument(source_path=f"synth:{number}", title=f"Synthetisch {number}", blocks=blocks))
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
        "hybrid_p95_vs_keyword_p95": round(results["hybrid"]["p95_ms"] / max(results["keyword"]["p95_ms"], 1e-6), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", type=Path, default=ROOT / "knowledge" / "dokumente")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--chunks", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "ingest_query.json")
    parser.add_argument("--only", choices=["ingest", "query"], help="only this part; the other is kept from --out")
    args = parser.parse_args()
    result = json.loads(args.out.read_text(encoding="utf-8")) if args.only and args.out.is_file() else {}
    result["machine"] = {"cpus": __import__("os").cpu_count(), "python": sys.version.split()[0]}
    if args.only != "query":
        result["ingest"] = bench_ingest(args.source, args.repeats)
    if args.only != "ingest":
        result["query"] = bench_query(args.chunks, args.queries)
        result["peak_memory_mb"] = round(_peak_mb(), 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
