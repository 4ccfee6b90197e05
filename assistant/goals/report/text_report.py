"""``--format text``: a table per severity, coloured on a terminal (rich)."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from assistant.goals.check import CheckResult
from assistant.goals.model import GoalSet
from assistant.goals.report.common import (
    SEVERITY_TITLES,
    by_rule,
    by_severity,
    counts_text,
    is_large,
    rule_counts_text,
    scope_text,
    verdict,
)

_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render(result: CheckResult, goal_set: GoalSet, *, color: bool, width: int) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=color, no_color=not color, color_system="auto" if color else None,
        width=width, highlight=False, emoji=False, soft_wrap=False,
    )  # fmt: skip
    console.print(Text(f"Prüfung von {result.file}: {goal_set.title} ({goal_set.municipality})", style="bold"))
    console.print(f"Geprüft: {scope_text(goal_set)}.")
    large = is_large(result)
    if large:
        console.print(f"Befunde je Regel: {rule_counts_text(result.findings)}.")
    for severity, findings in by_severity(result.findings):
        table = Table(
            title=f"{SEVERITY_TITLES[severity]} ({len(findings)})",
            title_style=_STYLES[severity],
            title_justify="left",
            show_lines=True,
            expand=True,
        )
        table.add_column("Regel", style=_STYLES[severity], no_wrap=True)
        table.add_column("Ziel", no_wrap=True)
        table.add_column("Befund", ratio=3)
        table.add_column("Vorschlag", ratio=2)
        for group in by_rule(findings):
            for finding in group.shown if large else group.findings:
                befund = Text(finding.message)
                befund.append(f"\n{finding.location}", style="dim")
                table.add_row(finding.rule, finding.goal_id or "–", befund, finding.suggestion)
            if large and group.more_text:
                table.add_row(group.rule, "…", Text(group.more_text, style="italic"), "")
        console.print()
        console.print(table)
    console.print()
    style = "bold red" if result.summary.error else "bold yellow" if result.summary.warning else "bold green"
    console.print(Text(f"Ergebnis: {counts_text(result)}. {verdict(result)}", style=style))
    return buffer.getvalue()
