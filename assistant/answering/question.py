"""What a question asks, analysed once per question: its weighted terms, its parts, the kind of
answer it wants (a point in time, a quantity) and the years it names."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from assistant.answering.params import AnswerParams
from assistant.text.abbreviations import looks_like_acronym
from assistant.text.german import ABBREVIATIONS, base_terms, fold, raw_tokens, stem
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
    r"\b(wann|bis wann|ab wann|seit wann|(in |an |zu |ab |um |für )?welche[mnr]? "
    r"(jahr|datum|tag|tagen|wochentag|monat|zeitpunkt|zeitraum|uhrzeit|termin|sitzung)|termin)\b",
    re.IGNORECASE,
)
_QUANTITY = re.compile(
    r"\b(wie ?viele?|wie (hoch|groß|gross|lang|stark|weit|alt|teuer)|anteil|quote|betrag|höhe|summe|anzahl"
    r"|prozent|umfang|volumen|alter)\b",
    re.IGNORECASE,
)
# a focus that names an amount („Welchen *Investitionszuschuss* …?“, „Mit welchen *Kosten* …?“): the last part
# of the compound says it
_AMOUNT_FOCUS = re.compile(
    r"(betrag|beträge|summe|kosten|zuschuss|zuschüsse|budget|wert|werte|quote|anteil|zahl|zahlen|preis|preise"
    r"|gebühr|gebühren|miete|umfang|volumen|einnahmen|ausgaben|schulden|defizit|überschuss|fehlbetrag)$",
    re.IGNORECASE,
)
# „die meisten Plätze“, „am wenigsten“: the answer is the greatest or least of several values
_EXTREMES = {
    "max": re.compile(r"\b(?:höchst|größt|grösst|meist|stärkst|teuerst|längst)(?:e[nmrs]?)?\b", re.IGNORECASE),
    "min": re.compile(
        r"\b(?:niedrigst|geringst|wenigst|kleinst|schwächst|billigst|günstigst|kürzest)(?:e[nmrs]?)?\b", re.IGNORECASE
    ),
}
# a person or an organisation
_WHO = re.compile(r"\b(wer|wem|wen|wessen)\b", re.IGNORECASE)
# an address to write to or a number to call
_CONTACT = re.compile(
    r"\b(e-?mail|(e-?)?mail-?adresse|telefon(nummer)?|rufnummer|faxnummer|handynummer|internetseite|webseite"
    r"|website|homepage|internetadresse|url|link)\b",
    re.IGNORECASE,
)
# „Welche Sportarten bietet …?“, „Wie heißt der Nachfolger …?“: the noun after the interrogative (the
# question's focus) names the kind of answer, which the answering text seldom repeats
_FOCUS = re.compile(
    r"\b(?:[Ww]elch(?:e|er|es|em|en)|[Ww]ie (?:lautet|lauten|heißt|heißen|hieß|hießen) (?:der|die|das))\s+"
    r"(?:[a-zäöüß][\w-]*\s+){0,2}([A-ZÄÖÜ][\w-]*)"
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
    weight: float  # idf, lowered for verbs, adjectives and the question's focus
    key: bool  # a noun, name or number (not a year, not the focus): what an answering text must mention
    acronym: str | None = None  # as written („ASD“), when the term is an acronym a text may spell out


@dataclass
class QuestionAnalysis:
    text: str
    terms: list[QuestionTerm]
    parts: list[str]  # the sub-questions („Wie hoch … und bis wann …?“ has two)
    part_heads: list[set[str]]
    answer_type: str  # "zeit" | "menge" | "kontakt" | "person" | "andere"
    years: set[str]
    vector: np.ndarray = field(repr=False)

    @cached_property
    def words(self) -> frozenset[str]:
        """The question's words, folded like index terms (a name it already gives is no answer)."""
        return frozenset(fold(word.lower()) for word in re.findall(r"\w+", self.text))

    @cached_property
    def extreme(self) -> str | None:
        """"max" or "min" when the question asks for the greatest or least value („Welche Schule hat die
        meisten Plätze?“), else None."""
        return next((name for name, pattern in _EXTREMES.items() if pattern.search(self.text)), None)

    @cached_property
    def part_types(self) -> list[str]:
        """The kind of answer each part asks for („Wie hoch … und bis wann …?“: menge, zeit)."""
        return [self.answer_type, *(answer_type(part) for part in self.parts[1:])]

    @property
    def total_weight(self) -> float:
        return sum(t.weight for t in self.terms)


def answer_type(question: str) -> str:
    if _CONTACT.search(question):
        return "kontakt"
    if _WHEN.search(question):
        return "zeit"
    if _QUANTITY.search(question) or any(_AMOUNT_FOCUS.search(m.group(1)) for m in _FOCUS.finditer(question)):
        return "menge"
    if _WHO.search(question):
        return "person"
    return "andere"


def split_question(question: str) -> list[str]:
    """„Wie teuer ist die Sanierung und bis wann dauert sie?“ → the two parts to answer."""
    return [p for p in _PART_BORDER.split(question) if p.strip()] or [question]


def focus_terms(question: str) -> set[str]:
    """Base terms of the nouns that name the kind of answer („Welcher deutsche *Herrscher* …?“)."""
    return {term for match in _FOCUS.finditer(question) for term in base_terms(match.group(1))}


def acronyms(question: str) -> dict[str, str]:
    """Acronyms of the question („ASD“, „StVO“) that the built-in list does not expand, folded like index
    terms → as written."""
    found = {fold(word.lower()): word for word in re.findall(r"\w+", question) if looks_like_acronym(word)}
    return {term: word for term, word in found.items() if term not in ABBREVIATIONS}


def capitalised_words(question: str) -> set[str]:
    """Words written with a capital after the first word (nouns and names), as the index terms they give: a
    hyphenated one („HH-Konsolidierung“) with its parts, the joined word and an abbreviation's expansion."""
    words = re.findall(r"(?<!^)\b[A-ZÄÖÜ][\w-]*", question.strip())
    return {term for word in words for term in base_terms(word, drop_stop_words=False)}


def _hyphen_joined(question: str) -> set[str]:
    """The joined forms of the question's hyphenated words („Bau-Ausschuss“ → bauausschuss)."""
    return {
        fold("".join(part for part in token.split("-") if part).lower())
        for token in raw_tokens(question)
        if "-" in token.strip("-") and not token[:1].isdigit()
    }


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
        focus = focus_terms(question)
        written = acronyms(question)
        found: dict[str, QuestionTerm] = {}
        joined = _hyphen_joined(question)
        for term in dict.fromkeys(base_terms(question)):
            if term in joined:
                continue  # its parts are terms; a text that writes it solid yields them by decompounding
            analysed = [t for t in dict.fromkeys(self._analyse(term)) if t not in self._skip]
            if not analysed or analysed[0] in found:
                continue
            head, parts = analysed[0], tuple(analysed[1:])
            idf = max(self._idf(t) for t in analysed)
            number = term[:1].isdigit()
            noun = (number or term in capitalised or len(term) == 1) and term not in focus
            weight = idf if noun else idf * self._params.non_noun_weight
            found[head] = QuestionTerm(
                head, parts, idf, weight, key=noun and not YEAR.fullmatch(term), acronym=written.get(term)
            )
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
