"""PDF loader (pypdf, BSD licence): text per page in reading order, headings by font size."""

from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path

from assistant.errors import IngestError
from assistant.ingest.loaders.common import build_document, clean, heading_level
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


def _page_lines(page) -> list[tuple[str, float]]:
    """Lines of a page with the largest font size seen on each line."""
    sizes: dict[str, float] = {}

    def visit(text, cm, tm, font_dict, font_size):
        scale = abs(tm[3]) * abs(cm[3]) if tm[3] and cm[3] else 1.0
        for fragment in text.splitlines():
            fragment = clean(fragment)
            if fragment:
                sizes[fragment] = max(sizes.get(fragment, 0.0), float(font_size or 0) * scale)

    text = page.extract_text(visitor_text=visit) or ""
    lines = []
    for line in text.splitlines():
        stripped = clean(line)
        if stripped:
            lines.append((stripped, sizes.get(stripped, 0.0)))
    return lines


_PAGE_FOOTER = re.compile(r"^(Seite\s+)?\d{1,4}(\s*(von|/)\s*\d{1,4})?$", re.IGNORECASE)


def _blocks_for_page(lines: list[tuple[str, float]], body_size: float, page_number: int) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block(kind="paragraph", text=_join_lines(paragraph), page=page_number))
            paragraph.clear()

    for text, size in lines:
        if _PAGE_FOOTER.match(text):
            continue
        larger = body_size and size > body_size * 1.12 and len(text) <= 120
        level = heading_level(text) or (1 if larger else 0)
        if level and (larger or not paragraph or paragraph[-1].endswith((".", ":", "!", "?"))):
            flush()
            blocks.append(Block(kind="heading", text=text, page=page_number, level=level))
            continue
        paragraph.append(text)
        if text.endswith((".", "!", "?", ":")) and len(text) < 60:
            flush()  # a short line ending a sentence usually closes a paragraph
    flush()
    return blocks


def _join_lines(lines: list[str]) -> str:
    """Join wrapped lines; undo end-of-line hyphenation („Kindertages-\\nstätte“)."""
    out = ""
    for line in lines:
        if out.endswith("-") and line[:1].islower():
            out = out[:-1] + line
        elif out:
            out += "\n" + line
        else:
            out = line
    return out


def _drop_running_lines(pages: list[list[tuple[str, float]]]) -> list[list[tuple[str, float]]]:
    """Remove running headers and footers: lines (digits ignored) repeated on most pages."""
    if len(pages) < 3:
        return pages

    def key(text: str) -> str:
        return re.sub(r"\d+", "#", text)

    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({key(text) for text, _ in lines})
    running = {k for k, n in counts.items() if n >= max(3, len(pages) * 0.5)}
    return [[(t, s) for t, s in lines if key(t) not in running] for lines in pages]


def load(path: Path) -> LoadedDocument:
    reader = _open(path)
    pages = []
    sizes: Counter[float] = Counter()
    for page in reader.pages:
        try:
            lines = _page_lines(page)
        except Exception:
            lines = []  # one unreadable page must not lose the rest of the document
        pages.append(lines)
        for text, size in lines:
            sizes[round(size, 1)] += len(text)
    body_size = sizes.most_common(1)[0][0] if sizes else 0.0
    pages = _drop_running_lines(pages)
    blocks: list[Block] = []
    for number, lines in enumerate(pages, start=1):
        blocks.extend(_blocks_for_page(lines, body_size, number))
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
