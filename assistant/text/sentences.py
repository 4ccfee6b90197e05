"""The one German sentence splitter, with the one list of abbreviations that do not end a sentence."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ0-9„\"(])")

# a full stop after these does not end a sentence („15,1 Mio. EUR“, „z. B. Kitas“, „Abs. 2“, „Hr. Maier“ in
# the attendance list of minutes, „Mo. 10 Uhr“)
ABBREVIATIONS = frozenset(
    """
    mio mrd tsd nr abs ca bzw ggf inkl bspw usw etc vgl evtl zzgl abzgl max min dr prof str tel jan
    feb mär apr jun jul aug sep sept okt nov dez st kap anl ziff lfd gem bzgl lt ff hrsg zt ua sog
    ehem hr hrn fr insb mind einschl ggü zzt stv abt bsp gez entspr jh mo di mi do sa
    """.split()  # noqa: SIM905
)


def _ends_with_abbreviation(piece: str) -> bool:
    match = re.search(r"(\S+)\.$", piece)
    if not match:
        return False
    word = match.group(1).lower().lstrip('(„"')
    # single letters („z. B.“, „v. H.“), letters joined by dots („i.H.v.“, „z.B.“), known abbreviations, and
    # ordinals („1. März“)
    if len(word) == 1 or word in ABBREVIATIONS or (word.isdigit() and len(word) <= 2):
        return True
    return bool(re.fullmatch(r"(?:[^\W\d]\.)+[^\W\d]", word))


def split_sentences(text: str) -> list[str]:
    pieces = [s for s in _SENTENCE_END.split(text) if s.strip()]
    merged: list[str] = []
    for piece in pieces:
        if merged and _ends_with_abbreviation(merged[-1]):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


_CONTINUATION_START = re.compile(r"^(?:und|oder|sowie|als auch|aber|bzw\.?|die|der|das|den|dem|des)\b")


def is_complete_sentence(text: str) -> bool:
    """Whether ``text`` reads as a whole sentence, not a piece cut out of one: it starts like a sentence,
    ends with a sentence mark that is not an abbreviation's, has at least four words, and its brackets and
    quotation marks are closed."""
    text = " ".join(text.split())
    if len(text.split()) < 4 or not text.endswith((".", "!", "?")) or _ends_with_abbreviation(text):
        return False
    first = text[0]
    if not (first.isupper() or first in "„\"(§") or _CONTINUATION_START.match(text):
        return False  # starts with a figure or a lower-case word: the rest of a sentence cut before it
    return text.count("(") == text.count(")") and text.count("„") <= text.count("“") + text.count('"')
