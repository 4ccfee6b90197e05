"""Answers a table gives as a whole: the row with the extreme value, the list of its labels."""

from __future__ import annotations

import numpy as np

from assistant.answering.answerability import Decision
from assistant.answering.evidence import Evidence, PassageEvidence, ScoredUnit
from assistant.answering.extractive import ExtractiveGenerator
from assistant.answering.question import QuestionAnalysis
from assistant.answering.tables import cells, extreme_row, label_list, value_of
from assistant.models import SearchHit

LIBRARIES = [
    "Bücherei: Mitte; Medien: 41.000; Ausleihen je Einwohner: 3,1",
    "Bücherei: Nord; Medien: 12.500; Ausleihen je Einwohner: 4,6",
    "Bücherei: Summe; Medien: 61.700; Ausleihen je Einwohner: 3,4",
    "Bücherei: Süd; Medien: 8.200; Ausleihen je Einwohner: 2,2",
]


def _question(text: str, answer_type: str = "andere") -> QuestionAnalysis:
    return QuestionAnalysis(text, [], [text], [set()], answer_type, set(), np.zeros(2))


def _rows(scores=(0.6, 0.55, 0.5, 0.45), *, hit: int = 0, key_coverage: float = 1.0) -> list[ScoredUnit]:
    rows = []
    for position, (text, score) in enumerate(zip(LIBRARIES, scores, strict=True)):
        row = ScoredUnit(hit, position, text, score, 0.5, 0.5, frozenset({"bucherei"}), True)
        row.row_label, row.key_coverage = cells(row)[0][1], key_coverage
        rows.append(row)
    return rows


def test_cells_read_a_stored_row():
    assert cells(_rows()[0]) == [("Bücherei", "Mitte"), ("Medien", "41.000"), ("Ausleihen je Einwohner", "3,1")]


def test_a_cell_value_keeps_its_sign_and_german_notation():
    assert value_of("−2,6 %") == -2.6 and value_of("+15,1 %") == 15.1 and value_of("41.000 EUR") == 41000
    assert value_of("–") is None


def test_the_row_with_the_extreme_value_of_the_named_column_leaving_out_the_total():
    rows = _rows()
    highest = _question("Welche Bücherei hat die meisten Medien?")
    assert highest.extreme == "max"
    assert extreme_row(highest, rows, 0.0).text.startswith("Bücherei: Mitte")  # not the „Summe“ row
    fewest = _question("Wo sind die Ausleihen je Einwohner am geringsten?")
    assert fewest.extreme == "min"
    assert extreme_row(fewest, rows, 0.0).text.startswith("Bücherei: Süd")
    most_loans = _question("Welche Bücherei hat die höchsten Ausleihen je Einwohner?")
    assert extreme_row(most_loans, rows, 0.0).text.startswith("Bücherei: Nord")


def test_no_extreme_row_without_a_superlative_a_named_column_or_a_good_enough_table():
    rows = _rows()
    assert _question("Wie viele Medien hat die Bücherei Nord?").extreme is None
    assert extreme_row(_question("Wie viele Medien hat die Bücherei Nord?"), rows, 0.0) is None
    assert extreme_row(_question("Welche Bücherei ist am größten?"), rows, 0.0) is None  # no column named
    assert extreme_row(_question("Welche Bücherei hat die meisten Medien?"), rows, 0.9) is None  # rows score low


def test_the_labels_of_a_table_whose_first_column_the_focus_names():
    listed = label_list(_question("In welchen Büchereien gibt es Medien?"), _rows())
    assert listed is not None and listed.text == "Bücherei: Mitte, Nord, Süd" and listed.row_label is None
    assert label_list(_question("Welche Medien gibt es in den Büchereien?"), _rows()) is None  # focus: Medien
    assert label_list(_question("In welchen Büchereien gibt es Medien?"), _rows(key_coverage=0.5)) is None
    counted = _question("In welchen Büchereien gibt es wie viele Medien?", answer_type="menge")
    assert label_list(counted, _rows()) is None  # a figure is asked for


def test_a_superlative_answer_leads_with_the_extreme_row():
    intro = ScoredUnit(1, 0, "Die Büchereien haben zusammen viele Medien.", 0.7, 0.5, 0.5, frozenset(), True)
    rows = _rows(hit=0)
    hits = [SearchHit(rank=i + 1, chunk_id=f"c{i}", doc_id="d", title="T", page=1, score=1.0, text="x")
            for i in range(2)]  # fmt: skip
    evidence = Evidence(_question("Welche Bücherei hat die meisten Medien?"), hits, [intro, *rows],
                        [PassageEvidence(0.5, frozenset(), True)] * 2)  # fmt: skip
    text = "".join(ExtractiveGenerator(max_sentences=1).generate("", evidence, [], Decision("beantwortet", 0.9, "")))
    assert text == "Bücherei: Mitte; Medien: 41.000; Ausleihen je Einwohner: 3,1 [1]."
