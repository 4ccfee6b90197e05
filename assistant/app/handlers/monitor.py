"""Zielerreichung: evaluate a goal set with Messwerte as of a year, filter the goals, render the status
table (colour and word), one chart per indicator with its text, and the Strategiebericht downloads."""

from __future__ import annotations

import html
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from assistant.app.handlers.check import example_goal_sets, example_path, goal_set_path
from assistant.errors import UserError
from assistant.goals.loading import load_goal_set
from assistant.goals.model import MAX_YEAR, MIN_YEAR
from assistant.goals.monitoring.evaluate import GoalOutcome, Monitoring, evaluate
from assistant.goals.monitoring.report import overview_sentence
from assistant.goals.monitoring.wording import STATUS_LABELS, SUMMARY_KEYS, goal_sentence, value_cells

NO_FIELD = "(ohne Handlungsfeld)"
NO_PRIORITY = "(ohne Priorität)"
STATUS_CHOICES = [(STATUS_LABELS[s], s) for s in ("erreicht", "im_plan", "gefaehrdet", "nicht_im_plan", "verfehlt")]
STATUS_CHOICES.append(("nicht bewertbar", "unknown"))
WORKING = "⏳ **Die Zielerreichung wird ausgewertet** (Messwerte, Status je Kennzahl, Strategiebericht) …"
_COLUMNS = ("Ziel", "Status des Ziels", "Kennzahl", "Status der Kennzahl", "Letzter Wert", "Erwartet", "Zielwert")


@dataclass
class MonitorOutcome:
    monitoring: Monitoring
    markdown_path: Path
    docx_path: Path
    charts: dict[tuple[str, int], tuple[str, str]] = field(default_factory=dict)  # (goal, index) → (<img>, text)


