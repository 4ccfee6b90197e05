"""The source links: ``/dokumente/{doc_id}`` serves an indexed document, nothing else.

The file is looked up in the catalog at request time, so documents indexed before the start and those
ingested while the app runs are served at once (no page load has to allow them first), and no other
file on the disk is reachable. No document ever becomes active content in the app's origin: only PDF,
DOCX and plain text are shown inline, everything else (HTML, SVG, XML, …) is a download, and every
response says ``nosniff``; all but PDF also carry ``Content-Security-Policy: sandbox``.

Markdown sources also have a reading view, ``/dokumente/{doc_id}/ansicht``: rendered on the server without
raw HTML, with a strict Content-Security-Policy (``assistant.app.markdown_view``); the source links of an
answer open it at the cited section.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse, RedirectResponse
from starlette.routing import Route

from assistant.app import markdown_view
from assistant.app.handlers.common import DOCUMENT_ROUTE, MARKDOWN_SUFFIXES, READING_VIEW

_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_TEXT_SUFFIXES = frozenset({".txt", ".text", *MARKDOWN_SUFFIXES})
# The allow-list of what a browser may show inline. Chrome's PDF viewer does not open a document that
# carries CSP sandbox; script inside a PDF runs in the viewer, never with the app's origin and cookies.
INLINE_TYPES = {".pdf": "application/pdf", ".docx": _DOCX}
SANDBOX = "sandbox"


def response_headers(path: Path) -> tuple[str, dict[str, str]]:
    """(media type, headers) for serving ``path``: inline only for the allow-list, else a download."""
    suffix = path.suffix.lower()
    headers = {"X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"}
    if suffix != ".pdf":
        headers["Content-Security-Policy"] = SANDBOX
    if suffix in INLINE_TYPES:
        return INLINE_TYPES[suffix], headers | {"Content-Disposition": _disposition("inline", path.name)}
    if suffix in _TEXT_SUFFIXES:
        charset = "; charset=utf-8" if _is_utf8(path) else ""
        return f"text/plain{charset}", headers | {"Content-Disposition": _disposition("inline", path.name)}
    return "application/octet-stream", headers | {"Content-Disposition": _disposition("attachment", path.name)}


def document_routes(services) -> list[Route]:
    """Routes for ``gr.Blocks.launch(app_kwargs={"routes": [...]})``: they exist before the server starts."""

    async def serve_document(request: Request):
        found = await _document_path(request, services)
        if not isinstance(found, Path):
            return found
        media_type, headers = response_headers(found)
        return FileResponse(found, media_type=media_type, headers=headers)

    async def serve_reading_view(request: Request):
        found = await _document_path(request, services)
        if not isinstance(found, Path):
            return found
        raw_url = f"{DOCUMENT_ROUTE}/{quote(request.path_params['doc_id'], safe='')}"
        if found.suffix.lower() not in MARKDOWN_SUFFIXES:  # only Markdown has one; the rest as they are
            return RedirectResponse(raw_url, status_code=303)
        record = services.catalog.document(request.path_params["doc_id"])
        page = markdown_view.reading_view(found.read_bytes(), record.title or found.name, raw_url)
        return HTMLResponse(page, headers=reading_view_headers())

    return [
        Route(DOCUMENT_ROUTE + "/{doc_id}", serve_document, methods=["GET", "HEAD"]),
        Route(DOCUMENT_ROUTE + "/{doc_id}" + READING_VIEW, serve_reading_view, methods=["GET", "HEAD"]),
    ]


def reading_view_headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": markdown_view.CSP,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "private, no-store",
    }


async def _document_path(request: Request, services) -> Path | PlainTextResponse:
    """The indexed file of the request's document, or the German refusal (401 before login, 404)."""
    if not await _logged_in(request):
        return PlainTextResponse("Bitte melden Sie sich zuerst an.", status_code=401)
    record = services.catalog.document(request.path_params["doc_id"])
    path = Path(record.path) if record is not None else None
    if path is None or not path.is_file():
        return PlainTextResponse("Das Dokument ist nicht (mehr) in der Wissensbasis.", status_code=404)
    return path


async def _logged_in(request: Request) -> bool:
    """The same check as Gradio's ``/gradio_api/user`` (auth dependency or login cookie), so the document
    links are protected exactly like every other route; the tests pin it (401 without, 200 with login)."""
    server = request.app
    dependency = getattr(server, "auth_dependency", None)
    if dependency is not None:
        user = dependency(request)
        return (await user if inspect.isawaitable(user) else user) is not None
    if getattr(server, "auth", None) is None:
        return True
    cookie_id = server.cookie_id
    token = request.cookies.get(f"access-token-{cookie_id}") or request.cookies.get(
        f"access-token-unsecure-{cookie_id}"
    )
    return server.tokens.get(token) is not None


def _disposition(kind: str, filename: str) -> str:
    ascii_name = filename.encode("ascii", "replace").decode("ascii").replace('"', "_").replace("?", "_")
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def _is_utf8(path: Path) -> bool:
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
