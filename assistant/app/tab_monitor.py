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

    # the status stands where the results will appear, at once (also when the work is quick)
    status = gr.Markdown(elem_id="monitor-status")
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

    buttons = [run_button, example_button]
    outputs = [message, status, summary, fields, statuses, priorities, table, markdown_report, word_report, charts,
               results_area, state, *buttons]  # fmt: skip
    done = {status: "", **{button: gr.update(interactive=True) for button in buttons}}

    def evaluate(path, as_of):
        """First the status and the buttons locked, then the results (or the reason next to the upload)."""
        yield {message: "", status: monitor.WORKING, **{button: gr.update(interactive=False) for button in buttons}}
        try:
            outcome = monitor.monitor_file(services, path, as_of)
        except UserError as exc:  # shown next to the upload (it names file and line), results hidden
            yield {message: f"**Die Auswertung ist nicht möglich.** {exc}", results_area: gr.update(visible=False),
                   state: None, **done}  # fmt: skip
            return
        monitoring = outcome.monitoring
        goals = monitoring.goals
        yield {
            summary: monitor.summary_html(monitoring),
            fields: gr.update(choices=monitor.field_choices(monitoring), value=[]),
            statuses: gr.update(value=[]),
            priorities: gr.update(choices=monitor.priority_choices(monitoring), value=[]),
            table: monitor.goals_html(goals),
            markdown_report: gr.update(value=str(outcome.markdown_path)),
            word_report: gr.update(value=str(outcome.docx_path)),
            charts: monitor.charts_html(outcome, goals),
            results_area: gr.update(visible=True),
            state: outcome,
            **done,
        }

    @guarded(notice=message, enable=buttons, clear=[status])
    def run(path, as_of):
        yield from evaluate(path, as_of)

    @guarded(notice=message, enable=buttons, clear=[status])
    def run_example(chosen, as_of):
        source = check.example_path(chosen)
        copy = Path(tempfile.mkdtemp(prefix="beispiel-")) / source.name
        shutil.copyfile(source, copy)
        yield {file: str(copy)}
        yield from evaluate(str(copy), as_of)

    @guarded(notice=message)
    def refilter(outcome, selected_fields, selected_statuses, selected_priorities):
        return (*monitor.refilter(outcome, selected_fields, selected_statuses, selected_priorities), "")

    # the status is our own: Gradio's overlay would cover the form (show_progress="hidden")
    gr.on([file.upload, run_button.click, year.submit], run, [file, year], outputs, api_name="zielerreichung",
          show_progress="hidden")  # fmt: skip
    example_button.click(run_example, [example, year], [file, *outputs], api_name="beispiel_zielerreichung",
                         show_progress="hidden")  # fmt: skip
    gr.on(  # ``input``, not ``change``: a new goal set resets the choices without a stale filter request
        [fields.input, statuses.input, priorities.input],
        refilter,
        [state, fields, statuses, priorities],
        [summary, table, charts, message],
        api_visibility="private",
        show_progress="hidden",
    )
