"""BM25 keyword index over German text (see assistant.text.german for the analysis).

The index keeps the vocabulary-independent base terms of every unit (chunk or document) and builds
the sparse BM25 weight matrix lazily; it is rebuilt after changes because compound splitting and
IDF depend on the whole corpus.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse

from assistant.text.german import Decompounder, analyse, analyse_term, base_terms


class BM25Index:
    """In-memory BM25 (Okapi, Lucene-style IDF) over units identified by string ids."""

    def __init__(self, k1: float = 1.2, b: float = 0.75, *, decompound: bool = True, part_weight: float = 1.0) -> None:
        self.k1 = k1
        self.b = b
        self.decompound = decompound
        # term frequency a compound part adds to a unit (a whole word adds 1)
        self.part_weight = part_weight
        self._terms: dict[str, list[str]] = {}
        self._dirty = True
        self._ids: list[str] = []
        self._matrix: sparse.csc_matrix | None = None
        self._vocabulary: dict[str, int] = {}
        self._decompounder: Decompounder | None = None
        self._idf = np.zeros(0, dtype=np.float32)
        self._analysed: dict[str, tuple[str, list[str]]] = {}
        # short form → base terms of its long form, from definitions in the indexed documents
        self.expansions: dict[str, list[str]] = {}

    # -- content ---------------------------------------------------------------------------
    def add_text(self, unit_id: str, text: str) -> None:
        self.add_terms(unit_id, base_terms(text))

    def add_terms(self, unit_id: str, terms: list[str]) -> None:
        self._terms[unit_id] = terms
        self._dirty = True

    def remove(self, unit_ids: Iterable[str]) -> None:
        for unit_id in unit_ids:
            if self._terms.pop(unit_id, None) is not None:
                self._dirty = True

    def __len__(self) -> int:
        return len(self._terms) if self._dirty else len(self._ids)

    @property
    def ids(self) -> list[str]:
        self._ensure_built()
        return self._ids

    # -- building --------------------------------------------------------------------------
    def _ensure_built(self) -> None:
        if not self._dirty:
            return
        self._ids = list(self._terms)
        counts: Counter[str] = Counter()
        for terms in self._terms.values():
            counts.update(terms)
        self._decompounder = Decompounder(counts) if self.decompound else None
        analysed_cache: dict[str, tuple[str, list[str]]] = {}
        vocabulary: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        tf_values: list[int] = []
        lengths = np.zeros(len(self._ids), dtype=np.float32)
        for row, unit_id in enumerate(self._ids):
            unit_counts: Counter[int] = Counter()
            for term in self._terms[unit_id]:
                analysed = analysed_cache.get(term)
                if analysed is None:
                    analysed = analyse_term(term, self._decompounder)
                    analysed_cache[term] = analysed
                whole, parts = analysed
                unit_counts[vocabulary.setdefault(whole, len(vocabulary))] += 1
                for part in parts:
                    unit_counts[vocabulary.setdefault(part, len(vocabulary))] += self.part_weight
            lengths[row] = sum(unit_counts.values())
            rows.extend([row] * len(unit_counts))
            cols.extend(unit_counts.keys())
            tf_values.extend(unit_counts.values())
        tf = np.asarray(tf_values, dtype=np.float32)
        n_units = len(self._ids)
        shape = (n_units, max(len(vocabulary), 1))
        matrix = sparse.csr_matrix((tf, (rows, cols)), shape=shape, dtype=np.float32)
        if n_units:
            avg_length = float(lengths.mean()) or 1.0
            document_frequency = np.bincount(matrix.indices, minlength=shape[1]).astype(np.float32)
            idf = np.log1p((n_units - document_frequency + 0.5) / (document_frequency + 0.5))
            norm = self.k1 * (1 - self.b + self.b * lengths / avg_length)
            row_of_entry = np.repeat(np.arange(n_units), np.diff(matrix.indptr))
            data = matrix.data
            matrix.data = idf[matrix.indices] * data * (self.k1 + 1) / (data + norm[row_of_entry])
        self._idf = idf if n_units else np.zeros(0, dtype=np.float32)
        self._matrix = matrix.tocsc()
        self._vocabulary = vocabulary
        self._analysed = analysed_cache
        self._dirty = False

    # -- saving ----------------------------------------------------------------------------
    def state(self) -> tuple[dict, dict[str, np.ndarray]]:
        """What querying needs, as JSON-able values and arrays (see :mod:`assistant.index.keyword_snapshot`)."""
        self._ensure_built()
        matrix = self._matrix if self._matrix is not None else sparse.csc_matrix((len(self._ids), 1))
        values = {
            "k1": self.k1, "b": self.b, "decompound": self.decompound, "part_weight": self.part_weight,
            "ids": self._ids, "vocabulary": list(self._vocabulary), "expansions": self.expansions,
            "word_counts": dict(self._decompounder.counts) if self._decompounder is not None else None,
            "shape": list(matrix.shape),
        }  # fmt: skip
        arrays = {"data": matrix.data, "indices": matrix.indices, "indptr": matrix.indptr, "idf": self._idf}
        return values, arrays

    @classmethod
    def from_state(cls, values: dict, arrays: dict[str, np.ndarray]) -> BM25Index:
        """A built, query-only index (adding units to it rebuilds from those units alone)."""
        index = cls(values["k1"], values["b"], decompound=values["decompound"], part_weight=values["part_weight"])
        index._ids = list(values["ids"])
        index._vocabulary = {term: column for column, term in enumerate(values["vocabulary"])}
        index.expansions = values["expansions"]
        counts = values["word_counts"]
        index._decompounder = Decompounder.from_counts(Counter(counts)) if counts is not None else None
        index._matrix = sparse.csc_matrix(
            (arrays["data"], arrays["indices"], arrays["indptr"]), shape=tuple(values["shape"])
        )
        index._idf = arrays["idf"]
        index._dirty = False
        return index

    # -- querying --------------------------------------------------------------------------
    def query_terms(self, query: str) -> list[str]:
        self._ensure_built()
        terms = base_terms(query)
        if self.expansions:
            terms = terms + [extra for term in terms for extra in self.expansions.get(term, ())]
        return analyse(terms, self._decompounder)

    def analyse_text(self, text: str) -> list[str]:
        """Index terms of any text, analysed with this corpus' compound vocabulary."""
        return self.query_terms(text)

    def analyse_terms(self, terms: Iterable[str]) -> list[str]:
        """Index terms of stored base terms (see :func:`~assistant.text.german.base_terms`), cached per term."""
        self._ensure_built()
        result: list[str] = []
        for term in terms:
            analysed = self._analysed.get(term)
            if analysed is None:
                analysed = analyse_term(term, self._decompounder)
                self._analysed[term] = analysed
            result.append(analysed[0])
            result.extend(analysed[1])
        return result

    def idf(self, term: str) -> float:
        """IDF of an analysed term; unseen terms get the highest IDF (they are the most specific)."""
        self._ensure_built()
        column = self._vocabulary.get(term)
        if column is None:
            return float(self._idf.max()) if len(self._idf) else 1.0
        return float(self._idf[column])

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every unit (aligned with :attr:`ids`)."""
        self._ensure_built()
        columns = sorted({self._vocabulary[t] for t in self.query_terms(query) if t in self._vocabulary})
        if not columns or self._matrix is None:
            return np.zeros(len(self._ids), dtype=np.float32)
        return np.asarray(self._matrix[:, columns].sum(axis=1)).ravel()

    def search(self, query: str, k: int, allowed: Sequence[bool] | np.ndarray | None = None) -> list[tuple[str, float]]:
        """Top ``k`` (id, score) with score > 0; ``allowed`` masks units (metadata filters)."""
        scores = self.scores(query)
        if allowed is not None:
            scores = np.where(np.asarray(allowed, dtype=bool), scores, 0.0)
        if not len(scores):
            return []
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self._ids[i], float(scores[i])) for i in top if scores[i] > 0]
