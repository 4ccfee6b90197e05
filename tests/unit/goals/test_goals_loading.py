"""Loaders: YAML (with line numbers), JSON, Excel; schema errors in German with file, line and path."""

from __future__ import annotations

import json

import pytest

from assistant.errors import UserError
from assistant.goals.loading import GoalSetSchemaError, load_goal_set
from tests.unit.goals.helpers import EXAMPLE, example, write

MINIMAL = """\
kommune: Testdorf
titel: Teststrategie
handlungsfelder:
  - id: H1
    name: Feld
ziele:
  - id: Z1
    titel: Das Dorf hat einen Laden.
    handlungsfeld: H1
    prioritaet: B
"""


def schema_error(tmp_path, text: str, name: str = "ziele.yaml") -> GoalSetSchemaError:
    with pytest.raises(GoalSetSchemaError) as info:
        load_goal_set(write(tmp_path, name, text))
    error = info.value
    assert isinstance(error, UserError) and error.exit_code == 2
    assert name in str(error)
    return error


def test_minimal_file_loads_everything_else_is_optional(tmp_path):
    goal_set = load_goal_set(write(tmp_path, "ziele.yaml", MINIMAL)).goal_set
    assert goal_set.goals[0].priority == "B" and goal_set.goals[0].indicators == []
    assert goal_set.status == "entwurf" and goal_set.context == "normal"


def test_unknown_key_names_line_path_and_closest_key(tmp_path):
    error = schema_error(tmp_path, MINIMAL.replace("    prioritaet: B", "    prioritat: B"))
    assert (error.line, error.path) == (10, "ziele[0].prioritat")
    assert "Zeile 10" in str(error) and "meinten Sie „prioritaet“?" in str(error)


def test_wrong_type_and_value_outside_the_allowed_set(tmp_path):
    text = MINIMAL.replace("prioritaet: B", "prioritaet: D\n    zieljahr: bald")
    error = schema_error(tmp_path, text)
    messages = [issue.describe() for issue in error.issues]
    assert messages[0].startswith("Zeile 10, ziele[0].prioritaet: Unzulässiger Wert „D“; erlaubt sind: A, B, C")
    assert messages[1] == "Zeile 11, ziele[0].zieljahr: ganze Zahl erwartet, gefunden „bald“."


def test_missing_required_values(tmp_path):
    error = schema_error(tmp_path, MINIMAL.replace("    titel: Das Dorf hat einen Laden.\n", ""))
    assert error.path == "ziele[0].titel" and error.line == 7 and "Pflichtangabe „titel“ fehlt" in str(error)
    error = schema_error(tmp_path, MINIMAL.replace("    handlungsfeld: H1\n", ""))
    assert error.path == "ziele[0].handlungsfeld"


def test_constraints_need_no_field_and_enum_values_are_lenient(tmp_path):
    text = MINIMAL + "  - {id: R1, titel: Nichts ohne Deckung., art: Restriktion}\n"
    text = text.replace("prioritaet: B", "prioritaet: b")
    goal_set = load_goal_set(write(tmp_path, "ziele.yaml", text)).goal_set
    assert goal_set.goals[1].kind == "restriktion" and goal_set.goals[0].priority == "B"


def test_duplicate_ids_share_one_namespace(tmp_path):
    error = schema_error(tmp_path, MINIMAL.replace("id: Z1", "id: H1"))
    assert error.path == "ziele[0].id" and error.line == 7
    assert "„H1“ ist doppelt vergeben (schon bei handlungsfelder[0])" in str(error)


def test_references_to_unknown_ids(tmp_path):
    text = MINIMAL.replace("handlungsfeld: H1", "handlungsfeld: H2") + (
        "fachstrategien:\n  - id: FS\n    ziele:\n      - {id: F1, titel: Laden offen., beitrag_zu: [Z9]}\n"
    )
    error = schema_error(tmp_path, text)
    paths = [issue.path for issue in error.issues]
    assert paths == ["ziele[0].handlungsfeld", "fachstrategien[0].ziele[0].beitrag_zu[0]"]
    assert "unbekanntes Handlungsfeld „H2“" in str(error)
    assert "unbekanntes Ziel „Z9“; vorhanden sind: Z1, F1" in str(error)
    assert error.issues[1].origin.line == 14


def test_invalid_yaml_names_the_line(tmp_path):
    error = schema_error(tmp_path, "kommune: X\ntitel: [offen\nziele: []\n")
    assert error.line == 3 and "Kein gültiges YAML" in str(error)
    error = schema_error(tmp_path, "kommune: X\ntitel: a: b\n")
    assert error.line == 2 and "Doppelpunkt" in str(error)


def test_duplicate_yaml_keys_are_reported(tmp_path):
    error = schema_error(tmp_path, MINIMAL + "kommune: Nochmal\n")
    assert error.line == 11 and "„kommune“ steht doppelt (zuerst in Zeile 1)" in str(error)


def test_unreadable_files(tmp_path):
    with pytest.raises(GoalSetSchemaError, match="nicht gefunden"):
        load_goal_set(tmp_path / "fehlt.yaml")
    with pytest.raises(GoalSetSchemaError, match="Dateiformat"):
        load_goal_set(write(tmp_path, "ziele.txt", MINIMAL))
    assert "leer" in str(schema_error(tmp_path, ""))
    assert "kein Zielsystem" in str(schema_error(tmp_path, "- a\n- b\n"))


def test_json_loads_the_same_goal_set_with_string_year_keys(tmp_path):
    data = json.loads(json.dumps(example(), default=str))
    assert data["ziele"][0]["ressourcen"]["budget_eur"] == {"2026": 2400000, "2027": 2600000}
    from_json = load_goal_set(write(tmp_path, "ziele.json", json.dumps(data, ensure_ascii=False))).goal_set
    assert from_json == load_goal_set(EXAMPLE).goal_set
    assert from_json.goals[0].resources.budget_eur == {2026: 2400000.0, 2027: 2600000.0}


def test_json_errors_name_the_line_too(tmp_path):
    error = schema_error(tmp_path, '{"kommune": "X",\n "titel": "T" "ziele": []}', name="ziele.json")
    assert error.line == 2 and "Kein gültiges JSON: Komma fehlt" in str(error)
    goals = [{"id": "Z1", "titel": "t", "art": "restriktion", "rang": 0}]
    text = json.dumps({"kommune": "X", "titel": "T", "handlungsfelder": [], "ziele": goals}, indent=1)
    error = schema_error(tmp_path, text, name="ziele.json")
    assert error.path == "ziele[0].rang" and error.line == 10 and "mindestens 1" in str(error)


def test_horizon_as_a_year_span(tmp_path):
    for span in ("2026-2035", "2026 – 2035", "2026 bis 2035"):
        text = MINIMAL + f"zeithorizont: {span}\n"
        horizon = load_goal_set(write(tmp_path, "ziele.yaml", text)).goal_set.horizon
        assert (horizon.start, horizon.end) == (2026, 2035)


def test_german_numbers_and_words():
    from assistant.goals.coercion import boolean, parse_german_number

    assert parse_german_number("7,1") == 7.1
    assert parse_german_number("1.200.000") == 1200000
    assert parse_german_number("1.200,50 €") == 1200.5
    assert parse_german_number("-4,2") == -4.2
    assert parse_german_number("zwei") is None
    assert (boolean("ja"), boolean("X"), boolean("nein")) == (True, True, False)
