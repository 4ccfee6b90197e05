"""Prüfung: check a goal-set file, filter the findings, render table, summary, plots and the report."""

from __future__ import annotations

import html
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.app.figures import chart_html
from assistant.app.plots import Plot, budget_by_priority, goals_per_field, strategy_tree, strategy_tree_compact
from assistant.errors import UserError
from assistant.goals.check import CheckResult
from assistant.goals.model import GoalSet
from assistant.goals.report import render
from assistant.goals.report.common import SEVERITY_LABELS, counts_text, verdict
from assistant.goals.rules.base import Finding

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"
EXAMPLES = KNOWLEDGE / "zielsysteme"
EXAMPLE_GOAL_SET = EXAMPLES / "beispiel-zielsystem.yaml"
TEMPLATE = KNOWLEDGE / "vorlagen" / "zielsystem-vorlage.xlsx"
GOAL_SET_SUFFIXES = [".yaml", ".yml", ".json", ".xlsx"]

RULE_FAMILIES = {
    "FOC": "FOC – Fokus",
    "PRI": "PRI – Prioritäten",
    "RES": "RES – Ressourcen",
    "GQ": "GQ – Zielqualität",
    "KPI": "KPI – Kennzahlen",
    "TRC": "TRC – Ableitung",
    "GOV": "GOV – Prozess und Grundlagen",
}
SEVERITY_CHOICES = [(label, key) for key, label in SEVERITY_LABELS.items()]
WHOLE_SET = "(Zielsystem insgesamt)"


@dataclass
class CheckOutcome:
    goal_set: GoalSet
    result: CheckResult
    report_path: Path  # the Markdown report, for download


def goal_set_path(path: str | Path | None, display_name: str | None = None) -> tuple[Path, str]:
    """The uploaded file and the name to show; a missing file or a wrong suffix is a UserError."""
    if not path:
        raise UserError("Bitte laden Sie zuerst ein Zielsystem hoch (YAML, JSON oder Excel).")
    path = Path(path)
    name = display_name or path.name
    if path.suffix.lower() not in GOAL_SET_SUFFIXES:
        raise UserError(
            f"„{name}“ ist kein Zielsystem: erwartet wird eine Datei mit der Endung .yaml, .yml, .json oder .xlsx."
        )
    return path, name


def check_file(services, path: str | Path | None, display_name: str | None = None) -> CheckOutcome:
    """Load and check a goal-set file; schema problems come back as a UserError with file and line."""
    path, name = goal_set_path(path, display_name)
    goal_set, result = services.goal_checker.check_file(path, display_name=name)
    report_dir = Path(tempfile.mkdtemp(prefix="pruefung-"))
    report_path = report_dir / f"pruefbericht-{Path(name).stem}.md"
    report_path.write_text(render(result, goal_set, "markdown"), encoding="utf-8")
    return CheckOutcome(goal_set, result, report_path)


def family(rule_id: str) -> str:
    return rule_id.split("-")[0]


def filter_findings(
    findings: Iterable[Finding],
    families: Sequence[str] | None = None,
    severities: Sequence[str] | None = None,
    goals: Sequence[str] | None = None,
) -> list[Finding]:
    """Empty selections mean „all“; ``WHOLE_SET`` selects findings about the whole set."""
    selected = []
    for finding in findings:
        if families and family(finding.rule) not in families:
            continue
        if severities and finding.severity not in severities:
            continue
        if goals and (finding.goal_id or WHOLE_SET) not in goals:
            continue
        selected.append(finding)
    return selected


def family_choices(findings: Iterable[Finding]) -> list[tuple[str, str]]:
    present = {family(f.rule) for f in findings}
    return [(label, key) for key, label in RULE_FAMILIES.items() if key in present] + [
        (key, key) for key in sorted(present - set(RULE_FAMILIES))
    ]


def goal_choices(findings: Iterable[Finding]) -> list[str]:
    ids = list(dict.fromkeys(f.goal_id or WHOLE_SET for f in findings))
    return sorted(ids, key=lambda i: (i != WHOLE_SET, i))


def summary_line(result: CheckResult, shown: int | None = None) -> str:
    line = f"**{html.escape(result.file)}:** {counts_text(result)}. {verdict(result)}"
    total = len(result.findings)
    if shown is not None and shown != total:
        line += f" Angezeigt: {shown} von {total} Befunden."
    return line


