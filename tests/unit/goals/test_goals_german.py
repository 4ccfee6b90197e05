"""GQ-01 lemmatiser and lexicon, GQ-03 generic phrasing."""

from __future__ import annotations

import pytest

from assistant.goals.german import generic_phrase, measure_signal, verb_lemma

MEASURES = [
    ("Bis 2028 wird eine neue Feuerwache errichtet.", "errichtet"),
    ("Errichtung einer neuen Feuerwache bis 2028", "Errichtung"),
    ("Das Radwegenetz ist bis 2030 auszubauen.", "auszubauen"),
    ("Ausbau des Glasfasernetzes in allen Ortsteilen", "Ausbau"),
    ("Modernisierung der Stadtverwaltung", "Modernisierung"),
    ("Ein Konzept für die Innenstadt erarbeiten", "erarbeiten"),
    ("Bis 2027 ein Mobilitätskonzept erarbeiten.", "erarbeiten"),
    ("Die Stadt baut das Radwegenetz bis 2030 aus.", "baut … aus"),
    ("Die Verwaltung führt bis 2027 die E-Akte ein.", "führt … ein"),
    ("Wir sanieren alle Schulgebäude bis 2030.", "sanieren"),
    ("Musterstadt hat bis 2026 ein neues Hallenbad errichtet.", "errichtet"),
    ("Das Hallenbad soll bis 2028 saniert werden.", "saniert"),
    ("Ziel ist es, das Radwegenetz auszubauen.", "auszubauen"),
    ("Bildungssystem modernisieren", "modernisieren"),
    ("Die Schulsanierung ist bis 2030 abgeschlossen.", "Schulsanierung"),
    ("Der Glasfaserausbau wird bis 2028 abgeschlossen.", "Glasfaserausbau"),
    ("Machbarkeitsstudie für ein Kombibad", "Machbarkeitsstudie"),
    ("Musterstadt verfügt über ein Klimaschutzkonzept.", "Klimaschutzkonzept"),
    ("Förderung des Ehrenamts", "Förderung"),
    ("Mobilität: Ausbau des ÖPNV-Angebots", "Ausbau"),
    ("Es werden jährlich 250 Wohnungen gebaut.", "gebaut"),
    ("Die Digitalisierung der Verwaltung wird vorangetrieben.", "vorangetrieben"),
]

STATES = [
    "Der Anteil der Jugendlichen, die die Schule ohne Abschluss verlassen, sinkt bis 2030 auf 4 Prozent.",
    "Musterstadt hat bezahlbaren Wohnraum für alle Generationen.",
    "Musterstadt ist ein gefragter Standort für Unternehmen und Fachkräfte.",
    "Freie Stellen der Stadtverwaltung sind innerhalb von drei Monaten wieder besetzt.",
    "Der Ergebnishaushalt ist ab 2028 ohne Fehlbetrag ausgeglichen.",
    "Der Anteil der sanierten Gebäude steigt auf 60 Prozent.",
    "Der Anteil energetisch sanierter Schulgebäude steigt bis 2030 auf 80 Prozent.",
    "Der Anteil der Wohnungen, die energetisch saniert sind, steigt auf 50 Prozent.",
    "Die Zahl der gebauten Wohnungen steigt auf 250 pro Jahr.",
    "Die Einwohnerzahl entwickelt sich stabil.",
    "Die Entwicklung der Steuereinnahmen ist positiv.",
    "Das Radwegenetz ist gut ausgebaut.",
    "Das Hallenbad ist nach der Sanierung wieder ganzjährig geöffnet.",
    "Die Einrichtungen der Kinderbetreuung sind barrierefrei.",
    "Leistungserweiterungen sind haushalterisch gegenfinanziert.",
    "Musterstadt ist digital gut aufgestellt.",
    "Weniger Jugendliche verlassen die Schule ohne Abschluss.",
]


@pytest.mark.parametrize(("title", "word"), MEASURES)
def test_measures_are_recognised_in_every_form(title, word):
    signal = measure_signal(title)
    assert signal is not None, title
    assert signal.word == word


@pytest.mark.parametrize("title", STATES)
def test_state_phrasing_is_not_a_measure(title):
    assert measure_signal(title) is None


@pytest.mark.parametrize(
    ("form", "lemma"),
    [("errichtet", "errichten"), ("errichten", "errichten"), ("auszubauen", "ausbauen"),
     ("ausgebaut", "ausbauen"), ("gebaut", "bauen"), ("geschaffen", "schaffen"),
     ("ausgeschrieben", "ausschreiben"), ("entwickelt", "entwickeln"), ("modernisiert", "modernisieren"),
     ("errichteten", None), ("sanierte", None), ("ausgebaute", None), ("steigt", None)],
)  # fmt: skip
def test_verb_lemma(form, lemma):
    assert verb_lemma(form) == lemma


@pytest.mark.parametrize(
    ("title", "phrase"),
    [("Musterstadt ist eine lebenswerte Stadt für alle.", "lebenswerte"),
     ("Musterstadt ist attraktiv.", "attraktiv"), ("Eine familienfreundliche Stadt", "familienfreundliche"),
     ("Eine Stadt für alle", "für alle"), ("Der Anteil sinkt auf 4 Prozent.", None),
     ("Die Mieten sind für alle Einkommensgruppen tragbar.", None)],
)  # fmt: skip
def test_generic_phrase(title, phrase):
    assert generic_phrase(title) == phrase
