"""Follow-up questions („Und wie hoch war er 2025?“) resolved against the conversation history."""

from __future__ import annotations

import re

from assistant.answering.models import ChatTurn
from assistant.text.numbers import YEAR

_FOLLOW_UP_START = re.compile(r"^\s*(und|aber|also|oder|sowie|dann|wie sieht es|was ist mit|und was)\b", re.I)
_REFERRING = re.compile(
    r"\b(er|sie|es|ihn|ihm|ihr|dies|diese|dieser|dieses|diesen|dafür|davon|dazu|dort|damals|derselbe|"
    r"dieselbe|jene|jener|deren|dessen|ebenfalls|auch)\b",
    re.I,
)


def looks_like_follow_up(question: str) -> bool:
    words = re.findall(r"\w+", question)
    return bool(_FOLLOW_UP_START.search(question) or _REFERRING.search(question) or len(words) <= 4)


def last_user_question(history: list[ChatTurn]) -> str | None:
    for turn in reversed(history):
        if turn.role == "user" and turn.content.strip():
            return turn.content.strip()
    return None


def history_aware_query(question: str, history: list[ChatTurn]) -> str:
    """The search query for a follow-up: the previous question's topic plus the new question.

    Years of the previous question are dropped when the new question names its own year, so
    „… 2026?“ followed by „Und 2025?“ searches 2025.
    """
    previous = last_user_question(history)
    if not previous or not looks_like_follow_up(question):
        return question
    if YEAR.search(question):
        previous = YEAR.sub("", previous)
    return f"{previous.rstrip(' ?')} – {question.strip()}"
