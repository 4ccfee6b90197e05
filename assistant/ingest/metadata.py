"""Metadata found in the documents themselves: the "Stand" (the date a document states) and its type.

Municipal documents state their date in a few recognisable ways: a label („Stand:“, „Sitzung vom“,
„Besprechung am:“, „beschlossen am“), a letter's place and date („Erlangen, den 16.12.2020“), a date on the
title page or slide, the place and date under a speech. These are tried in that order; the date in the file
name („SBR_2020-01-22_…“) is the last resort.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

_MONTHS = {
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "april": 4, "mai": 5, "juni": 6,
    "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
}  # fmt: skip
_MONTH_NAMES = "|".join(_MONTHS)

EARLIEST_YEAR = 1990
"""Older dates in municipal documents are history („seit 1974“), not the document's date."""

_FULL_DATE = (
    rf"(?:\d{{1,2}}\.\s?\d{{1,2}}\.\s?(?:\d{{4}}|\d{{2}})(?!\d)|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}\.\s*(?i:{_MONTH_NAMES})\s+\d{{4}})"
)
_DATE_PATTERNS = [
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), lambda m: (int(m[1]), int(m[2]), int(m[3]))),
    (re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})"), lambda m: (int(m[3]), int(m[2]), int(m[1]))),
    (re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{2})(?!\d)"), lambda m: (2000 + int(m[3]), int(m[2]), int(m[1]))),
    (
        re.compile(r"(\d{1,2})\.\s*(" + _MONTH_NAMES + r")\s+(\d{4})", re.IGNORECASE),
        lambda m: (int(m[3]), _MONTHS[m[2].lower()], int(m[1])),
    ),
    (
        re.compile(r"(" + _MONTH_NAMES + r")\s+(\d{4})", re.IGNORECASE),
        lambda m: (int(m[2]), _MONTHS[m[1].lower()], 1),
    ),
]  # fmt: skip

_LABELLED = re.compile(
    r"\b(?:Stand|Datum|Beschlussdatum|Sitzung\s+(?:vom|am)|Sitzungstermin|Besprechung\s+am|"
    r"beschlossen\s+(?:am|vom)|Beschluss\s+vom|Ratsbeschluss\s+vom|Fassung\s+vom|i\.\s?d\.\s?F\.\s+vom)"
    r"[\s:.|]*"  # table cells come as „Besprechung am: | 15.11.2023“
    rf"(?:\w+,\s*)?(?:den\s+)?({_FULL_DATE}|(?:{_MONTH_NAMES})\s+\d{{4}})",
    re.IGNORECASE,
)
# „Erlangen, den 16.12.2020“, „Rödermark, 12. November 2019“ at the start of a line
_PLACE_DATE = re.compile(
    rf"(?m)(?:^[^\S\n]*[A-ZÄÖÜ][\wäöüß.-]+(?:\s[\wäöüß.-]+)?,\s*(?:den\s+)?|\b[A-ZÄÖÜ][\wäöüß.-]+,\s*den\s+)"
    rf"({_FULL_DATE})"
)
# a letter's date alone on a line near the top („15. April 2025“)
_DATE_LINE = re.compile(rf"(?m)^[^\S\n|]*(?:\|[^\S\n]*)*({_FULL_DATE})[^\S\n|]*$", re.IGNORECASE)
DATE_LINE_WITHIN = 600
"""…within this many characters of the start (the letterhead block)."""
_ANY_DATE = re.compile(f"({_FULL_DATE})", re.IGNORECASE)

HEAD_CHARS = 6000
"""Labels and letter dates are looked for in the first characters of a document (about two pages)."""

TAIL_CHARS = 1500
"""A speech or a letter is dated under its last paragraph."""


def parse_german_date(text: str) -> date | None:
    for pattern, parts in _DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            try:
                return date(*parts(match))
            except ValueError:
                continue
    return None


