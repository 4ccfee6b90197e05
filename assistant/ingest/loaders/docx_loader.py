"""DOCX loader (python-docx): headings by style, tables row by row, body order kept."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from assistant.errors import IngestError
from assistant.ingest.loaders.common import build_document, clean, table_to_text
from assistant.models import Block, LoadedDocument

_HEADING_STYLE = re.compile(r"^(heading|überschrift|title|titel)\s*(\d*)$", re.IGNORECASE)


def _heading_level(style_name: str) -> int:
    match = _HEADING_STYLE.match(style_name.strip())
    if not match:
        return 0
    return int(match.group(2)) if match.group(2) else 1


def load(path: Path) -> LoadedDocument:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise IngestError("Die Word-Datei ist beschädigt oder keine gültige DOCX-Datei.") from exc
    except Exception as exc:
        raise IngestError(f"Die Word-Datei kann nicht gelesen werden ({type(exc).__name__}).") from exc

    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = clean(item.text)
            if not text:
                continue
            level = _heading_level(item.style.name if item.style is not None else "")
            blocks.append(Block(kind="heading" if level else "paragraph", text=text, level=level))
        elif isinstance(item, Table):
            rows = [[cell.text for cell in row.cells] for row in item.rows]
            text = table_to_text(rows)
            if text:
                blocks.append(Block(kind="table", text=text))
    title = clean(document.core_properties.title or "") or None
    return build_document(path, blocks, title)
