"""Answers that a table gives as a whole, not by one of its rows' words.

- „Welche Schule hat die *meisten* Plätze?“: the row with the extreme value in the column the question
  names.
- „An *welchen Schulen* …?“: the values of the label column (the first one) whose name is the question's
  focus, listed.

Rows are the stored units „Spalte: Wert; Spalte: Wert; …“ (:func:`assistant.text.units.split_units`); rows of
one table share their passage and their column names.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.answering.evidence import ScoredUnit
from assistant.answering.question import QuestionAnalysis, focus_terms
from assistant.text.german import base_terms, stem
from assistant.text.numbers import FIGURE, parse_german_number

# rows that add up the others („Summe“, „Gesamtstadt“, „Insgesamt“) are no candidates
_TOTAL_PREFIXES = ("summe", "gesamt", "insgesamt", "total", "stadt gesamt")


def cells(row: ScoredUnit) -> list[tuple[str, str]]:
    """(column name, value) of a stored row („Schule: Nord; Plätze: 420“); cells without a name are skipped."""
    found = []
    for cell in row.text.split("; "):
        name, colon, value = cell.partition(": ")
        if colon:
            found.append((name.strip(), value.strip()))
    return found


def _table_of(lead: ScoredUnit, units: list[ScoredUnit]) -> list[ScoredUnit]:
    """The rows of ``lead``'s table among ``units`` (same passage, same first column), each once, totals left out."""
    first = cells(lead)[0][0]
    rows: dict[int, ScoredUnit] = {}
    for unit in units:
        if unit.row_label is None or unit.hit_index != lead.hit_index or unit.span != 1:
            continue
        named = cells(unit)
        if named and named[0][0] == first and not named[0][1].lower().startswith(_TOTAL_PREFIXES):
            rows.setdefault(unit.position, unit)
    return [rows[position] for position in sorted(rows)]


def value_of(cell: str) -> float | None:
    """The first figure of a cell as a number, with its sign („−2,6 %“ → −2.6, „41.000“ → 41000)."""
    text = cell.replace("\u2212", "-")
    figure = FIGURE.search(text)
    if figure is None:
        return None
    sign = -1 if text[: figure.start()].strip().endswith("-") else 1
    parsed = parse_german_number(figure.group(0))
    return None if parsed is None else sign * float(parsed)


def _lead_row(units: list[ScoredUnit]) -> ScoredUnit | None:
    return next((u for u in units if u.row_label is not None and len(cells(u)) >= 2), None)


def extreme_row(question: QuestionAnalysis, units: list[ScoredUnit], least_score: float) -> ScoredUnit | None:
    """The row with the highest (lowest) value in the asked column of the best table, when the question asks for
    an extreme and that table's best row scores at least ``least_score``."""
    direction = question.extreme
    lead = _lead_row(units)
    if direction is None or lead is None or lead.score < least_score:
        return None
    rows = _table_of(lead, units)
    asked = set(base_terms(question.text))
    overlaps = {name: len(asked & set(base_terms(name))) for name, _ in cells(lead)[1:]}
    column = max(overlaps, key=lambda name: overlaps[name], default=None)
    if column is None or overlaps[column] == 0:
        return None
    valued = [(value, row) for row in rows for name, text in cells(row)
              if name == column and (value := value_of(text)) is not None]  # fmt: skip
    if len(valued) < 2:
        return None
    pick = max if direction == "max" else min
    return pick(valued, key=lambda pair: pair[0])[1]


def label_list(question: QuestionAnalysis, units: list[ScoredUnit]) -> ScoredUnit | None:
    """„Schule: Nord, Süd, West“ when the question's focus names the label column of the best table and its
    rows hold all of the question's key words (with their caption and header)."""
    if question.extreme is not None or question.answer_type != "andere":
        return None
    lead = _lead_row(units)
    if lead is None or lead.key_coverage < 1.0:
        return None
    column = cells(lead)[0][0]
    focus = {stem(term) for term in focus_terms(question.text)}
    if not focus & {stem(term) for term in base_terms(column)}:
        return None
    rows = _table_of(lead, units)
    labels = list(dict.fromkeys(cells(row)[0][1] for row in rows))
    if len(labels) < 2:
        return None
    covers = frozenset().union(*(row.covers for row in rows))
    return replace(lead, text=f"{column}: {', '.join(labels)}", covers=covers, row_label=None, has_type=True)
