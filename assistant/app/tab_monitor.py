"""Tab „Zielerreichung“: a goal set with Messwerte as of a year; status overview (colour and word),
filters, one chart per indicator with its text, the Strategiebericht as Markdown and Word."""

import shutil
import tempfile
from datetime import date
from pathlib import Path

import gradio as gr

from assistant.app.errors import guarded
from assistant.app.handlers import check, monitor
from assistant.errors import UserError


def build(services) -> None:
    gr.Markdown(
        "Wo stehen die Ziele? Die Messwerte jeder Kennzahl werden mit dem Pfad vom Basiswert zum Zielwert "
        "verglichen: **erreicht**, **im Plan**, **gefährdet**, **nicht im Plan** oder **verfehlt**. Das Ergebnis "
        "gibt es als Strategiebericht für den Rat (Markdown oder Word)."
    )
    examples = monitor.example_choices()
    with gr.Row():
        with gr.Column(scale=3):
            file = gr.File(
                label="Zielsystem mit Messwerten hochladen (YAML, JSON oder Excel mit Blatt „Messwerte“)",
                type="filepath",
                elem_id="monitor-upload",
            )
            with gr.Row():
                year = gr.Number(
                    value=date.today().year,
                    precision=0,
                    label="Stand (Jahr)",
                    info="Messwerte nach diesem Jahr bleiben unberücksichtigt.",
                    elem_id="monitor-year",
                )
                run_button = gr.Button("Auswerten", variant="primary", elem_id="monitor-run")
            message = gr.Markdown(elem_id="monitor-message")
        with gr.Column(scale=2, min_width=260):
            example = gr.Dropdown(
                choices=examples,
                value=examples[0] if examples else None,
                label="Beispiel mit Messwerten",
                visible=bool(examples),
                elem_id="monitor-example-choice",
            )
            example_button = gr.Button("Beispiel auswerten", visible=bool(examples), elem_id="monitor-example")

    with gr.Column(visible=False) as results_area:
        summary = gr.HTML(elem_id="monitor-summary")
        with gr.Row():
            fields = gr.CheckboxGroup(label="Handlungsfeld", choices=[], elem_id="monitor-filter-field")
            statuses = gr.CheckboxGroup(label="Status", choices=monitor.STATUS_CHOICES, elem_id="monitor-filter-status")
            priorities = gr.CheckboxGroup(label="Priorität", choices=[], elem_id="monitor-filter-priority")
        table = gr.HTML(elem_id="monitor-goals")
        with gr.Row():
            markdown_report = gr.DownloadButton("Strategiebericht (Markdown)", elem_id="monitor-report-md")
            word_report = gr.DownloadButton("Strategiebericht (Word)", elem_id="monitor-report-docx")
        gr.Markdown(
            "### Kennzahlen im Verlauf\nMesswerte, Zielpfad (gestrichelt) und Zielwert; darunter dasselbe als Text."
        )
        charts = gr.HTML(elem_id="monitor-chart-list")
    state = gr.State(None)

    outputs = [message, summary, fields, statuses, priorities, table, markdown_report, word_report, charts,
               results_area, state]  # fmt: skip

    @guarded(notice=message)
    def run(path, as_of):
        try:
            outcome = monitor.monitor_file(services, path, as_of)
        except UserError as exc:  # shown next to the upload (it names file and line), results hidden
            return (
                f"**Die Auswertung ist nicht möglich.** {exc}",
                *([gr.skip()] * (len(outputs) - 3)),
                gr.update(visible=False),
                None,
            )
        monitoring = outcome.monitoring
        goals = monitoring.goals
        return (
            "",
            monitor.summary_html(monitoring),
            gr.update(choices=monitor.field_choices(monitoring), value=[]),
            gr.update(value=[]),
            gr.update(choices=monitor.priority_choices(monitoring), value=[]),
            monitor.goals_html(goals),
            gr.update(value=str(outcome.markdown_path)),
            gr.update(value=str(outcome.docx_path)),
            monitor.charts_html(outcome, goals),
            gr.update(visible=True),
            outcome,
        )

    @guarded(notice=message)
    def run_example(chosen, as_of):
        source = check.example_path(chosen)
        copy = Path(tempfile.mkdtemp(prefix="beispiel-")) / source.name
        shutil.copyfile(source, copy)
        return (str(copy), *run(str(copy), as_of))

    @guarded(notice=message)
    def refilter(outcome, selected_fields, selected_statuses, selected_priorities):
        return (*monitor.refilter(outcome, selected_fields, selected_statuses, selected_priorities), "")

    gr.on([file.upload, run_button.click, year.submit], run, [file, year], outputs, api_name="zielerreichung")
    example_button.click(run_example, [example, year], [file, *outputs], api_name="beispiel_zielerreichung")
    gr.on(  # ``input``, not ``change``: a new goal set resets the choices without a stale filter request
        [fields.input, statuses.input, priorities.input],
        refilter,
        [state, fields, statuses, priorities],
        [summary, table, charts, message],
        api_visibility="private",
        show_progress="hidden",
    )
