"""Facts for a draft: the best passage unit with a figure for a topic, with its source."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.answering.evidence import Evidence
from assistant.models import SearchHit
from assistant.text.german import base_terms
from assistant.text.numbers import WHOLE_NUMBER, YEAR
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
        label_terms = set(base_terms(about)) if about else set()
        facts: list[Fact] = []
        seen = set(exclude or ())
        for scored in evidence.units:
            if scored.score < self._min_score or len(facts) >= limit:
                break
            text = scored.text if scored.row_label is None else _row_sentence(scored.text)
            key = " ".join(text.lower().split())
            if not _FIGURE.search(text) or key in seen or len(text) > 320 or _CAPTION.match(text):
                continue
            if scored.row_label is None and not is_complete_sentence(text):
                continue  # a fragment („3,7 Millionen Euro, als auch …“) is no fact to quote
            if label_terms and not label_terms & set(base_terms(text)):
                continue  # a sentence about a building site is no population figure
            seen.add(key)
            facts.append(Fact(text, evidence.hits[scored.hit_index], scored.score))
        return facts


def _row_sentence(text: str) -> str:
    """A table row rendered by the unit splitter („Stadtteil: Nord; Plätze 2025: 420“) as one sentence."""
    text = " ".join(text.split())
    return text if text.endswith(".") else text + "."
