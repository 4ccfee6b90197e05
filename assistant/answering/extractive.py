"""The default generator: no LLM. Picks the passage sentences that answer the question and cites them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.answering.evidence import Evidence, ScoredUnit
from assistant.answering.models import ChatTurn
from assistant.answering.relevance import has_new_figure, wants_quantity


class ExtractiveGenerator:
    name = "extractive"

    def __init__(self, max_sentences: int = 3, relative_cutoff: float = 0.8) -> None:
        self._max_sentences = max_sentences
        self._relative_cutoff = relative_cutoff

    def generate(self, question: str, evidence: Evidence, history: list[ChatTurn]) -> Iterator[str]:
        """Yield the answer sentence by sentence, each with its ``[n]`` marker (n = passage rank)."""
        chosen = self.select(evidence)
        # read in document order within a passage, best passage first
        passage_order = list(dict.fromkeys(s.unit.hit_index for s in chosen))
        chosen.sort(key=lambda s: (passage_order.index(s.unit.hit_index), s.unit.position))
        for number, scored in enumerate(chosen):
            yield ("" if number == 0 else " ") + with_marker(scored.unit.text, scored.unit.hit_index + 1)

    def select(self, evidence: Evidence) -> list[ScoredUnit]:
        """Greedy selection: the best unit, then units that add question words not yet covered;
        near-duplicates (the same statement in two documents) are skipped."""
        if not evidence.units:
            return []
        best = evidence.best_score
        total = sum(evidence.word_weights.values()) or 1.0
        chosen: list[ScoredUnit] = [evidence.units[0]]
        # a question in two parts („Wie hoch … und ab wann …?“) gets the best unit for each part
        parts = evidence.part_words if len(evidence.part_words) > 1 else []
        for part_words, part_text in zip(parts, evidence.part_texts, strict=False):
            have = set().union(*(c.covers for c in chosen))
            wanted = part_words - have
            if not wanted and any(answers_type(part_text, c.unit.text) for c in chosen):
                continue  # the units chosen so far already answer this part
            # units that speak about this part and give the kind of answer it asks for (a date, a figure);
            # verbs like „entschieden“ rarely appear, so words already covered count too
            fitting = [
                u for u in evidence.units
                if u.score >= best * 0.5 and part_words & u.covers and answers_type(part_text, u.unit.text)
                and u not in chosen
            ]  # fmt: skip
            if not fitting:
                continue
            pick = max(fitting, key=lambda u: (len(wanted & u.covers), len(part_words & u.covers), u.score))
            for index, present in enumerate(chosen):
                if _similar(pick.unit.text, present.unit.text):
                    if len(pick.unit.text) > len(present.unit.text):
                        chosen[index] = pick  # the pair that holds the chosen sentence and the next one
                    break
            else:
                chosen.append(pick)
        covered = set().union(*(c.covers for c in chosen))
        candidates = [u for u in evidence.units[1:] if u.score >= best * self._relative_cutoff and u not in chosen]
        sentences = sum(c.unit.span for c in chosen)
        while candidates and sentences < self._max_sentences:
            already = frozenset(covered)
            candidates.sort(key=lambda c: c.score + _new_weight(c, already, evidence, total), reverse=True)
            candidate = candidates.pop(0)
            if any(_similar(candidate.unit.text, c.unit.text) for c in chosen):
                continue
            if sentences + candidate.unit.span > self._max_sentences:
                continue
            chosen.append(candidate)
            covered |= candidate.covers
            sentences += candidate.unit.span
        return chosen + _sibling_rows(chosen, evidence)


def _sibling_rows(chosen: list[ScoredUnit], evidence: Evidence, limit: int = 3) -> list[ScoredUnit]:
    """Rows of the same table that score almost as well as a chosen row: „Welche Vorhaben …?“ is
    answered by all of them, not by the first."""
    rows = [c for c in chosen if c.unit.row_label is not None]
    extra: list[ScoredUnit] = []
    for row in rows:
        for unit in evidence.units:
            if (
                len(extra) < limit
                and unit.unit.row_label is not None
                and unit.unit.hit_index == row.unit.hit_index
                and unit not in chosen
                and unit not in extra
                and unit.score >= row.score * 0.9
            ):
                extra.append(unit)
    return extra


_DIGIT = re.compile(r"\d")
_DATE = re.compile(
    r"\b(?:19|20)\d{2}\b|\b\d{1,2}\.\d{1,2}\.|\b(?:januar|februar|märz|april|mai|juni|juli|august|"
    r"september|oktober|november|dezember|frühjahr|sommer|herbst|winter)\b",
    re.IGNORECASE,
)
_WHEN = re.compile(r"\b(wann|bis wann|ab wann|seit wann|welchem jahr|welchem datum|welchem tag)\b", re.IGNORECASE)


def asks_when(question: str) -> bool:
    return bool(_WHEN.search(question))


def answers_type(question: str, text: str) -> bool:
    """A „wann“ question needs a date, a „wie viel/hoch“ question a figure."""
    if asks_when(question):
        return bool(_DATE.search(text))
    if wants_quantity(question):
        return has_new_figure(question, text)
    return True


def _new_weight(candidate: ScoredUnit, covered: frozenset[str], evidence: Evidence, total: float) -> float:
    """Share of the question's weight that the candidate adds to what is already covered."""
    return sum(evidence.word_weights.get(w, 0) for w in candidate.covers - covered) / total


def _similar(first: str, second: str) -> bool:
    a, b = set(re.findall(r"\w+", first.lower())), set(re.findall(r"\w+", second.lower()))
    return bool(a and b) and len(a & b) / min(len(a), len(b)) > 0.7


def with_marker(sentence: str, number: int) -> str:
    """„Der Anteil sinkt auf 4 Prozent [2].“: the marker goes before the final punctuation."""
    text = sentence.rstrip()
    ending = text[-1] if text and text[-1] in ".!?" else "."
    core = text[:-1].rstrip() if text and text[-1] in ".!?" else text
    return f"{core} [{number}]{ending}"
