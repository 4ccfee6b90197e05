"""Candidate answer units cut from retrieved passages: sentences, and table rows with their header."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from assistant.ingest.chunking import split_sentences
from assistant.models import SearchHit


@dataclass(frozen=True)
class Unit:
    text: str  # what is shown in the answer
    context: str  # what is scored (a table row with its header row)
    hit_index: int  # which passage it comes from (0-based rank)
    position: int  # order inside the passage
    span: int = 1  # number of sentences
    row_label: str | None = None  # first cell, for table rows


def _is_table(lines: list[str]) -> bool:
    return len(lines) >= 2 and sum("|" in line for line in lines) >= len(lines) - 1


def units_from_hits(hits: list[SearchHit], max_chars: int = 400) -> list[Unit]:
    units: list[Unit] = []
    for index, hit in enumerate(hits):
        position = 0
        for block in hit.text.split("\n\n"):
            lines = [line.strip() for line in block.splitlines() if line.strip()]
            if _is_table(lines) or _looks_like_pdf_table(lines):
                caption = ""
                if "|" not in lines[0] and len(lines) > 2 and "|" in lines[1]:
                    caption, lines = lines[0], lines[1:]  # „Tabelle 8: …“ above the header row
                header = lines[0]
                # the header row alone answers nothing; every data row carries it as context
                for row in lines[1:]:
                    text = _row_as_text(header, row) if "|" in row else row
                    context = f"{hit.title}\n{hit.section}\n{caption}\n{header}\n{row}".strip()
                    label = row.split("|", 1)[0].strip() if "|" in row else None
                    units.append(Unit(text, context, index, position, row_label=label))
                    position += 1
                continue
            sentences = [_shorten(x.strip(), max_chars) for x in split_sentences(" ".join(lines))]
            sentences = [x for x in sentences if len(x) >= 12]
            for number, sentence in enumerate(sentences):
                # title and section heading are context for scoring („Stellenplan 2026 > Übersicht …“)
                units.append(Unit(sentence, f"{hit.title}\n{hit.section}\n{sentence}", index, position))
                if number + 1 < len(sentences):
                    # two neighbouring sentences answer „wie hoch … und wie weit …“ together, and a
                    # second sentence starting with „Sie …“ needs its predecessor to make sense
                    pair = f"{sentence} {sentences[number + 1]}"
                    units.append(Unit(pair, f"{hit.title}\n{hit.section}\n{pair}", index, position, span=2))
                position += 1
    return units


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


def _shorten(sentence: str, max_chars: int) -> str:
    return sentence if len(sentence) <= max_chars else sentence[:max_chars].rsplit(" ", 1)[0] + " …"


def _row_as_text(header: str, row: str) -> str:
    """„Stadtteil: Nord; Plätze: 420; Bedarf: 480“ reads better in an answer than a bare row."""
    names = [h.strip() for h in header.split("|")]
    values = [v.strip() for v in row.split("|")]
    if len(names) != len(values):
        return row
    pairs = [f"{n}: {v}" if n else v for n, v in zip(names, values, strict=True) if v]
    return "; ".join(pairs)
