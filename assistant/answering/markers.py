"""``[n]`` citation markers: parse, validate, renumber."""

from __future__ import annotations

import re

_ANY_MARKER = re.compile(r"\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]")


def markers_in(text: str) -> list[int]:
    found: list[int] = []
    for match in _ANY_MARKER.finditer(text):
        found.extend(int(n) for n in re.split(r"\s*,\s*", match.group(1)))
    return found


def drop_invalid_markers(text: str, valid: set[int]) -> tuple[str, list[int]]:
    """Remove markers that point to no passage; returns the cleaned text and the removed numbers."""
    removed: list[int] = []

    def replace(match: re.Match) -> str:
        numbers = [int(n) for n in re.split(r"\s*,\s*", match.group(1))]
        kept = [n for n in numbers if n in valid]
        removed.extend(n for n in numbers if n not in valid)
        return "[" + ", ".join(str(n) for n in kept) + "]" if kept else ""

    cleaned = _ANY_MARKER.sub(replace, text)
    cleaned = re.sub(r"\s+([.,;:!?])", r"\1", cleaned)
    return re.sub(r"[ \t]{2,}", " ", cleaned).strip(), removed


def renumber_markers(text: str, mapping: dict[int, int]) -> str:
    """Replace each marker number by its new number (numbers not in ``mapping`` stay)."""

    def replace(match: re.Match) -> str:
        numbers = [mapping.get(int(n), int(n)) for n in re.split(r"\s*,\s*", match.group(1))]
        return "[" + ", ".join(str(n) for n in numbers) + "]"

    return _ANY_MARKER.sub(replace, text)
