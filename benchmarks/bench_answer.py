"""Benchmark: the extractive answer after retrieval on a ≥10,000-chunk index, and 10 concurrent questions
through the app.

Run: ``.venv/bin/python benchmarks/bench_answer.py [--chunks 10000] [--index-dir DIR]``.
Per question it times retrieval, then the answer work after retrieval (question analysis, evidence from the
stored units, decision, extractive text), ``ask`` on the hits already found (adds the support check), the
whole ``ask`` with retrieval, and — as the baseline in the same run — what the answer cost
before units were stored: embedding every unit of the retrieved passages at question time. Then 10 clients
ask at once through the launched Gradio app (gradio_client). Writes ``benchmarks/results/answer.json``.
Not a test: nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.ingest.chunking import content_hash  # noqa: E402
from assistant.settings import load_settings  # noqa: E402
from assistant.text.units import split_units  # noqa: E402
from assistant.wiring import build_services  # noqa: E402
from benchmarks.bench_ingest_query import XQUAD, _synthetic_documents  # noqa: E402


def _percentiles(values: list[float]) -> dict:
    ordered = sorted(values)
    return {"p50_ms": round(statistics.median(ordered), 2), "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 2)}


def _questions(count: int) -> list[str]:
    lines = (XQUAD.parent / "queries.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines[:count]]


def build_index(services, target_chunks: int) -> float:
    if len(services.catalog.chunk_ids()) >= target_chunks:
        return 0.0
    started = time.perf_counter()
    for document in _synthetic_documents(target_chunks):
        doc_id = f"synth-{document.source_path.split(':')[1]}"
        services.ingestor.store_document(doc_id, document, content_hash(document.title.encode()))
    return time.perf_counter() - started


class _Prefetched:
    """A retriever that returns the hits already found, so ``ask`` is timed without retrieval."""

    def __init__(self) -> None:
        self.hits: list = []

    def search(self, query, k, filters=None):
        return self.hits


def bench_answer(services, questions: list[str]) -> dict:
    from assistant.answering.service import AnswerService

    answers = services.answers
    generator = services.generator
    prefetched = _Prefetched()
    after_retrieval = AnswerService(prefetched, services.keyword_index, services.embedder, generator,
                                    services.settings.answer, services.units, answers.params)  # fmt: skip
    retrieval, after, full, whole, baseline = [], [], [], [], []
    statuses: dict[str, int] = {}
    answers.ask(questions[0])  # warm-up: BM25 build, model load
    for question in questions:
        started = time.perf_counter()
        hits = services.retriever.search(question, services.settings.answer.passages)
        retrieval.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        evidence = answers.evidence(question, hits)
        decision = answers.decide(evidence)
        if decision.answerable:
            "".join(generator.generate(question, evidence, [], decision))
        after.append((time.perf_counter() - started) * 1000)
        statuses[decision.status] = statuses.get(decision.status, 0) + 1
        prefetched.hits = hits
        started = time.perf_counter()
        after_retrieval.ask(question)  # evidence, text and the per-sentence support check
        full.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        answers.ask(question)  # the whole path, retrieval included
        whole.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        contexts = [u.context for hit in hits for u in split_units(hit.text, hit.section)]
        services.embedder.embed_documents(contexts)  # the former per-question cost
        baseline.append((time.perf_counter() - started) * 1000)
    return {
        "questions": len(questions),
        "retrieval": _percentiles(retrieval),
        "answer_after_retrieval": _percentiles(after),
        # ask() on the hits already found: adds the support check, which embeds the answer sentences that are
        # not quoted word for word (an LLM's) and their cited passages
        "answer_with_support_check_after_retrieval": _percentiles(full),
        "whole_ask": _percentiles(whole),
        "baseline_embed_units_at_question_time": _percentiles(baseline),
        "speedup_p50_vs_baseline": round(statistics.median(baseline) / max(statistics.median(after), 1e-6), 1),
        "decisions": statuses,
    }


def bench_concurrent(services, questions: list[str], clients: int = 10, rounds: int = 3) -> dict:
    from gradio_client import Client

    from assistant.app import launch
    from tests.integration.conftest import free_port

    port = free_port()
    app = launch(services, host="127.0.0.1", port=port, prevent_thread_lock=True)
    url = f"http://127.0.0.1:{port}"
    try:
        def ask(question: str) -> float:
            client = Client(url, verbose=False, download_files=False, analytics_enabled=False)
            started = time.perf_counter()
            client.predict(question, [], [], "", "", api_name="/fragen")
            return (time.perf_counter() - started) * 1000

        ask(questions[0])
        latencies: list[float] = []
        for round_number in range(rounds):
            batch = questions[round_number * clients : (round_number + 1) * clients]
            with ThreadPoolExecutor(max_workers=clients) as pool:
                latencies.extend(pool.map(ask, batch))
    finally:
        app.close()
    return {"clients": clients, "rounds": rounds, **_percentiles(latencies)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chunks", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--index-dir", type=Path, help="keep the index here and reuse it")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "answer.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        data_dir = args.index_dir or Path(temporary)
        services = build_services(load_settings().model_copy(update={"data_dir": data_dir}))
        build_seconds = build_index(services, args.chunks)
        questions = _questions(args.queries)
        result = {
            "machine": {"cpus": __import__("os").cpu_count(), "python": sys.version.split()[0]},
            "chunks": len(services.catalog.chunk_ids()),
            "index_build_seconds": round(build_seconds, 1),
            "answer": bench_answer(services, questions),
            "app_concurrent": bench_concurrent(services, questions),
            "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }
        services.catalog.close()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