def _plausible(value: date | None, today: date | None = None) -> date | None:
    today = today or date.today()
    if value and EARLIEST_YEAR <= value.year <= today.year + 2:
        return value
    return None


def _first(pattern: re.Pattern[str], text: str) -> date | None:
    for match in pattern.finditer(text):
        found = _plausible(parse_german_date(match.group(1)))
        if found:
            return found
    return None


def find_stand(
    text: str,
    *,
    title_lines: Sequence[str] = (),
    tail: str = "",
    running_lines: Sequence[str] = (),
) -> date | None:
    """The date a document states for itself (None if it states none: a date only in the file name is the
    upload's, not the document's).

    ``text`` is the start of the document, ``title_lines`` the large print of its first page, ``tail`` the
    end of its last page, ``running_lines`` headers and footers repeated on its pages („13. Februar 2013“
    under every slide).
    """
    head = text[:HEAD_CHARS]
    for candidate in (
        _first(_LABELLED, head),
        _first(_PLACE_DATE, head),
        _first(_DATE_LINE, head[:DATE_LINE_WITHIN]),
        _first(_ANY_DATE, "\n".join(title_lines)),
        _first(_PLACE_DATE, tail[-TAIL_CHARS:]),
        _first(_ANY_DATE, "\n".join(running_lines)),
    ):
        if candidate:
            return candidate
    return None


# keyword in the title -> document type; first match wins, so specific words come before general ones
_TYPE_KEYWORDS = [
    ("wirtschaftsplan", "wirtschaftsplan"),
    ("beteiligungsbericht", "bericht"),
    ("abschluss", "haushalt"),  # Jahres-/Gesamtabschluss: the budget's outturn
    ("haushalt", "haushalt"),
    ("finanzplan", "haushalt"),
    ("demografie", "demografie"),
    ("demographie", "demografie"),
    ("bürgerbeteiligung", "beteiligung"),
    ("beteiligung", "beteiligung"),
    ("niederschrift", "niederschrift"),
    ("protokoll", "niederschrift"),
    ("einladung", "niederschrift"),
    ("tagesordnung", "niederschrift"),
    ("satzung", "satzung"),
    ("verordnung", "satzung"),
    ("beschluss", "ratsbeschluss"),
    ("vorlage", "ratsbeschluss"),
    ("antrag", "ratsbeschluss"),
    ("stellungnahme", "ratsbeschluss"),
    ("fachstrategie", "fachstrategie"),
    ("gesamtstrategie", "gesamtstrategie"),
    ("leitbild", "gesamtstrategie"),
    ("strategie", "gesamtstrategie"),
    ("konzept", "konzept"),
    ("entwicklungsplan", "konzept"),
    ("maßnahmenplan", "konzept"),
    ("massnahmenplan", "konzept"),
    ("bericht", "bericht"),
    ("präsentation", "praesentation"),
]


# a title that starts with the kind of document names its type, whatever its topic
# („Stellungnahme zur Haushaltskonsolidierung“ is a Stellungnahme, not a budget)
_KIND_FIRST = ("niederschrift", "protokoll", "einladung", "tagesordnung", "satzung", "antrag", "anfrage",
               "stellungnahme", "beschlussvorlage", "vorlage")  # fmt: skip


def guess_doc_type(title: str, path: str = "", *, slide_deck: bool = False) -> str:
    """The type from the title; else a slide deck is a presentation; else the type from the path (file
    name, then folder)."""
    first_word = title.lower().split(maxsplit=1)[0].strip(":,.") if title.strip() else ""
    if first_word in _KIND_FIRST:
        return _type_in(first_word) or "dokument"
    found = _type_in(title)
    if found:
        return found
    if slide_deck:
        return "praesentation"
    return _type_in(path) or "dokument"


def _type_in(text: str) -> str | None:
    haystack = text.lower()
    return next((doc_type for keyword, doc_type in _TYPE_KEYWORDS if keyword in haystack), None)
