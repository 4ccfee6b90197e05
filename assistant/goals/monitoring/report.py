"""The Strategiebericht as a sequence of blocks (headings, paragraphs, tables, charts), built once and
rendered by :mod:`.markdown` and :mod:`.docx_export`, so both say the same.

Sections: overview (counts per status, per Handlungsfeld, per priority class with budget), the goals per
Handlungsfeld (a table and one sentence per goal), the Fachstrategien with their goals, one chart per
indicator, and the rule the statuses follow.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.goals.monitoring.evaluate import GoalOutcome, IndicatorOutcome, Monitoring, summarise
from assistant.goals.monitoring.status import OFF_TRACK, ON_TRACK, UNKNOWN
from assistant.goals.monitoring.wording import (
    STATUS_LABELS,
    SUMMARY_KEYS,
    amount,
    expected_amount,
    goal_sentence,
    value_cells,
)
from assistant.goals.rules.base import euro, number


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1 = title


@dataclass(frozen=True)
class Paragraph:
    text: str  # may contain **bold**


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: list[tuple[str, ...]]
    numeric: tuple[int, ...] = ()  # columns aligned right


@dataclass(frozen=True)
class Chart:
    indicator: IndicatorOutcome
    caption: str  # the chart's content as text (alternative text, caption)


Block = Heading | Paragraph | Table | Chart


@dataclass
class Bericht:
    title: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)


def _count(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{number(share * 100, 0)} %"


def _counts_row(label: str, goals: list[GoalOutcome]) -> tuple[str, ...]:
    summary = summarise([g.status for g in goals]).model_dump()
    return (label, *(str(summary[key]) for key in SUMMARY_KEYS), str(len(goals)))


_COUNT_HEADER = (*(STATUS_LABELS[key] for key in SUMMARY_KEYS), "Ziele")


def overview_sentence(goals: list[GoalOutcome]) -> str:
    summary = summarise([g.status for g in goals])
    on_track = summary.erreicht + summary.im_plan
    parts = [f"{on_track} erreicht oder im Plan", f"{summary.gefaehrdet} gefährdet"]
    parts.append(f"{summary.nicht_im_plan + summary.verfehlt} nicht im Plan oder verfehlt")
    text = f"Von {_count(len(goals), 'Ziel', 'Zielen')} der Gesamtstrategie sind " + ", ".join(parts)
    if summary.unknown:
        text += f"; {summary.unknown} noch nicht bewertbar (keine Messwerte oder unvollständige Kennzahlen)"
    return text + "."


def _field_rows(monitoring: Monitoring) -> list[tuple[str, ...]]:
    rows = []
    for item in monitoring.goal_set.fields:
        goals = [g for g in monitoring.top_level if g.ref.goal.field == item.id]
        if goals:
            rows.append(_counts_row(f"{item.id} {item.name or ''}".strip(), goals))
    return rows


def priority_rows(monitoring: Monitoring) -> list[tuple[str, ...]]:
    """Per priority class: goals, annual budget, and how many goals are on track, at risk, off track."""
    rows = []
    for priority in ("A", "B", "C"):
        goals = [g for g in monitoring.top_level if g.ref.goal.priority == priority]
        if not goals:
            continue
        budgets = [g.ref.goal.resources.annual_budget for g in goals if g.ref.goal.resources]
        known = [b for b in budgets if b is not None]
        statuses = [g.status for g in goals]
        rows.append(
            (
                f"Priorität {priority}",
                str(len(goals)),
                euro(sum(known)) if known else "–",
                str(sum(s in ON_TRACK for s in statuses)),
                str(statuses.count("gefaehrdet")),
                str(sum(s in OFF_TRACK for s in statuses)),
                str(sum(s in UNKNOWN for s in statuses)),
            )
        )
    return rows


PRIORITY_HEADER = (
    "Priorität", "Ziele", "Jahresbudget", "erreicht oder im Plan", "gefährdet", "nicht im Plan oder verfehlt",
    "nicht bewertbar",
)  # fmt: skip


def _goal_table(goals: list[GoalOutcome]) -> Table:
    rows = []
    for goal in goals:
        if not goal.indicators:
            rows.append((goal.ref.id, STATUS_LABELS[goal.status], "(keine Kennzahl)", "–", "–", "–"))
        for outcome in goal.indicators:
            status = STATUS_LABELS[outcome.result.status]
            rows.append((goal.ref.id, status, outcome.indicator.name, *value_cells(outcome)))
    return Table(("Ziel", "Status", "Kennzahl", "Letzter Wert", "Erwartet", "Zielwert"), rows, (3, 4, 5))


def chart_caption(outcome: IndicatorOutcome) -> str:
    """What the chart shows, in words (alternative text and caption)."""
    indicator, result = outcome.indicator, outcome.result
    parts = [f"{indicator.name} (Ziel {outcome.ref.id}): {STATUS_LABELS[result.status]}."]
    if indicator.baseline is not None and indicator.baseline_year is not None:
        parts.append(f"Basiswert {amount(indicator.baseline, indicator)} ({indicator.baseline_year}).")
    if indicator.target is not None and indicator.target_year is not None:
        parts.append(f"Zielwert {amount(indicator.target, indicator)} ({indicator.target_year}).")
    if indicator.measurements:
        values = "; ".join(f"{m.year}: {amount(m.value, indicator)}" for m in indicator.measurements)
        parts.append(f"Messwerte {values}.")
    else:
        parts.append("Noch keine Messwerte.")
    if result.expected is not None and result.latest is not None:
        parts.append(
            f"Erwartet im Jahr {result.latest.jahr} laut Zielpfad: {expected_amount(result.expected, indicator)}."
        )
    return " ".join(parts)


def _goal_section(bericht: Bericht, goals: list[GoalOutcome]) -> None:
    bericht.add(_goal_table(goals))
    for goal in goals:
        bericht.add(Paragraph(f"**{goal.ref.id} {goal.ref.goal.title}** {goal_sentence(goal)}"))


def build_report(monitoring: Monitoring, *, charts: bool = True) -> Bericht:
    goal_set, result = monitoring.goal_set, monitoring.result
    bericht = Bericht(f"Strategiebericht {result.year}: {goal_set.title}")
    bericht.add(Heading(bericht.title, 1))
    bericht.add(
        Paragraph(
            f"**Kommune:** {goal_set.municipality} · **Datei:** {result.file} · **Stand der Auswertung:** "
            f"{result.year} (Messwerte bis einschließlich {result.year})"
        )
    )
    top = monitoring.top_level
    bericht.add(Heading("Überblick", 2), Paragraph(overview_sentence(top)))
    bericht.add(
        Table(
            ("Status", "Ziele der Gesamtstrategie", "Ziele der Fachstrategien"),
            [
                (
                    STATUS_LABELS[key],
                    str(summarise([g.status for g in top]).model_dump()[key]),
                    str(summarise([g.status for g in monitoring.goals if g.ref.strategy]).model_dump()[key]),
                )
                for key in SUMMARY_KEYS
            ],
            (1, 2),
        )
    )
    bericht.add(Heading("Nach Handlungsfeld", 3))
    bericht.add(Table(("Handlungsfeld", *_COUNT_HEADER), _field_rows(monitoring), tuple(range(1, 8))))
    bericht.add(Heading("Nach Priorität: Budget und Zielerreichung", 3))
    rows = priority_rows(monitoring)
    bericht.add(
        Paragraph(
            "Folgen die Mittel den Prioritäten, und wirken sie? Das Jahresbudget ist die Summe der "
            "jährlichen Budgets der Ziele einer Klasse (bei Jahreswerten deren Mittel)."
        )
    )
    bericht.add(Table(PRIORITY_HEADER, rows, (1, 2, 3, 4, 5, 6)))

    bericht.add(Heading("Ziele der Gesamtstrategie nach Handlungsfeld", 2))
    for item in goal_set.fields:
        goals = [g for g in top if g.ref.goal.field == item.id]
        if goals:
            bericht.add(Heading(f"{item.id} {item.name or ''}".strip(), 3))
            _goal_section(bericht, goals)
    without_field = [g for g in top if not g.ref.goal.field]
    if without_field:
        bericht.add(Heading("Ohne Handlungsfeld", 3))
        _goal_section(bericht, without_field)

    if monitoring.by_strategy:
        bericht.add(Heading("Fachstrategien", 2))
        for strategy in goal_set.strategies:
            goals = monitoring.by_strategy.get(strategy.id or strategy.label, [])
            if goals:
                bericht.add(Heading(strategy.label, 3))
                _goal_section(bericht, goals)

    indicators = [i for g in monitoring.goals for i in g.indicators]
    if charts and indicators:
        bericht.add(Heading("Kennzahlen im Verlauf", 2))
        bericht.add(
            Paragraph(
                "Je Kennzahl: die Messwerte, der Zielpfad vom Basiswert zum Zielwert (gestrichelt) und der Zielwert."
            )
        )
        for outcome in indicators:
            bericht.add(Chart(outcome, chart_caption(outcome)))

    tolerances = monitoring.tolerances
    bericht.add(Heading("So wird bewertet", 2))
    bericht.add(
        Paragraph(
            "Für jede Kennzahl zählt der letzte Messwert nach dem Basisjahr. Fortschritt = (Messwert − Basiswert) "
            "/ (Zielwert − Basiswert); erwartet ist der Anteil der vergangenen Zeit bis zum Zieljahr. "
            f"**im Plan:** Fortschritt mindestens erwarteter Anteil − {_percent(tolerances.on_track)}; "
            f"**gefährdet:** bis erwarteter Anteil − {_percent(tolerances.at_risk)}; **nicht im Plan:** darunter "
            "oder vom Ziel weg; **erreicht:** Zielwert in der gewünschten Richtung erreicht; **verfehlt:** "
            "Zieljahr vorbei, Zielwert nicht erreicht. Ein Ziel hat den schlechtesten Status seiner Kennzahlen; "
            "Kennzahlen ohne Messwert oder ohne Basis-/Zielwert sind nicht bewertbar und werden gesondert gezählt."
        )
    )
    return bericht
