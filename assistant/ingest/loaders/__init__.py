"""File loaders: one module per format, one registry by file extension."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assistant.errors import IngestError
from assistant.ingest.loaders import docx_loader, html_loader, markdown_loader, pdf_loader, text_loader
from assistant.models import LoadedDocument

Loader = Callable[[Path], LoadedDocument]

LOADERS: dict[str, Loader] = {
    ".pdf": pdf_loader.load,
    ".docx": docx_loader.load,
    ".md": markdown_loader.load,
    ".markdown": markdown_loader.load,
    ".html": html_loader.load,
    ".htm": html_loader.load,
    ".txt": text_loader.load,
    ".text": text_loader.load,
}


def supported_extensions() -> list[str]:
    return sorted(LOADERS)


def loader_for(path: Path) -> Loader:
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        raise IngestError(
            f"Das Dateiformat „{path.suffix or 'ohne Endung'}“ wird nicht unterstützt; "
            f"möglich sind {', '.join(supported_extensions())}."
        )
    return loader


def load_document(
    path: Path,
    *,
    on_page: pdf_loader.PageProgress | None = None,
    ocr: pdf_loader.OcrOptions | None = None,
) -> LoadedDocument:
    """Load one file; ``on_page`` reports pages done for paged formats (PDF), ``ocr`` sets up OCR."""
    loader = loader_for(path)
    document = loader(path, on_page=on_page, ocr=ocr) if loader is pdf_loader.load else loader(path)
    if not any(block.text.strip() for block in document.blocks):
        raise IngestError("Die Datei enthält keinen lesbaren Text.")
    return document
