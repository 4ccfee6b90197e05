"""``assistant monitor --format text``: one table row per indicator, the status as a word (coloured on a
terminal), the overview and one sentence per goal."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from assistant.goals.monitoring.evaluate import Monitoring
from assistant.goals.monitoring.report import overview_sentence
from assistant.goals.monitoring.wording import STATUS_LABELS, SUMMARY_KEYS, goal_sentence, value_cells

_STYLES = {
    "erreicht": "bold green", "im_plan": "green", "gefaehrdet": "yellow", "nicht_im_plan": "bold red",
    "verfehlt": "bold red", "keine_daten": "dim", "unvollstaendig": "dim",
}  # fmt: skip


def render(monitoring: Monitoring, *, color: bool, width: int) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=color, no_color=not color, color_system="auto" if color else None,
        width=width, highlight=False, emoji=False, soft_wrap=False,
    )  # fmt: skip
    result, goal_set = monitoring.result, monitoring.goal_set
    console.print(Text(f"Zielerreichung {result.year}: {goal_set.title} ({goal_set.municipality})", style="bold"))
    console.print(f"Datei: {result.file}. {overview_sentence(monitoring.top_level)}")
    table = Table(show_lines=False, expand=True)
    for name, options in (("Ziel", {"no_wrap": True}), ("Status", {"no_wrap": True}), ("Kennzahl", {"ratio": 3}),
                          ("Letzter Wert", {"justify": "right"}), ("Erwartet", {"justify": "right"}),
                          ("Zielwert", {"justify": "right"})):  # fmt: skip
        table.add_column(name, **options)
    for goal in monitoring.goals:
        label = goal.ref.id if goal.ref.strategy is None else f"{goal.ref.id} ({goal.ref.strategy.id})"
        if not goal.indicators:
            table.add_row(label, Text(STATUS_LABELS[goal.status], style="dim"), "(keine Kennzahl)", "–", "–", "–")
        for outcome in goal.indicators:
            status = outcome.result.status
            table.add_row(label, Text(STATUS_LABELS[status], style=_STYLES[status]), outcome.indicator.name,
                          *value_cells(outcome))  # fmt: skip
    console.print()
    console.print(table)
    console.print()
    for goal in monitoring.goals:
        if goal.indicators:
            console.print(Text(goal_sentence(goal), style=_STYLES[goal.status] if goal.status != "im_plan" else ""))
    without = [goal.ref.id for goal in monitoring.goals if not goal.indicators]
    if without:  # one line instead of one sentence each
        console.print(Text(f"Ohne Kennzahl, nicht bewertbar: {', '.join(without)}.", style="dim"))
    summary = result.summary.model_dump()
    counts = ", ".join(f"{summary[key]} {STATUS_LABELS[key]}" for key in SUMMARY_KEYS)
    console.print()
    style = "bold red" if result.exit_code else "bold green"
    console.print(Text(f"Ergebnis (alle {len(monitoring.goals)} Ziele): {counts}.", style=style))
    return buffer.getvalue()
