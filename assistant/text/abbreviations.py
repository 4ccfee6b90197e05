"""Abbreviations a document defines itself („Kommunaler Ordnungsdienst (KOD)“), so a question that uses
the short form meets text that uses the long one and the other way round; and acronyms a text only writes
out (:func:`spells`).

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


# Acronyms a text uses without defining them: staff write „ASD“ or „VHS“ where the documents say
# „Allgemeiner Sozialdienst“ or „Volkshochschule“. Matched letter by letter against words of a text.
_ACRONYM = re.compile(r"[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{1,5}")
_MIN_STARTS = 2  # letters that must fall on a word or compound-part start („bahn“ does not spell „BA“)
_SKIPPABLE = frozenset({"und", "für", "der", "die", "das", "des", "den", "dem", "von", "im", "in", "am", "zur", "zum"})


def looks_like_acronym(word: str) -> bool:
    """„ASD“, „StVO“, „KfW“: 2–6 letters, starting with a capital, at least two capitals, no digits."""
    return bool(_ACRONYM.fullmatch(word)) and sum(c.isupper() for c in word) >= 2


def spells(acronym: str, words: list[str], part_starts) -> bool:
    """Whether a run of ``words`` (folded, lower case, in text order) spells ``acronym``.

    Every word of the run begins with the next letter; further letters continue the letter before
    („ST|raßen|V|erkehrs|O|rdnung“ for „StVO“) or begin a compound part (``part_starts(word)`` gives
    their offsets: „Volks|hoch|schule“ spells „VHS“); the last letter may also stand inside the last part
    („Kreisjugend|ring“ spells „KJR“). Lower-case letters of the acronym („StVO“) only continue.
    At least two letters must begin a word or part. Stop words between the words are skipped
    („Ausschuss für Verkehr und Sport“ spells „AVS“), but a run never begins with one („in Teilen“ does not
    spell „IT“).
    """
    from assistant.text.german import STOP_WORDS, fold

    letters = fold(acronym.lower())
    joined = [not c.isupper() for c in acronym]  # a lower-case letter continues the letter before
    joined[0] = False

    def match(i: int, w: int, pos: int, starts: int) -> bool:
        if i == len(letters):
            return starts >= _MIN_STARTS
        word = words[w]
        letter = letters[i]
        if pos + 1 < len(word) and word[pos + 1] == letter and match(i + 1, w, pos + 1, starts):
            return True
        if joined[i]:
            return False
        if any(b > pos and word[b : b + 1] == letter and match(i + 1, w, b, starts + 1) for b in part_starts(word)):
            return True
        if i == len(letters) - 1 and starts >= _MIN_STARTS and letter in word[pos + 1 :]:
            return True
        following = w + 1
        while following < len(words) and words[following] in _SKIPPABLE and following - w <= 2:
            following += 1
        return following < len(words) and words[following][:1] == letter and match(i + 1, following, 0, starts + 1)

    return any(
        word[:1] == letters[0] and word not in STOP_WORDS and match(1, w, 0, 1) for w, word in enumerate(words)
    )
