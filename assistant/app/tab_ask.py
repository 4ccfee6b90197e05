"""Tab „Fragen“: chat with streamed answers, sources under each answer, filters."""

from dataclasses import dataclass

import gradio as gr

from assistant.app.errors import guarded
from assistant.app.handlers import ask
from assistant.app.handlers.common import all_doc_type_choices


@dataclass
class AskTab:
    doc_types: gr.CheckboxGroup


def build(services) -> AskTab:
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(
                label="Gespräch",
                height=620,
                elem_id="chat",
                placeholder=(
                    "**Fragen Sie die Dokumente Ihrer Kommune.**\n\n"
                    "Jede Antwort nennt ihre Quellen mit Seite. Steht etwas nicht in den Dokumenten, "
                    "sagt der Assistent das. Beispiele:"
                ),
                examples=[{"text": q} for q in ask.EXAMPLE_QUESTIONS],
                buttons=["copy"],
                feedback_options=None,
            )
            question = gr.Textbox(
                label="Ihre Frage",
                placeholder="z. B. Wie hoch ist der Fehlbetrag im Ergebnishaushalt 2025?",
                info="Eingabetaste sendet die Frage; Folgefragen beziehen sich auf das bisherige Gespräch.",
                lines=1,
                max_lines=6,
                elem_id="chat-question",  # focused on load without scrolling (FOCUS_JS in main.py)
            )
            notice = gr.Markdown(elem_id="chat-notice")
            with gr.Row():
                send = gr.Button("Fragen", variant="primary", elem_id="chat-send")
                new_chat = gr.Button("Neues Gespräch", elem_id="chat-new")
        with gr.Column(scale=1, min_width=240):
            gr.Markdown("### Filter\nOhne Auswahl wird in allen Dokumenten gesucht.")
            doc_types = gr.CheckboxGroup(
                # every known type until the page has loaded (after login), then the types present:
                # what is served before login names no indexed document (create_app)
                choices=all_doc_type_choices(),
                label="Dokumenttyp",
                elem_id="chat-doc-types",
            )
            stand_from = gr.Textbox(label="Stand ab (TT.MM.JJJJ)", placeholder="01.01.2025", elem_id="chat-from")
            stand_to = gr.Textbox(label="Stand bis (TT.MM.JJJJ)", placeholder="31.12.2026", elem_id="chat-to")

    limit = services.settings.app.concurrency_limit

    @guarded(notice=notice)
    def answer(text, messages, types, start, end):
        filters = ask.parse_filters(types, start, end)
        for conversation in ask.ask_stream(services, text, messages, filters):
            yield conversation, ""

    @guarded(notice=notice)
    def answer_example(selection: gr.SelectData, messages, types, start, end):
        value = selection.value
        text = value.get("text", "") if isinstance(value, dict) else str(value)
        yield from answer(text, messages, types, start, end)

    # the box is emptied at once, in its own step, and the answer never writes to it: what the user types
    # while an answer runs stays there (the question travels in a hidden field, also for the API)
    asked = gr.Textbox(visible=False, elem_id="chat-asked")
    gr.on(
        [question.submit, send.click],
        lambda text: ("", text),
        [question],
        [question, asked],
        queue=False,
        api_visibility="private",
    ).then(
        answer,
        [asked, chatbot, doc_types, stand_from, stand_to],
        [chatbot, notice],
        api_name="fragen",
        concurrency_limit=limit,
        concurrency_id="fragen",
    )
    chatbot.example_select(
        answer_example,
        [chatbot, doc_types, stand_from, stand_to],
        [chatbot, notice],
        api_visibility="private",
        concurrency_limit=limit,
        concurrency_id="fragen",
    )
    new_chat.click(lambda: ([], "", ""), None, [chatbot, question, notice], api_name="neues_gespraech")
    return AskTab(doc_types=doc_types)
