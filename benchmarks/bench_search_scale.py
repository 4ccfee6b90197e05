"""Benchmark: search at 10k, 30k and 100k chunks (issue 14, item 4).

The product's search as the app runs it: ``HybridRetriever`` from ``assistant.wiring.build_services``,
embedded ChromaDB on disk, the SQLite catalog with its keyword index, the real MiniLM for the query.
Corpus, vectors and questions: see ``benchmarks/scale_corpus.py`` (real Karlsruhe council texts, real
first-chunk embeddings, replicas beyond the real chunks, and why that keeps the measurement honest).

Each size is measured in a fresh process that opens the index like the app after a restart: index open
time (Chroma, catalog, keyword index up to the first answer; this first open builds the keyword index and
saves it, a second fresh process then measures loading the saved one), the keyword index's resident size (RSS
before and after it is built), peak RSS of the process, and p50/p95 of keyword, dense and hybrid search
without filters, with a type filter and with a Stand filter; each a median over ``--repeats`` passes over
the questions; ratios against the 10k size of the same run. Not a test: nothing here asserts a timing.

Run: ``nice .venv/bin/python benchmarks/bench_search_scale.py [--sizes 10000 30000 100000]``; writes
``benchmarks/results/search_scale.json``. Built indexes are kept in ``--work`` (delete it to rebuild).
"""

from __future__ import annotations

import argparse
import collections
import gc
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.index.identity import vectors_identity  # noqa: E402
from assistant.ingest.chunking import indexed_text  # noqa: E402
from assistant.models import DocumentRecord, SearchFilters  # noqa: E402
from assistant.settings import load_settings  # noqa: E402
from assistant.text.german import base_terms  # noqa: E402
from assistant.wiring import build_services  # noqa: E402
from benchmarks import scale_corpus  # noqa: E402

MODES = ("keyword", "dense", "hybrid")


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _services(data_dir: Path):
    return build_services(load_settings().model_copy(update={"data_dir": data_dir}))


# -- building ----------------------------------------------------------------------------------------
def build(work: Path, sizes: list[int]) -> dict:
    """One index per size in ``work/n{size}``; returns build seconds (without embedding) per size."""
    documents = scale_corpus.load_documents()
    services = _services(work / "modell")
    first = scale_corpus.first_chunk_vectors(documents, services.embedder, work / "first_chunk_vectors.npz")
    terms = {d.doc_id: [base_terms(indexed_text(c)) for c in d.chunks] for d in documents}
    vectors = {d.doc_id: scale_corpus.chunk_vectors(d, first[d.doc_id], n) for n, d in enumerate(documents)}
    built = {"real_documents": len(documents), "real_chunks": sum(len(d.chunks) for d in documents), "sizes": {}}
    (work / "filter.json").write_text(json.dumps(filters_for(documents), ensure_ascii=False), encoding="utf-8")
    for size in sizes:
        target = work / f"n{size}"
        if (target / "fertig.json").exists():
            built["sizes"][str(size)] = json.loads((target / "fertig.json").read_text())
            continue
        target_services = _services(target)
        catalog, index = target_services.catalog, target_services.vector_index
        started = time.perf_counter()
        chunks = 0
        for number, (document, original) in enumerate(scale_corpus.documents_for(documents, size)):
            own = vectors[original.doc_id]
            if document is not original:
                own = scale_corpus.replica_vectors(own, seed=1_000_000 + number)
            index.add(document.chunks, own)
            loaded = document.loaded
            record = DocumentRecord(
                doc_id=document.doc_id, title=loaded.title, path=f"{loaded.source_path}#{document.doc_id}",
                doc_type=loaded.doc_type, stand=loaded.stand, pages=None, chunks=len(document.chunks),
                content_hash=document.doc_id, ingested_at=datetime(2026, 12, 1),
                embedding=vectors_identity(target_services.embedder),
            )  # fmt: skip
            catalog.replace_document(record, document.chunks, terms[original.doc_id])
            chunks += len(document.chunks)
        info = {"chunks": chunks, "build_seconds_without_embedding": round(time.perf_counter() - started, 1)}
        catalog.close()
        (target / "fertig.json").write_text(json.dumps(info))
        built["sizes"][str(size)] = info
    return built


