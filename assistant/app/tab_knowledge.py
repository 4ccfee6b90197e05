"""Tab „Wissensbasis“: upload documents, see the list, edit title and Stand, remove (after a confirmation),
re-index."""

from collections.abc import Callable
from dataclasses import dataclass

import gradio as gr

from assistant.app.errors import guarded
from assistant.app.handlers import knowledge as kb
from assistant.app.handlers.common import plural

PROGRESS = gr.Progress()  # the usual default; Gradio tracks progress per request


@dataclass
class KnowledgeTab:
    listing: list  # summary, table, remove choice: refreshed by ``refresh``
    refresh: Callable
    changed: list  # events after which the document list (and the chat filters) changed


def build(services) -> KnowledgeTab:
    gr.Markdown(
        "Laden Sie Dokumente der Kommune hoch (PDF, Word, HTML, Markdown, Text). Sie werden in Abschnitte "
        "zerlegt und für Fragen und Entwürfe durchsuchbar gemacht. Eine Datei mit gleichem Namen ersetzt "
        "die frühere Fassung."
    )
    with gr.Row():
        with gr.Column(scale=3):
            files = gr.File(
                label="Dokumente hochladen",
                file_count="multiple",
                type="filepath",
                elem_id="kb-upload",
            )
        with gr.Column(scale=1, min_width=200):
            ingest_button = gr.Button("Einlesen", variant="primary", elem_id="kb-ingest")
            reindex_button = gr.Button("Alles neu einlesen", elem_id="kb-reindex")
    status = gr.Markdown(elem_id="kb-status", label="Ergebnis")

    # empty until the page has loaded (after login): see create_app
    summary = gr.Markdown("", elem_id="kb-summary")
    table = gr.Dataframe(
        value=[],
        headers=kb.DOCUMENT_COLUMNS,
        label="Dokumente in der Wissensbasis",
        interactive=False,
        wrap=True,
        column_widths=["38%", "13%", "11%", "8%", "10%", "20%"],
        max_height=900,
        elem_id="kb-documents",
    )
    with gr.Group(elem_id="kb-edit"):
        with gr.Row():
            to_remove = gr.Dropdown(
                choices=[],
                allow_custom_value=True,  # API callers name a doc id; the handler checks it in the catalog
                label="Dokument",
                info="Titel und Stand ändern (bleiben beim Neueinlesen erhalten) oder das Dokument entfernen.",
                scale=3,
                elem_id="kb-remove-choice",
            )
        with gr.Row():
            edit_title = gr.Textbox(label="Titel", scale=3, elem_id="kb-edit-title")
            edit_stand = gr.Textbox(label="Stand (TT.MM.JJJJ)", scale=1, min_width=140, elem_id="kb-edit-stand")
        with gr.Row():
            save_button = gr.Button("Titel und Stand speichern", elem_id="kb-edit-save")
            remove_button = gr.Button("Entfernen …", variant="stop", elem_id="kb-remove")
    with gr.Group(visible=False, elem_id="kb-confirm") as confirm_box:
        question = gr.Markdown(elem_id="kb-confirm-question")
        with gr.Row():
            confirm_button = gr.Button("Ja, entfernen", variant="stop", elem_id="kb-confirm-yes")
            cancel_button = gr.Button("Abbrechen", elem_id="kb-confirm-no")

    def refreshed():
        return (
            kb.knowledge_summary(services),
            kb.document_rows(services),
            gr.update(choices=kb.document_choices(services), value=None),
        )

    listing = [summary, table, to_remove]
    buttons = [ingest_button, reindex_button]

    def busy(text: str):
        """Shown at once where the result will appear; the buttons wait until the work is done."""
        return {status: text, **{b: gr.update(interactive=False) for b in buttons}}

    def done(*values):
        return (*values, *(gr.update(interactive=True) for _ in buttons))

    @guarded(notice=status, enable=buttons)
    def ingest(paths, progress=PROGRESS):
        count = len([p for p in paths or [] if p])
        if count:
            yield busy(f"⏳ {plural(count, 'Datei wird', 'Dateien werden')} eingelesen …")
        outcome = kb.ingest_uploads(services, paths, on_progress=_progress_reporter(progress))
        yield done(outcome.message, None, *refreshed())

    @guarded(notice=status, enable=buttons)
    def reindex(progress=PROGRESS):
        yield busy("⏳ Alle Dokumente werden neu eingelesen …")
        outcome = kb.reindex(services, on_progress=_progress_reporter(progress))
        yield done(outcome.message, *refreshed())

    @guarded(notice=status)
    def ask_to_remove(doc_id):
        return "", kb.removal_question(services, doc_id), gr.update(visible=True)

    @guarded(notice=status)
    def remove(doc_id):
        return (kb.remove_document(services, doc_id), gr.update(visible=False), *refreshed())

    ingested = ingest_button.click(
        ingest, [files], [status, files, *listing, *buttons], api_name="einlesen", show_progress_on=[status]
    )
    reindexed = reindex_button.click(
        reindex, None, [status, *listing, *buttons], api_name="neu_einlesen", show_progress_on=[status]
    )
    remove_button.click(ask_to_remove, [to_remove], [status, question, confirm_box], api_visibility="private")
    cancel_button.click(lambda: gr.update(visible=False), None, confirm_box, api_visibility="private")
    # the API removes at once (``/entfernen``): a client has asked its user already
    removed = confirm_button.click(remove, [to_remove], [status, confirm_box, *listing], api_name="entfernen")

    @guarded(notice=status)
    def chosen(doc_id):
        return (*kb.document_details(services, doc_id), gr.update(visible=False))

    @guarded(notice=status)
    def save(doc_id, title, stand):
        message = kb.save_details(services, doc_id, title, stand)
        return (message, *refreshed()[:2], gr.update(choices=kb.document_choices(services)))

    to_remove.input(chosen, [to_remove], [edit_title, edit_stand, confirm_box], api_visibility="private")
    saved = save_button.click(save, [to_remove, edit_title, edit_stand], [status, *listing], api_name="titel_und_stand")

    return KnowledgeTab(listing=listing, refresh=guarded(refreshed), changed=[ingested, reindexed, removed, saved])


def _progress_reporter(progress):
    def report(done: int, total: int, filename: str) -> None:
        if total:
            desc = f"Lese {filename} ein" if filename else "Fertig"
            progress((done, total), desc=desc, unit="Dateien")

    return report
