"""Tab „Entwurf“: Leitbild and strategic goals from a form or a request file; downloads; hand-over to
„Prüfung“."""

from datetime import date

import gradio as gr

from assistant.app.errors import guarded
from assistant.app.handlers import draft as drafting
from assistant.app.tab_check import CheckTab

PROGRESS = gr.Progress()


def build(services, check_tab: CheckTab, tabs: gr.Tabs) -> None:
    gr.Markdown(
        "Der Assistent entwirft Leitbild und strategische Ziele im Leitbild-Stil und stützt sich dabei "
        "auf die Zahlen aus den Dokumenten der Wissensbasis. Der Entwurf ist ein Ausgangspunkt zum "
        "Bearbeiten, kein fertiger Text."
    )
    with gr.Row(equal_height=False):
        with gr.Column(scale=2, min_width=320):
            with gr.Accordion("Entwurfsanfrage hochladen (statt des Formulars)", open=False):
                request_file = gr.File(
                    label="Entwurfsanfrage (YAML oder JSON)",
                    file_types=drafting.REQUEST_SUFFIXES,
                    type="filepath",
                    elem_id="draft-request-file",
                )
                example_button = gr.Button(
                    "Beispielanfrage laden",
                    visible=drafting.EXAMPLE_REQUEST.is_file(),
                    elem_id="draft-example",
                )
            kommune = gr.Textbox(label="Kommune", placeholder="z. B. Musterstadt", elem_id="draft-kommune")
            with gr.Row():
                # no minimum/maximum: Gradio's own range check answers in English; the request model checks
                this_year = date.today().year
                von = gr.Number(this_year, label="Zeithorizont von", precision=0, elem_id="draft-von")
                bis = gr.Number(
                    this_year + drafting.HORIZON_YEARS, label="Zeithorizont bis", precision=0, elem_id="draft-bis"
                )
            titel = gr.Textbox(label="Titel (optional)", elem_id="draft-titel")
            fields = gr.Textbox(
                label="Handlungsfelder mit Schwerpunkten",
                info=drafting.FIELDS_INFO,
                lines=6,
                max_lines=16,
                elem_id="draft-fields",
            )
            values = gr.Textbox(
                label="Werte (optional)",
                info="mit Semikolon oder Komma getrennt, z. B. Generationengerechtigkeit; Beteiligung",
                elem_id="draft-values",
            )
            goal_set = gr.File(
                label="Zielsystem (optional: YAML, JSON oder Excel; liefert Ziele und Kennzahlen)",
                file_types=[".yaml", ".yml", ".json", ".xlsx"],
                type="filepath",
                elem_id="draft-goal-set",
            )
            notes = gr.Markdown(elem_id="draft-notes")
            create = gr.Button("Entwurf erstellen", variant="primary", elem_id="draft-create")
            message = gr.Markdown(elem_id="draft-message")
        with gr.Column(scale=3):
            warnings = gr.Markdown(elem_id="draft-warnings")
            with gr.Row():
                markdown_download = gr.DownloadButton(
                    "Als Markdown herunterladen", visible=False, elem_id="draft-download-md"
                )
                word_download = gr.DownloadButton(
                    "Als Word herunterladen", visible=False, elem_id="draft-download-docx"
                )
                check_goals = gr.Button("Diese Ziele prüfen", visible=False, elem_id="draft-check-goals")
            result = gr.Markdown(
                "Der Entwurf erscheint hier, sobald Sie ihn erstellen.",
                elem_id="draft-result",
                label="Entwurf",
                buttons=["copy"],
            )
    goals_file = gr.State(None)

    form = [kommune, von, bis, titel, fields, values, goal_set, notes, message]

    def filled(form_values: drafting.FormValues):
        note = "\n".join(f"- {n}" for n in form_values.notes)
        return (
            form_values.kommune,
            form_values.von,
            form_values.bis,
            form_values.titel,
            form_values.fields,
            form_values.values,
            form_values.goal_set,
            note,
            "",
        )

    @guarded(notice=message)
    def load_request(path):
        return filled(drafting.load_request_file(path))

    @guarded(notice=message)
    def load_example():
        return filled(drafting.load_request_file(drafting.EXAMPLE_REQUEST))

    @guarded(notice=message, enable=[create])
    def create_draft(kommune_value, von_value, bis_value, titel_value, fields_value, values_value, goal_path,
                     progress=PROGRESS):  # fmt: skip
        request = drafting.build_request(
            kommune_value, von_value, bis_value, fields_value, values_value, titel_value, goal_path
        )
        fields_count = len(request.handlungsfelder)
        # at once, where the draft will appear: the work takes half a minute
        yield {
            message: "",
            result: f"⏳ **Der Entwurf entsteht** ({fields_count} Handlungsfelder; etwa eine halbe Minute) …",
            create: gr.update(interactive=False),
        }

        def report(done: int, total: int, field_name: str) -> None:
            progress((done, total), desc=f"Fakten suchen und schreiben: {field_name}", unit="Handlungsfelder")

        outcome = drafting.make_draft(services, request, on_progress=report)
        goals_path = drafting.goals_for_check(outcome.draft, request) if outcome.draft.goals else None
        notes_text = drafting.warnings_markdown(outcome.draft)
        if goals_path:
            notes_text = "\n\n".join(filter(None, [notes_text, drafting.check_note(services, goals_path)]))
        yield (
            "",
            notes_text,
            gr.update(value=str(outcome.markdown_path), visible=True),
            gr.update(value=str(outcome.docx_path), visible=True),
            gr.update(visible=goals_path is not None),
            drafting.displayed_markdown(outcome.markdown),
            str(goals_path) if goals_path else None,
            gr.update(interactive=True),
        )

    request_file.upload(load_request, [request_file], form, api_name="anfrage_laden")
    example_button.click(load_example, None, form, api_name="beispielanfrage")
    create.click(
        create_draft,
        [kommune, von, bis, titel, fields, values, goal_set],
        [message, warnings, markdown_download, word_download, check_goals, result, goals_file, create],
        api_name="entwurf",
        show_progress_on=[result],
    )

    @guarded
    def hand_over(path):
        if not path:
            raise gr.Error("Bitte erstellen Sie zuerst einen Entwurf mit Zielen.")
        return path, gr.Tabs(selected="pruefung")

    check_goals.click(hand_over, [goals_file], [check_tab.file, tabs], api_visibility="private").then(
        check_tab.run, [check_tab.file], check_tab.outputs, api_name="entwurf_pruefen"
    )
