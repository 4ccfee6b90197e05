"""Names of people and organisations in German text, recognised by their writing alone (no model): German
capitalises every noun, so one capital says little, but two capitalised words in a row („Luise Weber“,
„Erlanger Stadtwerke“) or a form of address before one („Herr Weber“, „Dr. Sommer“) name someone."""

from __future__ import annotations

import re
from itertools import pairwise

from assistant.text.german import STOP_WORDS, fold

_WORD = re.compile(r"[\wÄÖÜäöüß][\w'’.-]*")
_ADDRESS = frozenset(
    "herr herrn frau hr hr. hrn. fr. dr dr. prof prof. oberbürgermeister oberbürgermeisterin".split()  # noqa: SIM905
)
# capitalised words that start a sentence or name nothing by themselves
_FUNCTION = STOP_WORDS | {"weitere"}


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word.lower().rstrip(".") not in _FUNCTION


def names_someone(text: str, known: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether ``text`` names a person or an organisation not among ``known`` (folded words, e.g. the question's)."""
    words = _WORD.findall(text)
    for first, second in pairwise(words):
        if not _capitalised(second) or fold(second.lower().rstrip(".")) in known:
            continue
        if first.lower() in _ADDRESS or (_capitalised(first) and fold(first.lower().rstrip(".")) not in known):
            return True
    return False
