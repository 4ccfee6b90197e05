"""Repair words a PDF splits with a stray space („Zusam mensetzung“, „Erlan gen“, „be steht“).

Some PDFs position glyphs so that text extraction sees a gap inside a word. The document itself tells which
joins are right: a split word is joined only when the joined form occurs elsewhere in the same document as a
whole word and neither fragment is an ordinary word of it (nor a function word). On ``../shared/data/real-dev``
it joins the two single-space splits of the Satzung („Zusam mensetzung“, „Geschäftsord nung“) and nothing
else; wider gaps are left alone, they are columns of layout text as often as split words.
"""

from __future__ import annotations

import re
from collections import Counter

from assistant.text.german import STOP_WORDS

_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")
# two word fragments separated by exactly one space on the same line
# overlapping pairs („x a b“ tries „x a“ and „a b“): the second fragment is looked ahead at
_FRAGMENTS = re.compile(r"\b([A-Za-zÄÖÜäöüß]{2,})(?= ([a-zäöüß]{2,})\b)")

MAX_FRAGMENT_COUNT = 2
"""A fragment that occurs more often than this on its own in the document is a word of its own
(„an“, „der“), not half of a split word."""


def vocabulary(text: str) -> Counter[str]:
    return Counter(word.lower() for word in _WORD.findall(text))


def join_split_words(text: str, words: Counter[str]) -> str:
    """``text`` with split words joined, judged against ``words`` (the document's :func:`vocabulary`)."""
    parts: list[str] = []
    position = 0
    for match in _FRAGMENTS.finditer(text):
        first, second = match.group(1), match.group(2)
        start = match.start()
        if start < position:
            continue  # the first fragment was already joined to the word before it
        if _joinable(first, second, words):
            parts.append(text[position:start] + first + second)
            position = match.end() + 1 + len(second)
    parts.append(text[position:])
    return "".join(parts)


def _joinable(first: str, second: str, words: Counter[str]) -> bool:
    if words[(first + second).lower()] == 0 or first.lower() in STOP_WORDS or second in STOP_WORDS:
        return False
    return words[first.lower()] <= MAX_FRAGMENT_COUNT and words[second.lower()] <= MAX_FRAGMENT_COUNT
