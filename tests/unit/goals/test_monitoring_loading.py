"""Messwerte in every input form (YAML map and list, JSON, Excel) and their schema errors; the check
accepts files with Messwerte and gains KPI-05 and KPI-06."""

from __future__ import annotations

import json

import pytest
import yaml
from openpyxl import load_workbook

from assistant.goals.loading import GoalSetSchemaError, load_goal_set
from assistant.goals.template import write_workbook
from tests.unit.goals.helpers import EXAMPLE, check, example, found, goal, write

HEAD = """\
kommune: Testdorf
titel: Teststrategie
handlungsfelder: [{id: H1}]
ziele:
  - id: Z1
    titel: Der Anteil sinkt.
    handlungsfeld: H1
    kennzahlen:
      - name: Anteil
        basiswert: 7.1
        basisjahr: 2024
"""


def schema_error(tmp_path, text: str, name: str = "ziele.yaml") -> GoalSetSchemaError:
    with pytest.raises(GoalSetSchemaError) as info:
        load_goal_set(write(tmp_path, name, text))
    assert info.value.exit_code == 2 and name in str(info.value)
    return info.value


def test_map_and_list_give_the_same_measurements(tmp_path):
    as_map = load_goal_set(write(tmp_path, "a.yaml", HEAD + "        messwerte: {2025: 6.4, 2024: '7,1'}\n"))
    as_list = load_goal_set(
        write(
            tmp_path,
            "b.yaml",
            HEAD + "        messwerte:\n          - {jahr: 2024, wert: 7.1}\n"
            "          - {jahr: 2025, wert: 6.4, quelle: Schulstatistik, stand: 01.03.2026}\n",
        )
    )
    [a] = as_map.goal_set.goals[0].indicators
    [b] = as_list.goal_set.goals[0].indicators
    assert [(m.year, m.value) for m in a.measurements] == [(2024, 7.1), (2025, 6.4)]  # sorted by year
    assert [(m.year, m.value) for m in b.measurements] == [(2024, 7.1), (2025, 6.4)]
    assert b.measurements[1].source == "Schulstatistik" and str(b.measurements[1].as_of) == "2026-03-01"


def test_json_with_string_year_keys(tmp_path):
    data = example()
    path = write(tmp_path, "ziele.json", json.dumps(data, default=str))
    assert load_goal_set(path).goal_set == load_goal_set(EXAMPLE).goal_set


@pytest.mark.parametrize(
    ("entry", "line", "words"),
    [
        ("        messwerte:\n          2024: 7.1\n          2025: viel\n", 14, ["2025", "keine Zahl", "„viel“"]),
        ("        messwerte:\n          2024: 7.1\n          1890: 7.0\n", 14, ["Unmögliches Jahr 1890", "1990"]),
        ("        messwerte:\n          - {jahr: 2025, wert: x}\n", 13, ["messwerte[0].wert", "Zahl erwartet"]),
        ("        messwerte:\n          - {jahr: 3025, wert: 1}\n", 13, ["Unmögliches Jahr 3025"]),
        ("        messwerte:\n          - {jahr: zwanzig, wert: 1}\n", 13, ["jahr", "ganze Zahl erwartet"]),
        ("        messwerte:\n          - {jahr: 2025, wert: 1}\n          - {jahr: 2025, wert: 2}\n", 12,
         ["2025", "mehrere Messwerte"]),
        ("        messwerte:\n          - {jahr: 2025, wert: 1, kommentar: x}\n", 13,
         ["Unbekannter Schlüssel „kommentar“"]),
    ],
)  # fmt: skip
def test_schema_errors_name_line_and_what_to_fix(tmp_path, entry, line, words):
    error = schema_error(tmp_path, HEAD + entry)
    text = str(error)
    assert error.line == line, text
    for word in words:
        assert word in text


def test_json_errors_name_the_line(tmp_path):
    data = example()
    goal(data, "Z2")["kennzahlen"][0]["messwerte"] = {"2025": "sechs"}
    text = json.dumps(data, indent=1, ensure_ascii=False, default=str)
    error = schema_error(tmp_path, text, "ziele.json")
    assert "Messwert für 2025 ist keine Zahl" in str(error)
    assert text.splitlines()[error.line - 1].strip().startswith('"2025"')


