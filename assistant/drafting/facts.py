"""Facts for a draft: the best passage unit with a figure for a topic, with its source."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.answering.evidence import Evidence
from assistant.models import SearchHit
from assistant.text.german import base_terms, fold, normalise, stem
from assistant.text.numbers import WHOLE_NUMBER, YEAR, without_references
from assistant.text.sentences import is_complete_sentence

_FIGURE = re.compile(r"\d")
_CAPTION = re.compile(r"^(Tabelle|Abbildung|Übersicht)\s*\d+", re.IGNORECASE)


_UNITS = (
    ("prozent", "%"), ("%", "%"), ("mio", "Mio. EUR"), ("eur", "EUR"), ("tage", "Tage"), ("t ", "t"),
    ("vzä", "VZÄ"), ("plätze", "Plätze"), ("wohnungen", "Wohnungen"),
)  # fmt: skip


@dataclass(frozen=True)
class Fact:
    text: str
    hit: SearchHit
    score: float

    def figure(self) -> tuple[float | None, str | None, int | None]:
        """(value, unit, year) of the first figure that is not a year: a baseline suggestion."""
        text = self.text
        for match in WHOLE_NUMBER.finditer(text):
            raw = match.group(0)
            if YEAR.fullmatch(raw.lstrip("-−")):
                continue
            value = float(raw.replace("−", "-").replace(".", "").replace(",", "."))
            after = text[match.end() : match.end() + 14].lower()
            unit = next((u for key, u in _UNITS if after.strip().startswith(key)), None)
            years = YEAR.findall(text)
            return value, unit, int(years[0]) if years else None
        return None, None, None


class FactFinder:
    def __init__(self, retriever, evidence: Callable[[str, list[SearchHit]], Evidence], min_score: float) -> None:
        """``evidence`` is the answer service's evidence engine (:meth:`AnswerService.evidence`)."""
        self._retriever = retriever
        self._evidence = evidence
        self._min_score = min_score

    def find(
        self, query: str, limit: int = 2, exclude: set[str] | None = None, about: str | None = None
    ) -> list[Fact]:
        """Up to ``limit`` distinct whole sentences or table rows with figures that answer ``query`` well
        enough; with ``about`` (the label the fact will stand under) the fact must name one of its words."""
        hits = self._retriever.search(query, 6)
        evidence = self._evidence(query, hits)
        label_stems = {stem(term) for term in base_terms(about) if len(term) >= 4} if about else set()
        facts: list[Fact] = []
        seen = set(exclude or ())
        for scored in evidence.units:
            if scored.score < self._min_score or len(facts) >= limit:
                break
            if scored.row_label is not None and not _usable_row(scored.text):
                continue  # a misread table (figures as column names, empty cells) is no fact either
            text = scored.text if scored.row_label is None else _row_sentence(scored.text)
            key = " ".join(text.lower().split())
            if not _has_quantity(text) or key in seen or len(text) > 320 or _CAPTION.match(text):
                continue
            hit = evidence.hits[scored.hit_index]
            if scored.row_label is None and not (is_complete_sentence(text) or _whole_item(text, hit.text)):
                continue  # a fragment („3,7 Millionen Euro, als auch …“) is no fact to quote
            if label_stems and not any(part in fold(normalise(text)) for part in label_stems):
                continue  # a sentence about a building site is no population figure (stems inside compounds
                # count: „Haushalt“ in „Haushaltsjahres“, „Überschuss“ in „Jahresüberschuss“)
            seen.add(key)
            facts.append(Fact(text, hit, scored.score))
        return facts


def _has_quantity(text: str) -> bool:
    """A figure that is a quantity: not a year („2013 - 2018“), an item or house number („TOP 1“,
    „Hauptstraße 27“) or a time."""
    text = without_references(text)
    for match in WHOLE_NUMBER.finditer(text):
        raw = match.group(0).lstrip("-−")
        if YEAR.fullmatch(raw):
            continue
        after = text[match.end() : match.end() + 4].lstrip()
        if re.match(r"(?::\d\d|Uhr)", after) or text[max(0, match.start() - 1) : match.start()] == ":":
            continue  # a time of day („16:00 Uhr“) is no quantity either
        if len(re.sub(r"\D", "", raw)) >= 2 or "," in raw or after[:1] in {"%", "€", "T", "M"}:
            return True
    return False


def _whole_item(text: str, passage: str) -> bool:
    """A statement without a sentence's full stop that stands whole on its own line or paragraph of the
    passage (a slide's bullet „Anzahl der Sozialwohnungen: ca. 1800“), not a piece cut out of a sentence."""
    wanted = " ".join(text.split()).strip("•–-▪ ")
    if len(wanted.split()) < 3 or not wanted[:1].isupper() or wanted.count("(") != wanted.count(")"):
        return False
    pieces = [*passage.splitlines(), *passage.split("\n\n")]
    return any(" ".join(piece.split()).strip("•–-▪ ") == wanted for piece in pieces)


def _usable_row(text: str) -> bool:
    """A table row rendered as „Spalte: Wert; …“ whose column names are words and whose values hold a figure."""
    pairs = [pair.split(": ", 1) for pair in text.split("; ") if ": " in pair]
    if len(pairs) < 2 or text.lstrip().startswith((":", "-", ";")):
        return False
    for name, value in pairs:
        if not re.search(r"[^\W\d_]{2}", name) or re.match(r"\s*[-+−]?\d", name) or name.strip() == value.strip():
            return False
    return any(_FIGURE.search(value) for _, value in pairs)


def _row_sentence(text: str) -> str:
    """A table row rendered by the unit splitter („Stadtteil: Nord; Plätze 2025: 420“) as one sentence."""
    text = " ".join(text.split())
    return text if text.endswith(".") else text + "."