def filters_for(documents: list[scale_corpus.Document]) -> dict[str, dict | None]:
    """No filter, the document type nearest a quarter of the real chunks, Stand from the median date."""
    chunks = [c for d in documents for c in d.chunks]
    types = collections.Counter(c.doc_type for c in chunks)
    doc_type = min(types, key=lambda t: abs(types[t] / len(chunks) - 0.25))
    stands = sorted(c.stand for c in chunks if c.stand)
    median = stands[len(stands) // 2]
    dated = sum(1 for c in chunks if c.stand and c.stand >= median) / len(chunks)
    return {
        "ohne": None,
        f"typ={doc_type} ({types[doc_type] / len(chunks):.0%} der Abschnitte)": {"doc_types": [doc_type]},
        f"stand_ab={median.isoformat()} ({dated:.0%} der Abschnitte)": {"stand_from": median.isoformat()},
    }


# -- measuring (one fresh process per size) ----------------------------------------------------------
def _percentiles(latencies: list[float]) -> tuple[float, float]:
    ordered = sorted(latencies)
    return statistics.median(ordered), ordered[max(int(len(ordered) * 0.95) - 1, 0)]


def _latency(function, questions: list[str], repeats: int) -> dict:
    """p50/p95 in ms: each the median over ``repeats`` passes (after three warm-up calls)."""
    for question in questions[:3]:
        function(question)
    passes = []
    for _ in range(repeats):
        times = []
        for question in questions:
            begun = time.perf_counter()
            function(question)
            times.append((time.perf_counter() - begun) * 1000)
        passes.append(_percentiles(times))
    return {
        "p50_ms": round(statistics.median(p[0] for p in passes), 2),
        "p95_ms": round(statistics.median(p[1] for p in passes), 2),
    }


def measure(data_dir: Path, queries: int, repeats: int, modes: list[str]) -> dict:
    services = _services(data_dir)
    services.embedder.embed_query("Aufwärmen")  # the model is loaded once per process, not index work
    gc.collect()
    rss_start = _rss_mb()
    started = time.perf_counter()
    chunks = services.vector_index.count()
    vectors_open = time.perf_counter() - started
    keyword_open, keyword_resident = _open_keyword_index(services)
    started = time.perf_counter()
    services.retriever.search("Wie hoch ist der Zuschuss für die Sanierung der Schule?", 5)
    first_hybrid = time.perf_counter() - started
    documents = scale_corpus.load_documents(limit=1000)
    questions = scale_corpus.questions(documents, queries)
    load_before = os.getloadavg()[0]
    # The embedder keeps recent query vectors, so the repeated passes below measure the index with the
    # question already embedded; the model's share of a new question is measured here on its own (each
    # call a new text: trailing spaces the tokenizer drops, so the cost is that of the question).
    calls = itertools.count()
    query_embedding = _latency(lambda q: services.embedder.embed_query(q + " " * (next(calls) + 1)), questions, repeats)
    for question in questions:  # every pass below finds its question embedded (see above)
        services.embedder.embed_query(question)
    latency: dict[str, dict] = {}
    named = json.loads((data_dir.parent / "filter.json").read_text(encoding="utf-8"))
    for name, spec in named.items():
        filters = SearchFilters.model_validate(spec) if spec else None
        for mode in modes:
            search = services.retriever.search
            latency.setdefault(name, {})[mode] = _latency(lambda q: search(q, 5, filters, mode), questions, repeats)  # noqa: B023
    return {
        "chunks": chunks,
        "open_seconds": {
            "vectors": round(vectors_open, 2),
            "keyword_index": round(keyword_open, 2),
            "first_hybrid_query": round(first_hybrid, 2),
        },
        "memory_mb": {
            "process_after_model": round(rss_start, 1),
            "keyword_index_resident": round(keyword_resident, 1),
            "peak_rss": round(_peak_mb(), 1),
        },
        "queries": len(questions),
        "repeats": repeats,
        "load_average_1min": [round(load_before, 1), round(os.getloadavg()[0], 1)],
        "query_embedding": query_embedding,
        "latency": latency,
    }


def _open_keyword_index(services) -> tuple[float, float]:
    """Seconds until the keyword index answers its first query, and the resident memory it added (MB)."""
    services.catalog  # noqa: B018 (opened here, not while the keyword index is measured)
    gc.collect()
    rss_before = _rss_mb()
    started = time.perf_counter()
    services.keyword_index.search("Haushalt", 5)
    seconds = time.perf_counter() - started
    gc.collect()
    return seconds, _rss_mb() - rss_before


def reopen(data_dir: Path) -> dict:
    """A second restart: the keyword index the first one built and saved (``stichwortindex.npz``) is loaded."""
    seconds, resident = _open_keyword_index(_services(data_dir))
    saved = data_dir / "stichwortindex.npz"
    return {
        "keyword_index_open_seconds": round(seconds, 2),
        "keyword_index_resident_mb": round(resident, 1),
        "saved_file_mb": round(saved.stat().st_size / 2**20, 1) if saved.exists() else None,
    }


def _ratios(results: dict[str, dict], baseline: str) -> dict:
    base = results[baseline]["latency"]

    def ratio(name: str, mode: str, value: dict) -> float:
        return round(value["p95_ms"] / max(base[name][mode]["p95_ms"], 1e-6), 2)

    return {
        size: {name: {mode: ratio(name, mode, v) for mode, v in modes.items()} for name, modes in r["latency"].items()}
        for size, r in results.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--modes", nargs="+", default=list(MODES), choices=MODES)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench_search_scale"))
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "search_scale.json")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # internal: one size, fresh process
    parser.add_argument("--reopen", type=Path, help=argparse.SUPPRESS)  # internal: the second restart
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.queries, args.repeats, args.modes)))
        return
    if args.reopen:
        print(json.dumps(reopen(args.reopen)))
        return
    built = build(args.work, args.sizes)
    results = {}
    for size in args.sizes:
        output = subprocess.run(
            [sys.executable, __file__, "--measure", str(args.work / f"n{size}"), "--queries", str(args.queries),
             "--repeats", str(args.repeats), "--modes", *args.modes],
            check=True, capture_output=True, text=True, env={**os.environ, "TOKENIZERS_PARALLELISM": "false"},
        ).stdout  # fmt: skip
        result = results[str(size)] = json.loads(output.strip().splitlines()[-1])
        result["build_seconds_without_embedding"] = built["sizes"][str(size)]["build_seconds_without_embedding"]
        again = subprocess.run([sys.executable, __file__, "--reopen", str(args.work / f"n{size}")], check=True,
                               capture_output=True, text=True).stdout  # fmt: skip
        result["second_restart"] = json.loads(again.strip().splitlines()[-1])
        print(size, json.dumps(results[str(size)]["latency"]), flush=True)
    report = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0], "note": "2 geteilte Kerne"},
        "corpus": {"real_documents": built["real_documents"], "real_chunks": built["real_chunks"]},
        "sizes": results,
        "p95_ratio_vs_smallest": _ratios(results, str(args.sizes[0])),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
