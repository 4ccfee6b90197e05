"""The document links of the launched app with login: nothing named before login, every indexed document
served (also those ingested while the app runs) and none of them ever active content in the app's origin.
The XSS case runs in real headless Chromium: a question is answered from an HTML file with script and event
handlers, its „Dokument öffnen“ link is clicked, and no dialog may fire and no request to ``/config`` leave.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.integration.conftest import free_port
from tests.sample_files import make_pdf

pytestmark = pytest.mark.integration

USER, PASSWORD = "anna", "Rathaus-2026"
CHROMIUM = Path("/usr/bin/chromium")
HOSTILE_HTML = """<!doctype html>
<html><head><title>Bericht Bäderkonzept</title>
<script>alert("xss-script"); fetch("/config?xss=1").then(r => r.text()).then(t => document.title = t)</script>
</head>
<body onload="alert('xss-onload')">
<h1>Bericht Bäderkonzept</h1>
<p>Das Hallenbad Nordstadt hat einen Sanierungsbedarf von 7,3 Mio. Euro.</p>
<img src="nicht-da.png" onerror="alert('xss-img')">
<svg onload="alert('xss-svg')"><circle r="5"/></svg>
</body></html>
"""


@pytest.fixture(scope="module")
def protected_app(tmp_path_factory):
    from assistant.app import launch
    from assistant.app.auth import hash_password
    from assistant.index.embedders import HashEmbedder
    from assistant.index.vector_stores import InMemoryVectorIndex
    from assistant.settings import load_settings
    from assistant.wiring import build_services

    root = tmp_path_factory.mktemp("links")
    settings = load_settings(data_dir=root / "data", app={"users": {USER: hash_password(PASSWORD)}})
    services = build_services(settings, embedder=HashEmbedder(), vector_index=InMemoryVectorIndex())
    before = root / "vorher"
    before.mkdir()
    (before / "geheimnotiz-kaemmerei.md").write_text(
        "# Geheimnotiz Kämmerei\n\nDer Haushalt 2026 hat einen Fehlbetrag von 4,2 Mio. Euro.\n", encoding="utf-8"
    )
    make_pdf(before / "wasserbericht-2025.pdf", [["Wasserbericht 2025", "Der Wasserverbrauch sank um 3 %."]])
    services.ingestor.ingest([before], progress=False)
    port = free_port()
    app = launch(services, host="127.0.0.1", port=port, prevent_thread_lock=True)
    # ingested while the app runs, as `assistant ingest` or an upload would: no page has been loaded since
    later = root / "spaeter"
    later.mkdir()
    (later / "baederkonzept.html").write_text(HOSTILE_HTML, encoding="utf-8")
    report = services.ingestor.ingest([later], progress=False)
    assert not report.failed, report.failed
    yield f"http://127.0.0.1:{port}", services
    app.close()


def _doc(services, name: str):
    return next(r for r in services.catalog.documents() if Path(r.path).name == name)


@contextmanager
def _logged_in(url: str):
    with httpx.Client(base_url=url) as client:
        response = client.post("/login", data={"username": USER, "password": PASSWORD})
        assert response.status_code == 200, response.text
        yield client


def test_the_page_before_login_names_no_document(protected_app):
    url, services = protected_app
    page = httpx.get(url).text
    assert "auth_required" in page  # it is the login page
    for record in services.catalog.documents():
        for revealing in (record.doc_id, record.title, Path(record.path).name, Path(record.path).stem):
            assert revealing not in page


def test_links_work_right_after_start_and_for_documents_ingested_later(protected_app):
    url, services = protected_app
    assert httpx.get(f"{url}/dokumente/{_doc(services, 'wasserbericht-2025.pdf').doc_id}").status_code == 401
    with _logged_in(url) as client:
        for name in ("wasserbericht-2025.pdf", "geheimnotiz-kaemmerei.md", "baederkonzept.html"):
            assert client.get(f"/dokumente/{_doc(services, name).doc_id}").status_code == 200, name
        assert client.get("/dokumente/gibt-es-nicht").status_code == 404
        assert client.get("/dokumente/..%2F..%2F..%2Fetc%2Fpasswd").status_code == 404
        # Gradio's file route does not serve the indexed files either
        html = _doc(services, "baederkonzept.html").path
        assert client.get(f"/gradio_api/file={html}").status_code == 403


def test_only_pdf_docx_and_text_inline_everything_else_a_sandboxed_download(protected_app):
    url, services = protected_app
    with _logged_in(url) as client:
        html = client.get(f"/dokumente/{_doc(services, 'baederkonzept.html').doc_id}")
        pdf = client.get(f"/dokumente/{_doc(services, 'wasserbericht-2025.pdf').doc_id}")
        text = client.get(f"/dokumente/{_doc(services, 'geheimnotiz-kaemmerei.md').doc_id}")
    assert html.headers["content-type"] == "application/octet-stream"
    assert html.headers["content-disposition"].startswith("attachment")
    assert html.headers["content-security-policy"] == "sandbox"
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-disposition"].startswith("inline")
    assert text.headers["content-type"] == "text/plain; charset=utf-8"
    assert text.headers["content-security-policy"] == "sandbox"
    for response in (html, pdf, text):
        assert response.headers["x-content-type-options"] == "nosniff"


def test_markdown_reading_view_is_rendered_html_without_active_content(protected_app):
    url, services = protected_app
    note = _doc(services, "geheimnotiz-kaemmerei.md").doc_id
    pdf = _doc(services, "wasserbericht-2025.pdf").doc_id
    assert httpx.get(f"{url}/dokumente/{note}/ansicht").status_code == 401  # login first, like the file
    with _logged_in(url) as client:
        view = client.get(f"/dokumente/{note}/ansicht")
        other = client.get(f"/dokumente/{pdf}/ansicht", follow_redirects=False)
        missing = client.get("/dokumente/gibt-es-nicht/ansicht")
    assert view.status_code == 200 and view.headers["content-type"] == "text/html; charset=utf-8"
    assert view.headers["content-security-policy"].startswith("default-src 'none'; style-src 'sha256-")
    assert view.headers["x-content-type-options"] == "nosniff"
    assert '<h1 id="abschnitt-geheimnotiz-kaemmerei">Geheimnotiz Kämmerei</h1>' in view.text
    assert other.status_code == 303 and other.headers["location"] == f"/dokumente/{pdf}"  # only Markdown
    assert missing.status_code == 404


@pytest.mark.slow
def test_a_document_with_script_never_runs_in_the_app(protected_app):
    if not CHROMIUM.exists():
        pytest.fail("Chromium fehlt: „make browser“ installiert es (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    url, _ = protected_app
    dialogs: list[str] = []
    leaks: list[str] = []
    downloads: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"], headless=True
        )
        context = browser.new_context(locale="de-DE", accept_downloads=True)
        context.set_default_timeout(60_000)

        def watch(page):
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.on("download", lambda download: downloads.append(download.suggested_filename))

        context.on("page", watch)
        context.on("request", lambda request: leaks.append(request.url) if "xss=1" in request.url else None)
        page = context.new_page()
        page.goto(url)
        page.locator("input[type=password]").wait_for()
        page.locator("input:not([type=password])").first.fill(USER)
        page.locator("input[type=password]").fill(PASSWORD)
        page.locator("input[type=password]").press("Enter")
        question = page.get_by_label("Ihre Frage")
        question.fill("Wie hoch ist der Sanierungsbedarf des Hallenbads Nordstadt?")
        question.press("Enter")
        link = page.locator("#chat a", has_text=re.compile("Dokument öffnen")).first
        link.wait_for()
        assert "/dokumente/" in link.get_attribute("href")
        link.click()
        page.wait_for_timeout(3000)
        for opened in context.pages:  # the link may open a tab; its content must not run either
            opened.wait_for_timeout(500)
        titles = [opened.title() for opened in context.pages]
        browser.close()
    assert not dialogs, dialogs
    assert not leaks, leaks
    assert downloads == ["baederkonzept.html"]
    assert not any("auth" in title or "{" in title for title in titles), titles
