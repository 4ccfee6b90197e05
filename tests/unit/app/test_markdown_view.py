"""The reading view of Markdown sources: rendered without raw HTML, links only http/https/mailto (and
places in the page), no image, a CSP that allows nothing but its own stylesheet, anchors per section that
match the heading paths the index stores; hostile and huge input."""

import base64
import hashlib
import re

from assistant.app import markdown_view as view
from assistant.app.handlers import ask
from assistant.app.handlers.common import document_url
from assistant.ingest.chunking import chunk_document
from assistant.ingest.loaders.markdown_loader import load
from assistant.models import Citation
from assistant.settings import load_settings

HOSTILE = """---
titel: Böse Notiz
---
# Notiz <script>alert(1)</script>

<script>alert("xss")</script>
<img src=x onerror="alert('img')">
<a href="javascript:alert(2)">roh</a>
<style>body { display: none }</style>
<iframe src="https://example.org"></iframe>

[Skript](javascript:alert(3)) · [Groß](JaVaScRiPt:alert(4)) · [Daten](data:text/html;base64,PHNjcmlwdD4=)
[Datei](file:///etc/passwd) · [Intern](/gradio_api/upload) · [vb](vbscript:msgbox) · <javascript:alert(5)>
[Gut](https://example.org/a?b=1) · [Post](mailto:rathaus@example.org) · [Unten](#abschnitt-notiz-ergebnis)
[ref][1]

![Stadtplan](https://example.org/plan.png) ![](https://example.org/x.png) ![Svg](data:image/svg+xml;base64,PHN2Zz4=)

[1]: javascript:alert(6)

## Ergebnis

| Posten | Betrag |
|:-------|-------:|
| Schule | 4,2 Mio. |
"""


def _hrefs(markup: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', markup)


def test_raw_html_is_text_and_only_safe_links_remain():
    body = view.render_markdown(HOSTILE)
    assert "<script" not in body and "<img" not in body and "<iframe" not in body and "<style" not in body
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in body  # shown, not run
    assert _hrefs(body) == ["https://example.org/a?b=1", "mailto:rathaus@example.org", "#abschnitt-notiz-ergebnis"]
    assert "javascript" not in "".join(_hrefs(body)).lower() and "data:" not in "".join(_hrefs(body))
    assert 'rel="noopener noreferrer nofollow"' in body
    assert "[Bild: Stadtplan]" in body and "[Bild: ohne Beschreibung]" in body  # images as their description
    assert "![Svg](data:image/svg+xml;base64,PHN2Zz4=)" in body  # a data: image is not even a link: text
    assert " style=" not in body  # table alignment as classes: the CSP allows no inline style
    assert '<td class="align-right">4,2 Mio.</td>' in body
    assert "titel: Böse Notiz" not in body  # front matter is not content


def test_headings_carry_the_anchor_of_the_section_path_the_index_stores(tmp_path):
    source = tmp_path / "notiz.md"
    source.write_text("# Haushalt **2026**\n\nText.\n\n## Ergebnis\n\nDer Fehlbetrag: 4,2 Mio.\n\n"
                      "# Anhang\n\n## Ergebnis\n\nNoch eins.\n", encoding="utf-8")  # fmt: skip
    chunks = chunk_document(load(source), "notiz", "v1", load_settings().chunking)
    sections = {chunk.section for chunk in chunks}
    assert {"Haushalt 2026 > Ergebnis", "Anhang > Ergebnis"} <= sections
    body = view.render_markdown(source.read_text(encoding="utf-8"))
    ids = re.findall(r'<h\d id="([^"]+)"', body)
    assert ids == ["abschnitt-haushalt-2026", "abschnitt-haushalt-2026-ergebnis", "abschnitt-anhang",
                   "abschnitt-anhang-ergebnis"]  # fmt: skip
    assert all(view.section_anchor(section) in ids for section in sections if section)
    twice = view.render_markdown("# A\n\n# A\n")
    assert re.findall(r'id="([^"]+)"', twice) == ["abschnitt-a", "abschnitt-a-2"]
    assert view.section_anchor("Maßnahmen für Übergänge > 3.2 Kita-Plätze") == (
        "abschnitt-massnahmen-fuer-uebergaenge-3-2-kita-plaetze"
    )
    assert view.section_anchor("") == "abschnitt-ohne-titel"
    assert view.section_anchor("Café – Ökologie") == "abschnitt-cafe-oekologie"


def test_source_link_opens_the_reading_view_at_the_section():
    url = document_url("notiz", "/srv/notiz.md", None, "Haushalt 2026 > Ergebnis")
    assert url == "/dokumente/notiz/ansicht#abschnitt-haushalt-2026-ergebnis"
    assert document_url("notiz", "/srv/notiz.markdown") == "/dokumente/notiz/ansicht"
    assert document_url("plan", "/srv/plan.pdf", 3, "Kapitel") == "/dokumente/plan#page=3"
    assert document_url("brief", "/srv/brief.txt", None, "Kapitel") == "/dokumente/brief"
    citation = Citation(n=1, doc_id="notiz", title="Notiz", page=None, text="Der Fehlbetrag: 4,2 Mio.",
                        section="Haushalt 2026 > Ergebnis", path="/srv/notiz.md")  # fmt: skip
    assert "[Abschnitt öffnen](/dokumente/notiz/ansicht#abschnitt-haushalt-2026-ergebnis)" in ask.citation_markdown(
        citation
    )


def test_the_page_allows_only_its_own_stylesheet():
    page = view.reading_view(HOSTILE.encode("utf-8"), 'Notiz <"Böse">', "/dokumente/notiz")
    style = re.search(r"<style>(.*?)</style>", page, re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
    assert f"style-src 'sha256-{digest}'" in view.CSP
    assert view.CSP.startswith("default-src 'none';") and "script-src" not in view.CSP
    assert "sandbox" in view.CSP and "frame-ancestors 'none'" in view.CSP and "img-src 'none'" in view.CSP
    assert page.count("<style>") == 1 and "<script" not in page
    assert "<title>Notiz &lt;&quot;Böse&quot;&gt; – Leseansicht</title>" in page
    assert '<a href="/dokumente/notiz">Originaldatei als Text öffnen</a>' in page


def test_huge_and_deeply_nested_input_is_bounded():
    huge = b"# Riesig\n\n" + b"Zeile mit Text.\n" * (view.MAX_RENDER_BYTES // 16 + 1)
    page = view.reading_view(huge, "Riesig", "/dokumente/riesig")
    assert "zu groß für die Leseansicht" in page and "<main></main>" in page
    nested = view.reading_view(("> " * 5000 + "tief\n").encode(), "Tief", "/dokumente/tief")
    assert nested.count("<blockquote>") <= 100  # markdown-it's nesting limit, no recursion error
    brackets = view.reading_view(("[" * 200_000 + "](javascript:x)").encode(), "Klammern", "/dokumente/k")
    assert "javascript" not in "".join(_hrefs(brackets))
    broken = view.reading_view(b"# Kaputt \xff\xfe\n\nText", "Kaputt", "/dokumente/kaputt")
    assert "Kaputt \ufffd\ufffd" in broken  # undecodable bytes shown as „�“, not an error
