"""PDF loader (pypdf, BSD licence): text per page in reading order, headings by font size; the title from
the first page's print (pypdfium2) and scanned pages through OCR (Tesseract)."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import IngestError
from assistant.ingest.loaders import pdf_ocr
from assistant.ingest.loaders.common import build_document
from assistant.ingest.loaders.pdf_fonts import page_lines
from assistant.ingest.loaders.pdf_layout import page_blocks
from assistant.models import Block, LoadedDocument
from assistant.text.repair import join_split_words, vocabulary

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
                    "Die PDF-Datei ist mit einem Passwort verschlüsselt; bitte eine ungeschützte Fassung hochladen."
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


def _drop_running_lines(pages: list[str]) -> tuple[list[str], list[str]]:
    """Remove running headers and footers: lines (digits ignored) repeated on most pages. Returns the pages
    and one example of each running line (a footer often carries the document's date)."""
    if len(pages) < 3:
        return pages, []

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", " ".join(line.split()))

    counts: Counter[str] = Counter()
    for text in pages:
        counts.update({key(line) for line in text.splitlines() if line.strip()})
    running = {k for k, n in counts.items() if n >= max(3, len(pages) * 0.5)}
    examples: dict[str, str] = {}
    kept = []
    for text in pages:
        lines = []
        for line in text.splitlines():
            if key(line) in running:
                examples.setdefault(key(line), " ".join(line.split()))
            else:
                lines.append(line)
        kept.append("\n".join(lines))
    return kept, list(examples.values())


PageProgress = Callable[[int, int], None]  # (pages done, pages in the file)

SLIDE_DECK_SHARE = 0.6
"""A PDF is a slide deck when this share of its pages is landscape with little text (real-dev: the six
decks 0.9–1.0; the landscape balance sheets of a Gesamtabschluss are dense and do not count)."""

SLIDE_MAX_WORDS = 180
"""Slides carry fewer words than this (real-dev decks: median 40–120 per slide; report pages 300–600)."""


@dataclass(frozen=True)
class OcrOptions:
    enabled: bool = True
    language: str = "deu"
    dpi: int = 300


def load(path: Path, on_page: PageProgress | None = None, ocr: OcrOptions | None = None) -> LoadedDocument:
    """Text per page in reading order; scanned pages through OCR (when Tesseract is installed)."""
    ocr = ocr or OcrOptions()
    reader = _open(path)
    total = len(reader.pages)
    texts: list[str] = []
    ocr_pages: list[int] = []
    scanned_without_ocr = scanned_unreadable = 0
    slide_pages = 0
    for index, page in enumerate(reader.pages):
        text = _layout_text(page)
        if pdf_ocr.is_scanned(path, index, text):
            if ocr.enabled and pdf_ocr.ocr_available(ocr.language):
                try:
                    recognised = pdf_ocr.recognise_page(path, index, language=ocr.language, dpi=ocr.dpi)
                except IngestError:
                    recognised = ""  # one page Tesseract cannot read must not lose the document
                merged = pdf_ocr.merge_with_layer(recognised, text)
                if merged is not None:
                    text = merged
                    ocr_pages.append(index + 1)
                else:
                    scanned_unreadable += 1
            elif not text.strip():
                scanned_without_ocr += 1
        slide_pages += _looks_like_slide(page, text)
        texts.append(text)
        if on_page:
            on_page(index + 1, total)
    words = vocabulary("\n".join(texts))
    texts = [join_split_words(text, words) for text in texts]  # „Zusam mensetzung“ → „Zusammensetzung“
    blocks: list[Block] = []
    texts, running = _drop_running_lines(texts)
    for number, text in enumerate(texts, start=1):
        blocks.extend(page_blocks(text, number))
    if not blocks:
        if scanned_without_ocr:
            hint = pdf_ocr.OCR_HINT
        elif scanned_unreadable:
            hint = "Die Texterkennung (OCR) hat auf den gescannten Seiten keinen lesbaren Text gefunden."
        else:
            hint = "Bitte eine Fassung mit Textebene hochladen."
        raise IngestError(f"Die PDF-Datei enthält keinen auslesbaren Text (vermutlich ein Scan). {hint}")
    try:
        title = reader.metadata.title if reader.metadata else None
    except Exception:
        title = None  # broken metadata must not lose the document
    document = build_document(
        path, blocks, title, pages=total, first_page_lines=page_lines(path),
        slide_deck=total >= 2 and slide_pages >= SLIDE_DECK_SHARE * total, running_lines=running,
        title_from_text=1 not in ocr_pages,
    )  # fmt: skip
    return document.model_copy(update={"ocr_pages": ocr_pages})


def _looks_like_slide(page, text: str) -> bool:
    try:
        box = page.mediabox
        width, height = float(box.width), float(box.height)
        if (page.get("/Rotate") or 0) % 180:
            width, height = height, width
    except Exception:
        return False
    return width > height * 1.2 and len(text.split()) < SLIDE_MAX_WORDS
