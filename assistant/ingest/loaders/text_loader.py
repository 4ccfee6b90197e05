"""Plain-text loader with encoding detection and a guard against binary data."""

from __future__ import annotations

from pathlib import Path

from assistant.errors import IngestError
from assistant.ingest.loaders.common import build_document, paragraphs_to_blocks
from assistant.models import LoadedDocument


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > len(sample) * 0.05


def read_text(path: Path) -> str:
    """Decode a text file: UTF-8 (with or without BOM) first, then detected encodings (cp1252, latin-1…)."""
    data = path.read_bytes()
    if _looks_binary(data):
        raise IngestError("Die Datei enthält Binärdaten und ist keine Textdatei.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        # cp1252 decodes nearly everything that German Windows tools write
        return data.decode("cp1252", errors="replace")
    return str(best)


def load(path: Path) -> LoadedDocument:
    text = read_text(path).replace("\r\n", "\n").replace("\r", "\n")
    return build_document(path, paragraphs_to_blocks(text), title=None)
