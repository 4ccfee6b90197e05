"""Meaning similarity of goal statements for GQ-06 (near duplicates), German-aware and deterministic.

Lexical part: the content words of a statement (no stop words, numbers, the municipality's name or
the vocabulary every goal uses such as „Anteil“, „steigt“, „Prozent“), stemmed, each word aligned to
its best partner in the other statement: same stem or same concept (a small municipal thesaurus:
„CO2-Ausstoß“ ~ „Treibhausgasemissionen“) counts 1, a shared compound part („Schulabgänger“ ~
„Schule“) counts less. The score is the soft Dice of the alignment.

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

from assistant.goals.lexicon import CONCEPTS, CONTEXT_WORDS, GOAL_FILLER_WORDS
from assistant.text.german import STOP_WORDS, fold, stem

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)
PARTIAL_MATCH = 0.6  # a shared compound part: related, not the same word
CONTEXT_WEIGHT = 0.5  # „Wege“, „Gebäude“, „Stadtteil“: where or for whom, not which outcome
_MIN_PART = 4


@dataclass(frozen=True)
class Word:
    stem: str
    concepts: frozenset[str]
    weight: float = 1.0


@cache
def _concept_index() -> tuple[tuple[str, str], ...]:
    """(term stem, concept) pairs, longest terms first."""
    pairs = {(stem(fold(term.lower())), concept) for concept, terms in CONCEPTS.items() for term in terms}
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p)))


@cache
def _filler_stems() -> frozenset[str]:
    return frozenset(stem(fold(w)) for w in GOAL_FILLER_WORDS) | frozenset(fold(w) for w in STOP_WORDS)


@cache
def _context_stems() -> frozenset[str]:
    return frozenset(stem(fold(w)) for w in CONTEXT_WORDS)


@cache
def _word(token: str) -> Word | None:
    folded = fold(token)
    has_digits = any(c.isdigit() for c in folded) and folded not in {"co2", "u3"}
    if folded in _filler_stems() or has_digits:
        return None
    word_stem = stem(folded)
    if len(word_stem) < 2 or word_stem in _filler_stems():
        return None
    concepts = frozenset(
        concept
        for term, concept in _concept_index()
        if word_stem == term
        or (len(term) >= _MIN_PART and (word_stem.endswith(term) or word_stem.startswith(term)))
    )
    return Word(
        word_stem, concepts, CONTEXT_WEIGHT if word_stem in _context_stems() and not concepts else 1.0
    )


def content_words(text: str, ignore: frozenset[str] = frozenset()) -> list[Word]:
    """Content words of a statement; ``ignore`` holds extra folded words (e.g. the municipality)."""
    words: list[Word] = []
    for raw in _WORD.findall(text.lower()):
        parts = raw.split("-")
        for token in [*parts, "".join(parts)] if len(parts) > 1 else parts:
            if fold(token) in ignore:
                continue
            word = _word(token)
            if word is not None and word not in words:
                words.append(word)
    return words


def _vocabulary_matches(vocabulary: Sequence[Word]) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """Two V×V 0/1 matrices: words that match fully (same stem or concept) and partially (one stem is
    the beginning or end of the other, at least four letters: „schul“ ~ „schulabgang“)."""
    index = {word.stem: i for i, word in enumerate(vocabulary)}
    full: set[tuple[int, int]] = {(i, i) for i in range(len(vocabulary))}
    by_concept: dict[str, list[int]] = {}
    for i, word in enumerate(vocabulary):
        for concept in word.concepts:
            by_concept.setdefault(concept, []).append(i)
    full.update((i, j) for members in by_concept.values() for i in members for j in members)
    partial: set[tuple[int, int]] = set()
    for i, word in enumerate(vocabulary):
        text = word.stem
        for length in range(_MIN_PART, len(text)):
            for piece in (text[:length], text[-length:]):
                j = index.get(piece)
                if j is not None:
                    partial.update({(i, j), (j, i)})
    n = len(vocabulary)
    return _binary(full, n), _binary(partial - full, n)


def _binary(pairs: set[tuple[int, int]], n: int) -> sparse.csr_matrix:
    rows, cols = zip(*sorted(pairs), strict=True) if pairs else ((), ())
    return sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(n, n))


def lexical_matrix(texts: Sequence[Sequence[Word]]) -> np.ndarray:
    """Pairwise weighted soft Dice of the best word alignment in both directions (n×n, 0 … 1).

    Each word of one statement is aligned to its best partner in the other (1 for the same stem or
    concept, ``PARTIAL_MATCH`` for a shared compound part, 0 otherwise); the weighted sum over both
    statements is divided by their total weight. Computed with sparse matrices so 500 goals take
    milliseconds.
    """
    n = len(texts)
    vocabulary = list({word.stem: word for words in texts for word in words}.values())
    if n == 0 or not vocabulary:
        return np.zeros((n, n), dtype=np.float32)
    column = {word.stem: i for i, word in enumerate(vocabulary)}
    rows = [column[word.stem] for words in texts for word in words]
    cols = [g for g, words in enumerate(texts) for _ in words]
    weights = [word.weight for words in texts for word in words]
    incidence = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(vocabulary), n)
    )
    weighted = sparse.csr_matrix((np.array(weights, dtype=np.float32), (rows, cols)), shape=incidence.shape)
    full, partial = _vocabulary_matches(vocabulary)
    # best[v, g]: how well word v is matched by some word of statement g
    best = (full @ incidence).toarray() > 0
    best = np.maximum(best.astype(np.float32), PARTIAL_MATCH * ((partial @ incidence).toarray() > 0))
    aligned = (weighted.T @ best).astype(np.float32)  # aligned[i, j]: matched weight of i's words in j
    totals = np.asarray(weighted.sum(axis=0)).ravel()
    denominator = totals[:, None] + totals[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = np.where(denominator > 0, (aligned + aligned.T) / denominator, 0.0)
    return scores.astype(np.float32)


def lexical_similarity(a: Sequence[Word], b: Sequence[Word]) -> float:
    return float(lexical_matrix([a, b])[0, 1])