def test_excel_sheet_messwerte_round_trip_and_errors(tmp_path):
    path = tmp_path / "ziele.xlsx"
    write_workbook(path, load_goal_set(EXAMPLE).goal_set)
    assert load_goal_set(path).goal_set == load_goal_set(EXAMPLE).goal_set
    workbook = load_workbook(path)
    sheet = workbook["Messwerte"]
    assert [c.value for c in sheet[1]] == ["ziel", "kennzahl", "jahr", "wert", "quelle", "stand"]
    sheet.append(["Z1", "Anteil Schulabgaenger ohne Abschlus", 2026, 6.0])  # typo in the indicator's name
    sheet.append(["Z9", "Irgendwas", 2026, 6.0])
    rows = sheet.max_row
    workbook.save(path)
    with pytest.raises(GoalSetSchemaError) as info:
        load_goal_set(path)
    text = str(info.value)
    assert f"Blatt „Messwerte“, Zeile {rows - 1}, Spalte „kennzahl“" in text
    assert "meinten Sie „Anteil Schulabgänger ohne Abschluss“?" in text
    assert f"Blatt „Messwerte“, Zeile {rows}, Spalte „ziel“: Unbekanntes Ziel „Z9“" in text

    # cells the model rejects name their sheet, row and column too
    sheet.delete_rows(rows - 1, 2)
    sheet.append(["Z2", "Anteil geförderter Mietwohnungen am Mietwohnungsbestand", 2026, "viel"])
    sheet.append(["Z2", "Anteil geförderter Mietwohnungen am Mietwohnungsbestand", 1066, 7])
    workbook.save(path)
    with pytest.raises(GoalSetSchemaError) as info:
        load_goal_set(path)
    text = str(info.value)
    assert f"Blatt „Messwerte“, Zeile {rows - 1}, Spalte „wert“" in text and "Zahl erwartet" in text
    assert f"Blatt „Messwerte“, Zeile {rows}, Spalte „jahr“" in text and "Unmögliches Jahr 1066" in text


def test_template_explains_the_measurements_sheet(tmp_path):
    path = tmp_path / "vorlage.xlsx"
    write_workbook(path)
    workbook = load_workbook(path)
    assert "Messwerte" in workbook.sheetnames
    explained = [row for row in workbook["Erläuterungen"].iter_rows(values_only=True) if row[0] == "Messwerte"]
    assert any(row[1] == "" or row[1] is None for row in explained)  # the sheet's own explanation row
    assert {row[1] for row in explained} >= {"ziel", "kennzahl", "jahr", "wert", "quelle"}
    assert any("Messwerte" in str(row[0]) for row in workbook["Erläuterungen"].iter_rows(values_only=True, max_row=5))


def test_check_accepts_measurements_unchanged():
    # the example carries Messwerte and still gives only GOV-03
    assert [f.rule for f in check(example())] == ["GOV-03"]


def test_kpi05_values_against_the_direction_of_an_a_goal():
    data = example()
    goal(data, "Z1")["kennzahlen"][0]["messwerte"] = {2025: 7.5}  # sinkend, but up from 7.1
    assert found(data, "KPI-05") == [("warning", "Z1")]
    [finding] = [f for f in check(data) if f.rule == "KPI-05"]
    assert "7,5 % im Jahr 2025 nach 7,1 % im Basisjahr 2024" in finding.message
    assert finding.location == "ziele[0].kennzahlen[0].messwerte"
    goal(data, "Z1")["prioritaet"] = "B"  # the same values on a B goal are the status report's business
    goal(data, "Z2")["prioritaet"] = "A"
    assert found(data, "KPI-05") == []
    goal(data, "Z1")["prioritaet"] = "A"
    goal(data, "Z1")["kennzahlen"][0]["messwerte"] = {2024: 9.0, 2025: 7.1}  # back at the baseline: not against
    assert found(data, "KPI-05") == []


def test_kpi06_no_value_years_after_the_base_year():
    data = example()
    del goal(data, "Z2")["kennzahlen"][0]["messwerte"]
    assert found(data, "KPI-06") == []  # the file reports on 2025: only one year after 2024
    goal(data, "Z4")["kennzahlen"][0]["messwerte"] = {2027: 42000}
    assert found(data, "KPI-06") == [("warning", "Z2")]  # 2027 ≥ 2024 + 3
    assert found(data, "KPI-06", messwerte_luecke_jahre=4) == []
    plain = yaml.safe_load(yaml.safe_dump(data))
    for item in plain["ziele"] + [g for s in plain["fachstrategien"] for g in s["ziele"]]:
        for indicator in item.get("kennzahlen", []):
            indicator.pop("messwerte", None)
    assert found(plain, "KPI-06") == []  # without any Messwerte the rule stays silent
