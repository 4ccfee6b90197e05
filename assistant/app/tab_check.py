"""Tab „Prüfung“: check a goal set; findings table with filters, summary, plots, report download."""

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import gradio as gr

from assistant.app.errors import guarded
from assistant.app.handlers import check
from assistant.errors import UserError


@dataclass
class CheckTab:
    file: gr.File
    run: object  # callable(path) -> outputs, for the hand-over from „Entwurf“
    outputs: list


def build(services) -> CheckTab:
    gr.Markdown(
        "Prüfen Sie ein Zielsystem der Gesamtstrategie mit seinen Fachstrategien nach dem Regelkatalog: "
        "Fokus, Prioritäten, Ressourcen, Zielqualität, Kennzahlen, Ableitung und Prozess. Dieselbe Datei "
        "ergibt immer dieselben Befunde."
    )
    templates = check.template_files(Path(tempfile.mkdtemp(prefix="vorlagen-")))
    examples = check.example_goal_sets()
    with gr.Row():
        with gr.Column(scale=3):
            # no ``file_types``: Gradio's own check answers in English; check_file names the allowed types
            file = gr.File(
                label="Zielsystem hochladen (YAML, JSON oder Excel)",
                type="filepath",
                elem_id="check-upload",
            )
            run_button = gr.Button("Prüfen", variant="primary", elem_id="check-run")
        with gr.Column(scale=2, min_width=260):
            example = gr.Dropdown(
                choices=examples,
                value=examples[0] if examples else None,
                label="Beispiel",
                info="Mitgelieferte Zielsysteme: eines ohne Mängel, die übrigen mit typischen Mängeln.",
                visible=bool(examples),
                elem_id="check-example-choice",
            )
            example_button = gr.Button("Beispiel prüfen", visible=bool(examples), elem_id="check-example")
            gr.DownloadButton("Excel-Vorlage herunterladen", value=str(templates["vorlage"]), elem_id="check-template")
            if "beispiel" in templates:
                gr.DownloadButton(
                    "Beispiel als Excel herunterladen",
                    value=str(templates["beispiel"]),
                    elem_id="check-example-xlsx",
                )

    message = gr.Markdown(elem_id="check-message")
    with gr.Column(visible=False) as results_area:
        summary = gr.Markdown(elem_id="check-summary")
        with gr.Row():
            families = gr.CheckboxGroup(label="Regelfamilie", choices=[], elem_id="check-filter-family")
            severities = gr.CheckboxGroup(
                label="Schwere", choices=check.SEVERITY_CHOICES, elem_id="check-filter-severity"
            )
            goals = gr.Dropdown(
                label="Ziel", choices=[], multiselect=True, elem_id="check-filter-goal",
                info="Ohne Auswahl werden alle Befunde gezeigt.",
            )  # fmt: skip
        table = gr.HTML(elem_id="check-findings", label="Befunde")  # scrolls sideways on a phone (main.CSS)
        report = gr.DownloadButton("Prüfbericht (Markdown) herunterladen", visible=False, elem_id="check-report")

        gr.Markdown("### Auf einen Blick")
        with gr.Row(equal_height=False):
            with gr.Column():
                budget_plot, budget_text = _plot(
                    "Budget je Prioritätsklasse: Folgen die Mittel den Prioritäten?", "budget"
                )
            with gr.Column():
                field_plot, field_text = _plot("Ziele je Handlungsfeld und Fokus-Schwelle", "fields")
        tree_plot, tree_text = _plot("Von der Gesamtstrategie zu den Fachstrategien", "tree")
    state = gr.State(None)

    outputs = [message, summary, table, families, severities, goals, report, budget_plot, budget_text,
               field_plot, field_text, tree_plot, tree_text, results_area, state]  # fmt: skip

    @guarded(notice=message)
    def run(path):
        try:
            outcome = check.check_file(services, path)
        except UserError as exc:  # shown in place (it names file and line), previous results hidden
            hidden = [gr.skip()] * (len(outputs) - 3)
            return (
                f"**Die Datei kann nicht geprüft werden.** {exc}",
                *hidden,
                gr.update(visible=False),
                None,
            )
        result = outcome.result
        charts = check.goal_set_charts(services, outcome.goal_set)
        return (
            "",
            check.summary_line(result),
            check.findings_html(result.findings),
            gr.update(choices=check.family_choices(result.findings), value=[]),
            gr.update(value=[]),
            gr.update(choices=check.goal_choices(result.findings), value=[]),
            gr.update(value=str(outcome.report_path), visible=True),
            *charts[0],
            *charts[1],
            *charts[2],
            gr.update(visible=True),
            result.model_dump(mode="json"),
        )

    @guarded(notice=message)
    def run_example(chosen):
        source = check.example_path(chosen)
        copy = Path(tempfile.mkdtemp(prefix="beispiel-")) / source.name
        shutil.copyfile(source, copy)
        return (str(copy), *run(str(copy)))

    @guarded(notice=message)
    def refilter(result, selected_families, selected_severities, selected_goals):
        return (*check.refilter(result, selected_families, selected_severities, selected_goals), "")

    gr.on([file.upload, run_button.click], run, [file], outputs, api_name="pruefen")
    example_button.click(run_example, [example], [file, *outputs], api_name="beispiel_pruefen")
    gr.on(  # ``input``, not ``change``: a new upload resets the choices without a stale filter request
        [families.input, severities.input, goals.input],
        refilter,
        [state, families, severities, goals],
        [summary, table, message],
        api_visibility="private",
        show_progress="hidden",
    )
    return CheckTab(file=file, run=run, outputs=outputs)


def _plot(title: str, name: str) -> tuple[gr.HTML, gr.Markdown]:
    """A heading, the chart (our own ``<img>`` with a German ``alt``, a compact layout on phones; see
    app/figures.py), and below it the same content as text (for screen readers)."""
    gr.Markdown(f"#### {title}")
    plot = gr.HTML(elem_id=f"plot-{name}", elem_classes=["chart-box"])
    text = gr.Markdown(elem_id=f"plot-{name}-text")
    return plot, text
