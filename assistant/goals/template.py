"""The Excel template (and Excel export) of a goal set, generated from the model and the sheet layout.

``write_workbook(path)`` writes the empty template with an „Erläuterungen“ sheet explaining every
column; ``write_workbook(path, goal_set)`` writes a filled workbook that loads back to the same goal set.
Regenerate the shipped template with
``assistant check --template knowledge/vorlagen/zielsystem-vorlage.xlsx``.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from assistant.goals.loading import xlsx_layout as layout
from assistant.goals.model import GoalSet

_HEADER_FILL = "FFDCE6F1"
_EXPLANATION_HEADER = ("Blatt", "Spalte", "Pflicht", "Erlaubte Werte", "Bedeutung")
_INTRO = (
    "Zielsystem-Vorlage für die Prüfung mit „assistant check DATEI.xlsx“",
    "Jedes Blatt beginnt mit einer Zeile Spaltennamen; bitte die Namen nicht ändern. Leere Zellen bedeuten "
    "„nicht angegeben“. Listen (beitrag_zu, produkte) mit Semikolon trennen. Zahlen dürfen ein Dezimalkomma "
    "haben (7,1).",
    "Ziele der Fachstrategien stehen im Blatt „Ziele“ mit der Kennung der Fachstrategie in Spalte "
    "„fachstrategie“; Kennzahlen stehen im Blatt „Kennzahlen“ mit der Kennung ihres Ziels in Spalte „ziel“.",
    "Gemessene Werte stehen im Blatt „Messwerte“: je Zeile Ziel, Name der Kennzahl, Jahr und Wert (für den "
    "Strategiebericht mit „assistant monitor DATEI.xlsx“).",
)
_VALIDATION_ROWS = 500
_FIXED_TIME = b"2026-01-01T00:00:00Z"


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "ja" if value else None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return "; ".join(str(_cell(v)) for v in value) or None
    if isinstance(value, dict):  # budget per year
        return "; ".join(f"{year}: {_cell(amount)}" for year, amount in value.items()) or None
    return value


def _row(item: dict[str, Any], columns: list[str], **extra: Any) -> dict[str, Any]:
    values = {**item, **extra}
    return {c: _cell(values.get(c)) for c in columns if _cell(values.get(c)) is not None}


def sheet_rows(goal_set: GoalSet) -> dict[str, list[dict[str, Any]]]:
    """The rows of every sheet for ``goal_set`` (column name → cell value), in file order."""
    data = goal_set.model_dump(by_alias=True, mode="python")
    rows: dict[str, list[dict[str, Any]]] = {}
    general = []
    horizon = data.get("zeithorizont") or {}
    for column in layout.general_keys():
        key = column.name
        if key.startswith(layout.HORIZON_PREFIX):
            value = horizon.get(key.removeprefix(layout.HORIZON_PREFIX))
        else:
            value = data.get(key)
        general.append({layout.KEY_COLUMN: key, layout.VALUE_COLUMN: _cell(value)})
    rows[layout.GENERAL_SHEET] = general
    for key, name in layout.NESTED_LISTS.items():
        columns = layout.sheet(name).column_names
        rows[name] = [_row(item, columns) for item in data[key]]
    goal_columns = layout.sheet("Ziele").column_names
    indicator_columns = layout.sheet("Kennzahlen").column_names
    goals: list[tuple[str | None, dict[str, Any]]] = [(None, g) for g in data["ziele"]]
    goals += [(s["id"], g) for s in data["fachstrategien"] for g in s["ziele"]]
    rows["Ziele"] = [
        _row(goal, goal_columns, fachstrategie=strategy, **(goal.get("ressourcen") or {})) for strategy, goal in goals
    ]
    rows["Kennzahlen"] = [
        _row(indicator, indicator_columns, ziel=goal["id"]) for _, goal in goals for indicator in goal["kennzahlen"]
    ]
    measurement_columns = layout.sheet(layout.MEASUREMENTS_SHEET).column_names
    rows[layout.MEASUREMENTS_SHEET] = [
        _row(value, measurement_columns, ziel=goal["id"], kennzahl=indicator["name"])
        for _, goal in goals
        for indicator in goal["kennzahlen"]
        for value in indicator["messwerte"]
    ]
    for key, (name, _, _) in layout.SIMPLE_LISTS.items():
        columns = layout.sheet(name).column_names
        rows[name] = [_row(item, columns) for item in data[key]]
    return rows


def _style_header(worksheet: Any, widths: list[int]) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, start=1):
        cell = worksheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        worksheet.column_dimensions[get_column_letter(index)].width = width
    worksheet.freeze_panes = "A2"


def _add_validation(worksheet: Any, column_index: int, allowed: tuple[str, ...]) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    letter = get_column_letter(column_index)
    validation = DataValidation(
        type="list", formula1='"' + ",".join(allowed) + '"', allow_blank=True, showErrorMessage=False
    )
    validation.add(f"{letter}2:{letter}{_VALIDATION_ROWS}")
    worksheet.add_data_validation(validation)


def _explanations(workbook: Any) -> None:
    from openpyxl.styles import Font

    sheet = workbook.create_sheet(layout.EXPLANATION_SHEET, 0)
    sheet.append([_INTRO[0]])
    sheet["A1"].font = Font(bold=True, size=13)
    for line in _INTRO[1:]:
        sheet.append([line])
    sheet.append([])
    sheet.append(list(_EXPLANATION_HEADER))
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for spec in layout.sheets():
        sheet.append([spec.name, "", "", "", spec.description])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        columns = layout.general_keys() if spec.name == layout.GENERAL_SHEET else spec.columns
        for column in columns:
            where = f"{layout.KEY_COLUMN} = {column.name}" if spec.name == layout.GENERAL_SHEET else column.name
            sheet.append(
                [
                    spec.name,
                    where,
                    "ja" if column.required else "",
                    ", ".join(column.allowed),
                    column.description,
                ]
            )
    for letter, width in zip("ABCDE", (18, 28, 8, 40, 90), strict=True):
        sheet.column_dimensions[letter].width = width


def write_workbook(path: Path | str, goal_set: GoalSet | None = None) -> None:
    """Write the template (``goal_set`` None) or a filled workbook; both carry the explanation sheet."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = "assistant"
    workbook.properties.created = datetime(2026, 1, 1)
    rows = sheet_rows(goal_set) if goal_set is not None else {}
    for spec in layout.sheets():
        sheet = workbook.create_sheet(spec.name)
        names = spec.column_names
        sheet.append(names)
        _style_header(sheet, [max(12, min(40, len(n) + 4)) for n in names])
        if spec.name == layout.GENERAL_SHEET:
            general = rows.get(spec.name) or [
                {layout.KEY_COLUMN: c.name, layout.VALUE_COLUMN: None} for c in layout.general_keys()
            ]
            for item in general:
                sheet.append([item[layout.KEY_COLUMN], item[layout.VALUE_COLUMN]])
            sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 22, 60
        else:
            for item in rows.get(spec.name, []):
                sheet.append([item.get(name) for name in names])
            for index, column in enumerate(spec.columns, start=1):
                if column.allowed:
                    _add_validation(sheet, index, column.allowed)
                elif column.name == "querschnitt":
                    _add_validation(sheet, index, ("ja", "nein"))
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, date):
                    cell.number_format = "DD.MM.YYYY"
    _explanations(workbook)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    _save_reproducibly(workbook, Path(path))


def _save_reproducibly(workbook: Any, path: Path) -> None:
    """Save with fixed timestamps (zip entries, document properties), so regenerating the template
    gives the same bytes and the repository does not churn."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + _FIXED_TIME, data)
            target.writestr(
                zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0)),
                data,
                compress_type=zipfile.ZIP_DEFLATED,
            )
