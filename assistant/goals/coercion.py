"""Lenient value conversion for goal-set files: what people type in Excel or YAML.

German decimal commas („7,1“, „1.200.000“), yes/no words („ja“, „x“), enum values in any case and
with umlauts („Zurückstellen“), and German dates („01.03.2026“). Used as pydantic ``BeforeValidator``s.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

_NUMBER_RE = re.compile(r"^[+-]?\d[\d.,]*$")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_TRUE_WORDS = {"ja", "j", "x", "wahr", "true", "yes", "y", "1"}
_FALSE_WORDS = {"nein", "n", "falsch", "false", "no", "0", "-"}
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_YEAR_SPAN = re.compile(r"^(\d{4})\s*(?:-|–|—|bis)\s*(\d{4})$")


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


def number(value: Any) -> Any:
    """Before-validator for numbers: German number strings become numbers; the rest passes on."""
    if isinstance(value, str):
        parsed = parse_german_number(value)
        if parsed is not None:
            return parsed
        if not value.strip():
            return None
    return value


def boolean(value: Any) -> Any:
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
        if not word:
            return None
    return value


def enum_value(value: Any) -> Any:
    """„Zurückstellen “ → „zurueckstellen“; non-strings pass on (and fail validation)."""
    if isinstance(value, str):
        return value.strip().lower().translate(_UMLAUTS) or None
    return value


def priority_value(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip().upper() or None
    return value


def german_date(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        match = _GERMAN_DATE.match(value.strip())
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                return date(year, month, day)
            except ValueError:
                return value
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
        if not value.strip():
            return None
    return value


def year_span(value: Any) -> Any:
    """„2026–2035“ or „2026 bis 2035“ → {von: 2026, bis: 2035}; anything else passes on."""
    if isinstance(value, str):
        match = _YEAR_SPAN.match(value.strip())
        if match:
            return {"von": int(match.group(1)), "bis": int(match.group(2))}
    return value


def text_list(value: Any) -> Any:
    """A list of texts; one text is split at semicolons („Z1; Z2“), as in Excel cells."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return [value]
    return value


def none_as_empty_list(value: Any) -> Any:
    return [] if value is None else value


def fold_key(text: str) -> str:
    """Comparison form of a key or name: lower case, umlauts spelled out."""
    return text.strip().lower().translate(_UMLAUTS)
