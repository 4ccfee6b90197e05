"""The reading view of a Markdown source: rendered to HTML on the server, never active content.

- Raw HTML in the Markdown is shown as text (markdown-it-py with ``html=False``), images as their
  description („[Bild: …]“), links only to ``http``, ``https``, ``mailto`` and to places in the same page
  (``#…``); anything else (``javascript:``, ``data:``, ``file:``, relative paths into the app) stays text.
- The page has one fixed stylesheet, pinned by its hash in the Content-Security-Policy: no script, no
  inline style, no image, no font, no frame, no form may load (``CSP`` below); table alignment comes as
  classes, not ``style`` attributes.
- Each heading gets an anchor from its heading path (``section_anchor``), the same path the index stores
  with every chunk, so a source link opens the page at the cited section (highlighted with ``:target``).
- Input beyond ``MAX_RENDER_BYTES`` is not rendered; the page says so and links the plain text.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import unicodedata

from markdown_it import MarkdownIt

from assistant.goals.rules.base import number
from assistant.ingest.loaders.markdown_loader import FRONT_MATTER

MAX_RENDER_BYTES = 2_000_000
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)

STYLESHEET = """
body { font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; line-height: 1.55; color: #1f2937;
  margin: 0 auto; max-width: 46rem; padding: 1rem 1.1rem 3rem; font-size: 1.05rem; overflow-wrap: anywhere; }
header.quelle { border-bottom: 1px solid #d0d5dd; margin-bottom: 1rem; padding-bottom: 0.6rem;
  font-size: 0.95rem; color: #344054; }
header.quelle p { margin: 0.2rem 0; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; scroll-margin-top: 1rem; }
:target { background: #fff3bf; outline: 3px solid #f59f00; outline-offset: 4px; }
a { color: #1d4ed8; }
a:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
table { border-collapse: collapse; display: block; overflow-x: auto; max-width: 100%; }
th, td { border: 1px solid #d0d5dd; padding: 4px 8px; vertical-align: top; }
th { background: #f2f4f7; }
.align-left { text-align: left; } .align-center { text-align: center; } .align-right { text-align: right; }
pre { background: #f6f8fa; padding: 0.6rem; overflow-x: auto; }
code { font-family: ui-monospace, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.95em; }
blockquote { border-left: 4px solid #d0d5dd; margin-left: 0; padding-left: 1rem; color: #475467; }
.bild { color: #475467; font-style: italic; }
.hinweis { background: #fff1cc; padding: 0.6rem 0.8rem; }
"""
_STYLE_HASH = base64.b64encode(hashlib.sha256(STYLESHEET.encode("utf-8")).digest()).decode("ascii")
# nothing but the one stylesheet above; the page may not be framed, submit forms or set a base URL; sandbox
# (no allow-scripts, no allow-same-origin) on top, so even an injected script would have no origin
CSP = (
    f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; img-src 'none'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'; sandbox"
)


def is_allowed_link(url: str) -> bool:
    """http, https, mailto and places in the same page; not javascript:, data:, file:, relative paths."""
    url = url.strip()
    if url.startswith("#"):
        return True
    scheme = _SCHEME.match(url)
    return bool(scheme) and scheme.group(1).lower() in ALLOWED_SCHEMES


def section_anchor(section: str) -> str:
    """The anchor of a heading path „Haushalt > Ergebnis“ (as chunks store it): ``abschnitt-haushalt-ergebnis``.
    ASCII only (umlauts spelt out), so the link survives every Markdown renderer and URL handling."""
    text = unicodedata.normalize("NFC", section).lower().translate(_UMLAUTS)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^0-9a-z]+", "-", text).strip("-")
    return f"abschnitt-{slug or 'ohne-titel'}"


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.validateLink = is_allowed_link
    md.add_render_rule("image", _image_as_text)
    return md


def _image_as_text(self, tokens, idx, options, env) -> str:
    alt = "".join(child.content for child in tokens[idx].children or []) or "ohne Beschreibung"
    return f'<span class="bild">[Bild: {html.escape(alt)}]</span>'


_MD = _parser()


def render_markdown(text: str) -> str:
    """The document body as safe HTML, headings with their section anchors."""
    front = FRONT_MATTER.match(text)
    if front:
        text = text[front.end() :]
    tokens = _MD.parse(text)
    path: list[tuple[int, str]] = []
    used: dict[str, int] = {}
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            level = int(token.tag[1])
            title = " ".join(_plain_text(tokens[index + 1]).split())
            path[:] = [(lvl, t) for lvl, t in path if lvl < level]
            path.append((level, title))
            anchor = section_anchor(" > ".join(t for _, t in path))
            used[anchor] = used.get(anchor, 0) + 1
            token.attrSet("id", anchor if used[anchor] == 1 else f"{anchor}-{used[anchor]}")
        elif token.type in ("th_open", "td_open"):
            style = str(token.attrs.pop("style", ""))  # alignment as a class: the CSP allows no inline style
            if "text-align:" in style:
                token.attrJoin("class", "align-" + style.split("text-align:", 1)[1].strip(" ;"))
        elif token.type == "inline":
            for child in token.children or []:
                if child.type == "link_open":
                    child.attrSet("rel", "noopener noreferrer nofollow")
    return _MD.renderer.render(tokens, _MD.options, {})


def _plain_text(inline) -> str:
    """The words of a heading (as the Markdown loader keeps them: no emphasis marks, link texts only)."""
    return "".join(child.content for child in inline.children or [] if child.type in ("text", "code_inline"))


def page_html(body: str, title: str, raw_url: str, note: str = "") -> str:
    """The whole page: a header naming the source and linking the original text, then the body."""
    hint = f'<p class="hinweis">{html.escape(note)}</p>' if note else ""
    return (
        '<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{html.escape(title)} – Leseansicht</title><style>{STYLESHEET}</style></head>\n<body>"
        f'<header class="quelle"><p>Leseansicht der Quelle <strong>{html.escape(title)}</strong></p>'
        f'<p><a href="{html.escape(raw_url)}">Originaldatei als Text öffnen</a></p></header>'
        f"{hint}<main>{body}</main></body></html>"
    )


def reading_view(data: bytes, title: str, raw_url: str) -> str:
    """The page for a Markdown file's bytes (any encoding; undecodable bytes become „�“)."""
    if len(data) > MAX_RENDER_BYTES:
        note = (
            f"Das Dokument ist mit {number(len(data) / 1e6)} MB zu groß für die Leseansicht (höchstens "
            f"{number(MAX_RENDER_BYTES / 1e6)} MB). Öffnen Sie die Originaldatei als Text."
        )
        return page_html("", title, raw_url, note)
    return page_html(render_markdown(data.decode("utf-8", errors="replace")), title, raw_url)
