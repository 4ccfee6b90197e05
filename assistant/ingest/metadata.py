"""Metadata found in the documents themselves: "Stand" dates and document types."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "april": 4, "mai": 5, "juni": 6,
    "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
}  # fmt: skip

_DATE_PATTERNS = [
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), lambda m: (int(m[1]), int(m[2]), int(m[3]))),
    (re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})"), lambda m: (int(m[3]), int(m[2]), int(m[1]))),
    (
        re.compile(r"(\d{1,2})\.\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})", re.IGNORECASE),
        lambda m: (int(m[3]), _MONTHS[m[2].lower()], int(m[1])),
    ),
    (
        re.compile(r"(" + "|".join(_MONTHS) + r")\s+(\d{4})", re.IGNORECASE),
        lambda m: (int(m[2]), _MONTHS[m[1].lower()], 1),
    ),
]

_STAND_RE = re.compile(r"\b(?:Stand|Datum|Beschlussdatum|Sitzung vom)\s*[:.]?\s*(.{0,40})", re.IGNORECASE)


def parse_german_date(text: str) -> date | None:
    for pattern, parts in _DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            try:
                return date(*parts(match))
            except ValueError:
                continue
    return None


def find_stand(text: str) -> date | None:
    """The date after „Stand:“ (or similar) in the first part of a document."""
    for match in _STAND_RE.finditer(text[:6000]):
        found = parse_german_date(match.group(1))
        if found:
            return found
    return None


# keyword in title or file name -> document type (first match wins; order matters)
_TYPE_KEYWORDS = [
    ("wirtschaftsplan", "wirtschaftsplan"),
    ("haushalt", "haushalt"),
    ("demograf", "demografie"),
    ("demograph", "demografie"),
    ("beteiligung", "beteiligung"),
    ("beschluss", "ratsbeschluss"),
    ("niederschrift", "ratsbeschluss"),
    ("vorlage", "ratsbeschluss"),
    ("fachstrategie", "fachstrategie"),
    ("gesamtstrategie", "gesamtstrategie"),
    ("leitbild", "gesamtstrategie"),
    ("konzept", "konzept"),
    ("bericht", "bericht"),
]


def guess_doc_type(title: str, path: str) -> str:
    haystack = f"{title} {path}".lower()
    for keyword, doc_type in _TYPE_KEYWORDS:
        if keyword in haystack:
            return doc_type
    return "dokument"
