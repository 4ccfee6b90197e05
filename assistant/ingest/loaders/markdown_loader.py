"""Markdown loader: ATX headings, paragraphs, lists and pipe tables; front matter title."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.ingest.loaders.common import build_document, clean
from assistant.ingest.loaders.text_loader import read_text
from assistant.models import Block, LoadedDocument

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}")
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_INLINE = re.compile(r"(\*\*|__|\*|`)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def _plain(text: str) -> str:
    return clean(_INLINE.sub("", _LINK.sub(r"\1", text)))


def _table_row(line: str) -> str:
    cells = [_plain(c) for c in line.strip().strip("|").split("|")]
    return " | ".join(cells)


def load(path: Path) -> LoadedDocument:
    text = read_text(path)
    title = None
    front = FRONT_MATTER.match(text)
    if front:
        for line in front.group(1).splitlines():
            if line.lower().startswith("title:") or line.lower().startswith("titel:"):
                title = line.split(":", 1)[1].strip().strip("\"'")
        text = text[front.end() :]
    blocks: list[Block] = []
    buffer: list[str] = []
    table: list[str] = []

    def flush() -> None:
        if buffer:
            blocks.append(Block(kind="paragraph", text="\n".join(buffer)))
            buffer.clear()
        if table:
            blocks.append(Block(kind="table", text="\n".join(table)))
            table.clear()

    for line in text.splitlines():
        heading = _HEADING.match(line)
        if heading:
            flush()
            blocks.append(Block(kind="heading", text=_plain(heading.group(2)), level=len(heading.group(1))))
        elif line.strip().startswith("|"):
            if buffer:
                blocks.append(Block(kind="paragraph", text="\n".join(buffer)))
                buffer.clear()
            if not _TABLE_RULE.match(line):
                table.append(_table_row(line))
        elif not line.strip():
            flush()
        else:
            if table:
                flush()
            buffer.append(_plain(line))
    flush()
    return build_document(path, blocks, title)
