"""Lenient value conversion for goal-set files: what people type in Excel or YAML.

German decimal commas („7,1“, „1.200.000“), yes/no words („ja“, „x“), enum values in any case and
with umlauts („Zurückstellen“), and German dates („01.03.2026“). Used as pydantic ``BeforeValidator``s.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from assistant.text.numbers import parse_german_number

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_TRUE_WORDS = {"ja", "j", "x", "wahr", "true", "yes", "y", "1"}
_FALSE_WORDS = {"nein", "n", "falsch", "false", "no", "0", "-"}
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_YEAR_SPAN = re.compile(r"^(\d{4})\s*(?:-|–|—|bis)\s*(\d{4})$")


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
