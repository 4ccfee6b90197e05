"""Meaning similarity of goal statements for GQ-06 (near duplicates), German-aware and deterministic.

Lexical part: the content words of a statement (no stop words, numbers, the municipality's name or
the vocabulary every goal uses such as „Anteil“, „steigt“, „Prozent“), stemmed, each word aligned to
its best partner in the other statement. The same stem or the same concept of a small municipal
thesaurus („CO2-Ausstoß“ ~ „Treibhausgasemissionen“, but not „Kinderarmut“ ~ „Altersarmut“) counts
1; a shared compound head („Haushalt“ ~ „Ergebnishaushalt“) counts ``HEAD_MATCH``; a shared first
part („Schule“ ~ „Schulabgänger“, „Glasfaseranschluss“ ~ „Glasfasernetz“) counts ``MODIFIER_MATCH``,
because in German compounds the last part carries the meaning. Context words
(„Wege“, „Stadtteil“) weigh half, and so does, gradually, a word that many goals of the set share
(an IDF within the set). The score is the weighted soft Dice of the alignment.

Semantic part: cosine of sentence embeddings. The shipped model is English, so on German text it
mostly sees shared tokens and sentence shape; it can confirm a lexical match but never makes one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy import sparse

from assistant.goals.lexicon import CONCEPTS, CONTEXT_WORDS, GENERIC_HEADS, GOAL_FILLER_WORDS
from assistant.text.german import STOP_WORDS, fold, stem

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)
HEAD_MATCH = 0.8  # one word is the head (end) of the other compound: the same kind of thing
MODIFIER_MATCH = 0.4  # one word is the first part of the other compound: related topic only
CONTEXT_WEIGHT = 0.5  # „Wege“, „Gebäude“, „Stadtteil“: where or for whom, not which outcome
MIN_RARITY = 0.2  # weight of a word that every goal of the set uses
_MIN_PART = 4
_MIN_SHARED_START = 7  # compounds sharing this many first letters share their first part
_KEEP_WITH_DIGITS = {"co2", "u3", "ü3"}


@dataclass(frozen=True)
class Word:
    """A content word: its stem forms (a hyphenated compound has the joined form and its parts)."""

    forms: frozenset[str]
    concepts: frozenset[str]  # concepts the word names itself („Emission“, „CO2“)
    weight: float = 1.0
    head_concepts: frozenset[str] = frozenset()  # concepts only via the compound's end („Kinderarmut“)

    @property
    def key(self) -> str:
        return "-".join(sorted(self.forms))


@cache
def _concept_terms() -> dict[str, frozenset[str]]:
    """Term stem → concepts."""
    result: dict[str, set[str]] = {}
    for concept, terms in CONCEPTS.items():
        for term in terms:
            result.setdefault(stem(fold(term.lower())), set()).add(concept)
    return {term: frozenset(concepts) for term, concepts in result.items()}


def _head_concepts(form: str) -> frozenset[str]:
    """Concepts of a compound ending in a term („treibhausgasemission“ ends in „emission“)."""
    terms = _concept_terms()
    found: set[str] = set()
    for length in range(_MIN_PART, len(form)):
        found.update(terms.get(form[-length:], ()))
    return frozenset(found)


@cache
def _filler_stems() -> frozenset[str]:
    return frozenset(stem(fold(w)) for w in GOAL_FILLER_WORDS) | frozenset(fold(w) for w in STOP_WORDS)


@cache
def _generic_heads() -> frozenset[str]:
    return frozenset(stem(fold(w)) for w in GENERIC_HEADS)


@cache
def _context_stems() -> frozenset[str]:
    return frozenset(stem(fold(w)) for w in CONTEXT_WORDS)


def _stem(token: str) -> str | None:
    folded = fold(token)
    if folded in _filler_stems() or (any(c.isdigit() for c in folded) and folded not in _KEEP_WITH_DIGITS):
        return None
    form = stem(folded)
    return None if len(form) < 2 or form in _filler_stems() else form


@cache
def _word(raw: str) -> Word | None:
    parts = [p for p in raw.split("-") if p]
    forms = {f for f in (_stem(p) for p in parts) if f}
    if len(parts) > 1:
        joined = _stem("".join(parts))
        if joined and forms:
            forms.add(joined)
    if not forms:
        return None
    terms = _concept_terms()
    concepts = frozenset().union(*(terms.get(f, frozenset()) for f in forms))
    heads = frozenset().union(*(_head_concepts(f) for f in forms)) - concepts
    context = not concepts and forms <= _context_stems()
    return Word(frozenset(forms), concepts, CONTEXT_WEIGHT if context else 1.0, heads)


def content_words(text: str, ignore: frozenset[str] = frozenset()) -> list[Word]:
    """Content words of a statement; ``ignore`` holds extra folded words (e.g. the municipality)."""
    words: list[Word] = []
    for raw in _WORD.findall(text.lower()):
        if fold(raw) in ignore:
            continue
        word = _word(raw)
        if word is not None and word not in words:
            words.append(word)
    return words


def _vocabulary_matches(vocabulary: Sequence[Word]) -> list[tuple[float, sparse.csr_matrix]]:
    """For each match level, a V×V 0/1 matrix of the vocabulary words that match at that level."""
    by_form: dict[str, list[int]] = {}
    by_concept: dict[str, list[int]] = {}
    for i, word in enumerate(vocabulary):
        for form in word.forms:
            by_form.setdefault(form, []).append(i)
        for concept in word.concepts:
            by_concept.setdefault(concept, []).append(i)
    full: set[tuple[int, int]] = {(i, j) for group in (*by_form.values(), *by_concept.values())
                                  for i in group for j in group}  # fmt: skip
    # a compound of a concept matches a word that names the concept („Treibhausgasemission“ ~ „CO2“),
    # two compounds that only share the concept's head do not („Kinderarmut“, „Altersarmut“)
    for i, word in enumerate(vocabulary):
        for concept in word.head_concepts:
            full.update(pair for j in by_concept.get(concept, ()) for pair in ((i, j), (j, i)))
    head: set[tuple[int, int]] = set()
    modifier: set[tuple[int, int]] = set()
    generic = _generic_heads()
    by_start: dict[str, list[int]] = {}
    for i, word in enumerate(vocabulary):
        for form in word.forms:
            if len(form) >= _MIN_SHARED_START:
                by_start.setdefault(form[:_MIN_SHARED_START], []).append(i)
    for group in by_start.values():  # a long shared first part: „Glasfaseranschluss“ ~ „Glasfasernetz“
        modifier.update((i, j) for i in group for j in group if i != j)
    for i, word in enumerate(vocabulary):
        for form in word.forms:
            for length in range(_MIN_PART, len(form)):
                suffix, prefix = form[-length:], form[:length]
                for j in by_form.get(suffix, ()) if suffix not in generic else ():
                    head.update({(i, j), (j, i)})
                for j in by_form.get(prefix, ()) if prefix not in generic else ():
                    modifier.update({(i, j), (j, i)})
    n = len(vocabulary)
    return [
        (1.0, _binary(full, n)),
        (HEAD_MATCH, _binary(head - full, n)),
        (MODIFIER_MATCH, _binary(modifier - head - full, n)),
    ]


def _binary(pairs: set[tuple[int, int]], n: int) -> sparse.csr_matrix:
    rows, cols = zip(*sorted(pairs), strict=True) if pairs else ((), ())
    return sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(n, n))


def lexical_matrix(texts: Sequence[Sequence[Word]]) -> np.ndarray:
    """Pairwise weighted soft Dice of the best word alignment in both directions (n×n, 0 … 1).

    Each word of one statement is aligned to its best partner in the other; the weighted sum over both
    statements is divided by their total weight. Sparse matrices keep 500 goals at a few milliseconds.
    """
    n = len(texts)
    vocabulary = list({word.key: word for words in texts for word in words}.values())
    if n == 0 or not vocabulary:
        return np.zeros((n, n), dtype=np.float32)
    column = {word.key: i for i, word in enumerate(vocabulary)}
    rows = [column[word.key] for words in texts for word in words]
    cols = [g for g, words in enumerate(texts) for _ in words]
    weights = np.array([word.weight for words in texts for word in words], dtype=np.float32)
    shape = (len(vocabulary), n)
    incidence = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=shape)
    weights = weights * _rarity(np.asarray(incidence.sum(axis=1)).ravel(), n)[rows]
    weighted = sparse.csr_matrix((weights, (rows, cols)), shape=shape)
    # best[v, g]: how well vocabulary word v is matched by some word of statement g
    best = np.zeros(shape, dtype=np.float32)
    for value, matches in _vocabulary_matches(vocabulary):
        best = np.maximum(best, value * ((matches @ incidence).toarray() > 0))
    aligned = np.asarray(weighted.T @ best, dtype=np.float32)  # aligned[i, j]: matched weight of i in j
    totals = np.asarray(weighted.sum(axis=0), dtype=np.float32).ravel()
    denominator = totals[:, None] + totals[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = np.where(denominator > 0, (aligned + aligned.T) / denominator, 0.0)
    return scores.astype(np.float32)


def _rarity(document_frequency: np.ndarray, n: int) -> np.ndarray:
    """Weight of each word by how many statements of the set use it: words shared by two statements
    keep full weight; boilerplate that recurs in many goals („in allen Stadtteilen“, „erreichen den
    Landesdurchschnitt“) counts less, down to ``MIN_RARITY`` (an IDF scaled to 1 at two statements)."""
    if n < 3:
        return np.ones_like(document_frequency, dtype=np.float32)
    scaled = np.log((n + 1) / np.maximum(document_frequency, 1)) / np.log((n + 1) / 2)
    return np.clip(scaled, MIN_RARITY, 1.0).astype(np.float32)


def lexical_similarity(a: Sequence[Word], b: Sequence[Word]) -> float:
    return float(lexical_matrix([a, b])[0, 1])