def findings_html(findings: Sequence[Finding]) -> str:
    """The findings as an accessible HTML table; severity as coloured badge *and* word."""
    if not findings:
        return '<p class="findings-empty">Keine Befunde für diese Auswahl.</p>'
    head = "".join(
        f'<th scope="col">{name}</th>' for name in ("Schwere", "Regel", "Ziel", "Befund", "Vorschlag", "Stelle")
    )
    rows = []
    for f in findings:
        badge = f'<span class="badge severity-{f.severity}">{SEVERITY_LABELS[f.severity]}</span>'
        cells = [
            badge,
            html.escape(f.rule),
            html.escape(f.goal_id or "–"),
            html.escape(f.message),
            html.escape(f.suggestion),
            f"<code>{html.escape(f.location)}</code>",
        ]
        rows.append(
            f'<tr class="finding severity-row-{f.severity}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
        )
    return (
        '<table class="findings-table" id="findings-table">'
        f"<caption>Befunde der Prüfung ({len(findings)})</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def goal_set_plots(services, goal_set: GoalSet) -> list[Plot]:
    threshold = services.settings.pruefung.max_ziele_je_feld
    return [budget_by_priority(goal_set), goals_per_field(goal_set, threshold), strategy_tree(goal_set)]


# what a screen reader says for the image; the text under each chart says what it shows
CHART_ALTS = (
    "Balkendiagramm: durchschnittliches Budget je Prioritätsklasse (Beschreibung im Text darunter)",
    "Balkendiagramm: strategische Ziele je Handlungsfeld und Fokus-Schwelle (Beschreibung im Text darunter)",
    "Schaubild: Ableitung von der Gesamtstrategie zu den Fachstrategien (Beschreibung im Text darunter)",
)


def goal_set_charts(services, goal_set: GoalSet) -> list[tuple[str, str]]:
    """(HTML, text) for the three charts; the strategy tree also in its compact layout for phones."""
    budget, fields, tree = goal_set_plots(services, goal_set)
    compacts = (None, None, strategy_tree_compact(goal_set))
    return [
        (chart_html(plot, alt, compact), plot.description)
        for plot, alt, compact in zip((budget, fields, tree), CHART_ALTS, compacts, strict=True)
    ]


def result_from_state(state: dict | None) -> CheckResult:
    if not state:
        raise UserError("Bitte prüfen Sie zuerst ein Zielsystem.")
    return CheckResult.model_validate(state)


def refilter(state: dict | None, families, severities, goals) -> tuple[str, str]:
    """Summary line and table for the current filter selection."""
    result = result_from_state(state)
    shown = filter_findings(result.findings, families, severities, goals)
    return summary_line(result, len(shown)), findings_html(shown)


def example_goal_sets() -> list[str]:
    """File names of the shipped examples: the good one first, then those with typical flaws."""
    files = sorted(
        (p for p in EXAMPLES.glob("*") if p.suffix.lower() in GOAL_SET_SUFFIXES and p.stem != "labels"),
        key=lambda p: (p != EXAMPLE_GOAL_SET, p.name),
    )
    return [p.name for p in files]


def example_path(name: str | None) -> Path:
    if name not in example_goal_sets():
        raise UserError("Bitte wählen Sie eines der mitgelieferten Beispiele.")
    return EXAMPLES / name


def template_files(target_dir: Path) -> dict[str, Path]:
    """The empty Excel template (the shipped one, else written fresh) and the example as a workbook."""
    from assistant.goals.loading import load_goal_set
    from assistant.goals.template import write_workbook

    target_dir.mkdir(parents=True, exist_ok=True)
    files = {"vorlage": target_dir / "zielsystem-vorlage.xlsx"}
    if TEMPLATE.is_file():
        shutil.copyfile(TEMPLATE, files["vorlage"])
    else:
        write_workbook(files["vorlage"])
    if EXAMPLE_GOAL_SET.is_file():
        files["beispiel"] = target_dir / "beispiel-zielsystem.xlsx"
        write_workbook(files["beispiel"], load_goal_set(EXAMPLE_GOAL_SET).goal_set)
    return files
