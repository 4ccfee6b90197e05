"""Turn pypdf's layout-mode text of one page into blocks: paragraphs, headings and tables.

Layout mode keeps the horizontal positions of text, so table rows stay on one line with wide gaps
between the cells; cells that wrap continue on the next line in the same column.
"""

from __future__ import annotations

import re

from assistant.ingest.loaders.common import clean, heading_level, join_wrapped
from assistant.models import Block

_GAP = re.compile(r"\S(\s{2,})(?=\S)")
_CELL = re.compile(r"\S+(?: \S+)*")
_CAPTION = re.compile(r"^(Tabelle|Tab\.|Abbildung|Abb\.|Übersicht)\s*\d+", re.IGNORECASE)
_PAGE_FOOTER = re.compile(r"^(Seite\s+)?\d{1,4}(\s*(von|/)\s*\d{1,4})?$", re.IGNORECASE)


def _cells(line: str) -> list[tuple[int, str]]:
    """(start column, text) of each cell: runs of words separated by single spaces."""
    return [(m.start(), m.group(0)) for m in _CELL.finditer(line)]


def _is_table_block(lines: list[str]) -> bool:
    multi = sum(1 for line in lines if len(_cells(line)) >= 2)
    return len(lines) >= 2 and multi >= max(2, len(lines) * 0.5)


def _column_spans(lines: list[str]) -> list[tuple[int, int]]:
    """Columns are the runs of positions used by some line, separated by gaps of two or more
    positions that are blank in every line (right-aligned numbers included)."""
    width = max(len(line) for line in lines)
    used = [False] * width
    for line in lines:
        for position, char in enumerate(line):
            if char != " ":
                used[position] = True
    spans: list[tuple[int, int]] = []
    start = None
    blank = 0
    for position, is_used in enumerate([*used, False, False]):
        if is_used:
            if start is None:
                start = position
            blank = 0
        elif start is not None:
            blank += 1
            if blank >= 2:
                spans.append((start, position - blank + 1))
                start = None
    return spans


def _table_rows(lines: list[str]) -> list[list[str]]:
    spans = _column_spans(lines)
    rows: list[list[str]] = []
    for line in lines:
        placed = [" ".join(line[a:b].split()) for a, b in spans]
        filled = sum(1 for cell in placed if cell)
        if rows and (filled == 1 or not placed[0]):
            # a wrapped cell (or the second line of a header) continues the row above
            for index, text in enumerate(placed):
                if text:
                    rows[-1][index] = join_wrapped(rows[-1][index], text).strip()
            continue
        rows.append(placed)
    return _merge_wrapped_rows(rows)


def _merge_wrapped_rows(rows: list[list[str]]) -> list[list[str]]:
    """A line with text but no figures in the figure columns continues the row above
    („Erweiterung der | 25.20 | … “ + „Öffnungszeiten der … | | | … “)."""
    if len(rows) < 3:
        return rows
    body = rows[1:]

    def is_figure_column(index: int) -> bool:
        cells = [row[index] for row in body if row[index]]
        with_figures = sum(bool(re.search(r"\d", cell)) for cell in cells)
        return with_figures >= 2 and with_figures >= 0.5 * len(cells)

    figure_columns = [index for index in range(1, len(rows[0])) if is_figure_column(index)]
    if not figure_columns:
        return rows
    keyed_by_figures = is_figure_column(0)  # rows keyed by dates or numbers start with one
    merged = [rows[0], body[0]]
    for row in body[1:]:
        starts_row = keyed_by_figures and re.search(r"\d", row[0])
        if not starts_row and not any(re.search(r"\d", row[index]) for index in figure_columns):
            merged[-1] = [join_wrapped(a, b).strip() for a, b in zip(merged[-1], row, strict=True)]
        else:
            merged.append(row)
    return merged


def page_blocks(layout_text: str, page: int) -> list[Block]:
    raw_lines = [line.rstrip() for line in layout_text.splitlines()]
    indent = min((len(line) - len(line.lstrip()) for line in raw_lines if line.strip()), default=0)
    lines = [line[indent:] for line in raw_lines]
    groups: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if not line.strip():
            if current:
                groups.append(current)
                current = []
            continue
        current.append(line)
    if current:
        groups.append(current)

    blocks: list[Block] = []
    for group in groups:
        group = [line for line in group if not _PAGE_FOOTER.match(line.strip())]
        for segment in _segments(group):
            caption = clean(segment[0]) if _CAPTION.match(segment[0].strip()) else None
            body = segment[1:] if caption else segment
            if body and _is_table_block(body):
                rows = _table_rows(body)
                text = "\n".join(" | ".join(cell for cell in row) for row in rows)
                previous = blocks[-1] if blocks else None
                if not caption and previous and previous.kind == "paragraph" and _CAPTION.match(previous.text):
                    caption = blocks.pop().text  # the caption stood apart, above the table
                blocks.append(Block(kind="table", text=f"{caption}\n{text}" if caption else text, page=page))
            else:
                blocks.extend(_prose_blocks(segment, page))
    return blocks


def _segments(group: list[str]) -> list[list[str]]:
    """Split a group at the border between prose lines (one long cell) and table lines, since
    a table is not always followed by a blank line."""
    if not group:
        return []
    width = max(len(line.strip()) for line in group)

    def is_prose(line: str) -> bool:
        return len(_cells(line)) == 1 and len(line.strip()) >= max(40, 0.6 * width)

    segments: list[list[str]] = []
    kind = None
    for line in group:
        line_kind = is_prose(line)
        if segments and line_kind == kind:
            segments[-1].append(line)
        elif segments and not line_kind and kind and len(_cells(line)) == 1:
            segments[-1].append(line)  # a short last line of a paragraph
        else:
            segments.append([line])
            kind = line_kind
    return segments


def _prose_blocks(group: list[str], page: int) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block(kind="paragraph", text=_join(paragraph), page=page))
            paragraph.clear()

    for raw in group:
        line = clean(raw)
        if line[:1] in "•–-▪◦" and paragraph:
            flush()  # each list item is a paragraph of its own
        level = heading_level(line)
        if level and (not paragraph or paragraph[-1].endswith((".", ":", "!", "?"))):
            flush()
            blocks.append(Block(kind="heading", text=line, page=page, level=level))
            continue
        paragraph.append(line)
    flush()
    return blocks


def _join(lines: list[str]) -> str:
    """Join wrapped lines into one paragraph; undo end-of-line hyphenation („Kindertages-“ „stätte“)."""
    text = ""
    for line in lines:
        text = join_wrapped(text, line)
    return text
