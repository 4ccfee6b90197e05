"""Names recognised by their writing (two capitalised words, or a form of address before one)."""

from __future__ import annotations

import pytest

from assistant.text.names import names_someone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Den Vorsitz übernimmt Luise Weber.", True),
        ("Herr Sommer vom Bauamt berichtet.", True),
        ("Dr. Yilmaz stellt die Zahlen vor.", True),
        ("Die Ausschreibung gewann die Musterbau GmbH.", True),
        ("Der Antrag wurde im Ausschuss beraten.", False),  # one capitalised noun at a time
        ("Im Jahr 2025 wird das Bad saniert.", False),  # an article or preposition names nobody
        ("Das Bad öffnet 2027.", False),
    ],
)
def test_a_name_is_two_capitalised_words_or_an_address_and_a_name(text, expected):
    assert names_someone(text) is expected


def test_a_name_the_question_already_gives_is_no_answer():
    known = {"luise", "weber"}
    assert not names_someone("Luise Weber leitet das Amt.", known)
    assert names_someone("Luise Weber folgt Jan Ott.", known)
