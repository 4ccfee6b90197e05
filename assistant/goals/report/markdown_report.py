"""``--format markdown``: a report a reviewer can forward: summary, findings by goal, rule texts."""

from __future__ import annotations

from collections import Counter

from assistant.goals.check import CheckResult
from assistant.goals.model import GoalSet
from assistant.goals.report.common import (
    SEVERITY_LABELS,
    SEVERITY_TITLES,
    by_rule,
    counts_text,
    is_large,
    scope_text,
    verdict,
)
from assistant.goals.rules import RULE_CLASSES
from assistant.goals.rules.base import SEVERITIES, Finding


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _goal_headings(goal_set: GoalSet) -> dict[str, str]:
    headings = {g.id: f"Ziel {g.id}: {g.title}" for g in goal_set.goals}
    for strategy in goal_set.strategies:
        for goal in strategy.goals:
            headings[goal.id] = f"Ziel {goal.id} ({strategy.label}): {goal.title}"
    return headings


def _finding_lines(finding: Finding) -> list[str]:
    return [
        f"- **{SEVERITY_LABELS[finding.severity]} {finding.rule}:** {finding.message}  ",
        f"  *Vorschlag:* {finding.suggestion}  ",
        f"  *Ort:* `{finding.location}`",
    ]


def render(result: CheckResult, goal_set: GoalSet) -> str:
    lines = [f"# Prüfbericht: {goal_set.title}", ""]
    meta = [f"**Kommune:** {goal_set.municipality}", f"**Datei:** `{result.file}`"]
    if goal_set.as_of:
        meta.append(f"**Stand:** {goal_set.as_of.strftime('%d.%m.%Y')}")
    meta.append(f"**Status:** {'beschlossen' if goal_set.status == 'beschlossen' else 'Entwurf'}")
    lines += [" · ".join(meta), "", "## Zusammenfassung", ""]
    lines += [f"**{counts_text(result)}.** {verdict(result)}", "", f"Geprüft: {scope_text(goal_set)}.", ""]
    lines += ["| Schweregrad | Anzahl |", "|---|---:|"]
    lines += [f"| {SEVERITY_TITLES[s]} | {getattr(result.summary, s)} |" for s in SEVERITIES]
    lines.append("")

    lines += _by_rule_lines(result) if is_large(result) else _by_goal_lines(result, goal_set)
    lines += _rule_table(result)
    return "\n".join(lines)


def _by_rule_lines(result: CheckResult) -> list[str]:
    """Many findings: per rule with their count and the first few; the JSON report has them all."""
    titles = {cls.id: cls.title for cls in RULE_CLASSES}
    lines = ["## Befunde nach Regel", ""]
    lines += [f"{len(result.findings)} Befunde; je Regel die ersten, die vollständige Liste gibt `--format json`.", ""]
    for group in by_rule(result.findings):
        lines += [f"### {group.rule} {titles.get(group.rule, '')} ({len(group.findings)} Befunde)", ""]
        for finding in group.shown:
            lines += _finding_lines(finding)
        if group.more_text:
            lines.append(f"- {group.more_text}")
        lines.append("")
    return lines


def _by_goal_lines(result: CheckResult, goal_set: GoalSet) -> list[str]:
    lines = ["## Befunde nach Ziel", ""]
    if not result.findings:
        lines += ["Keine Befunde.", ""]
    headings = _goal_headings(goal_set)
    groups: dict[str | None, list[Finding]] = {}
    for finding in result.findings:
        groups.setdefault(finding.goal_id, []).append(finding)
    if None in groups:
        lines += ["### Zielsystem insgesamt", ""]
        for finding in groups[None]:
            lines += _finding_lines(finding)
        lines.append("")
    for goal_id, heading in headings.items():
        if goal_id in groups:
            lines += [f"### {heading}", ""]
            for finding in groups[goal_id]:
                lines += _finding_lines(finding)
            lines.append("")
    return lines


def _rule_table(result: CheckResult) -> list[str]:
    counts = Counter(f.rule for f in result.findings)
    lines = [
        "## Regeln",
        "",
        "Geprüft wurde nach dem Regelkatalog der Zielsystem-Prüfung. „Grundlage“ sagt, ob eine Regel auf "
        "Recht (Haushaltsverordnungen) oder auf guter Praxis beruht; die Gesamtstrategie selbst ist gute "
        "Praxis, kein Gesetz.",
        "",
        "| Regel | Prüft | Schweregrad | Grundlage | Befunde |",
        "|---|---|---|---|---:|",
    ]
    for cls in RULE_CLASSES:
        lines.append(
            f"| {cls.id} {_cell(cls.title)} | {_cell(cls.text)} | {SEVERITY_LABELS[cls.severity]} | "
            f"{_cell(cls.basis)} | {counts.get(cls.id, 0)} |"
        )
    lines.append("")
    return lines
