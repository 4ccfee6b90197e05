"""Keyword index over the catalog's chunks: the BM25 matrix follows the catalog's generation."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from assistant.index.catalog import Catalog
from assistant.index.filter_mask import MetadataColumns
from assistant.index.keyword import BM25Index
from assistant.models import SearchFilters


@dataclass(frozen=True)
class _Snapshot:
    """One built index with its metadata columns, swapped in as a whole (readers take no lock)."""

    generation: int
    index: BM25Index
    columns: MetadataColumns
    position: dict[str, int]


class CatalogKeywordIndex:
    """Loads base terms from the catalog and rebuilds BM25 when the catalog has changed."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self._snapshot = _Snapshot(-1, BM25Index(), MetadataColumns([], {}), {})
        self._lock = threading.Lock()

    def _current(self) -> _Snapshot:
        snapshot = self._snapshot
        if snapshot.generation == -1:
            self._upgrade_terms()
        generation = self._catalog.generation
        if generation == snapshot.generation:
            return snapshot
        with self._lock:
            if generation != self._snapshot.generation:
                self._snapshot = self._build(generation)
            return self._snapshot

    def _build(self, generation: int) -> _Snapshot:
        index = BM25Index()
        # one string object per distinct term: JSON gives a new one per occurrence, which made most of
        # the keyword index's memory at 100,000 chunks (benchmarks/bench_search_scale.py)
        shared: dict[str, str] = {}
        for chunk_id, terms in self._catalog.iter_terms():
            index.add_terms(chunk_id, [shared.setdefault(term, term) for term in terms])
        del shared
        index.ids  # build now, under the lock, not during the first query  # noqa: B018
        index.expansions = _defined_abbreviations(self._catalog)
        columns = MetadataColumns(index.ids, self._catalog.chunk_metadata())
        return _Snapshot(generation, index, columns, {chunk_id: n for n, chunk_id in enumerate(index.ids)})

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

    def scores_for(self, query: str, chunk_ids: list[str]) -> dict[str, float]:
        snapshot = self._current()
        scores = snapshot.index.scores(query)
        return {i: float(scores[snapshot.position[i]]) for i in chunk_ids if i in snapshot.position}

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
