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
# a point in time: a year, a day („15.03.“), a month or a season, a weekday („dienstags“), a clock time, an
# older year named as one („im Jahr 1345“, „seit 1837“), a century or a decade („im 14. Jahrhundert“, „60er Jahre“)
DATE = re.compile(
    rf"\b(?:19|20)\d{{2}}\b|\b\d{{1,2}}\.\s?\d{{1,2}}\.|\b(?:{_MONTHS}|frühjahr|sommer|herbst|winter)\b"
    rf"|\b(?:{_WEEKDAYS})s?\b|\b\d{{1,2}}(?:[.:]\d{{2}})?\s?uhr\b"
    rf"|\b(?:jahre?s?|anno|seit)\s+\d{{3,4}}\b|\b\d{{1,2}}\.\s?jahrhunderts?\b|\b\d{{2,4}}er[\s-]?jahre",
    re.IGNORECASE,
)


def figures(text: str) -> list[str]:
    return FIGURE.findall(text)


def years(text: str) -> set[str]:
    return set(YEAR.findall(text))


def has_date(text: str) -> bool:
    return bool(DATE.search(text))


# figures that are no amount: a point in time (a full or short date, a clock time, a year standing alone), a
# number that refers to something (a house number, an agenda item, a paragraph, an article, a page) or one
# that counts the parts of a text (a subsection „(2)“, a list item „3. …“ at the start)
_NOT_AMOUNT = re.compile(
    r"\b\d{1,2}\.\d{1,2}\.(?:\d{2,4})?|\b\d{1,2}[.:]\d{2}\s?uhr\b|\b\d{1,2}:\d{2}\b|\b(?:19|20)\d{2}\b"
    r"|\b\d{1,2}\s?uhr\b|\(\d{1,2}[a-z]?\)|^\s*\d{1,2}\.(?=\s)"
    r"|(?:stra(?:ß|ss)e|str\.|weg|gasse|allee|platz|ring|\btop|§|\babs\.|\bart\.|\bnr\.|\bziff(?:er|\.)|\bs\.)"
    r"\s*\d+(?:\s?[a-z]\b)?(?:\s?[-–]\s?\d+)?",
    re.IGNORECASE,
)


def without_references(text: str) -> str:
    """``text`` with its dates, clock times, lone years and references (house numbers, agenda items, §)
    blanked out: what is left of its figures are amounts."""
    return _NOT_AMOUNT.sub(" ", text)


def new_figures(question: str, text: str) -> list[str]:
    """Figures in ``text`` the question does not already contain (not the „3“ of „Zone 3“)."""
    asked = set(FIGURE.findall(question))
    return [figure for figure in FIGURE.findall(text) if figure not in asked]


# amounts written as words („drei Standorte“, „die Hälfte“, „ein Drittel“)
NUMBER_WORD = re.compile(
    r"\b(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|vierzig|fünfzig|hundert"
    r"|tausend|dutzend|hälfte|drittel|viertel|doppelt|dreifach|verdoppelt|halbiert|million(?:en)?|milliarde(?:n)?)\b",
    re.IGNORECASE,
)


def new_amounts(question: str, text: str) -> list[str]:
    """Amounts in ``text`` that can answer „wie viele / wie hoch“: figures new to the question that are not a
    date, a clock time, a year or a reference („am 15.11.2023 um 18:30 Uhr, Hauptstraße 6, TOP 3“ gives no
    amount), and number words."""
    asked = {word.lower() for word in NUMBER_WORD.findall(question)}
    words = [word for word in NUMBER_WORD.findall(text) if word.lower() not in asked]
    return new_figures(question, without_references(text)) + words


# how one reaches someone: an e-mail address, a web address, a telephone number
CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\bhttps?://\S+|\bwww\.[\w-]+\.\w+|(?:\+49|\b0)\d{2,5}[\s/-]*\d[\d\s-]{3,}\d",
)


def has_contact(text: str) -> bool:
    return bool(CONTACT.search(text))


_NUMBER_RE = re.compile(r"^[+-]?\d[\d.,]*$")


def parse_german_number(text: str) -> float | int | None:
    """„7,1“ → 7.1, „1.200.000“ → 1200000, „1.200,50“ → 1200.5, „-4,2“ → -4.2; else None."""
    cleaned = (
        text.strip()
        .replace("\u2212", "-")
        .replace("\u00a0", "")
        .replace("\u202f", "")
        .replace(" ", "")
        .replace("'", "")
    )
    for suffix in ("€", "eur", "EUR", "Euro"):
        if cleaned.endswith(suffix):
            cleaned = cleaned[: -len(suffix)]
    if not cleaned or not _NUMBER_RE.match(cleaned):
        return None
    sign = -1 if cleaned.startswith("-") else 1
    digits = cleaned.lstrip("+-")
    if "," in digits and "." in digits:
        decimal = "," if digits.rfind(",") > digits.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        digits = digits.replace(thousands, "").replace(decimal, ".")
    elif "," in digits:
        # „1,200,000“ (English thousands) or „7,1“ (German decimal comma)
        digits = digits.replace(",", "") if digits.count(",") > 1 else digits.replace(",", ".")
    elif digits.count(".") > 1 or re.fullmatch(r"\d{1,3}\.\d{3}", digits):
        digits = digits.replace(".", "")  # German thousands: 1.200 / 1.200.000
    try:
        value = float(digits)
    except ValueError:
        return None
    value *= sign
    return int(value) if value.is_integer() and "." not in digits else value