def parse_year(value: float | int | str | None) -> int:
    """The year of the evaluation from the number field; empty means the current year."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return date.today().year
    try:
        year = float(str(value).replace(",", "."))
    except ValueError:
        year = float("nan")
    if not year.is_integer() or not MIN_YEAR <= year <= MAX_YEAR:
        raise UserError(f"Bitte geben Sie als Stand ein Jahr zwischen {MIN_YEAR} und {MAX_YEAR} an, z. B. 2026.")
    return int(year)


def monitor_file(services, path: str | Path | None, year, display_name: str | None = None) -> MonitorOutcome:
    """Load and evaluate a goal set; write the Strategiebericht as Markdown and Word for download."""
    from assistant.app.figures import image_tag
    from assistant.goals.monitoring.charts import indicator_chart
    from assistant.goals.monitoring.export import write_report

    path, name = goal_set_path(path, display_name)
    as_of = parse_year(year)
    loaded = load_goal_set(path, display_name=name)
    monitoring = evaluate(loaded.goal_set, loaded.file, as_of, services.settings.zielerreichung)
    if not any(i.indicator.measurements for g in monitoring.goals for i in g.indicators):
        raise UserError(
            f"„{name}“ enthält keine Messwerte. Tragen Sie sie bei den Kennzahlen unter „messwerte“ ein "
            "(in Excel im Blatt „Messwerte“)."
        )
    folder = Path(tempfile.mkdtemp(prefix="zielerreichung-"))
    stem = f"strategiebericht-{as_of}-{Path(name).stem}"
    markdown_path = write_report(monitoring, folder / f"{stem}.md")
    docx_path = write_report(monitoring, folder / f"{stem}.docx")
    charts = {}
    for goal in monitoring.goals:
        for index, outcome in enumerate(goal.indicators):
            plot = indicator_chart(outcome)  # compact: readable on a phone (see plot_style)
            charts[(goal.ref.id, index)] = (image_tag(plot, plot.description), plot.description)
    return MonitorOutcome(monitoring, markdown_path, docx_path, charts)


def example_choices() -> list[str]:
    """The shipped examples that carry Messwerte."""
    names = []
    for name in example_goal_sets():
        try:
            goal_set = load_goal_set(example_path(name)).goal_set
        except UserError:
            continue
        goals = [*goal_set.goals, *(g for s in goal_set.strategies for g in s.goals)]
        if any(i.measurements for g in goals for i in g.indicators):
            names.append(name)
    return names


def _field_of(goal: GoalOutcome) -> str | None:
    return goal.ref.goal.field or (goal.ref.strategy.field if goal.ref.strategy else None)


def field_choices(monitoring: Monitoring) -> list[tuple[str, str]]:
    present = {_field_of(g) for g in monitoring.goals}
    choices = [(f"{f.id} {f.name or ''}".strip(), f.id) for f in monitoring.goal_set.fields if f.id in present]
    return choices + ([(NO_FIELD, NO_FIELD)] if None in present else [])


def priority_choices(monitoring: Monitoring) -> list[tuple[str, str]]:
    present = {g.ref.goal.priority for g in monitoring.goals}
    choices = [(f"Priorität {p}", p) for p in ("A", "B", "C") if p in present]
    return choices + ([(NO_PRIORITY, NO_PRIORITY)] if None in present else [])


def _status_key(goal: GoalOutcome) -> str:
    return "unknown" if goal.status in ("keine_daten", "unvollstaendig") else goal.status


def filter_goals(
    monitoring: Monitoring,
    fields: Sequence[str] | None = None,
    statuses: Sequence[str] | None = None,
    priorities: Sequence[str] | None = None,
) -> list[GoalOutcome]:
    """Empty selections mean „all“."""
    selected = []
    for goal in monitoring.goals:
        if fields and (_field_of(goal) or NO_FIELD) not in fields:
            continue
        if statuses and _status_key(goal) not in statuses:
            continue
        if priorities and (goal.ref.goal.priority or NO_PRIORITY) not in priorities:
            continue
        selected.append(goal)
    return selected


def badge(status: str) -> str:
    return f'<span class="badge status-{status}">{html.escape(STATUS_LABELS[status])}</span>'


def summary_html(monitoring: Monitoring, shown: int | None = None) -> str:
    result = monitoring.result
    counts = result.summary.model_dump()
    badges = " ".join(f"{badge(key)} {counts[key]}" for key in SUMMARY_KEYS)
    text = (
        f"<p><strong>{html.escape(result.file)}, Stand {result.year}:</strong> "
        f"{html.escape(overview_sentence(monitoring.top_level))}</p>"
        f'<p class="status-counts">Alle {len(monitoring.goals)} Ziele: {badges}</p>'
    )
    if shown is not None and shown != len(monitoring.goals):
        text += f"<p>Angezeigt: {shown} von {len(monitoring.goals)} Zielen.</p>"
    return text


def goals_html(goals: Sequence[GoalOutcome]) -> str:
    """One row per indicator (a goal without indicators gets one row); status as coloured badge *and* word."""
    if not goals:
        return '<p class="monitor-empty">Keine Ziele für diese Auswahl.</p>'
    head = "".join(f'<th scope="col">{name}</th>' for name in _COLUMNS)
    rows = []
    for goal in goals:
        where = f" ({html.escape(goal.ref.strategy.label)})" if goal.ref.strategy else ""
        goal_cells = (
            f'<td><strong>{html.escape(goal.ref.id)}</strong>{where}<br><span class="goal-sentence">'
            f"{html.escape(goal_sentence(goal))}</span></td><td>{badge(goal.status)}</td>"
        )
        if not goal.indicators:
            rows.append(f'<tr class="goal-row">{goal_cells}<td>(keine Kennzahl)</td><td>–</td>'
                        "<td>–</td><td>–</td><td>–</td></tr>")  # fmt: skip
        for outcome in goal.indicators:
            cells = "".join(f"<td>{html.escape(c)}</td>" for c in value_cells(outcome))
            rows.append(
                f'<tr class="goal-row">{goal_cells}<td>{html.escape(outcome.indicator.name)}</td>'
                f"<td>{badge(outcome.result.status)}</td>{cells}</tr>"
            )
    return (
        '<table class="findings-table" id="monitor-table">'
        f"<caption>Zielerreichung ({len(goals)} Ziele)</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def charts_html(outcome: MonitorOutcome, goals: Sequence[GoalOutcome]) -> str:
    """One figure per indicator of the shown goals: the image with its text as alt and as caption."""
    figures = []
    for goal in goals:
        for index, _ in enumerate(goal.indicators):
            image, text = outcome.charts[(goal.ref.id, index)]
            caption = f"<figcaption>{html.escape(text)}</figcaption>"
            figures.append(f'<figure class="indicator-chart">{image}{caption}</figure>')
    if not figures:
        return "<p>Keine Kennzahl für diese Auswahl.</p>"
    return f'<div class="indicator-charts" id="monitor-charts">{"".join(figures)}</div>'


def refilter(outcome: MonitorOutcome | None, fields, statuses, priorities) -> tuple[str, str, str]:
    if outcome is None:
        raise UserError("Bitte werten Sie zuerst ein Zielsystem mit Messwerten aus.")
    goals = filter_goals(outcome.monitoring, fields, statuses, priorities)
    return summary_html(outcome.monitoring, len(goals)), goals_html(goals), charts_html(outcome, goals)
