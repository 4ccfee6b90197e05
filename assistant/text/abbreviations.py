"""Abbreviations a document defines itself („Kommunaler Ordnungsdienst (KOD)“), so a question that uses
the short form meets text that uses the long one and the other way round.

The long form is the shortest run of words before the parenthesis that starts with the abbreviation's first
letter and contains all its letters in order (after Schwartz & Hearst, 2003, „A simple algorithm for
identifying abbreviation definitions in biomedical text“).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_DEFINITION = re.compile(r"\(\s*([A-ZÄÖÜ][A-Za-zÄÖÜäöü]{1,9})\s*\)")
_WORDS_BEFORE = 12  # at most this many words before the parenthesis are searched
_MIN_CAPITALS = 2  # „KOD“, „VHS“, „StA“; not „(Stand)“


def definitions(text: str) -> dict[str, str]:
    """Short form (as written) → long form, for every definition found in ``text``."""
    found: dict[str, str] = {}
    for match in _DEFINITION.finditer(text):
        short = match.group(1)
        if sum(c.isupper() for c in short) < _MIN_CAPITALS:
            continue
        before = text[max(0, match.start() - 200) : match.start()].splitlines()[-1:] or [""]
        words = re.findall(r"[\wÄÖÜäöüß-]+", before[0])[-_WORDS_BEFORE:]
        long_form = _long_form(short, words)
        if long_form:
            found[short] = long_form
    return found


def _long_form(short: str, words: list[str]) -> str | None:
    letters = short.lower()
    for start in range(len(words) - 1, -1, -1):
        candidate = words[start:]
        if not candidate[0].lower().startswith(letters[0]):
            continue
        phrase = " ".join(candidate)
        if _in_order(letters, phrase.lower()) and len(phrase) > len(short) + 2 and not phrase.isupper():
            return phrase
    return None


def _in_order(letters: str, text: str) -> bool:
    position = 0
    for letter in letters:
        position = text.find(letter, position)
        if position < 0:
            return False
        position += 1
    return True


def most_common(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """One long form per short form (the one most documents use), keyed by the lower-cased short form."""
    counts: dict[str, Counter[str]] = {}
    for short, long_form in pairs:
        counts.setdefault(short.lower(), Counter())[long_form] += 1
    return {short: counter.most_common(1)[0][0] for short, counter in counts.items()}
