"""Answer units cut from a chunk's text: sentences, and table rows carrying their header.

Computed once at ingest (stored by :mod:`assistant.index.unit_store`); answering only scores them.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from assistant.text.sentences import split_sentences

MAX_UNIT_CHARS = 400  # a longer sentence (a PDF line run together) is shown shortened
MIN_UNIT_CHARS = 12  # shorter pieces („Seite 3.“) answer nothing


@dataclass(frozen=True)
class UnitText:
    text: str  # what an answer shows
    context: str  # what is scored and embedded: section, table caption and header, the unit itself
    block: int  # paragraph or table of the chunk it belongs to; neighbours in one block may pair up
    kind: str = "sentence"  # sentence | row
    row_label: str | None = None  # first cell of a table row


def split_units(text: str, section: str = "") -> list[UnitText]:
    units: list[UnitText] = []
    for block_number, block in enumerate(text.split("\n\n")):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if _is_table(lines) or _looks_like_pdf_table(lines):
            caption = ""
            if "|" not in lines[0] and len(lines) > 2 and "|" in lines[1]:
                caption, lines = lines[0], lines[1:]  # „Tabelle 8: …“ above the header row
            header = lines[0]
            # the header row alone answers nothing; every data row carries it as context
            for row in lines[1:]:
                shown = _row_as_text(header, row) if "|" in row else row
                context = "\n".join(part for part in (section, caption, header, row) if part)
                label = row.strip().strip("|").split("|", 1)[0].strip() if "|" in row else None
                units.append(UnitText(shown, context, block_number, "row", label))
            continue
        for sentence in split_sentences(" ".join(lines)):
            sentence = _shorten(sentence.strip())
            if len(sentence) >= MIN_UNIT_CHARS:
                context = f"{section}\n{sentence}" if section else sentence
                units.append(UnitText(sentence, context, block_number))
    return units


def _is_table(lines: list[str]) -> bool:
    return len(lines) >= 2 and sum("|" in line for line in lines) >= len(lines) - 1


_SENTENCE_END_CHARS = (".", "!", "?", ":", ";")


def _looks_like_pdf_table(lines: list[str]) -> bool:
    """PDF tables come out as one line per row without cell separators: short lines with figures
    that do not end like sentences."""
    if len(lines) < 3:
        return False
    rows = [line for line in lines if not line.endswith(_SENTENCE_END_CHARS) and any(c.isdigit() for c in line)]
    # wrapped prose continues in lower case on the next line; table rows start anew
    continued = sum(
        1
        for first, second in itertools.pairwise(lines)
        if not first.endswith(_SENTENCE_END_CHARS) and second[:1].islower()
    )
    return len(rows) >= 0.6 * len(lines) and continued <= 0.2 * len(lines)


def _shorten(sentence: str) -> str:
    if len(sentence) <= MAX_UNIT_CHARS:
        return sentence
    return sentence[:MAX_UNIT_CHARS].rsplit(" ", 1)[0] + " …"


def _row_as_text(header: str, row: str) -> str:
    """„Stadtteil: Nord; Plätze: 420; Bedarf: 480“ reads better in an answer than a bare row."""
    names = [h.strip() for h in header.split("|")]
    values = [v.strip() for v in row.split("|")]
    if len(names) != len(values):
        return row
    pairs = [f"{n}: {v}" if n else v for n, v in zip(names, values, strict=True) if v]
    return "; ".join(pairs)
