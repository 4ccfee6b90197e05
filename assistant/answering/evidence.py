"""Evidence for an answer: the retrieved passages and their answer units, scored against the question.

Units, their terms and embeddings come from the index (computed at ingest); scoring here is
arithmetic: IDF-weighted term coverage and a dot product with the question's vector.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from assistant.answering.params import AnswerParams
from assistant.answering.question import QuestionAnalysis, QuestionTerm
from assistant.index.unit_store import StoredUnit, UnitStore
from assistant.models import SearchHit
from assistant.text.abbreviations import spells
from assistant.text.german import base_terms, fold, raw_tokens
from assistant.text.names import names_someone
from assistant.text.numbers import has_contact, has_date, new_amounts, years


@dataclass
class ScoredUnit:
    hit_index: int  # 0-based rank of its passage
    position: int  # order inside the passage
    text: str
    score: float
    coverage: float
    dense: float
    covers: frozenset[str]  # question heads the unit (with its passage title) contains
    has_type: bool  # holds the kind of answer asked for
    span: int = 1  # number of sentences
    own_coverage: float = 0.0  # coverage by the unit's own words (without its passage title)
    key_coverage: float = 1.0  # IDF-weighted share of the question's key words in the unit itself
    row_label: str | None = None

    @property
    def marker(self) -> int:
        return self.hit_index + 1


@dataclass
class PassageEvidence:
    coverage: float  # IDF-weighted share of question terms anywhere in the passage (with title)
    present: frozenset[str]
    years: bool  # the passage names a year the question asks about (True when none asked)


@dataclass
class Evidence:
    question: QuestionAnalysis
    hits: list[SearchHit]
    units: list[ScoredUnit] = field(default_factory=list)  # best first
    passages: list[PassageEvidence] = field(default_factory=list)  # aligned with hits
    # 0-based ranks of the passages the generator was shown (an LLM prompt is cut by its token budget);
    # None: all of ``hits``. Markers to other passages point to nothing the generator read.
    shown: list[int] | None = None

    def citable(self) -> set[int]:
        ranks = range(len(self.hits)) if self.shown is None else self.shown
        return {index + 1 for index in ranks}

    @property
    def best(self) -> ScoredUnit | None:
        return self.units[0] if self.units else None

    @property
    def best_score(self) -> float:
        return self.units[0].score if self.units else 0.0

    def passage_order(self, *, require_overlap: bool = False) -> list[int]:
        """Passage ranks ordered by their best unit (most relevant first), then the rest by retrieval rank;
        ``require_overlap``: only passages that contain at least one word of the question."""
        order = list(dict.fromkeys(u.hit_index for u in self.units))
        order += [i for i in range(len(self.hits)) if i not in order]
        if require_overlap:
            order = [i for i in order if self.passages[i].coverage > 0]
        return order

    def best_unit_of(self, hit_index: int) -> ScoredUnit | None:
        return next((u for u in self.units if u.hit_index == hit_index), None)


def coverage(
    terms: Iterable[QuestionTerm], present: set[str] | frozenset[str], part_credit: float
) -> tuple[float, set[str]]:
    """IDF-weighted share of question terms found, and the heads found. A compound found only by its
    parts counts ``part_credit`` of its weight times the share of parts found."""
    total = found = 0.0
    heads: set[str] = set()
    for term in terms:
        total += term.weight
        if term.head in present:
            found += term.weight
            heads.add(term.head)
        elif term.parts:
            share = sum(p in present for p in term.parts) / len(term.parts)
            found += term.weight * part_credit * share
            if share == 1.0:
                heads.add(term.head)
    return (found / total if total else 0.0), heads


def _words(text: str) -> list[str]:
    """Folded words in text order, hyphenated ones as their parts („Stadt-Umland-Bahn“ → stadt, umland, bahn)."""
    return [fold(part) for token in raw_tokens(text) if not token[:1].isdigit() for part in token.split("-") if part]


def _continues(question: QuestionAnalysis, unit: StoredUnit, following: StoredUnit) -> bool:
    """The next unit reads on from ``unit``: in the same paragraph, or in the next one when it is a whole
    sentence (PDF text breaks paragraphs at line ends; a heading has no final punctuation) or the line that
    gives the kind of answer asked for („Kontakt:“ ↵ „info@…“)."""
    if following.block == unit.block:
        return True
    if following.block != unit.block + 1:
        return False
    if following.text.rstrip()[-1:] in ".!?":
        return True
    return question.answer_type != "andere" and has_answer_type(question, following.text)


def has_answer_type(question: QuestionAnalysis, text: str, kind: str | None = None) -> bool:
    """Whether ``text`` holds the kind of answer asked for (``kind``: that of one part of the question)."""
    kind = kind or question.answer_type
    if kind != "andere" and text.rstrip().endswith("?"):
        return False  # a text that asks („Ist bekannt, wie viele …?“) does not give what it asks for
    if kind == "zeit":
        return has_date(text)
    if kind == "menge":
        return bool(new_amounts(question.text, text))
    if kind == "kontakt":
        return has_contact(text)
    if kind == "person":
        return names_someone(text, question.words)
    return True


class EvidenceEngine:
    def __init__(self, units: UnitStore, analyse_terms: Callable[[Iterable[str]], list[str]], params: AnswerParams):
        self._units = units
        self._analyse_terms = analyse_terms
        self._params = params

    def gather(self, question: QuestionAnalysis, hits: list[SearchHit]) -> Evidence:
        stored = self._units.units_for([h.chunk_id for h in hits])
        scored: list[ScoredUnit] = []
        passages: list[PassageEvidence] = []
        for index, hit in enumerate(hits):
            units = stored.get(hit.chunk_id, [])
            title_terms = set(self._analyse_terms(base_terms(f"{hit.title}\n{hit.section}")))
            unit_terms = [set(self._analyse_terms(u.terms)) for u in units]
            self._spell_out_acronyms(question, f"{hit.title}\n{hit.section}", title_terms, units, unit_terms)
            present = frozenset(title_terms.union(*unit_terms))
            passage_cov, _ = coverage(question.terms, present, self._params.part_credit)
            passage_years = not question.years or bool(question.years & years(f"{hit.title} {hit.section} {hit.text}"))
            passages.append(PassageEvidence(passage_cov, present, passage_years))
            prior = self._params.rank_prior * (len(hits) - index) / max(len(hits), 1)
            scored.extend(self._score_units(question, index, units, unit_terms, title_terms, prior))
        scored.sort(key=lambda s: (-s.score, s.hit_index, s.position))
        return Evidence(question, hits, scored, passages)

    def _spell_out_acronyms(self, question: QuestionAnalysis, title: str, title_terms: set[str],
                            units: list[StoredUnit], unit_terms: list[set[str]]) -> None:  # fmt: skip
        """An acronym of the question that a passage writes out („ASD“ ↔ „Allgemeiner Sozialdienst“) counts as present
        in the units (or title) that spell it."""
        acronyms = [t for t in question.terms if t.acronym]
        if not acronyms:
            return  # most questions: no second pass over the passage's terms
        present = title_terms.union(*unit_terms)
        for term in (t for t in acronyms if t.head not in present):
            for text, terms in ((title, title_terms), *((u.text, unit_terms[n]) for n, u in enumerate(units))):
                if spells(term.acronym, _words(text), self._part_starts):
                    terms.add(term.head)

    def _part_starts(self, word: str) -> list[int]:
        """Offsets at which the compound parts of ``word`` begin (from the index's decompounding)."""
        starts = []
        for part in self._analyse_terms([word])[1:]:
            offset = word.find(part[:3], 1)
            if offset > 0:
                starts.append(offset)
        return starts

    def _score_units(
        self,
        question: QuestionAnalysis,
        hit_index: int,
        units: list[StoredUnit],
        unit_terms: list[set[str]],
        title_terms: set[str],
        prior: float,
    ) -> list[ScoredUnit]:
        if not units:
            return []
        params = self._params
        vectors = np.stack([u.vector for u in units])
        dense = np.clip(vectors @ question.vector, 0.0, 1.0)
        candidates: list[tuple[int, int, str, set[str], float, str | None]] = []
        for n, unit in enumerate(units):
            candidates.append((n, 1, unit.text, unit_terms[n], float(dense[n]), unit.row_label))
            following = n + 1
            if (
                following < len(units)
                and unit.kind == "sentence"
                and units[following].kind == "sentence"
                and _continues(question, unit, units[following])
                and self._pair_adds(question, unit, units[following], unit_terms[n], unit_terms[following])
            ):
                # two neighbouring sentences answer „wie hoch … und wie weit …“ together, and a second
                # sentence that refers back („Davon …“) needs its predecessor
                pair_vector = vectors[n] + vectors[following]
                norm = float(np.linalg.norm(pair_vector)) or 1.0
                pair_dense = float(np.clip(pair_vector @ question.vector / norm, 0.0, 1.0))
                candidates.append((n, 2, f"{unit.text} {units[following].text}",
                                   unit_terms[n] | unit_terms[following], pair_dense, None))  # fmt: skip
        keys = [t for t in question.terms if t.key]
        result = []
        for position, span, text, terms, unit_dense, label in candidates:
            cov, heads = coverage(question.terms, terms | title_terms, params.part_credit)
            own, _ = coverage(question.terms, terms, params.part_credit)
            key_cov = coverage(keys, terms, params.part_credit)[0] if keys else 1.0
            typed = has_answer_type(question, text)
            score = params.lexical_weight * cov + (1 - params.lexical_weight) * unit_dense
            if not typed:
                score *= params.type_penalty
            score += prior - params.pair_cost * (span - 1)
            unit = ScoredUnit(hit_index, position, text, score, cov, unit_dense, frozenset(heads), typed)
            unit.span, unit.row_label, unit.own_coverage, unit.key_coverage = span, label, own, key_cov
            result.append(unit)
        return result

    def _pair_adds(self, question: QuestionAnalysis, first: StoredUnit, second: StoredUnit,
                   first_terms: set[str], second_terms: set[str]) -> bool:  # fmt: skip
        """A sentence pairs with the next one only when that adds something the question asks for: a
        question word the first lacks, or the kind of answer (figure, date) the first does not give."""
        heads = {t.head for t in question.terms}
        if (second_terms - first_terms) & heads:
            return True
        return not has_answer_type(question, first.text) and has_answer_type(question, second.text)
