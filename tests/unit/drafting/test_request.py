"""Draft request files: every mistake is one German message with the file (and line where YAML breaks)."""

from __future__ import annotations

import json

import pytest

from assistant.drafting.request import load_request, parse_request
from assistant.errors import UserError
from tests.conftest import KNOWLEDGE

GOOD = """kommune: Musterstadt
zeithorizont:
  von: 2026
  bis: 2035
handlungsfelder:
  - name: Bildung, Familien und Jugend
    schwerpunkte: [Schulabgänger ohne Abschluss]
werte: [Chancengleichheit]
"""


def _load(tmp_path, text: str, name: str = "anfrage.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_request(path)


def _error(tmp_path, text: str, name: str = "anfrage.yaml") -> str:
    with pytest.raises(UserError) as error:
        _load(tmp_path, text, name)
    assert error.value.exit_code == 2
    message = str(error.value)
    assert message.startswith(str(tmp_path / name))
    assert "\n" not in message
    return message[len(str(tmp_path / name)) :]


def test_good_request(tmp_path):
    request = _load(tmp_path, GOOD)
    assert request.kommune == "Musterstadt"
    assert (request.zeithorizont.von, request.zeithorizont.bis) == (2026, 2035)
    assert request.handlungsfelder[0].schwerpunkte == ["Schulabgänger ohne Abschluss"]
    assert request.werte == ["Chancengleichheit"] and request.zielsystem is None


def test_shipped_example_resolves_its_goal_set_relative_to_the_file():
    request = load_request(KNOWLEDGE / "entwurf-anfrage.yaml")
    assert request.zielsystem == (KNOWLEDGE / "zielsysteme" / "beispiel-zielsystem.yaml").resolve()
    assert len(request.handlungsfelder) == 5


def test_json_request(tmp_path):
    data = {
        "kommune": "Musterstadt",
        "zeithorizont": {"von": 2026, "bis": 2030},
        "handlungsfelder": [{"name": "Wohnen"}],
    }
    assert _load(tmp_path, json.dumps(data), "anfrage.json").zeithorizont.bis == 2030


def test_invalid_yaml_names_the_line(tmp_path):
    text = GOOD.replace("  bis: 2035", "  bis: [2035")
    message = _error(tmp_path, text)
    assert message.startswith(", Zeile ")
    line = int(message.split("Zeile ")[1].split(":")[0])
    assert line in (4, 5)  # the unclosed bracket is on line 4; YAML notices it on the next line
    assert "kein gültiges YAML" in message


def test_tab_indentation_names_the_line(tmp_path):
    message = _error(tmp_path, GOOD.replace("  - name: Bildung", "\t- name: Bildung"))
    assert message.startswith(", Zeile 6: ")


def test_invalid_json_names_the_line(tmp_path):
    message = _error(tmp_path, '{"kommune": "Musterstadt",\n "zeithorizont": }', "anfrage.json")
    assert message.startswith(", Zeile 2: ")


def test_unknown_key_with_suggestion(tmp_path):
    message = _error(tmp_path, GOOD.replace("zeithorizont:", "zeithorizon:"))
    assert "zeithorizon: unbekannter Schlüssel (meinten Sie „zeithorizont“?)" in message
    assert "zeithorizont: fehlt" in message


def test_unknown_nested_key_with_suggestion(tmp_path):
    message = _error(tmp_path, GOOD.replace("schwerpunkte:", "schwerpunkt:"))
    assert "handlungsfelder.0.schwerpunkt: unbekannter Schlüssel (meinten Sie „schwerpunkte“?)" in message


def test_missing_kommune(tmp_path):
    message = _error(tmp_path, GOOD.replace("kommune: Musterstadt\n", ""))
    assert message == ": Die Entwurfsanfrage ist fehlerhaft – kommune: fehlt."


def test_horizon_ending_before_it_starts(tmp_path):
    message = _error(tmp_path, GOOD.replace("von: 2026", "von: 2036"))
    assert message == (
        ": Die Entwurfsanfrage ist fehlerhaft – zeithorizont: zeithorizont.bis liegt vor zeithorizont.von."
    )


ENGLISH = ("Input should", "Value error", "String should", "List should", "valid", "at least", "greater than")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ((GOOD[GOOD.index("handlungsfelder") : GOOD.index("werte")], "handlungsfelder: []\n"), "handlungsfelder:"),
        (("kommune: Musterstadt", "kommune: M"), "kommune:"),
        (("von: 2026", "von: zwanzig"), "zeithorizont.von:"),
        (("von: 2026", "von: 1990"), "zeithorizont.von:"),
        (("werte: [Chancengleichheit]", "werte: Chancengleichheit"), "werte:"),
        (("zeithorizont:\n  von: 2026\n  bis: 2035", "zeithorizont: 2026-2035"), "zeithorizont: Zuordnung erwartet"),
        (
            ("  - name: Bildung, Familien und Jugend\n    schwerpunkte: [Schulabgänger ohne Abschluss]", "  - Bildung"),
            "handlungsfelder.0: Zuordnung erwartet (z. B. „- name: Bildung“",
        ),
    ],
)
def test_type_and_range_errors_are_german(tmp_path, change, expected):
    message = _error(tmp_path, GOOD.replace(*change))
    assert expected in message
    assert not any(word in message for word in ENGLISH), message


def test_missing_goal_set(tmp_path):
    message = _error(tmp_path, GOOD + "zielsystem: fehlt.yaml\n")
    assert message == f": Das Zielsystem {tmp_path / 'fehlt.yaml'} wurde nicht gefunden."


@pytest.mark.parametrize("text", ["", "- kommune: Musterstadt\n", "nur ein Satz\n"])
def test_not_a_mapping(tmp_path, text):
    assert "muss eine Zuordnung mit Schlüsseln wie „kommune“ sein" in _error(tmp_path, text)


def test_missing_file(tmp_path):
    with pytest.raises(UserError, match=r"Die Entwurfsanfrage .*fehlt\.yaml wurde nicht gefunden\."):
        load_request(tmp_path / "fehlt.yaml")


def test_parse_request_without_base_dir_keeps_relative_goal_set_and_checks_it():
    with pytest.raises(UserError, match="wurde nicht gefunden"):
        data = {
            "kommune": "M-Stadt",
            "zeithorizont": {"von": 2026, "bis": 2035},
            "handlungsfelder": [{"name": "Wohnen"}],
        }
        parse_request({**data, "zielsystem": "gibt/es/nicht.yaml"}, "Formular")
