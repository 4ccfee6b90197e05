"""Names of people and organisations in German text, recognised by their writing alone (no model): German
capitalises every noun, so one capital says little, but two capitalised words in a row („Luise Weber“,
„Erlanger Stadtwerke“) or a form of address before one („Herr Weber“, „Dr. Sommer“) name someone."""

from __future__ import annotations

import re

from assistant.text.german import STOP_WORDS, fold

_WORD = re.compile(r"[\wÄÖÜäöüß][\w'’.-]*")
_ADDRESS = frozenset(
    "herr herrn frau hr hr. hrn. fr. dr dr. prof prof. oberbürgermeister oberbürgermeisterin".split()  # noqa: SIM905
)
# capitalised words that start a sentence or name nothing by themselves
_FUNCTION = STOP_WORDS | {"weitere"}


def names_someone(text: str, known: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether ``text`` names a person or an organisation not among ``known`` (folded words, e.g. the question's)."""
    words = _WORD.findall(text)
    lowered = [word.lower().rstrip(".") for word in words]
    # a capitalised word that is neither a function word nor one the question already gives
    new_name = [
        word[:1].isupper() and low not in _FUNCTION and fold(low) not in known
        for word, low in zip(words, lowered, strict=True)
    ]
    return any(new_name[n] and (new_name[n - 1] or words[n - 1].lower() in _ADDRESS) for n in range(1, len(words)))
