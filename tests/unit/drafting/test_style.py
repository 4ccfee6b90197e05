"""Leitbild style checks: intentions instead of achieved states, long sentences."""

from __future__ import annotations

import pytest

from assistant.answering.fakes import FakeChatModel
from assistant.drafting import templates
from assistant.drafting.style import MAX_AVERAGE_WORDS, style_warnings, words


def test_good_leitbild_text_has_no_warnings():
    text = "Musterstadt hat bezahlbaren Wohnraum für alle Generationen. Familien finden wohnortnah einen Kitaplatz [2]."
    assert style_warnings("Leitbild", text) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Wir wollen bezahlbaren Wohnraum schaffen.",
        "Die Stadt will bis 2035 klimaneutral werden.",
        "Musterstadt soll eine digitale Verwaltung haben.",
        "Wir streben einen ausgeglichenen Haushalt an.",
        "Wir planen neue Radwege.",
    ],
)
def test_intentions_are_flagged(sentence):
    [warning] = style_warnings("Leitbild", f"Musterstadt hat viele Parks. {sentence}")
    assert warning.startswith(f"Leitbild: „{sentence}“ beschreibt eine Absicht")
    assert "Präsens, Zielzustand" in warning


def test_long_sentences_are_flagged_with_their_average():
    long = " ".join(["Wort"] * 30) + "."
    medium = " ".join(["Satz"] * 14) + "."
    [warning] = style_warnings("Präambel", f"{long} {medium}")
    assert warning == (
        f"Präambel: Die Sätze sind im Schnitt 22 Wörter lang; Leitbildsätze sollten höchstens {MAX_AVERAGE_WORDS} "
        "Wörter haben."
    )
    assert style_warnings("Präambel", f"{long} Kurzer Satz mit fünf Wörtern.") == []  # average 17.5


def test_average_at_the_limit_is_fine_and_markers_do_not_count():
    sentence = " ".join(["Wort"] * MAX_AVERAGE_WORDS) + " [1] [2, 3]."
    assert words(sentence) == MAX_AVERAGE_WORDS
    assert style_warnings("Leitbild", sentence) == []
    assert style_warnings("Leitbild", sentence.replace("Wort [1]", "Wort Wort [1]"))  # 21 words


def test_list_items_are_checked_as_sentences():
    assert style_warnings("Leitbild", "- Wir wollen wachsen.\n- Musterstadt wächst.")


def test_templates_follow_the_style_rules():
    for keywords, _, _ in templates._FIELDS:
        vision, guiding = templates.vision_sentences(keywords[0], "Musterstadt")
        assert style_warnings("Vorlage", " ".join([vision, *guiding])) == []
    preamble = templates.PREAMBLE.format(kommune="Musterstadt", bis=2035, werte="Beteiligung")
    assert style_warnings("Präambel", preamble) == []


def test_draft_reports_intentions_in_llm_written_guiding_sentences(indexed, request_):
    from tests.unit.drafting.test_draft_service import _llm_drafts

    fake = FakeChatModel(responses=["Wir wollen bis 2035 mehr Kitaplätze bauen. Familien finden Hilfe."])
    draft = _llm_drafts(indexed, fake).draft(request_)
    flagged = [w for w in draft.warnings if "beschreibt eine Absicht" in w]
    assert len(flagged) == 1
    assert flagged[0].startswith("Handlungsfeld 1: Bildung, Familien und Jugend")
    assert "„Wir wollen bis 2035 mehr Kitaplätze bauen.“" in flagged[0]


def test_template_draft_has_no_style_warnings(draft):
    assert not [w for w in draft.warnings if "Absicht" in w or "im Schnitt" in w]
