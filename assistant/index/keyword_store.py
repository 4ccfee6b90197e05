"""Keyword index over the catalog's chunks: the BM25 matrix follows the catalog's generation."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.index.catalog import Catalog
from assistant.index.filter_mask import MetadataColumns
from assistant.index.keyword import BM25Index
from assistant.index.keyword_snapshot import SAVE_AFTER_SECONDS, Snapshot, load, save
from assistant.models import SearchFilters

DOCUMENT_DECOMPOUNDING = False
"""Whole documents are indexed without compound splitting: on the tuning half of the Karlsruhe scale eval
(400 and ~2,200 documents, ``evals/scale_components.py``) document-level BM25 without splitting beat the
same with splitting (MRR@10 0.973 vs 0.942 at 400, 0.924 vs 0.898 at 1,363 documents)."""


@dataclass(frozen=True)
class FilterView:
    """The chunks a metadata filter lets through: their share of the index and a test per chunk id."""

    mask: np.ndarray
    position: dict[str, int]

    @property
    def passing(self) -> int:
        return int(self.mask.sum())

    @property
    def share(self) -> float:
        return self.passing / len(self.mask) if len(self.mask) else 0.0

    def passes(self, chunk_id: str) -> bool:
        row = self.position.get(chunk_id)
        return row is not None and bool(self.mask[row])


class CatalogKeywordIndex:
    """Loads base terms from the catalog and rebuilds BM25 when the catalog has changed; with ``snapshot_file``
    a large build is saved and loaded again after a restart (:mod:`assistant.index.keyword_snapshot`)."""

    def __init__(self, catalog: Catalog, snapshot_file: Path | None = None) -> None:
        self._catalog = catalog
        self._snapshot_file = snapshot_file
        self._snapshot = Snapshot(
            -1, BM25Index(), MetadataColumns([], {}), {}, BM25Index(), np.zeros(0, dtype=np.int64)
        )
        self._lock = threading.Lock()

    def _current(self) -> Snapshot:
        snapshot = self._snapshot
        if snapshot.generation == -1:
            self._upgrade_terms()
        generation = self._catalog.generation
        if generation == snapshot.generation:
            return snapshot
        with self._lock:
            if generation != self._snapshot.generation:
                self._snapshot = self._load_or_build(generation)
            return self._snapshot

    def _load_or_build(self, generation: int) -> Snapshot:
        if self._snapshot_file is None:
            return self._build(generation)
        chunk_count, catalog_id = self._catalog.chunk_count(), self._catalog.meta("catalog_id")
        saved = load(self._snapshot_file, catalog_id, generation, chunk_count)
        if saved is not None:
            return saved
        started = time.perf_counter()
        snapshot = self._build(generation)
        if time.perf_counter() - started >= SAVE_AFTER_SECONDS:
            # a full or read-only disk costs the next start a rebuild, not this search
            with contextlib.suppress(OSError):
                save(snapshot, self._snapshot_file, catalog_id, chunk_count)
        return snapshot

    def _build(self, generation: int) -> Snapshot:
        index = BM25Index()
        documents = BM25Index(decompound=DOCUMENT_DECOMPOUNDING)
        metadata = self._catalog.chunk_metadata()
        document_terms: dict[str, list[str]] = {}
        # one string object per distinct term: JSON gives a new one per occurrence, which made most of
        # the keyword index's memory at 100,000 chunks (benchmarks/bench_search_scale.py)
        shared: dict[str, str] = {}
        for chunk_id, terms in self._catalog.iter_terms():
            terms = [shared.setdefault(term, term) for term in terms]
            index.add_terms(chunk_id, terms)
            document_terms.setdefault(metadata[chunk_id][2], []).extend(terms)
        del shared
        for doc_id, terms in document_terms.items():
            documents.add_terms(doc_id, terms)
        del document_terms
        index.ids  # build now, under the lock, not during the first query  # noqa: B018
        index.expansions = documents.expansions = _defined_abbreviations(self._catalog)
        document_row = {doc_id: n for n, doc_id in enumerate(documents.ids)}
        chunk_document_row = np.array([document_row[metadata[c][2]] for c in index.ids], dtype=np.int64)
        columns = MetadataColumns(index.ids, metadata)
        position = {chunk_id: n for n, chunk_id in enumerate(index.ids)}
        return Snapshot(generation, index, columns, position, documents, chunk_document_row)

    def _upgrade_terms(self) -> None:
        """Stored terms from an older German analysis are recomputed once, so search stays consistent."""
        from assistant.text.german import ANALYSIS_VERSION, base_terms

        stored = self._catalog.meta("analysis_version")
        if stored == ANALYSIS_VERSION:
            return
        if stored is not None or self._catalog.chunk_ids():
            self._catalog.retokenise(base_terms)
        self._catalog.set_meta("analysis_version", ANALYSIS_VERSION)

    def search(self, query: str, k: int, filters: SearchFilters | None = None) -> list[tuple[str, float]]:
        snapshot = self._current()
        return snapshot.index.search(query, k, snapshot.columns.mask(filters))

    def filter_view(self, filters: SearchFilters | None) -> FilterView | None:
        """Which chunks pass ``filters`` (None when nothing is filtered), from the same columns as :meth:`search`."""
        snapshot = self._current()
        mask = snapshot.columns.mask(filters)
        return None if mask is None else FilterView(mask, snapshot.position)

    def scores_for(self, query: str, chunk_ids: list[str]) -> dict[str, float]:
        snapshot = self._current()
        scores = snapshot.index.scores(query)
        return {i: float(scores[snapshot.position[i]]) for i in chunk_ids if i in snapshot.position}

    def document_scores(
        self, query: str, chunk_ids: Sequence[str], reference_size: int
    ) -> tuple[dict[str, float], list[float]]:
        """BM25 of each chunk's whole document, and the ``reference_size`` best document scores (the
        spread a fusion standardises with)."""
        snapshot = self._current()
        scores = snapshot.documents.scores(query)
        if not len(scores):
            return {}, []
        size = min(reference_size, len(scores))
        reference = np.partition(scores, len(scores) - size)[len(scores) - size :]
        rows = snapshot.chunk_document_row
        per_chunk = {c: float(scores[rows[snapshot.position[c]]]) for c in chunk_ids if c in snapshot.position}
        return per_chunk, reference.tolist()

    def analyse(self, text: str) -> list[str]:
        return self._current().index.analyse_text(text)

    def analyse_terms(self, terms) -> list[str]:
        return self._current().index.analyse_terms(terms)

    def idf(self, term: str) -> float:
        return self._current().index.idf(term)

    def __len__(self) -> int:
        return len(self._current().index)


def _defined_abbreviations(catalog: Catalog) -> dict[str, list[str]]:
    """Abbreviations the documents define („Kommunaler Ordnungsdienst (KOD)“) as query expansions; an
    abbreviation of the built-in list keeps its meaning."""
    from assistant.text.abbreviations import definitions, most_common
    from assistant.text.german import ABBREVIATIONS, base_terms, fold

    pairs = [pair for text in catalog.iter_texts() if "(" in text for pair in definitions(text).items()]
    return {
        fold(short): base_terms(long_form)
        for short, long_form in most_common(pairs).items()
        if short not in ABBREVIATIONS
    }
