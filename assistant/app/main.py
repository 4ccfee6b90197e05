"""The Gradio app: ``create_app(services)`` builds the four tabs over the services; ``launch`` serves it.

The UI builds nothing of its own: every tab calls plain functions in :mod:`assistant.app.handlers`
with the services it was given.
"""

import gradio as gr

from assistant.app import figures, gradio_german, tab_ask, tab_check, tab_draft, tab_knowledge, tab_monitor
from assistant.app.auth import authenticator
from assistant.app.documents import document_routes
from assistant.app.handlers.check import EXAMPLES
from assistant.app.handlers.knowledge import doc_type_choices

TITLE = "Assistent Kommunale Gesamtstrategie"

CSS = (
    figures.CSS
    + """
.severity-error { background: #fde2e1; color: #8a1c12; }
.severity-warning { background: #fff1cc; color: #6b4a00; }
.severity-info { background: #e3efff; color: #123f7a; }
.findings-table { border-collapse: collapse; width: 100%; }
.findings-table th, .findings-table td { border: 1px solid #d0d5dd; padding: 6px 8px; vertical-align: top;
  text-align: left; }
.findings-table th { background: #f2f4f7; }
.findings-table td:nth-child(2), .findings-table td:nth-child(3) { white-space: nowrap; }
.status-erreicht { background: #d3f4dd; color: #0f5323; }
.status-im_plan { background: #e3efff; color: #123f7a; }
.status-gefaehrdet { background: #fff1cc; color: #6b4a00; }
.status-nicht_im_plan, .status-verfehlt { background: #fde2e1; color: #8a1c12; }
.status-keine_daten, .status-unvollstaendig, .status-unknown { background: #eef0f3; color: #344054; }
.indicator-charts { display: flex; flex-wrap: wrap; gap: 16px; }
.indicator-chart { margin: 0; max-width: 400px; }
.indicator-chart figcaption { font-size: 0.9em; color: #344054; }
.goal-sentence { font-size: 0.9em; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-weight: 600;
  white-space: nowrap; }
#kb-documents .table-wrap, #kb-documents .table-wrap * { font-family: var(--font) !important; }
#chat hr { margin: 0.6em 0 0.2em 0; }
/* the findings table scrolls sideways on its own on a phone, the page does not */
#check-findings { overflow-x: auto !important; max-width: 100%; }
#check-findings .findings-table { min-width: 720px; }
#kb-documents table { min-width: 720px; }
:focus-visible { outline: 3px solid #1d4ed8 !important; outline-offset: 2px; }
"""
)


def create_app(services) -> gr.Blocks:
    with gr.Blocks(title=TITLE, analytics_enabled=False) as app:
        gr.Markdown(
            f"# {TITLE}\nFragen an die Dokumente der Kommune, Entwürfe für Leitbild und Ziele, "
            "Prüfung von Zielsystemen, Zielerreichung und Strategiebericht."
        )
        # „wrap“: on a phone the tabs take two rows instead of hiding behind Gradio's „…“ menu
        with gr.Tabs(elem_id="tabs", overflow_behavior="wrap") as tabs:
            with gr.Tab("Fragen", id="fragen", elem_id="tab-fragen"):
                ask = tab_ask.build(services)
            draft_tab = gr.Tab("Entwurf", id="entwurf", elem_id="tab-entwurf")
            with gr.Tab("Prüfung", id="pruefung", elem_id="tab-pruefung"):
                check = tab_check.build(services)
            with gr.Tab("Zielerreichung", id="zielerreichung", elem_id="tab-zielerreichung"):
                tab_monitor.build(services)
            with gr.Tab("Wissensbasis", id="wissensbasis", elem_id="tab-wissensbasis"):
                knowledge = tab_knowledge.build(services)
        with draft_tab:  # filled last: it hands its goals over to the check tab
            tab_draft.build(services, check, tabs)

        def filter_choices():
            return gr.update(choices=doc_type_choices(services))

        def on_load():
            return (*knowledge.refresh(), filter_choices())

        # the page is built empty and filled after login: what is served before (the login page with
        # Gradio's API description) names no document, title, type or file
        app.load(on_load, None, [*knowledge.listing, ask.doc_types], api_visibility="private")
        for event in knowledge.changed:
            event.then(filter_choices, None, ask.doc_types, api_visibility="private")
    app.queue(default_concurrency_limit=services.settings.app.concurrency_limit)
    return app


# On load: Gradio's own strings (upload area, chat buttons, toasts) in German for every browser language,
# through the locale switch of Gradio's settings panel (its module, found among the loaded scripts); the
# labels Gradio writes in English for screen readers replaced, now and whenever it renders
# (``gradio_german.LABEL_JS``); the page marked as German (screen readers pronounce it so); then focus the
# question box without scrolling (``autofocus`` would scroll the title and the tabs out of view).
ON_LOAD_JS = """async () => {
  document.documentElement.lang = 'de';
  const core = performance.getEntriesByType('resource').map(e => e.name)
    .find(n => /\\/assets\\/core-[^/]*\\.js$/.test(n));
  if (core) { try { (await import(core)).changeLocale?.('de'); } catch (e) { console.warn(e); } }
  try { (__LABEL_JS__)(); } catch (e) { console.warn(e); }
  document.querySelector('#chat-question textarea')?.focus({preventScroll: true});
}""".replace("__LABEL_JS__", gradio_german.LABEL_JS)


def theme() -> gr.themes.Base:
    """The default look with the system's fonts: nothing is loaded from Google Fonts (offline networks,
    data protection)."""
    return gr.themes.Default(
        font=["system-ui", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
        font_mono=["ui-monospace", "Consolas", "DejaVu Sans Mono", "monospace"],
    )


def warm_up(services) -> None:
    """Build the heavy collaborators once before serving: the first question is not slow, and concurrent
    first requests do not race to build the same model or store."""
    services.answers  # noqa: B018 - retriever, embedder, vector index, keyword index
    services.goal_checker  # noqa: B018
    services.ingestor  # noqa: B018


def launch(
    services,
    *,
    host: str | None = None,
    port: int | None = None,
    prevent_thread_lock: bool = False,
    app: gr.Blocks | None = None,
    **kwargs,
):
    """Serve the app; returns the Blocks (with ``prevent_thread_lock`` it keeps running in the background)."""
    settings = services.settings.app
    auth = authenticator(settings.users)  # a broken hash stops the start before anything is loaded
    warm_up(services)
    app = app or create_app(services)
    app.launch(
        server_name=host or settings.host,
        server_port=port or settings.port,
        prevent_thread_lock=prevent_thread_lock,
        # the document links: a route of our own, there before the first request (see app/documents.py);
        # Gradio's file route serves no indexed or uploaded document
        app_kwargs={"routes": document_routes(services)},
        auth=auth,
        auth_message="Bitte melden Sie sich mit Ihrem Benutzernamen und Passwort an." if auth else None,
        max_threads=max(40, settings.concurrency_limit * 4),
        max_file_size=f"{settings.max_upload_mb:g}mb",
        # the shipped example goal sets (also the one the example request names) are served from the package,
        # whatever the working folder (as a service)
        allowed_paths=[str(EXAMPLES)],
        js=ON_LOAD_JS,
        # the keys of Gradio's i18n its German locale lacks („Copy message“ …), see app/gradio_german.py
        i18n=gr.I18n(de=gradio_german.TRANSLATIONS),
        show_error=False,
        quiet=prevent_thread_lock,
        footer_links=["settings"],
        css=CSS,
        theme=theme(),
        **kwargs,
    )
    return app
