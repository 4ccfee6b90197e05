"""Keyword index over the catalog's chunks: the BM25 matrix follows the catalog's generation."""

from __future__ import annotations

import threading

import numpy as np

from assistant.index.catalog import Catalog, filter_matches
from assistant.index.keyword import BM25Index
from assistant.models import SearchFilters


class CatalogKeywordIndex:
    """Loads base terms from the catalog and rebuilds BM25 when the catalog has changed."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self._index = BM25Index()
        self._generation = -1
        self._metadata: dict[str, tuple[str, str | None, str]] = {}
        self._position: dict[str, int] = {}
        self._lock = threading.Lock()

    def _refresh(self) -> None:
        if self._generation == -1:
            self._upgrade_terms()
        generation = self._catalog.generation
        if generation == self._generation:
            return
        with self._lock:
            if generation == self._generation:
                return
            index = BM25Index()
            for chunk_id, terms in self._catalog.iter_terms():
                index.add_terms(chunk_id, terms)
            index.ids  # build now, under the lock, not during the first query  # noqa: B018
            index.expansions = _defined_abbreviations(self._catalog)
            self._metadata = self._catalog.chunk_metadata()
            self._index = index
            self._position = {chunk_id: n for n, chunk_id in enumerate(index.ids)}
            self._generation = generation

    def _upgrade_terms(self) -> None:
        """Stored terms from an older German analysis are recomputed once, so search stays consistent."""
        from assistant.text.german import ANALYSIS_VERSION, base_terms

        stored = self._catalog.meta("analysis_version")
        if stored == ANALYSIS_VERSION:
            return
        if stored is not None or self._catalog.chunk_ids():
            self._catalog.retokenise(base_terms)
        self._catalog.set_meta("analysis_version", ANALYSIS_VERSION)

    def _allowed(self, filters: SearchFilters | None) -> np.ndarray | None:
        if filters is None or filters.is_empty():
            return None
        return np.array([filter_matches(filters, *self._metadata[i]) for i in self._index.ids], dtype=bool)

    def search(self, query: str, k: int, filters: SearchFilters | None = None) -> list[tuple[str, float]]:
        self._refresh()
        return self._index.search(query, k, self._allowed(filters))

    def scores_for(self, query: str, chunk_ids: list[str]) -> dict[str, float]:
        self._refresh()
        scores = self._index.scores(query)
        return {i: float(scores[self._position[i]]) for i in chunk_ids if i in self._position}

    def analyse(self, text: str) -> list[str]:
        self._refresh()
        return self._index.analyse_text(text)

    def analyse_terms(self, terms) -> list[str]:
        self._refresh()
        return self._index.analyse_terms(terms)

    def idf(self, term: str) -> float:
        self._refresh()
        return self._index.idf(term)

    def __len__(self) -> int:
        self._refresh()
        return len(self._index)


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
