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


@dataclass
class Evidence:
    question: str
    hits: list[SearchHit]
    units: list[ScoredUnit] = field(default_factory=list)

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


def gather_evidence(question: str, hits: list[SearchHit], scorer: RelevanceScorer) -> Evidence:
    units = units_from_hits(hits)
    scores = scorer.score(question, [u.context for u in units])
    # a small prior for the retriever's own ranking breaks ties towards better passages
    scored = [
        ScoredUnit(unit, float(score) + 0.01 * (len(hits) - unit.hit_index) / max(len(hits), 1))
        for unit, score in zip(units, scores, strict=True)
    ]
    scored.sort(key=lambda s: (-s.score, s.unit.hit_index, s.unit.position))
    return Evidence(question, hits, scored)
