"""Leitbild style checks: present-tense target state, short sentences."""

from __future__ import annotations

import re

from assistant.text.sentences import split_sentences

MAX_AVERAGE_WORDS = 20
# activity and intention instead of the achieved state („Wir wollen …“, „… soll … werden“)
_INTENTION = re.compile(
    r"\b(wollen|will|möchten|möchte|sollen|soll|streben|anstreben|planen|beabsichtigen)\b", re.I
)
_MARKER = re.compile(r"\[\d+(?:,\s*\d+)*\]")


def words(sentence: str) -> int:
    return len(re.findall(r"\w+", _MARKER.sub("", sentence)))


def style_warnings(heading: str, text: str) -> list[str]:
    sentences = [s for s in split_sentences(" ".join(line.lstrip("-• ") for line in text.splitlines())) if s]
    if not sentences:
        return []
    warnings = []
    average = sum(words(s) for s in sentences) / len(sentences)
    if average > MAX_AVERAGE_WORDS:
        warnings.append(
            f"{heading}: Die Sätze sind im Schnitt {average:.0f} Wörter lang; Leitbildsätze sollten höchstens "
            f"{MAX_AVERAGE_WORDS} Wörter haben."
        )
    for sentence in sentences:
        if _INTENTION.search(sentence):
            warnings.append(
                f"{heading}: „{sentence.strip()[:80]}“ beschreibt eine Absicht, keinen erreichten Zustand "
                "(Präsens, Zielzustand verwenden)."
            )
    return warnings
