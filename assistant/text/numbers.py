"""The one set of number, year and date patterns (answering, drafting and the goal checker use them)."""

from __future__ import annotations

import re

# a figure as German documents write it: „41.200“, „7,1“, „3“
FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# a number standing alone, with sign: not part of a word („CO2“, „Z3“), not the first digits of a longer one
WHOLE_NUMBER = re.compile(r"(?<![\w.,])[-−]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?(?!\d)")
_MONTHS = (
    "januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember"
    "|jan|feb|mär|apr|jun|jul|aug|sep|sept|okt|nov|dez"
)
_WEEKDAYS = "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag"
# a point in time: a year, a day („15.03.“), a month or a season, a weekday („dienstags“), a clock time
DATE = re.compile(
    rf"\b(?:19|20)\d{{2}}\b|\b\d{{1,2}}\.\s?\d{{1,2}}\.|\b(?:{_MONTHS}|frühjahr|sommer|herbst|winter)\b"
    rf"|\b(?:{_WEEKDAYS})s?\b|\b\d{{1,2}}(?:[.:]\d{{2}})?\s?uhr\b",
    re.IGNORECASE,
)


def figures(text: str) -> list[str]:
    return FIGURE.findall(text)


def years(text: str) -> set[str]:
    return set(YEAR.findall(text))


def has_date(text: str) -> bool:
    return bool(DATE.search(text))


def new_figures(question: str, text: str) -> list[str]:
    """Figures in ``text`` the question does not already contain (not the „3“ of „Zone 3“)."""
    asked = set(FIGURE.findall(question))
    return [figure for figure in FIGURE.findall(text) if figure not in asked]
