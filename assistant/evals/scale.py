"""``assistant eval scale``: retrieval quality against corpus size, next to plain BM25, in one run.

The question set names for each question the documents that answer it and a split (tune/test,
fixed once when the questions were written). For every corpus size the answer documents plus a
fixed sample form the corpus (the largest size is the whole corpus), indexed with the product's
stack; the product's retrievers rank chunks, a document's rank is the rank of its best chunk. The
reference is :class:`~assistant.evals.bm25_reference.ReferenceBM25` over title + text of the same
documents. Reported per split, so tuning on one half and reporting the other stays visible.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from assistant.errors import UserError
from assistant.evals.bm25_reference import ReferenceBM25
from assistant.evals.metrics import mrr_at, percentile
from assistant.evals.retrieval import ProductDocumentRanker
from assistant.evals.scale_corpus import VectorCache, corpus_subset, index_corpus, read_corpus, vector_cache_key
from assistant.settings import Settings
from assistant.wiring import Services, build_services

RETRIEVERS = ("bm25", "keyword", "dense", "hybrid")
DOCUMENTS_PER_QUESTION = 10


class ScaleQuestion(BaseModel):
    id: str
    question: str
    relevant: list[str] = Field(min_length=1)
    split: str
    answer: str = ""
    kind: str = ""


def read_questions(path: Path) -> list[ScaleQuestion]:
    questions = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                questions.append(ScaleQuestion.model_validate_json(line))
            except ValueError as exc:
                raise UserError(f"{path}, Zeile {number}: keine gültige Frage ({exc}).") from exc
    return questions


def score(rankings: dict[str, list[str]], questions: Sequence[ScaleQuestion]) -> dict[str, float]:
    count = max(len(questions), 1)
    totals = {"mrr@10": 0.0, "recall@1": 0.0, "recall@5": 0.0, "recall@10": 0.0}
    for question in questions:
        ranked = rankings[question.id]
        relevant = dict.fromkeys(question.relevant, 1)
        # a question is answered when any one of its documents is found
        hit = {d: 1 for d in ranked if d in relevant}
        first = next((n for n, d in enumerate(ranked, start=1) if d in hit), None)
        totals["mrr@10"] += mrr_at(ranked, relevant, 10)
        for k in (1, 5, 10):
            totals[f"recall@{k}"] += 1.0 if first is not None and first <= k else 0.0
    return {name: round(value / count, 4) for name, value in totals.items()}


def _index_size(
    entries,
    size: int,
    questions: Sequence[ScaleQuestion],
    settings: Settings,
    work_dir: Path,
    cache_key: str,
    build: Callable[[Settings], Services],
) -> tuple[Services, list, float]:
    subset = corpus_subset(entries, size, [d for q in questions for d in q.relevant])
    size_settings = settings.model_copy(update={"data_dir": work_dir / f"index-{len(subset)}"})
    services = build(size_settings)
    started = time.perf_counter()
    index_corpus(subset, services, VectorCache(work_dir / "cache", cache_key))
    return services, subset, time.perf_counter() - started


def evaluate_scale(
    corpus_path: Path,
    questions_path: Path,
    settings: Settings,
    *,
    sizes: Sequence[int] = (400, 4000),
    work_dir: Path,
    retrievers: Sequence[str] = RETRIEVERS,
    build: Callable[[Settings], Services] = build_services,
) -> dict:
    for path, what in ((corpus_path, "Korpus"), (questions_path, "Fragensatz")):
        if not path.is_file():
            raise UserError(f"{what} nicht gefunden: {path}.")
    entries = read_corpus(corpus_path)
    questions = read_questions(questions_path)
    known = {e.doc_id for e in entries}
    unknown = sorted({d for q in questions for d in q.relevant} - known)
    if unknown:
        raise UserError(f"Die Fragen nennen Dokumente, die im Korpus fehlen: {', '.join(unknown[:5])}.")
    cache_key = vector_cache_key(settings)
    splits = sorted({q.split for q in questions})
    results = []
    for size in sizes:
        services, subset, index_seconds = _index_size(entries, size, questions, settings, work_dir, cache_key, build)
        rankers: dict[str, Callable[[str], list[str]]] = {}
        if "bm25" in retrievers:
            reference = ReferenceBM25([e.doc_id for e in subset], [f"{e.title}\n{e.text}" for e in subset])
            rankers["bm25"] = lambda q, r=reference: r.rank(q, DOCUMENTS_PER_QUESTION)
        product = ProductDocumentRanker(services)
        for mode in ("keyword", "dense", "hybrid"):
            if mode in retrievers:
                rankers[mode] = lambda q, m=mode, p=product: p.rank(q, DOCUMENTS_PER_QUESTION, m)
        row = {
            "documents": len(subset),
            "chunks": sum(r.chunks for r in services.catalog.documents()),
            "index_seconds": round(index_seconds, 1),
            "retrievers": {},
        }
        for name, rank in rankers.items():
            rank("Aufwärmen")  # lazy parts (matrix, model) load outside the timing
            rankings, latencies = {}, []
            for question in questions:
                started = time.perf_counter()
                rankings[question.id] = rank(question.question)
                latencies.append((time.perf_counter() - started) * 1000)
            row["retrievers"][name] = {
                **{split: score(rankings, [q for q in questions if q.split == split]) for split in splits},
                "all": score(rankings, questions),
                "latency_ms": {
                    "p50": round(statistics.median(latencies), 1),
                    "p95": round(percentile(latencies, 95), 1),
                },
            }
        if "bm25" in row["retrievers"]:
            reference_mrr = row["retrievers"]["bm25"]
            for values in row["retrievers"].values():
                values["ratio_to_bm25"] = {
                    split: round(values[split]["mrr@10"] / reference_mrr[split]["mrr@10"], 3)
                    if reference_mrr[split]["mrr@10"]
                    else None
                    for split in [*splits, "all"]
                }
        services.catalog.close()
        results.append(row)
    return {
        "corpus": str(corpus_path),
        "questions": len(questions),
        "splits": {split: sum(q.split == split for q in questions) for split in splits},
        "embedding": settings.embedding.model,
        "sizes": results,
    }


def write_result(result: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
