"""Helpers shared by the loaders."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from assistant.ingest.metadata import find_stand, guess_doc_type
from assistant.ingest.titles import SizedLine, choose_title, prominent_lines
from assistant.models import Block, LoadedDocument

_SPACES = re.compile(r"[ \t\u00a0]+")


def clean(text: str) -> str:
    return _SPACES.sub(" ", text.replace("\u00ad", "")).strip()


# after these a hyphen at the line end is a shortened compound („Orts- und Stadtteilbeiräte“), not a break
_KEEP_HYPHEN_BEFORE = frozenset({"und", "oder", "bzw", "sowie", "bis", "als", "noch", "wie"})


def join_wrapped(first: str, second: str) -> str:
    """Join a line (or cell) and its wrapped continuation; undo end-of-line hyphenation
    („Kindertages-“ + „stätte“ → „Kindertagesstätte“), keep „Kita-Neubau“ and „Orts- und …“."""
    if not first:
        return second
    if not second:
        return first
    if first.endswith("-") and first[-2:-1].isalpha():
        next_word = second.split(maxsplit=1)[0].rstrip(".,;:").lower()
        if second[:1].islower() and next_word not in _KEEP_HYPHEN_BEFORE:
            return first[:-1] + second  # a hyphenated break
        if second[:1].isupper():
            return first + second  # a hyphenated compound („Kita-“ + „Neubau“)
    return f"{first} {second}"


def table_to_text(rows: list[list[str]]) -> str:
    """Rows as „a | b | c“ lines: keeps cells in reading order and readable in citations."""
    lines = [" | ".join(clean(cell) for cell in row) for row in rows if any(c.strip() for c in row)]
    return "\n".join(lines)


def build_document(
    path: Path,
    blocks: list[Block],
    title: str | None,
    pages: int | None = None,
    first_page_lines: Sequence[SizedLine] = (),
    slide_deck: bool = False,
    running_lines: Sequence[str] = (),
    title_from_text: bool = True,
) -> LoadedDocument:
    """``title`` is the title the file's metadata states (often junk, see :mod:`assistant.ingest.titles`);
    ``title_from_text`` is False when the first page's text is OCR output, too noisy for a title."""
    first_heading = next((b.text for b in blocks if b.kind == "heading"), None) if title_from_text else None
    first_lines = [line for b in blocks[:20] for line in b.text.splitlines() if line.strip()][:40]
    first_lines = first_lines if title_from_text else []
    resolved_title = choose_title(
        path,
        metadata_title=title,
        first_page_lines=first_page_lines,
        first_heading=first_heading,
        first_text_lines=first_lines,
    )
    head_text = "\n".join(b.text for b in blocks[:40])
    last_page = blocks[-1].page if blocks else None
    tail = "\n".join(b.text for b in blocks[-12:] if b.page == last_page)
    return LoadedDocument(
        source_path=str(path),
        title=resolved_title,
        doc_type=guess_doc_type(resolved_title, f"{path.name} {path.parent.name}", slide_deck=slide_deck),
        stand=find_stand(
            head_text, title_lines=prominent_lines(first_page_lines), tail=tail, running_lines=running_lines
        ),
        pages=pages,
        blocks=blocks,
    )


def paragraphs_to_blocks(text: str, page: int | None = None) -> list[Block]:
    """Split plain text at blank lines; short numbered lines become headings."""
    blocks: list[Block] = []
    for raw in re.split(r"\n\s*\n", text):
        paragraph = clean(raw.replace("\n", " ")) if not _looks_like_table(raw) else raw.strip()
        if not paragraph:
            continue
        level = heading_level(paragraph)
        blocks.append(Block(kind="heading" if level else "paragraph", text=paragraph, page=page, level=level))
    return blocks


_NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+\S")


def heading_level(line: str) -> int:
    """A short line like „3.2 Bildung und Familie“ (no final full stop) is a heading of level 2."""
    line = line.strip()
    if len(line) > 90 or line.endswith((".", ",", ";", ":")) or "|" in line:
        return 0
    match = _NUMBERED_HEADING.match(line)
    if match and not re.match(r"^\d{1,2}\.\d{1,2}\.\d{4}", line):
        return match.group(1).count(".") + 1
    return 0


def _looks_like_table(raw: str) -> bool:
    lines = [line for line in raw.splitlines() if line.strip()]
    return len(lines) > 1 and sum("|" in line for line in lines) >= len(lines) - 1
