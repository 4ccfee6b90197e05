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
_YEAR_TERM = re.compile(r"(19|20)\d{2}")
KEY_WORD_MIN_IDF = 1.5  # below: words found in a large share of passages („Stadt“, „Musterstadt“)


def _compound_variant(head: str, present: set[str]) -> bool:
    """Compounds written differently: „Besetzung“ asked, „Stellenbesetzung“ written (the word is a
    part of a longer term); „Liquiditätskredite“ asked, „Kredite zur Liquiditätssicherung“ written
    (some term starts like the compound and another is its last part)."""
    if len(head) >= 6 and any(len(t) > len(head) + 2 and (t.endswith(head) or t.startswith(head)) for t in present):
        return True
    if len(head) < 10:
        return False
    for cut in range(5, len(head) - 3):
        prefix, suffix = head[:cut], head[cut:]
        if suffix in present and any(t != head and t.startswith(prefix.rstrip("s")) for t in present):
            return True
    return False


_PART_BORDER = re.compile(
    r",?\s+und\s+(?=(?:an |ab |bis |in |seit |mit |für )?(?:wie|wo|wann|welch|was|wer|ob)\w*\b)",
    re.IGNORECASE,
)


def split_question(question: str) -> list[str]:
    """„Wie hoch war X 2024 und welcher Zielwert gilt für 2030?“ → two parts to answer."""
    parts = _PART_BORDER.split(question)
    return [p for p in parts if p.strip()]


_ANAPHORA = re.compile(r"^(Davon|Dies|Diese|Dieser|Dieses|Damit|Dabei|Dafür|Dazu|Dort|Sie|Er|Es|Das)\b")
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def _capitalised(question: str) -> set[str]:
    """Words written with a capital after the first word: nouns and names, folded like index terms."""
    from assistant.text.german import fold

    return {fold(w.lower()) for w in re.findall(r"(?<!^)\b[A-ZÄÖÜ][\w-]*", question.strip())}


def has_new_figure(question: str, text: str) -> bool:
    """A figure in the text that the question does not already contain (not the „51“ of „Fachbereich 51“)."""
    asked = set(_FIGURE.findall(question))
    return any(figure not in asked for figure in _FIGURE.findall(text))


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
        # nouns and names (capitalised after the first word) carry the topic; verbs and adjectives
        # („setzt … fest“, „entschieden“) are phrased differently in documents and weigh less
        capitalised = _capitalised(question)
        words = []
        for term in dict.fromkeys(base_terms(question)):
            analysed = [t for t in dict.fromkeys(self._analyse(term)) if t not in skip]
            if not analysed:
                continue
            head, parts = analysed[0], analysed[1:]
            weight = max(self._idf(t) for t in analysed)
            if not term[:1].isdigit() and term not in capitalised:
                weight *= 0.35
            words.append((head, parts, weight))
        return words

    def key_words(self, question: str) -> dict[str, tuple[float, bool]]:
        """Words an answer must contain: nouns, names and numbers (not years) that are not common
        in the corpus. „Grundsteuer A“, „Stadtwerke“ or „36.30“ missing from the best passage
        means the documents answer a neighbouring question, not this one."""
        from assistant.text.german import base_terms

        capitalised = _capitalised(question)
        keys: dict[str, tuple[float, bool]] = {}
        for term in dict.fromkeys(base_terms(question)):
            if _YEAR_TERM.fullmatch(term):
                continue
            identifier = term[:1].isdigit() or len(term) == 1  # „36.30“, „Grundsteuer A“
            if not (identifier or term in capitalised):
                continue
            analysed = self._analyse(term)
            weight = max((self._idf(t) for t in analysed), default=0.0)
            if analysed and (identifier or weight >= KEY_WORD_MIN_IDF):
                keys[analysed[0]] = (weight, identifier)
        return keys

    @staticmethod
    def holds_key_words(keys: dict[str, tuple[float, bool]], covers: frozenset[str]) -> bool:
        """Identifiers all present, the most specific word present, and most of the rest."""
        if not keys:
            return True
        if any(identifier and word not in covers for word, (_, identifier) in keys.items()):
            return False
        rarest = max(keys, key=lambda w: keys[w][0])
        total = sum(weight for weight, _ in keys.values())
        found = sum(weight for word, (weight, _) in keys.items() if word in covers)
        return rarest in covers and found >= 0.75 * total

    def covered(self, words: list[tuple[str, list[str], float]], text: str) -> set[str]:
        """The question words (by stem) a text contains, whole or by at least half of its parts."""
        present = set(self._analyse(text))
        return {
            head
            for head, parts, _ in words
            if head in present
            # a compound found by its parts: all of two parts („Jahres|gehalt“ is not „Jahr“)
            or (parts and sum(p in present for p in parts) >= max(2, len(parts) * 2 / 3))
            or _compound_variant(head, present)
        }

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
            has_number = np.array([has_new_figure(question, t) for t in texts])
            score = np.where(has_number, score, score * 0.8)
        # „Davon sind 41 …“ alone leaves open what „davon“ is; the pair with its predecessor wins
        anaphoric = np.array([bool(_ANAPHORA.match(t.rsplit("\n", 1)[-1])) for t in texts])
        return np.where(anaphoric, score * 0.93, score)
