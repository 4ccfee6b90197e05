"""The one answerability decision: evidence in → decision with reason and confidence out.

Used by the extractive and the LLM generator alike (:class:`~assistant.answering.service.AnswerService`).
The confidence is a logistic model over a few features of the evidence whose weights and thresholds
live in :class:`~assistant.answering.params.AnswerParams` (fitted on the tuning halves, see there).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Literal

from assistant.answering.evidence import Evidence
from assistant.answering.params import AnswerParams
from assistant.text.numbers import YEAR, years

Status = Literal["beantwortet", "unsicher", "nicht_gefunden"]


@dataclass(frozen=True)
class Features:
    """All in [0, 1]; names match :attr:`AnswerabilityModel.weights`."""

    unit_coverage: float  # share of the question's weight in the best unit (sentence, pair or row) and its title
    unit_own_coverage: float  # the same by the unit's own words, without the passage title
    unit_key_coverage: float  # share of the key words (nouns, names, numbers) in the best unit itself
    passage_coverage: float  # the same for the best passage as a whole (with its title)
    key_coverage: float  # share of the key words (nouns, names, numbers) in the best passage
    rarest_present: float  # 1 if the question's most specific key word is in the best passage
    dense: float  # cosine of the best unit with the question
    type_match: float  # the best unit holds what is asked for (a date, a figure); 1 if nothing special
    year_match: float  # a year the question names appears in the best passage; 1 if none named

    @classmethod
    def names(cls) -> list[str]:
        return list(cls.__dataclass_fields__)

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


@dataclass(frozen=True)
class Decision:
    status: Status
    confidence: float  # p(answerable) under the calibrated model
    reason: str  # German, for the answer's details and the logs
    features: Features | None = None
    weakness: str = ""  # what the evidence lacks („das gefragte Jahr kommt … nicht vor“); a hedged answer says it

    @property
    def answerable(self) -> bool:
        return self.status != "nicht_gefunden"


NO_EVIDENCE = Features(*[0.0] * 9)


def features(evidence: Evidence) -> Features:
    best = evidence.best
    if best is None or not evidence.question.terms:
        return NO_EVIDENCE
    question = evidence.question
    # the passage that covers the question best (not necessarily the best unit's)
    passage_index = max(range(len(evidence.passages)), key=lambda i: evidence.passages[i].coverage)
    passage = evidence.passages[passage_index]
    keys = [t for t in question.terms if t.key]
    if keys:
        total = sum(t.idf for t in keys)
        key_cov = sum(t.idf for t in keys if _present(t, passage.present)) / total
        rarest = max(keys, key=lambda t: t.idf)
        rarest_present = 1.0 if _present(rarest, passage.present) else 0.0
    else:
        key_cov = rarest_present = 1.0
    year_match = 1.0 if any(p.years for p in evidence.passages[:3]) else 0.0
    return Features(
        unit_coverage=best.coverage,
        unit_own_coverage=best.own_coverage,
        unit_key_coverage=best.key_coverage,
        passage_coverage=passage.coverage,
        key_coverage=key_cov,
        rarest_present=rarest_present,
        dense=best.dense,
        type_match=1.0 if best.has_type else 0.0,
        year_match=year_match,
    )


def _hedged(p: float, values: Features, weakness: str) -> Decision:
    return Decision("unsicher", p, f"Die Textstellen passen nur teilweise ({weakness})", values, weakness)


def _names_asked_year(evidence: Evidence) -> bool:
    """The best unit, with its passage's title and section, names a year the question asks about (True when
    the question names none)."""
    asked = evidence.question.years
    if not asked or evidence.best is None:
        return True
    hit = evidence.hits[evidence.best.hit_index]
    return bool(asked & years(f"{hit.title} {hit.section} {evidence.best.text}"))


def _present(term, present: frozenset[str]) -> bool:
    return term.head in present or bool(term.parts and all(p in present for p in term.parts))


def confidence(values: Features, params: AnswerParams) -> float:
    model = params.answerability
    z = model.bias + sum(model.weights.get(name, 0.0) * value for name, value in values.as_dict().items())
    return 1.0 / (1.0 + math.exp(-z))


def decide(evidence: Evidence, params: AnswerParams, *, refuse_below: float | None = None) -> Decision:
    """``refuse_below`` defaults to the extractive threshold; the LLM path passes its lower one."""
    if not evidence.hits or evidence.best is None:
        return Decision("nicht_gefunden", 0.0, "Die Suche fand keine passende Textstelle.")
    if all(YEAR.fullmatch(t.head) for t in evidence.question.terms):
        # „Und wie hoch war er 2025?“ without a conversation: a year alone names no topic
        return Decision("nicht_gefunden", 0.0, "Die Frage nennt kein Thema, nach dem gesucht werden kann.")
    values = features(evidence)
    p = confidence(values, params)
    threshold = params.refuse_below if refuse_below is None else refuse_below
    if p < threshold:
        return Decision("nicht_gefunden", p, _weakness(values, evidence.question.answer_type), values)
    if p < params.certain_from:
        return _hedged(p, values, _weakness(values, evidence.question.answer_type))
    if not _names_asked_year(evidence):
        # a figure for another year is the likeliest wrong answer (the 2019 figure for „… im Jahr 2022?“)
        return _hedged(p, values, "die beste Textstelle nennt das gefragte Jahr nicht")
    return Decision("beantwortet", p, "Die Textstellen enthalten die Begriffe der Frage.", values)


# what a unit lacks when it does not hold the kind of answer asked for
_ASKED_KIND = {
    "zeit": "einen Zeitpunkt", "menge": "eine Zahl", "person": "einen Namen", "kontakt": "eine Adresse oder Nummer",
}  # fmt: skip


def _weakness(values: Features, answer_type: str = "andere") -> str:
    if values.year_match == 0.0:
        return "das gefragte Jahr kommt in den besten Textstellen nicht vor"
    if values.rarest_present == 0.0:
        return "der genaueste Begriff der Frage kommt in keiner Textstelle vor"
    if values.type_match == 0.0:
        kind = _ASKED_KIND.get(answer_type, "die gefragte Angabe")
        return f"die beste Textstelle nennt nicht, wonach gefragt ist ({kind})"
    if values.passage_coverage < 0.5:
        return "die Textstellen enthalten nur einen Teil der Begriffe der Frage"
    return "die Übereinstimmung mit der Frage ist gering"
