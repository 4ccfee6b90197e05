"""Reports of a check: text (terminal), Markdown (to forward) and JSON (the contract)."""

from __future__ import annotations

from collections.abc import Callable

from assistant.goals.check import CheckResult
from assistant.goals.model import GoalSet

FORMATS = ("text", "markdown", "json")


def render(result: CheckResult, goal_set: GoalSet, fmt: str, *, color: bool = False, width: int = 120) -> str:
    from assistant.goals.report import json_report, markdown_report, text_report

    renderers: dict[str, Callable[..., str]] = {
        "text": lambda: text_report.render(result, goal_set, color=color, width=width),
        "markdown": lambda: markdown_report.render(result, goal_set),
        "json": lambda: json_report.render(result),
    }
    return renderers[fmt]()
