"""What the text and Markdown reports share: labels, grouping and the one-line verdict."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.goals.check import CheckResult
from assistant.goals.model import GoalSet
from assistant.goals.rules.base import SEVERITIES, Finding

SEVERITY_TITLES = {"error": "Fehler", "warning": "Warnungen", "info": "Hinweise"}
SEVERITY_LABELS = {"error": "Fehler", "warning": "Warnung", "info": "Hinweis"}
# from this many findings the reports list them per rule with a count and the first few (the JSON report
# always has all): a set of 1,000 goals stays readable
LARGE_REPORT = 60
SHOWN_PER_RULE = 10


@dataclass(frozen=True)
class RuleGroup:
    rule: str
    findings: list[Finding]

    @property
    def shown(self) -> list[Finding]:
        return self.findings[:SHOWN_PER_RULE]

    @property
    def more_text(self) -> str:
        """„… und 989 weitere Befunde zu GQ-06 (alle mit --format json).“, or empty."""
        hidden = len(self.findings) - len(self.shown)
        if hidden <= 0:
            return ""
        return f"… und {hidden} weitere Befunde zu {self.rule} (alle mit --format json)."


def is_large(result: CheckResult) -> bool:
    return len(result.findings) >= LARGE_REPORT


def by_rule(findings: list[Finding]) -> list[RuleGroup]:
    """Findings per rule, in the order the rules first appear (findings come sorted)."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.rule, []).append(finding)
    return [RuleGroup(rule, items) for rule, items in groups.items()]


def rule_counts_text(findings: list[Finding]) -> str:
    """„GQ-06: 999, IND-01: 20“ – the findings per rule."""
    return ", ".join(f"{group.rule}: {len(group.findings)}" for group in by_rule(findings))


def by_severity(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    return [(s, [f for f in findings if f.severity == s]) for s in SEVERITIES if any(f.severity == s for f in findings)]


def counts_text(result: CheckResult) -> str:
    summary = result.summary
    parts = [
        f"{summary.error} Fehler",
        f"{summary.warning} Warnung{'en' if summary.warning != 1 else ''}",
        f"{summary.info} Hinweis{'e' if summary.info != 1 else ''}",
    ]
    return ", ".join(parts)


def verdict(result: CheckResult) -> str:
    if result.summary.error:
        return "Das Zielsystem hat Fehler, die vor dem Beschluss behoben werden sollten."
    if result.summary.warning:
        return "Keine Fehler; die Warnungen zeigen, wo das Zielsystem noch geschärft werden kann."
    return "Keine Fehler und keine Warnungen."


def scope_text(goal_set: GoalSet) -> str:
    strategic = [g for g in goal_set.goals if g.is_strategic_kind]
    sub_goals = sum(len(s.goals) for s in goal_set.strategies)
    indicators = sum(len(g.indicators) for g in goal_set.goals) + sum(
        len(g.indicators) for s in goal_set.strategies for g in s.goals
    )
    return (
        f"{len(strategic)} strategische Ziele in {len(goal_set.fields)} Handlungsfeldern, "
        f"{sub_goals} Ziele in {len(goal_set.strategies)} Fachstrategien, {indicators} Kennzahlen"
    )
