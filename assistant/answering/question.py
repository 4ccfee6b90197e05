"""What a question asks, analysed once per question: its weighted terms, its parts, the kind of
answer it wants (a point in time, a quantity) and the years it names."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from assistant.answering.params import AnswerParams
from assistant.text.german import base_terms, fold, stem
from assistant.text.numbers import YEAR, years

# question words say what kind of answer is wanted, not what it is about
QUESTION_WORDS = frozenset(
    """
    wie was wer wem wen wo wann warum weshalb wieso welch welche welcher welches welchen wieviel wieviele
    viel viele hoch hohe groß gross lang sagt steht gibt genau eigentlich derzeit aktuell bitte nenn
    nenne nennen woher wohin womit wofür worauf
    """.split()  # noqa: SIM905
)
_WHEN = re.compile(
    r"\b(wann|bis wann|ab wann|seit wann|(in |an |zu )?welche[mnr]? (jahr|datum|tag|monat|zeitpunkt|sitzung))\b",
    re.IGNORECASE,
)
_QUANTITY = re.compile(
    r"\b(wie ?viele?|wie (hoch|groß|gross|lang|stark|weit|alt|teuer)|anteil|quote|betrag|höhe|summe|anzahl"
    r"|prozent|umfang|volumen)\b",
    re.IGNORECASE,
)
# „…, und wann …?“: a second question joined to the first
_PART_BORDER = re.compile(
    r",?\s+und\s+(?=(?:an |ab |bis |in |seit |mit |für )?(?:wie|wo|wann|welch|was|wer|ob)\w*\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class QuestionTerm:
    head: str  # analysed (stemmed) term
    parts: tuple[str, ...]  # stems of its compound parts
    idf: float
    weight: float  # idf, lowered for verbs and adjectives
    key: bool  # a noun, name or number (not a year): what an answering text must mention


@dataclass
class QuestionAnalysis:
    text: str
    terms: list[QuestionTerm]
    parts: list[str]  # the sub-questions („Wie hoch … und bis wann …?“ has two)
    part_heads: list[set[str]]
    answer_type: str  # "zeit" | "menge" | "andere"
    years: set[str]
    vector: np.ndarray = field(repr=False)

    @property
    def total_weight(self) -> float:
        return sum(t.weight for t in self.terms)


def answer_type(question: str) -> str:
    if _WHEN.search(question):
        return "zeit"
    if _QUANTITY.search(question):
        return "menge"
    return "andere"


def split_question(question: str) -> list[str]:
    """„Wie teuer ist die Sanierung und bis wann dauert sie?“ → the two parts to answer."""
    return [p for p in _PART_BORDER.split(question) if p.strip()] or [question]


def capitalised_words(question: str) -> set[str]:
    """Words written with a capital after the first word (nouns and names), folded like index terms."""
    return {fold(w.lower()) for w in re.findall(r"(?<!^)\b[A-ZÄÖÜ][\w-]*", question.strip())}


class QuestionAnalyser:
    """``analyse`` and ``idf`` come from the keyword index, so question and documents meet on the same terms."""

    def __init__(
        self,
        analyse: Callable[[str], list[str]],
        idf: Callable[[str], float],
        embed_query: Callable[[str], np.ndarray],
        params: AnswerParams,
    ) -> None:
        self._analyse = analyse
        self._idf = idf
        self._embed_query = embed_query
        self._params = params
        self._skip = {stem(w) for w in QUESTION_WORDS}

    def terms(self, question: str) -> list[QuestionTerm]:
        capitalised = capitalised_words(question)
        found: dict[str, QuestionTerm] = {}
        for term in dict.fromkeys(base_terms(question)):
            analysed = [t for t in dict.fromkeys(self._analyse(term)) if t not in self._skip]
            if not analysed or analysed[0] in found:
                continue
            head, parts = analysed[0], tuple(analysed[1:])
            idf = max(self._idf(t) for t in analysed)
            number = term[:1].isdigit()
            noun = number or term in capitalised or len(term) == 1
            weight = idf if noun else idf * self._params.non_noun_weight
            found[head] = QuestionTerm(head, parts, idf, weight, key=noun and not YEAR.fullmatch(term))
        return list(found.values())

    def analyse(self, question: str) -> QuestionAnalysis:
        terms = self.terms(question)
        parts = split_question(question)
        part_heads = [{t.head for t in self.terms(part)} for part in parts] if len(parts) > 1 else [
            {t.head for t in terms}
        ]  # fmt: skip
        return QuestionAnalysis(
            text=question,
            terms=terms,
            parts=parts,
            part_heads=part_heads,
            answer_type=answer_type(parts[0]),
            years=years(question),
            vector=self._embed_query(question),
        )
