"""The Stand a document states and its type, from the text."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.ingest.metadata import find_stand, guess_doc_type


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bericht\nStand: 15. März 2026\nInhalt", date(2026, 3, 15)),
        ("Niederschrift\nBesprechung am: | 15.11.2023 | Beginn: | 18:30", date(2023, 11, 15)),
        ("Vorlage zur Sitzung vom 3.2.2025", date(2025, 2, 3)),
        ("Satzung vom 20.02.2020 i. d. F. vom 26.02.2026", date(2026, 2, 26)),
        ("Bürgerverein Nord Musterstadt, den 7.7.2022\nHerrn …", date(2022, 7, 7)),
        ("Musterstadt, 27. Januar 2020\nReferat", date(2020, 1, 27)),
        ("15. April 2025\n\nStellungnahme zur Haushaltskonsolidierung", date(2025, 4, 15)),
        ("Im Jahr 1974 gegründet; seit 2010 wächst die Stadt.", None),
        ("Die Frist endet am 31.12.1985.", None),
    ],
)
def test_stand_from_the_head(text, expected):
    assert find_stand(text) == expected


def test_stand_from_title_print_tail_and_footer_in_that_order():
    assert find_stand("Folie", title_lines=["Öffentliche Sitzung 15. Oktober 2025"]) == date(2025, 10, 15)
    assert find_stand("Rede\n…", tail="Vielen Dank.\nMusterstadt, 12.11.2019") == date(2019, 11, 12)
    assert find_stand("Folie", running_lines=["Kämmerer | 13.Februar 2013 | #"]) == date(2013, 2, 13)
    assert find_stand("Stand: 1.3.2026", title_lines=["Sitzung 15.10.2025"]) == date(2026, 3, 1)


def test_no_stand_from_file_name_or_future():
    assert find_stand("Text ohne Datum") is None
    assert find_stand(f"Stand: 1.1.{date.today().year + 5}") is None


@pytest.mark.parametrize(
    ("title", "path", "deck", "expected"),
    [
        ("Stellungnahme zur Haushaltskonsolidierung", "", False, "ratsbeschluss"),
        ("Niederschrift: 2. Sitzung", "", False, "niederschrift"),
        ("Gesamtabschluss 2021", "", False, "haushalt"),
        ("Beteiligungsbericht 2024", "", False, "bericht"),
        ("Bericht zur Bürgerbeteiligung", "", False, "beteiligung"),
        ("Öffentliche Sitzung des Beirats", "", True, "praesentation"),
        ("Doppelhaushalt 2017/2018", "", True, "haushalt"),
        ("Bildung", "06_Bildung.md smart-city-strategie", False, "gesamtstrategie"),
        ("Allerlei", "notizen.txt", False, "dokument"),
    ],
)
def test_doc_type(title, path, deck, expected):
    assert guess_doc_type(title, path, slide_deck=deck) == expected
