"""PDF loader (pypdf, BSD licence): text per page in reading order, headings by font size."""

from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path

from assistant.errors import IngestError
from assistant.ingest.loaders.common import build_document, clean
from assistant.ingest.loaders.pdf_layout import page_blocks
from assistant.models import Block, LoadedDocument

logging.getLogger("pypdf").setLevel(logging.ERROR)


def _open(path: Path):
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            # an empty user password (print/copy restrictions only) still allows reading
            try:
                unlocked = reader.decrypt("")
            except Exception:
                unlocked = 0
            if not unlocked:
                raise IngestError(
                    "Die PDF-Datei ist mit einem Passwort verschlüsselt; bitte eine ungeschützte Fassung "
                    "hochladen."
                )
        _ = len(reader.pages)
        return reader
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise IngestError(
            "Die PDF-Datei ist beschädigt oder keine gültige PDF-Datei und kann nicht gelesen werden."
        ) from exc
    except Exception as exc:
        raise IngestError(f"Die PDF-Datei kann nicht gelesen werden ({type(exc).__name__}).") from exc


def _layout_text(page) -> str:
    try:
        text = page.extract_text(extraction_mode="layout") or ""
    except Exception:
        text = ""  # some malformed pages only work in plain mode
    if text.strip():
        return text
    # layout mode returns nothing for rotated pages (landscape slides, balance sheets): plain mode reads them
    try:
        return page.extract_text() or ""
    except Exception:
        return ""  # one unreadable page must not lose the rest of the document


def _drop_running_lines(pages: list[str]) -> list[str]:
    """Remove running headers and footers: lines (digits ignored) repeated on most pages."""
    if len(pages) < 3:
        return pages

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", " ".join(line.split()))

    counts: Counter[str] = Counter()
    for text in pages:
        counts.update({key(line) for line in text.splitlines() if line.strip()})
    running = {k for k, n in counts.items() if n >= max(3, len(pages) * 0.5)}
    return ["\n".join(line for line in text.splitlines() if key(line) not in running) for text in pages]


def load(path: Path) -> LoadedDocument:
    reader = _open(path)
    pages = _drop_running_lines([_layout_text(page) for page in reader.pages])
    blocks: list[Block] = []
    for number, text in enumerate(pages, start=1):
        blocks.extend(page_blocks(text, number))
    if not blocks:
        raise IngestError(
            "Die PDF-Datei enthält keinen auslesbaren Text (vermutlich ein Scan); bitte eine Fassung mit "
            "Textebene (OCR) hochladen."
        )
    title = None
    try:
        meta_title = reader.metadata.title if reader.metadata else None
        title = clean(meta_title) if meta_title and meta_title.strip().lower() not in {"untitled"} else None
    except Exception:
        title = None
    return build_document(path, blocks, title, pages=len(reader.pages))
