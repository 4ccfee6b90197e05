"""Rules and findings. A rule is a small class with its id, default severity, rule text and basis;
``check`` yields findings in file order."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, Literal

from pydantic import BaseModel

from assistant.goals.view import GoalRef, GoalSetView
from assistant.settings import PruefungSettings

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


class Finding(BaseModel):
    """One finding; the JSON contract of ``assistant check --format json``."""

    rule: str
    severity: Severity
    goal_id: str | None
    location: str
    message: str
    suggestion: str


class Rule:
    id: ClassVar[str]
    title: ClassVar[str]  # short German name
    text: ClassVar[str]  # what the rule checks, German (shown in the Markdown report)
    severity: ClassVar[Severity]  # default severity
    basis: ClassVar[str]  # law or practice the rule rests on

    def __init__(self, settings: PruefungSettings) -> None:
        self.settings = settings

    def check(self, view: GoalSetView) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(
        self,
        location: str,
        message: str,
        suggestion: str,
        *,
        goal: GoalRef | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        return Finding(
            rule=self.id,
            severity=severity or self.severity,
            goal_id=goal.id if goal else None,
            location=location,
            message=message,
            suggestion=suggestion,
        )


def number(value: float, decimals: int = 1) -> str:
    """German notation: 2400000 → „2.400.000“, 7.1 → „7,1“, 4.0 → „4“."""
    text = f"{int(value):,}" if float(value).is_integer() else f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def euro(value: float) -> str:
    return f"{number(round(value))} EUR"


def quote(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return f"„{text[: limit - 1]}…“" if len(text) > limit else f"„{text}“"


def join_ids(ids: Iterable[str]) -> str:
    items = list(ids)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " und " + items[-1]
