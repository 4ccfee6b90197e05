"""``assistant eval retrieval``: index a BEIR folder into a fresh temporary store and score it.

BEIR ranks documents, the product ranks chunks. Document scores: keyword = BM25 over the whole
document (on long documents this beats the best chunk clearly), dense = the best chunk's cosine,
hybrid = the same weighted z-score fusion the product uses, applied at document level.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from assistant.evals.beir import BeirSet, load_beir
from assistant.evals.metrics import mrr_at, ndcg_at, percentile, recall_at
from assistant.index.keyword import BM25Index
from assistant.ingest.chunking import content_hash
from assistant.ingest.loaders.common import paragraphs_to_blocks
from assistant.models import LoadedDocument
from assistant.retrieval.fusion import weighted_fusion
from assistant.settings import Settings
from assistant.wiring import Services, build_services


class DocumentRanker:
    """Ranks whole documents from the chunk indexes of a :class:`Services` instance."""

    def __init__(self, services: Services, documents: dict[str, str]) -> None:
        self._services = services
        self._doc_keyword = BM25Index()
        for doc_id, text in documents.items():
            self._doc_keyword.add_text(doc_id, text)
        self._doc_keyword.ids  # build the matrix before timing queries  # noqa: B018
        self._chunk_doc: dict[str, str] = {}
        self._doc_chunks: dict[str, list[str]] = {}
        for record in services.catalog.documents():
            ids = [c.chunk_id for c in services.catalog.document_chunks(record.doc_id)]
            self._doc_chunks[record.doc_id] = ids
            self._chunk_doc.update(dict.fromkeys(ids, record.doc_id))

    def rank(self, query: str, k: int, mode: str) -> list[str]:
        settings = self._services.settings.retrieval
        candidates = max(settings.candidates, k)
        keyword = self._doc_keyword.search(query, candidates) if mode != "dense" else []
        if mode == "keyword":
            return [d for d, _ in keyword[:k]]
        vector = self._services.embedder.embed_query(query)
        dense_chunks = self._services.vector_index.query(vector, candidates * 4)
        dense: dict[str, float] = {}
        for chunk_id, score in dense_chunks:
            doc_id = self._chunk_doc.get(chunk_id)
            if doc_id is not None and score > dense.get(doc_id, float("-inf")):
                dense[doc_id] = score
        dense_top = sorted(dense.items(), key=lambda item: -item[1])[:candidates]
        if mode == "dense":
            return [d for d, _ in dense_top[:k]]
        dense_scores = dict(dense_top)
        missing = [d for d, _ in keyword if d not in dense_scores]
        if missing:
            chunk_ids = [c for d in missing for c in self._doc_chunks.get(d, [])]
            for chunk_id, score in self._services.vector_index.similarities(vector, chunk_ids).items():
                doc_id = self._chunk_doc[chunk_id]
                dense_scores[doc_id] = max(score, dense_scores.get(doc_id, float("-inf")))
        keyword_scores = dict(keyword)
        extra = [d for d in dense_scores if d not in keyword_scores]
        if extra:
            all_scores = self._doc_keyword.scores(query)
            position = {d: n for n, d in enumerate(self._doc_keyword.ids)}
            keyword_scores.update({d: float(all_scores[position[d]]) for d in extra if d in position})
        fused = weighted_fusion(
            keyword_scores,
            [s for _, s in keyword],
            dense_scores,
            [s for _, s in dense_top],
            settings.keyword_weight,
            settings.dense_weight,
        )
        return [d for d, _ in sorted(fused.items(), key=lambda item: (-item[1], item[0]))[:k]]


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
        texts = index_beir(dataset, services)
        ranker = DocumentRanker(services, texts)
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
