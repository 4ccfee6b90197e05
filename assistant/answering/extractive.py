"""The default generator: no LLM. Quotes the passage sentences that answer the question, with citations.

A certain answer is the best unit(s); a hedged one („unsicher“) says so and lists the best sentence
of the two or three best passages, each with its citation, so staff decide with the evidence in view.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.answering.answerability import Decision
from assistant.answering.evidence import Evidence, ScoredUnit, has_answer_type
from assistant.answering.models import ChatTurn
from assistant.answering.params import AnswerParams
from assistant.answering.tables import extreme_row, label_list
from assistant.text.sentences import split_sentences

HEDGE = "Eine sichere Antwort geben die Dokumente nicht; am besten passen diese Stellen:"


def hedge(weakness: str = "") -> str:
    """The hedge's first line, with what the evidence lacks when that is known."""
    return HEDGE if not weakness else HEDGE.replace(";", f" ({weakness});", 1)


HEDGED_PASSAGES = 3


class ExtractiveGenerator:
    name = "extractive"
    calls_llm = False

    def __init__(self, max_sentences: int = 3, params: AnswerParams | None = None) -> None:
        self._max_sentences = max_sentences
        self._params = params or AnswerParams()

    def generate(
        self, question: str, evidence: Evidence, history: list[ChatTurn], decision: Decision | None = None
    ) -> Iterator[str]:
        """Yield the answer sentence by sentence, each with its ``[n]`` marker (n = passage rank)."""
        if decision is not None and decision.status == "unsicher":
            yield hedge(decision.weakness)
            picked = self.hedged(evidence)
            for number, unit in enumerate(picked):
                same_passage = number > 0 and picked[number - 1].hit_index == unit.hit_index
                yield (" " if same_passage else "\n- ") + _marked(unit)
            return
        chosen = self._in_reading_order(self.select(evidence))
        for number, scored in enumerate(chosen):
            yield ("" if number == 0 else " ") + _marked(scored)

    @staticmethod
    def _in_reading_order(chosen: list[ScoredUnit]) -> list[ScoredUnit]:
        """Document order within a passage, best passage first."""
        passage_order = list(dict.fromkeys(s.hit_index for s in chosen))
        return sorted(chosen, key=lambda s: (passage_order.index(s.hit_index), s.position))

    def hedged(self, evidence: Evidence) -> list[ScoredUnit]:
        """What a plain answer would quote (from the best passage), then the best unit of each of the next
        best passages, up to three passages (distinct statements only)."""
        picked: list[ScoredUnit] = []
        best = self.select(evidence)
        if best:
            first_passage = best[0].hit_index
            picked = self._in_reading_order([u for u in best if u.hit_index == first_passage])
        if picked and not any(u.has_type for u in picked):
            # the best sentences lack the figure or date asked for: show the best one that has it
            typed = next((u for u in evidence.units if u.has_type and not any(_similar(p, u) for p in picked)), None)
            if typed is not None and not any(_overlaps(p, typed) for p in picked):
                picked = self._in_reading_order([*picked, typed])
        for unit in evidence.units:
            if len({p.hit_index for p in picked}) == HEDGED_PASSAGES:
                break
            if any(p.hit_index == unit.hit_index or _similar(p, unit) for p in picked):
                continue
            picked.append(unit)
        return picked

    def select(self, evidence: Evidence) -> list[ScoredUnit]:
        """The best unit; for a question in parts the best unit of each further part; then units that add
        question words not yet covered. Near-duplicates (one statement in two documents) are skipped."""
        if not evidence.units:
            return []
        best = evidence.units[0]
        question = evidence.question
        # a table answers „Welche Schule hat die meisten …?“ with one of its rows, „An welchen Schulen …?“
        # with its label column
        extreme = extreme_row(question, evidence.units, best.score * self._params.relative_cutoff)
        if extreme is not None:
            best = extreme
        chosen = [best]
        listed = label_list(question, evidence.units)
        if listed is not None:
            chosen.append(listed)
        for heads, kind in list(zip(question.part_heads, question.part_types, strict=True))[1:]:
            if heads <= set().union(*(c.covers for c in chosen)):
                continue
            least = best.score * self._params.part_relative_cutoff
            fitting = [u for u in evidence.units if heads & u.covers and u.score >= least
                       and has_answer_type(question, u.text, kind)]  # fmt: skip
            if fitting:
                pick = max(fitting, key=lambda u: (len(heads & u.covers), u.score))
                self._add(chosen, pick)
        weights = {t.head: t.weight for t in question.terms}
        total = sum(weights.values()) or 1.0
        covered = set().union(*(c.covers for c in chosen))
        sentences = sum(c.span for c in chosen)
        candidates = [u for u in evidence.units if u.score >= best.score * self._params.relative_cutoff
                      and u is not best]  # fmt: skip
        while candidates and sentences < self._max_sentences:
            candidates.sort(key=lambda c: c.score + sum(weights.get(w, 0.0) for w in c.covers - covered) / total,
                            reverse=True)  # fmt: skip
            candidate = candidates.pop(0)
            if candidate in chosen or sentences + candidate.span > self._max_sentences:
                continue
            if not (candidate.covers - covered) and candidate.hit_index != best.hit_index:
                continue  # another passage saying nothing new about the question
            if self._add(chosen, candidate):
                covered |= candidate.covers
                sentences = sum(c.span for c in chosen)
        return chosen

    @staticmethod
    def _add(chosen: list[ScoredUnit], unit: ScoredUnit) -> bool:
        for index, present in enumerate(chosen):
            if _overlaps(unit, present) or _similar(unit, present):
                if (
                    unit.span > present.span
                    and unit.hit_index == present.hit_index
                    and unit.text.startswith(present.text)
                ):
                    chosen[index] = unit  # the pair that holds the chosen sentence and the next one
                    return True
                return False
        chosen.append(unit)
        return True


def _overlaps(first: ScoredUnit, second: ScoredUnit) -> bool:
    """Two units sharing a sentence of the same passage (a sentence and the pair that contains it)."""
    if first.hit_index != second.hit_index:
        return False
    a = range(first.position, first.position + first.span)
    b = range(second.position, second.position + second.span)
    return bool(set(a) & set(b)) and first.row_label is None and second.row_label is None


def _similar(first: ScoredUnit, second: ScoredUnit) -> bool:
    """One statement twice (in two documents, or a sentence and its pair). Table rows are compared by their
    values: two rows of one table share every column name („Vorhaben: …; Einsparung: …“) and still say
    different things."""
    a, b = _compared_words(first), _compared_words(second)
    return bool(a and b) and len(a & b) / min(len(a), len(b)) > 0.7


def _compared_words(unit: ScoredUnit) -> set[str]:
    text = unit.text
    if unit.row_label is not None:
        text = " ".join(cell.split(": ", 1)[-1] for cell in text.split("; "))
    return set(re.findall(r"\w+", text.lower()))


def _marked(unit: ScoredUnit) -> str:
    """Every sentence of a unit (a pair has two) carries the marker, so each is checked against its source."""
    if unit.span == 1:
        return with_marker(unit.text, unit.marker)
    return " ".join(with_marker(sentence, unit.marker) for sentence in split_sentences(unit.text))


def with_marker(sentence: str, number: int) -> str:
    """„Der Anteil sinkt auf 4 Prozent [2].“: the marker goes before the final punctuation."""
    text = sentence.rstrip()
    ending = text[-1] if text and text[-1] in ".!?" else "."
    core = text[:-1].rstrip() if text and text[-1] in ".!?" else text
    return f"{core} [{number}]{ending}"
