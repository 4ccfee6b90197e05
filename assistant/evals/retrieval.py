"""``assistant eval retrieval``: index a BEIR folder into a fresh temporary store and score it.

BEIR ranks documents, the product ranks chunks: a document's rank is the rank of its best chunk under
the product's own retriever (keyword, dense or hybrid with document evidence), so the figures are the
product's, not those of a separate document-level ranker.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from assistant.evals.beir import BeirSet, load_beir
from assistant.evals.metrics import mrr_at, ndcg_at, percentile, recall_at
from assistant.ingest.chunking import content_hash
from assistant.ingest.loaders.common import paragraphs_to_blocks
from assistant.models import LoadedDocument
from assistant.settings import Settings
from assistant.wiring import Services, build_services


def document_order(chunk_ranking: Sequence[str], chunk_document: Callable[[str], str | None], k: int) -> list[str]:
    """Documents in the order of their best chunk."""
    seen: dict[str, None] = {}
    for chunk_id in chunk_ranking:
        doc_id = chunk_document(chunk_id)
        if doc_id is not None and doc_id not in seen:
            seen[doc_id] = None
            if len(seen) == k:
                break
    return list(seen)


CHUNKS_FOR_DOCUMENTS = 100
"""Chunks fetched to find the top ten distinct documents (long documents have many chunks)."""


class ProductDocumentRanker:
    """The product's retriever (any mode) with its chunk ranking turned into a document ranking."""

    def __init__(self, services: Services) -> None:
        self._services = services
        self._chunk_document = {
            chunk.chunk_id: record.doc_id
            for record in services.catalog.documents()
            for chunk in services.catalog.document_chunks(record.doc_id)
        }

    def rank(self, query: str, k: int, mode: str) -> list[str]:
        ranked = self._services.retriever.scored_ids(query, CHUNKS_FOR_DOCUMENTS, mode=mode)
        return document_order([i for i, _ in ranked], self._chunk_document.get, k)


def _document_text(entry: dict) -> str:
    title = str(entry.get("title") or "").replace("_", " ")
    return f"{title}\n\n{entry['text']}" if title else str(entry["text"])


def index_beir(dataset: BeirSet, services: Services) -> dict[str, str]:
    """Store every corpus entry as one document (doc_id = its _id) via the product pipeline."""
    ingestor = services.ingestor
    texts: dict[str, str] = {}
    import sys

    from tqdm import tqdm

    for entry in tqdm(dataset.corpus, desc="Indexieren", unit="Dok.", disable=not sys.stderr.isatty()):
        doc_id = str(entry["_id"])
        text = _document_text(entry)
        texts[doc_id] = text
        blocks = paragraphs_to_blocks(str(entry["text"]))
        digest = content_hash(text.encode("utf-8"))
        stored = services.catalog.document(doc_id)
        if not blocks or (stored is not None and stored.content_hash == digest):
            continue  # a kept index (--index-dir) is reused
        document = LoadedDocument(
            source_path=f"beir:{doc_id}",
            title=str(entry.get("title") or doc_id).replace("_", " "),
            blocks=blocks,
        )
        ingestor.store_document(doc_id, document, digest)
    return texts


def evaluate_beir(folder: Path, settings: Settings, *, k: int = 10, retriever: str = "hybrid") -> dict:
    dataset = load_beir(folder)
    with tempfile.TemporaryDirectory(prefix="assistant-eval-") as temporary:
        eval_settings = settings.model_copy(update={"data_dir": Path(temporary)})
        if eval_settings.chroma.host:
            # a shared server must not mix eval data with production data
            eval_settings.chroma = eval_settings.chroma.model_copy(update={"collection": f"eval-{int(time.time())}"})
        services = build_services(eval_settings)
        started = time.perf_counter()
        index_beir(dataset, services)
        ranker = ProductDocumentRanker(services)
        index_seconds = time.perf_counter() - started
        ranker.rank("Aufwärmen", k, retriever)  # first query loads lazy parts; not timed
        latencies: list[float] = []
        totals = {"recall@1": 0.0, "recall@5": 0.0, "recall@10": 0.0, "mrr@10": 0.0, "ndcg@10": 0.0}
        for query in dataset.queries:
            started = time.perf_counter()
            ranked = ranker.rank(str(query["text"]), max(k, 10), retriever)
            latencies.append((time.perf_counter() - started) * 1000)
            relevant = dataset.qrels[query["_id"]]
            totals["recall@1"] += recall_at(ranked, relevant, 1)
            totals["recall@5"] += recall_at(ranked, relevant, 5)
            totals["recall@10"] += recall_at(ranked, relevant, 10)
            totals["mrr@10"] += mrr_at(ranked, relevant, 10)
            totals["ndcg@10"] += ndcg_at(ranked, relevant, 10)
        services.catalog.close()
    count = max(len(dataset.queries), 1)
    return {
        "dataset": dataset.name,
        "retriever": retriever,
        "queries": len(dataset.queries),
        "k": k,
        **{name: round(value / count, 4) for name, value in totals.items()},
        "latency_ms": {
            "p50": round(statistics.median(latencies), 2) if latencies else 0.0,
            "p95": round(percentile(latencies, 95), 2),
        },
        "index_seconds": round(index_seconds, 2),
    }
