"""Tab „Wissensbasis“: upload documents, see the list, remove, re-index."""

from collections.abc import Callable
from dataclasses import dataclass

import gradio as gr

from assistant.app.errors import guarded
from assistant.app.handlers import knowledge as kb

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
    with gr.Row():
        to_remove = gr.Dropdown(
            choices=[],
            allow_custom_value=True,  # API callers name a doc id; the handler checks it in the catalog
            label="Dokument entfernen",
            info="Entfernt das Dokument mit allen Abschnitten aus der Wissensbasis.",
            scale=3,
            elem_id="kb-remove-choice",
        )
        remove_button = gr.Button("Entfernen", variant="stop", scale=1, elem_id="kb-remove")

    def refreshed():
        return (
            kb.knowledge_summary(services),
            kb.document_rows(services),
            gr.update(choices=kb.document_choices(services), value=None),
        )

    listing = [summary, table, to_remove]

    @guarded
    def ingest(paths, progress=PROGRESS):
        outcome = kb.ingest_uploads(services, paths, on_progress=_progress_reporter(progress))
        return (outcome.message, None, *refreshed())

    @guarded
    def reindex(progress=PROGRESS):
        outcome = kb.reindex(services, on_progress=_progress_reporter(progress))
        return (outcome.message, *refreshed())

    @guarded
    def remove(doc_id):
        return (kb.remove_document(services, doc_id), *refreshed())

    ingested = ingest_button.click(ingest, [files], [status, files, *listing], api_name="einlesen")
    reindexed = reindex_button.click(reindex, None, [status, *listing], api_name="neu_einlesen")
    removed = remove_button.click(remove, [to_remove], [status, *listing], api_name="entfernen")

    return KnowledgeTab(listing=listing, refresh=guarded(refreshed), changed=[ingested, reindexed, removed])


def _progress_reporter(progress):
    def report(done: int, total: int, filename: str) -> None:
        if total:
            desc = f"Lese {filename} ein" if filename else "Fertig"
            progress((done, total), desc=desc, unit="Dateien")

    return report
