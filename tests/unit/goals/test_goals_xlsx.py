"""Excel: the template (generated from the model), filling it, and Excel-specific errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from assistant.goals.loading import GoalSetSchemaError, load_goal_set
from assistant.goals.loading.xlsx_layout import sheets
from assistant.goals.model import GoalSet
from assistant.goals.template import sheet_rows, write_workbook
from tests.conftest import KNOWLEDGE
from tests.unit.goals.helpers import example

TEMPLATE = KNOWLEDGE / "vorlagen" / "zielsystem-vorlage.xlsx"


def content(path: Path) -> dict[str, list[tuple]]:
    workbook = load_workbook(path)
    result = {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)] for ws in workbook.worksheets}
    result["_validations"] = [
        (ws.title, str(v.sqref), v.formula1) for ws in workbook.worksheets for v in ws.data_validations.dataValidation
    ]
    return result


def test_committed_template_equals_a_fresh_generation(tmp_path):
    fresh = tmp_path / "vorlage.xlsx"
    write_workbook(fresh)
    assert content(TEMPLATE) == content(fresh)


def test_template_has_every_sheet_and_explains_every_column():
    workbook = load_workbook(TEMPLATE)
    assert workbook.sheetnames == ["Erläuterungen", *(s.name for s in sheets())]
    explained = {(row[0], row[1]) for row in workbook["Erläuterungen"].iter_rows(values_only=True) if row[1]}
    for spec in sheets()[1:]:
        assert [c.value for c in workbook[spec.name][1]] == spec.column_names
        for column in spec.columns:
            assert (spec.name, column.name) in explained
            assert column.description, f"{spec.name}.{column.name} ohne Erläuterung"
    assert ("Allgemein", "schluessel = kommune") in explained


def _fill_template(target: Path, goal_set: GoalSet) -> None:
    """Fill the shipped template the way a user would: values under the existing header rows."""
    workbook = load_workbook(TEMPLATE)
    for name, rows in sheet_rows(goal_set).items():
        sheet = workbook[name]
        header = [c.value for c in sheet[1]]
        if name == "Allgemein":
            for row in sheet.iter_rows(min_row=2):
                row[1].value = next(r["wert"] for r in rows if r["schluessel"] == row[0].value)
            continue
        for row in rows:
            sheet.append([row.get(column) for column in header])
    workbook.save(target)


def test_filled_template_loads_to_the_same_goal_set_as_the_yaml(tmp_path):
    goal_set = GoalSet.model_validate(example())
    target = tmp_path / "ziele.xlsx"
    _fill_template(target, goal_set)
    assert load_goal_set(target).goal_set == goal_set


def test_export_round_trip(tmp_path):
    goal_set = GoalSet.model_validate(example())
    write_workbook(tmp_path / "export.xlsx", goal_set)
    assert load_goal_set(tmp_path / "export.xlsx").goal_set == goal_set


@pytest.fixture
def workbook_file(tmp_path):
    path = tmp_path / "ziele.xlsx"
    write_workbook(path, GoalSet.model_validate(example()))
    return path


def _edit(path: Path, sheet: str, row: int, column: str, value) -> None:
    workbook = load_workbook(path)
    ws = workbook[sheet]
    header = [c.value for c in ws[1]]
    ws.cell(row=row, column=header.index(column) + 1 if column in header else len(header) + 1, value=value)
    workbook.save(path)


def test_german_decimal_commas_and_yes_no_words(workbook_file):
    _edit(workbook_file, "Kennzahlen", 2, "basiswert", "7,1")
    _edit(workbook_file, "Ziele", 2, "budget_eur", "2.400.000")
    _edit(workbook_file, "Ziele", 2, "querschnitt", "ja")
    goal = load_goal_set(workbook_file).goal_set.goals[0]
    assert goal.indicators[0].baseline == 7.1 and goal.resources.budget_eur == 2400000 and goal.cross_cutting


def test_unknown_column_and_sheet_suggest_the_closest_name(workbook_file):
    workbook = load_workbook(workbook_file)
    workbook["Ziele"].cell(row=1, column=7, value="prioritat")
    workbook["Kennzahlen"].title = "Kennzahl"
    workbook.save(workbook_file)
    with pytest.raises(GoalSetSchemaError) as info:
        load_goal_set(workbook_file)
    text = str(info.value)
    assert "Blatt „Kennzahl“: Unbekanntes Tabellenblatt „Kennzahl“ – meinten Sie „Kennzahlen“?" in text
    assert "Blatt „Ziele“, Zeile 1, Spalte „prioritat“" in text and "meinten Sie „prioritaet“?" in text


def test_empty_extra_sheets_are_ignored(workbook_file):
    workbook = load_workbook(workbook_file)
    workbook.create_sheet("Tabelle1")
    workbook.save(workbook_file)
    assert load_goal_set(workbook_file).goal_set.municipality == "Musterstadt"


def test_header_spelling_with_umlauts_is_accepted(workbook_file):
    _edit(workbook_file, "Ziele", 1, "prioritaet", "Priorität")
    assert load_goal_set(workbook_file).goal_set.goals[0].priority == "A"


def test_errors_name_sheet_row_and_column(workbook_file):
    _edit(workbook_file, "Ziele", 3, "prioritaet", "D")
    _edit(workbook_file, "Kennzahlen", 2, "ziel", "Z99")
    with pytest.raises(GoalSetSchemaError) as info:
        load_goal_set(workbook_file)
    text = str(info.value)
    assert "Blatt „Kennzahlen“, Zeile 2, Spalte „ziel“: Unbekanntes Ziel „Z99“" in text
    _edit(workbook_file, "Kennzahlen", 2, "ziel", "Z1")
    with pytest.raises(GoalSetSchemaError) as info:
        load_goal_set(workbook_file)
    assert (
        info.value.issues[0]
        .describe()
        .startswith("Blatt „Ziele“, Zeile 3, Spalte „prioritaet“, ziele[1].prioritaet: Unzulässiger Wert „D“")
    )


def test_missing_required_sheet_and_unreadable_file(tmp_path, workbook_file):
    workbook = load_workbook(workbook_file)
    del workbook["Ziele"]
    workbook.save(workbook_file)
    with pytest.raises(GoalSetSchemaError, match="Tabellenblatt „Ziele“ fehlt"):
        load_goal_set(workbook_file)
    broken = tmp_path / "kaputt.xlsx"
    broken.write_bytes(b"kein zip")
    with pytest.raises(GoalSetSchemaError, match="Keine lesbare Excel-Datei"):
        load_goal_set(broken)
