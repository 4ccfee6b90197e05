"""Plain BM25 as the reference a retriever must beat: bm25s with the Snowball German stemmer.

Deliberately untuned (bm25s defaults, Lucene BM25, k1 = 1.5, b = 0.75, bm25s' German stop words,
title + text per document): it is what any team would get in an afternoon, so "better than BM25"
means better than the obvious baseline, not better than a weakened one.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.errors import UserError


class ReferenceBM25:
    def __init__(self, doc_ids: Sequence[str], texts: Sequence[str]) -> None:
        try:
            import bm25s
            import Stemmer
        except ImportError as exc:  # dev dependency: only the evaluation needs it
            raise UserError(
                "Für den BM25-Vergleich fehlen die Pakete bm25s und PyStemmer (pip install -e '.[dev]')."
            ) from exc
        self._bm25s = bm25s
        self._stemmer = Stemmer.Stemmer("german")
        self._ids = list(doc_ids)
        tokens = bm25s.tokenize(list(texts), stopwords="de", stemmer=self._stemmer, show_progress=False)
        self._index = bm25s.BM25()
        self._index.index(tokens, show_progress=False)

    def rank(self, query: str, k: int) -> list[str]:
        tokens = self._bm25s.tokenize([query], stopwords="de", stemmer=self._stemmer, show_progress=False)
        if not tokens.vocab:
            return []
        k = min(k, len(self._ids))
        results, scores = self._index.retrieve(tokens, k=k, show_progress=False)
        return [self._ids[int(i)] for i, s in zip(results[0], scores[0], strict=True) if s > 0]
