"""Facts for drafts: the figure of a fact (a baseline suggestion) is read correctly."""

from __future__ import annotations

import pytest

from assistant.drafting.facts import Fact
from assistant.models import SearchHit

HIT = SearchHit(rank=1, chunk_id="c", doc_id="d", title="T", page=None, score=1.0, text="")


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Der Anteil liegt 2024 bei 7,1 Prozent.", (7.1, "%", 2024)),
        ("Jahr: 2023; Einwohner: 68.104; Veränderung zum Vorjahr: +54.", (68104.0, None, 2023)),
        ("Bis 2030 entstehen 200 zusätzliche Betreuungsplätze.", (200.0, None, 2030)),
        ("Im Jahr 2030 sind es 12 % weniger.", (12.0, "%", 2030)),
        ("Das strategische Ziel Z3: Der CO2-Ausstoß sinkt um 40 Prozent gegenüber 2020.", (40.0, "%", 2020)),
        ("Der Fehlbetrag beträgt 4,2 Mio. Euro.", (4.2, "Mio. EUR", None)),
        ("Der Ergebnishaushalt 2026 sieht −3,1 Mio. Euro vor.", (-3.1, "Mio. EUR", 2026)),
        ("Es gibt 1.250 Wohnungen mit Bindung.", (1250.0, "Wohnungen", None)),
        ("Nur die Jahre 2026 und 2035.", (None, None, None)),
    ],
)
def test_figure(text, figure):
    assert Fact(text, HIT, 1.0).figure() == figure


def test_misread_table_rows_are_no_facts():
    from assistant.drafting.facts import _usable_row

    assert _usable_row("Stadtteil: Nord; Plätze 2025: 420; Bedarf 2030: 480")
    assert not _usable_row("Ergebnis 2016: Ergebnis 2017; =: =; 2,49 Mio. Euro: 0,93 Mio.")  # header row misread
    assert not _usable_row(": -; Die offene Jugendarbeit bietet Beratung")
    assert not _usable_row("Stadtteil: Nord; Bemerkung: offen")  # no figure


def test_a_slide_bullet_is_whole_but_a_cut_sentence_is_not():
    from assistant.drafting.facts import _whole_item

    passage = "Thema Wohnen\n• Anzahl der Sozialwohnungen: ca. 1800 (50 % städtisch)\nDie Stadt baut 120 Wohnungen."
    assert _whole_item("Anzahl der Sozialwohnungen: ca. 1800 (50 % städtisch)", passage)
    assert not _whole_item("baut 120 neue", passage)
    assert not _whole_item("Die Stadt baut 120", passage)


def test_years_and_item_numbers_are_no_quantities():
    from assistant.drafting.facts import _has_quantity

    assert _has_quantity("Die Stadt hat 41.000 Einwohner.") and _has_quantity("Die Quote liegt bei 7 %.")
    assert not _has_quantity("Haushaltskonsolidierung Rödermark 2013 - 2018.")
    assert not _has_quantity("TOP 1: Städtische Jugendsozialarbeit.")
    assert not _has_quantity("Es kamen die Mitarbeiter des Jugendtreffs in der Lindenstraße 14.")
    assert not _has_quantity("Der Treff ist montags von 16:00 Uhr bis 19:30 Uhr offen.")
