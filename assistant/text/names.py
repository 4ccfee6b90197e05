"""Names of people and organisations in German text, recognised by their writing alone (no model): German
capitalises every noun, so one capital says little, but two capitalised words in a row („Luise Weber“,
„Erlanger Stadtwerke“) or a form of address before one („Herr Weber“, „Dr. Sommer“) name someone."""

from __future__ import annotations

import re
from itertools import pairwise

from assistant.text.german import fold

_WORD = re.compile(r"[\wÄÖÜäöüß][\w'’.-]*")
_ADDRESS = frozenset(
    "herr herrn frau hr hr. hrn. fr. dr dr. prof prof. oberbürgermeister oberbürgermeisterin".split()  # noqa: SIM905
)
# capitalised words that start a sentence or name nothing by themselves
_FUNCTION = frozenset(
    """der die das dem den des ein eine einer eines einem einen im in am an auf aus bei mit nach von vom zu zum zur
    für über unter vor durch als und oder auch nur so es er sie wir ihr ich man dies diese dieser dieses jede jeder
    alle mehr viele weitere seit bis""".split()  # noqa: SIM905
)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and fold(word.lower().rstrip(".")) not in _FUNCTION


def names_someone(text: str, known: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether ``text`` names a person or an organisation not among ``known`` (folded words, e.g. the question's)."""
    words = _WORD.findall(text)
    for first, second in pairwise(words):
        if not _capitalised(second) or fold(second.lower().rstrip(".")) in known:
            continue
        if first.lower() in _ADDRESS or (_capitalised(first) and fold(first.lower().rstrip(".")) not in known):
            return True
    return False
