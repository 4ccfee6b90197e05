"""Small helpers shared by the handlers: German formats and links to documents."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import quote

from assistant.errors import UserError

# the app's own route for indexed documents (assistant.app.documents), login-protected when login is on
DOCUMENT_ROUTE = "/dokumente"
READING_VIEW = "/ansicht"  # DOCUMENT_ROUTE/{doc_id}/ansicht: Markdown rendered safely (assistant.app.markdown_view)
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})

ProgressCallback = Callable[[int, int, str], None]  # done, total, the item being worked on

DOC_TYPE_LABELS = {
    "gesamtstrategie": "Gesamtstrategie",
    "fachstrategie": "Fachstrategie",
    "wirtschaftsplan": "Wirtschaftsplan",
    "haushalt": "Haushalt",
    "demografie": "Demografie",
    "beteiligung": "Beteiligung",
    "ratsbeschluss": "Ratsbeschluss",
    "niederschrift": "Niederschrift",
    "satzung": "Satzung",
    "praesentation": "Präsentation",
    "konzept": "Konzept",
    "bericht": "Bericht",
    "dokument": "Dokument",
}


def doc_type_label(doc_type: str) -> str:
    return DOC_TYPE_LABELS.get(doc_type, doc_type.replace("_", " ").capitalize() if doc_type else "Dokument")


def all_doc_type_choices() -> list[tuple[str, str]]:
    """(label, doc_type) for every type the product knows, whatever is indexed."""
    return [(label, doc_type) for doc_type, label in DOC_TYPE_LABELS.items()]


def german_date(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "–"


def parse_german_date(text: str | None, label: str) -> date | None:
    """„1.3.2026“, „01.03.2026“ or „2026-03-01“; empty → None."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        if "-" in text:
            return date.fromisoformat(text)
        day, month, year = (int(part) for part in text.split("."))
        return date(year, month, day)
    except ValueError:
        raise UserError(
            f"„{text}“ ist kein gültiges Datum für {label}; schreiben Sie es als TT.MM.JJJJ, z. B. 01.03.2026."
        ) from None


def document_url(
    doc_id: str | None, path: str | Path | None = None, page: int | None = None, section: str = ""
) -> str | None:
    """A link that opens the document where it is cited: a PDF at the page (the browser's viewer reads
    ``#page=``), a Markdown source in its reading view at the section."""
    if not doc_id:
        return None
    url = f"{DOCUMENT_ROUTE}/{quote(doc_id, safe='')}"
    suffix = Path(str(path or "")).suffix.lower()
    if page and suffix == ".pdf":
        url += f"#page={page}"
    elif suffix in MARKDOWN_SUFFIXES:
        from assistant.app.markdown_view import section_anchor

        url += READING_VIEW + (f"#{section_anchor(section)}" if section.strip() else "")
    return url


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"
