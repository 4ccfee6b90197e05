"""Titles users recognise: junk metadata detected, the first page's print and fallbacks in order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.ingest.titles import (
    choose_title,
    is_junk,
    office_export_name,
    prominent_lines,
    title_from_file_name,
    title_from_lines,
)


@dataclass
class Line:
    text: str
    size: float


@pytest.mark.parametrize(
    "title",
    [
        "Microsoft Word - HH19-G.docx",
        "(Microsoft Word - Protokoll Ausschuss)",
        "Microsoft PowerPoint - 0180A82E",
        "PowerPoint-Präsentation",
        "| | 03.11.2025",
        "09.12.2025",
        "STADT RÖDERMARK",
        "Stadt Musterhausen",
        "Beteiligungsbericht_2024",
        "2023-11-15 Bericht Stadtrat - Teil_2.pptx [Schreibgeschützt]",
        "Inhaltsverzeichnis",
        "\x01\x01\x01 N",
        "",
        None,
    ],
)
def test_junk_titles(title):
    assert is_junk(title)


@pytest.mark.parametrize(
    "title",
    ["Haushaltsrede zum Haushalt 2026", "Doppelhaushalt 2017/2018", "Gesamtabschluss 2021", "Kita-Bedarfsplan"],
)
def test_real_titles_are_kept(title):
    assert not is_junk(title)


def test_office_export_name_strips_prefix_and_extension():
    assert office_export_name("Microsoft Word - Niederschrift 3. Sitzung.docx") == "Niederschrift 3. Sitzung"
    assert office_export_name("Haushaltsplan 2026") is None


def test_largest_print_over_two_lines_without_the_date():
    lines = [Line("Öffentliche Sitzung des", 44), Line("Ausschusses für Umwelt", 44.1), Line("15.06.2023", 44),
             Line("Referent: Herr Muster", 18)]  # fmt: skip
    assert title_from_lines(lines) == "Öffentliche Sitzung des Ausschusses für Umwelt"


def test_year_in_title_size_belongs_to_the_title():
    assert title_from_lines([Line("Jahresabschluss", 26), Line("2024", 26), Line("Seite 1", 10)]) == (
        "Jahresabschluss 2024"
    )


def test_kind_only_title_gets_its_subject():
    lines = [Line("Musterstadt, 27. Januar 2020", 11), Line("Niederschrift", 21), Line("Ergebnis:", 18),
             Line("Ort: Rathaus", 11), Line("Thema: 4. Sitzung des Sozialausschusses", 12),
             Line("Anwesend: …", 11)]  # fmt: skip
    assert title_from_lines(lines) == "Niederschrift: 4. Sitzung des Sozialausschusses"


def test_letter_in_one_size_uses_its_subject_line():
    lines = [Line("Bürgerverein Nord Musterstadt, den 1.2.2024", 11), Line("Herrn Bürgermeister", 11),
             Line("Antrag: Sanierung des Sportplatzes an der Schule", 11), Line("Sehr geehrter Herr …", 11),
             Line("wir beantragen …", 11)]  # fmt: skip
    assert title_from_lines(lines) == "Antrag: Sanierung des Sportplatzes an der Schule"


def test_order_metadata_then_print_then_heading_then_file_name(tmp_path):
    path = tmp_path / "HH_2026_final.pdf"
    lines = [Line("Haushaltsplan 2026", 30), Line("Entwurf", 12), Line("Text", 11), Line("Mehr Text", 11)]
    assert choose_title(path, metadata_title="Haushalt der Stadt 2026", first_page_lines=lines) == (
        "Haushalt der Stadt 2026"
    )
    assert choose_title(path, metadata_title="Microsoft Word - HH26.docx", first_page_lines=lines) == (
        "Haushaltsplan 2026"
    )
    assert choose_title(path, metadata_title="PowerPoint-Präsentation", first_heading="3 Ergebnisplan") == (
        "3 Ergebnisplan"
    )
    assert choose_title(path, metadata_title="Microsoft Word - Bericht Kitaplätze") == "Bericht Kitaplätze"
    assert choose_title(path) == "HH 2026 final"


def test_file_name_cleaned():
    assert title_from_file_name(Path("SBR_2021-04-14_Anhang_Plan.pdf")) == "SBR 2021-04-14 Anhang Plan"


def test_prominent_lines_are_the_large_print():
    lines = [Line("Titel der Präsentation", 40), Line("Musterstadt, 22.01.2020", 32), Line("Text", 11)]
    assert prominent_lines(lines) == ["Titel der Präsentation", "Musterstadt, 22.01.2020"]
