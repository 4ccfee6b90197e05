"""Hybrid retrieval over the catalog: German BM25 + dense vectors, fused by weighted z-scores."""

from __future__ import annotations

import math
from typing import Literal

from assistant.index.base import Embedder, VectorIndex
from assistant.index.catalog import Catalog
from assistant.index.keyword_store import CatalogKeywordIndex
from assistant.models import SearchFilters, SearchHit
from assistant.retrieval.fusion import add_document_evidence, weighted_fusion
from assistant.settings import RetrievalSettings

Mode = Literal["hybrid", "dense", "keyword"]

# Broad metadata filters without Chroma's ``where``, which reads the metadata of the whole collection (dense
# search with a type filter p95 ≈ 390 ms at 100,000 chunks). The numbers below were chosen by measurement with
# ``benchmarks/bench_search_scale.py`` (real Karlsruhe texts, 100,000 chunks, a 30 % type and a 9 % Stand
# filter, 60 questions from chunk words); they trade speed, not ranking quality, which stays exact (unit test).
POSTFILTER_MIN_SHARE = 0.05
"""A filter that lets at least this share of the chunks through is applied after an unfiltered vector search;
below it the over-fetch would be too large (at 5 % already 50 × the candidates) and Chroma filters."""
POSTFILTER_OVERFETCH = 2.5
"""The first search fetches candidates / share × 2.5: the passing chunks are not spread evenly over the
nearest ones (with 1.5 the 9 % filter needed the second round too often)."""
POSTFILTER_RETRY = 2
"""When too few pass, one more search with twice the fetch; then Chroma's own filter."""
POSTFILTER_ENOUGH = 0.5
"""A round that yields at least half the wanted dense candidates is used: keyword candidates missing from the
dense list get their exact similarity in the fusion anyway, so only dense-only candidates deep in the dense
ranking are lost. Requiring all of them made a slow tail of repeated searches (9 % filter: p95 123 ms)."""


class HybridRetriever:
    def __init__(
        self,
        catalog: Catalog,
        keyword_index: CatalogKeywordIndex,
        vector_index: VectorIndex,
        embedder: Embedder,
        settings: RetrievalSettings,
    ) -> None:
        self._catalog = catalog
        self._keyword = keyword_index
        self._vectors = vector_index
        self._embedder = embedder
        self._settings = settings

    def scored_ids(
        self, query: str, k: int, filters: SearchFilters | None = None, mode: Mode = "hybrid"
    ) -> list[tuple[str, float]]:
        """Ranked (chunk_id, score) of chunks that exist in the catalog."""
        candidates = max(self._settings.candidates, k)
        if mode == "keyword":
            ranked = self._keyword.search(query, candidates, filters)
        else:
            vector = self._embedder.embed_query(query)
            dense = self._dense(vector, candidates, filters)
            if mode == "dense":
                ranked = dense
            else:
                keyword = self._keyword.search(query, candidates, filters)
                ranked = self._fuse(query, vector, keyword, dense)
        known = set(self._catalog.chunks([i for i, _ in ranked[: k * 3]]))
        # vectors of an interrupted ingest are not in the catalog yet: never show them
        return [(i, s) for i, s in ranked if i in known][:k]

    def _dense(self, vector, candidates: int, filters: SearchFilters | None) -> list[tuple[str, float]]:
        """Dense candidates; a broad filter is applied to an over-fetched unfiltered search (see above)."""
        view = self._keyword.filter_view(filters) if filters is not None else None
        if view is None:
            return self._vectors.query(vector, candidates, filters)
        wanted = min(candidates, view.passing)
        if wanted == 0:
            return []
        if view.share >= POSTFILTER_MIN_SHARE:
            fetch = math.ceil(candidates / view.share * POSTFILTER_OVERFETCH)
            for size in (fetch, fetch * POSTFILTER_RETRY):
                passing = [(i, s) for i, s in self._vectors.query(vector, size) if view.passes(i)]
                if len(passing) >= wanted * POSTFILTER_ENOUGH:
                    return passing[:candidates]
        return self._vectors.query(vector, candidates, filters)

    def _fuse(self, query, vector, keyword, dense) -> list[tuple[str, float]]:
        keyword_scores = dict(keyword)
        dense_scores = dict(dense)
        missing_dense = [i for i in keyword_scores if i not in dense_scores]
        dense_scores.update(self._vectors.similarities(vector, missing_dense))
        missing_keyword = [i for i in dense_scores if i not in keyword_scores]
        keyword_scores.update(self._keyword.scores_for(query, missing_keyword))
        fused = weighted_fusion(
            keyword_scores,
            [s for _, s in keyword],
            dense_scores,
            [s for _, s in dense],
            self._settings.keyword_weight,
            self._settings.dense_weight,
        )
        if self._settings.document_weight:
            per_chunk, reference = self._keyword.document_scores(query, list(fused), len(keyword) or len(dense))
            fused = add_document_evidence(fused, per_chunk, reference, self._settings.document_weight)
        return sorted(fused.items(), key=lambda item: (-item[1], item[0]))

    def search(
        self, query: str, k: int | None = None, filters: SearchFilters | None = None, mode: Mode = "hybrid"
    ) -> list[SearchHit]:
        k = k or self._settings.default_k
        ranked = self.scored_ids(query, k, filters, mode)
        chunks = self._catalog.chunks([i for i, _ in ranked])
        hits = []
        for rank, (chunk_id, score) in enumerate(ranked, start=1):
            chunk = chunks[chunk_id]
            hits.append(
                SearchHit(
                    rank=rank,
                    chunk_id=chunk_id,
                    doc_id=chunk.doc_id,
                    title=chunk.title,
                    page=chunk.page,
                    section=chunk.section,
                    score=round(float(score), 4),
                    text=chunk.text,
                    doc_type=chunk.doc_type,
                    path=chunk.path,
                    stand=chunk.stand,
                    ocr=chunk.ocr,
                )
            )
        return hits
