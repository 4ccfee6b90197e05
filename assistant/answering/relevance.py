"""How well a text unit answers a question: IDF-weighted term coverage plus embedding similarity.

Coverage of the question's specific terms is what separates „in den Dokumenten“ from „nicht in den
Dokumenten“: a passage about the same topic but without the asked-for detail covers only the generic
terms, which carry little IDF weight.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from assistant.index.base import Embedder

# question words that say what kind of answer is wanted, not what it is about
QUESTION_WORDS = {
    "wie", "was", "wer", "wem", "wen", "wo", "wann", "warum", "weshalb", "welch", "welche", "welcher",
    "welches", "welchen", "viel", "viele", "hoch", "hohe", "groß", "gross", "lang", "sagt", "steht",
    "gibt", "geplant", "genau", "eigentlich", "derzeit", "aktuell", "bitte", "nenn", "nenne", "nennen",
}  # fmt: skip
_QUANTITY = re.compile(
    r"\b(wie (viel|viele|hoch|groß|lang|stark)|anteil|quote|betrag|höhe|summe|anzahl|zahl|prozent"
    r"|wann|bis wann|welchem jahr)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")


def wants_quantity(question: str) -> bool:
    return bool(_QUANTITY.search(question))


class RelevanceScorer:
    """Scores units against a question. ``analyse`` and ``idf`` come from the keyword index."""

    def __init__(
        self,
        analyse: Callable[[str], list[str]],
        idf: Callable[[str], float],
        embedder: Embedder,
        lexical_weight: float = 0.6,
    ) -> None:
        self._analyse = analyse
        self._idf = idf
        self._embedder = embedder
        self._lexical_weight = lexical_weight

    def question_words(self, question: str) -> list[tuple[str, list[str], float]]:
        """Content words of the question: (stem, compound-part stems, weight = highest IDF)."""
        from assistant.text.german import base_terms, stem

        skip = {stem(w) for w in QUESTION_WORDS}
        words = []
        for term in dict.fromkeys(base_terms(question)):
            analysed = [t for t in dict.fromkeys(self._analyse(term)) if t not in skip]
            if not analysed:
                continue
            head, parts = analysed[0], analysed[1:]
            words.append((head, parts, max(self._idf(t) for t in analysed)))
        return words

    def coverage(self, words: list[tuple[str, list[str], float]], text: str) -> float:
        """IDF-weighted share of question words found; a compound found only by its parts counts less,
        so „Eintrittspreise“ is not answered by any text that mentions „Preise“."""
        if not words:
            return 0.0
        present = set(self._analyse(text))
        total = sum(weight for _, _, weight in words)
        found = 0.0
        for head, parts, weight in words:
            if head in present:
                found += weight
            elif parts:
                found += weight * 0.7 * sum(p in present for p in parts) / len(parts)
        return found / total if total else 0.0

    def score(self, question: str, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros(0)
        words = self.question_words(question)
        lexical = np.array([self.coverage(words, t) for t in texts])
        vectors = self._embedder.embed_documents(list(texts))
        dense = np.clip(vectors @ self._embedder.embed_query(question), 0.0, 1.0)
        score = self._lexical_weight * lexical + (1 - self._lexical_weight) * dense
        if wants_quantity(question):
            has_number = np.array([bool(_DIGIT.search(t)) for t in texts])
            score = np.where(has_number, score, score * 0.8)
        return score
