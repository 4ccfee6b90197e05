"""Evidence for an answer: the retrieved passages and their best-scoring units."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.answering.relevance import RelevanceScorer
from assistant.answering.units import Unit, units_from_hits
from assistant.models import SearchHit


@dataclass
class ScoredUnit:
    unit: Unit
    score: float
    covers: frozenset[str] = frozenset()


@dataclass
class Evidence:
    question: str
    hits: list[SearchHit]
    units: list[ScoredUnit] = field(default_factory=list)
    word_weights: dict[str, float] = field(default_factory=dict)
    part_words: list[set[str]] = field(default_factory=list)  # question words per question part
    part_texts: list[str] = field(default_factory=list)
    # 0-based ranks of the passages the generator was shown (an LLM prompt is cut by its token budget);
    # None: all of ``hits``. Markers to other passages point to nothing the generator read.
    shown: list[int] | None = None

    def citable(self) -> set[int]:
        """The 1-based passage numbers an answer may cite."""
        ranks = range(len(self.hits)) if self.shown is None else self.shown
        return {index + 1 for index in ranks}

    @property
    def best_score(self) -> float:
        return self.units[0].score if self.units else 0.0

    def relevant_hits(self, threshold: float) -> list[int]:
        """Indexes of passages holding at least one unit above the threshold (best first)."""
        order: list[int] = []
        for scored in self.units:
            if scored.score >= threshold and scored.unit.hit_index not in order:
                order.append(scored.unit.hit_index)
        return order


_TOTALS = ("gesamt", "summe", "insgesamt", "zusammen", "gesamtstadt")


def _row_asked_for(label: str, words, scorer: RelevanceScorer) -> bool:
    """A table row answers when the question names its row („Fachbereich 51“), or it is the total
    row and the question names no row; other rows („50 Soziales“ for a question about the whole
    administration) are only neighbours of the answer."""
    if label.lower().startswith(_TOTALS):
        return True
    return bool(scorer.covered(words, label))


def gather_evidence(question: str, hits: list[SearchHit], scorer: RelevanceScorer) -> Evidence:
    units = units_from_hits(hits)
    scores = scorer.score(question, [u.context for u in units])
    words = scorer.question_words(question)
    scored = [
        ScoredUnit(
            unit,
            # a small prior for better-ranked passages; pairs pay a little for their length
            float(score) + 0.01 * (len(hits) - unit.hit_index) / max(len(hits), 1) - 0.02 * (unit.span - 1),
            frozenset(scorer.covered(words, unit.context)),
        )
        for unit, score in zip(units, scores, strict=True)
    ]
    for item in scored:
        if item.unit.row_label is not None and not _row_asked_for(item.unit.row_label, words, scorer):
            item.score *= 0.9
    scored.sort(key=lambda s: (-s.score, s.unit.hit_index, s.unit.position))
    from assistant.answering.relevance import split_question

    texts = split_question(question)
    parts = [{head for head, _, _ in scorer.question_words(part)} for part in texts]
    return Evidence(question, hits, scored, {head: weight for head, _, weight in words}, parts, texts)
