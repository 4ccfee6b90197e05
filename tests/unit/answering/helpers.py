"""Reading the prompt the fake chat model received."""

from __future__ import annotations

import re

FENCE = re.compile(r'<quelle nr="(\d+)" dokument="([^"]*)"(?: seite="(\d+)")?>\n(.*?)\n</quelle>', re.S)


def fenced_sources(prompt: str) -> dict[int, str]:
    """``{n: passage text}`` of every ``<quelle>`` block in a prompt."""
    return {int(m.group(1)): m.group(4) for m in FENCE.finditer(prompt)}


def outside_fences(prompt: str) -> str:
    return FENCE.sub("", prompt)


def number_of(prompt: str, needle: str) -> int:
    """The source number whose passage contains ``needle``."""
    [number] = [n for n, text in fenced_sources(prompt).items() if needle in text]
    return number
