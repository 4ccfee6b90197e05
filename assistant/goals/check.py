"""The check service: goal-set file → typed goal set → rules → findings in a fixed order."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel

from assistant.goals.loading import load_goal_set
from assistant.goals.model import GoalSet
from assistant.goals.rules import RULE_IDS, Finding, Rule, build_rules
from assistant.goals.rules.base import SEVERITIES
from assistant.goals.view import GoalSetView
from assistant.index.base import Embedder
from assistant.settings import PruefungSettings


class Summary(BaseModel):
    error: int = 0
    warning: int = 0
    info: int = 0


class CheckResult(BaseModel):
    """The JSON contract of ``assistant check --format json``."""

    file: str
    findings: list[Finding]
    summary: Summary

    @property
    def exit_code(self) -> int:
        return 1 if self.summary.error else 0


def run_rules(goal_set: GoalSet, rules: Sequence[Rule]) -> list[Finding]:
    """All findings, sorted by severity, then catalogue order, then file order (stable)."""
    view = GoalSetView(goal_set)
    findings = [finding for rule in rules for finding in rule.check(view)]
    order = {rule_id: i for i, rule_id in enumerate(RULE_IDS)}
    return sorted(findings, key=lambda f: (SEVERITIES.index(f.severity), order.get(f.rule, len(order))))


def summarise(file: str, findings: list[Finding]) -> CheckResult:
    counts = {severity: sum(f.severity == severity for f in findings) for severity in SEVERITIES}
    return CheckResult(file=file, findings=findings, summary=Summary(**counts))


class GoalSetChecker:
    """Loads a goal-set file and applies the rules; built once, reusable for many files."""

    def __init__(self, settings: PruefungSettings, embedder: Embedder | None) -> None:
        self.rules = build_rules(settings, embedder)
        self.limits = settings.grenzen

    def check_goal_set(self, goal_set: GoalSet, file: str) -> CheckResult:
        return summarise(file, run_rules(goal_set, self.rules))

    def check_file(self, path: Path | str, *, display_name: str | None = None) -> tuple[GoalSet, CheckResult]:
        loaded = load_goal_set(path, display_name=display_name, limits=self.limits)
        return loaded.goal_set, self.check_goal_set(loaded.goal_set, loaded.file)
