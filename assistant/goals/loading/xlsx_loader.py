"""Excel workbook (.xlsx) → raw data in the shape of the YAML format, with sheet/row/column origins.

Empty cells mean "not stated". Sheet and column names are compared without case and umlaut spelling
(„Priorität“ is „prioritaet“); unknown sheets and columns are schema errors with the closest name.
"""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.archives import unpacked_size_problem
from assistant.goals.coercion import fold_key
from assistant.goals.loading import xlsx_layout as layout
from assistant.goals.loading.errors import (
    DataPath,
    GoalSetSchemaError,
    Origin,
    Origins,
    SchemaIssue,
    closest,
    format_path,
    unknown_name_message,
)
from assistant.goals.model import Resources
from assistant.settings import GoalFileLimits

Row = tuple[int, dict[str, Any]]  # Excel row number, {column: value}


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, datetime) and (value.hour, value.minute, value.second) == (0, 0, 0):
        return value.date()
    return value


class _WorkbookReader:
    def __init__(self, file: str) -> None:
        self.file = file
        self.origins = Origins()
        self.issues: list[SchemaIssue] = []

    def issue(self, message: str, origin: Origin, path: DataPath = ()) -> None:
        self.issues.append(SchemaIssue(message, format_path(path), origin))

    def read_rows(self, worksheet: Any, spec: layout.Sheet) -> list[Row]:
        rows = worksheet.iter_rows(values_only=True)
        header = next(rows, None) or ()
        known = {fold_key(name): name for name in spec.column_names}
        columns: dict[int, str] = {}
        for index, cell in enumerate(header):
            title = _clean(cell)
            if title is None:
                continue
            name = known.get(fold_key(str(title)))
            if name is None:
                self.issue(
                    unknown_name_message("Unbekannter Spaltenname", title, spec.column_names),
                    Origin(1, spec.name, str(title)),
                )
            elif name in columns.values():
                self.issue(f"Die Spalte „{name}“ steht doppelt.", Origin(1, spec.name, str(title)))
            else:
                columns[index] = name
        result: list[Row] = []
        for number, values in enumerate(rows, start=2):
            record = {columns[i]: _clean(v) for i, v in enumerate(values) if i in columns and _clean(v) is not None}
            if record:
                result.append((number, record))
        return result

    def place(
        self,
        target: dict[str, Any],
        record: dict[str, Any],
        path: DataPath,
        sheet: str,
        row: int,
        skip: tuple[str, ...] = (),
    ) -> None:
        """Copy a row's cells into ``target`` and remember where each value came from."""
        self.origins[path] = Origin(row, sheet)
        for key, value in record.items():
            if key in skip:
                continue
            target[key] = value
            self.origins[(*path, key)] = Origin(row, sheet, key)


def _is_blank(worksheet: Any) -> bool:
    return all(_clean(v) is None for row in worksheet.iter_rows(values_only=True) for v in row)


def _match_sheets(reader: _WorkbookReader, workbook: Any) -> dict[str, str]:
    """Known sheet name → the workbook's sheet title. Completely empty extra sheets (Excel's
    „Tabelle1“) are ignored; an unknown sheet with content is an error."""
    known = {fold_key(s.name): s.name for s in layout.sheets()}
    found: dict[str, str] = {}
    for title in workbook.sheetnames:
        key = fold_key(title)
        if key == fold_key(layout.EXPLANATION_SHEET):
            continue
        if key in known:
            found[known[key]] = title
        elif not _is_blank(workbook[title]):
            allowed = [s.name for s in layout.sheets()]
            message = unknown_name_message("Unbekanntes Tabellenblatt", title, allowed)
            reader.issue(message, Origin(sheet=title))
    for spec in layout.sheets():
        if spec.required and spec.name not in found:
            reader.issue(f"Das Tabellenblatt „{spec.name}“ fehlt ({spec.description}).", Origin(sheet=spec.name))
    return found


def _read_general(reader: _WorkbookReader, rows: list[Row], data: dict[str, Any]) -> None:
    keys = [c.name for c in layout.general_keys()]
    sheet = layout.GENERAL_SHEET
    seen: set[str] = set()
    for row, record in rows:
        raw_key, value = record.get(layout.KEY_COLUMN), record.get(layout.VALUE_COLUMN)
        if raw_key is None:
            if value is not None:
                reader.issue("Wert ohne Schlüssel.", Origin(row, sheet, layout.VALUE_COLUMN))
            continue
        key = next((k for k in keys if fold_key(k) == fold_key(str(raw_key))), None)
        if key is None:
            reader.issue(
                unknown_name_message("Unbekannter Schlüssel", raw_key, keys),
                Origin(row, sheet, layout.KEY_COLUMN),
            )
            continue
        if key in seen:
            reader.issue(f"Der Schlüssel „{key}“ steht doppelt.", Origin(row, sheet, layout.KEY_COLUMN))
            continue
        seen.add(key)
        reader.origins[(key,)] = Origin(row, sheet, layout.VALUE_COLUMN)
        if value is None:
            continue
        if key.startswith(layout.HORIZON_PREFIX):
            part = key.removeprefix(layout.HORIZON_PREFIX)
            data.setdefault("zeithorizont", {})[part] = value
            reader.origins[("zeithorizont",)] = Origin(row, sheet)
            reader.origins[("zeithorizont", part)] = Origin(row, sheet, layout.VALUE_COLUMN)
        else:
            data[key] = value


def _read_goals(reader: _WorkbookReader, rows: list[Row], data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Ziele rows go to ``ziele`` or to their Fachstrategie; returns goal id → goal dict."""
    strategies = data.get("fachstrategien", [])
    by_strategy = {str(s["id"]): i for i, s in enumerate(strategies) if s.get("id") is not None}
    data["ziele"] = []
    goals: dict[str, dict[str, Any]] = {}
    resource_keys = {c.name for c in layout.model_columns(Resources)}
    for row, record in rows:
        strategy_id = record.get(layout.STRATEGY_COLUMN)
        if strategy_id is None:
            path: DataPath = ("ziele", len(data["ziele"]))
            container = data["ziele"]
        elif str(strategy_id) in by_strategy:
            s = by_strategy[str(strategy_id)]
            container = strategies[s].setdefault("ziele", [])
            path = ("fachstrategien", s, "ziele", len(container))
        else:
            suggestion = closest(str(strategy_id), by_strategy)
            hint = f" – meinten Sie „{suggestion}“?" if suggestion else " (Blatt „Fachstrategien“)."
            reader.issue(
                f"Unbekannte Fachstrategie „{strategy_id}“{hint}",
                Origin(row, "Ziele", layout.STRATEGY_COLUMN),
            )
            continue
        goal: dict[str, Any] = {}
        reader.place(goal, record, path, "Ziele", row, skip=(layout.STRATEGY_COLUMN, *resource_keys))
        resources = {k: v for k, v in record.items() if k in resource_keys}
        if resources:
            reader.place(goal.setdefault("ressourcen", {}), resources, (*path, "ressourcen"), "Ziele", row)
        container.append(goal)
        if goal.get("id") is not None:
            goals.setdefault(str(goal["id"]), goal)
            reader.origins[(*path, "kennzahlen")] = Origin(row, "Ziele")
    return goals


def _goal_of_row(
    reader: _WorkbookReader, goals: dict[str, dict[str, Any]], goal_id: Any, sheet: str, row: int, what: str
) -> dict[str, Any] | None:
    """The goal named in a row's ``ziel`` column; an empty or unknown id is an issue (None)."""
    if goal_id is None:
        reader.issue(
            f"Die Spalte „ziel“ ist leer: zu welchem Ziel gehört {what}?", Origin(row, sheet, layout.GOAL_COLUMN)
        )
        return None
    goal = goals.get(str(goal_id))
    if goal is None:
        suggestion = closest(str(goal_id), goals)
        hint = f" – meinten Sie „{suggestion}“?" if suggestion else " (Blatt „Ziele“)."
        reader.issue(f"Unbekanntes Ziel „{goal_id}“{hint}", Origin(row, sheet, layout.GOAL_COLUMN))
    return goal


def _read_indicators(
    reader: _WorkbookReader,
    rows: list[Row],
    goals: dict[str, dict[str, Any]],
    goal_paths: dict[str, DataPath],
) -> None:
    for row, record in rows:
        goal_id = record.get(layout.GOAL_COLUMN)
        goal = _goal_of_row(reader, goals, goal_id, "Kennzahlen", row, "die Kennzahl")
        if goal is None:
            continue
        indicators = goal.setdefault("kennzahlen", [])
        path = (*goal_paths[str(goal_id)], "kennzahlen", len(indicators))
        indicator: dict[str, Any] = {}
        reader.place(indicator, record, path, "Kennzahlen", row, skip=(layout.GOAL_COLUMN,))
        indicators.append(indicator)


def _read_measurements(
    reader: _WorkbookReader,
    rows: list[Row],
    goals: dict[str, dict[str, Any]],
    goal_paths: dict[str, DataPath],
) -> None:
    """Messwerte rows go to the indicator named by ``ziel`` and ``kennzahl`` (its ``name``)."""
    sheet = layout.MEASUREMENTS_SHEET
    for row, record in rows:
        goal_id, name = record.get(layout.GOAL_COLUMN), record.get(layout.INDICATOR_COLUMN)
        goal = _goal_of_row(reader, goals, goal_id, sheet, row, "der Messwert")
        if goal is None:
            continue
        if name is None:
            reader.issue(
                "Die Spalte „kennzahl“ ist leer: zu welcher Kennzahl gehört der Messwert?",
                Origin(row, sheet, layout.INDICATOR_COLUMN),
            )
            continue
        indicators = goal.get("kennzahlen", [])
        names = [str(i.get("name")) for i in indicators if i.get("name") is not None]
        index = next((k for k, i in enumerate(indicators) if fold_key(str(i.get("name"))) == fold_key(str(name))), None)
        if index is None:
            suggestion = closest(str(name), names)
            if suggestion:
                hint = f" – meinten Sie „{suggestion}“?"
            elif names:
                hint = f"; Ziel {goal_id} hat: {', '.join(names)}."
            else:
                hint = f"; Ziel {goal_id} hat keine Kennzahl im Blatt „Kennzahlen“."
            reader.issue(
                f"Unbekannte Kennzahl „{name}“ bei Ziel {goal_id}{hint}", Origin(row, sheet, layout.INDICATOR_COLUMN)
            )
            continue
        values = indicators[index].setdefault("messwerte", [])
        path = (*goal_paths[str(goal_id)], "kennzahlen", index, "messwerte", len(values))
        measurement: dict[str, Any] = {}
        reader.place(measurement, record, path, sheet, row, skip=(layout.GOAL_COLUMN, layout.INDICATOR_COLUMN))
        values.append(measurement)


def _goal_paths(data: dict[str, Any]) -> dict[str, DataPath]:
    paths: dict[str, DataPath] = {}
    for i, goal in enumerate(data.get("ziele", [])):
        paths.setdefault(str(goal.get("id")), ("ziele", i))
    for s, strategy in enumerate(data.get("fachstrategien", [])):
        for g, goal in enumerate(strategy.get("ziele", [])):
            paths.setdefault(str(goal.get("id")), ("fachstrategien", s, "ziele", g))
    return paths


def load_xlsx(path: Path, file: str, limits: GoalFileLimits | None = None) -> tuple[Any, Origins]:
    from openpyxl import load_workbook

    problem = unpacked_size_problem(
        path, (limits or GoalFileLimits()).max_entpackt_mb, "pruefung.grenzen.max_entpackt_mb"
    )
    if problem:
        raise GoalSetSchemaError(file, [SchemaIssue(problem)])
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise GoalSetSchemaError(
            file, [SchemaIssue(f"Keine lesbare Excel-Datei (.xlsx): {type(exc).__name__}.")]
        ) from None
    try:
        reader = _WorkbookReader(file)
        titles = _match_sheets(reader, workbook)
        rows = {name: reader.read_rows(workbook[title], layout.sheet(name)) for name, title in titles.items()}
    finally:
        workbook.close()
    if reader.issues:
        raise GoalSetSchemaError(file, reader.issues)

    data: dict[str, Any] = {}
    _read_general(reader, rows.get(layout.GENERAL_SHEET, []), data)
    for key, sheet_name in [
        *layout.NESTED_LISTS.items(),
        *((k, v[0]) for k, v in layout.SIMPLE_LISTS.items()),
    ]:
        if sheet_name in rows:
            data[key] = []
            for row, record in rows[sheet_name]:
                item: dict[str, Any] = {}
                reader.place(item, record, (key, len(data[key])), sheet_name, row)
                data[key].append(item)
    goals = _read_goals(reader, rows.get("Ziele", []), data)
    paths = _goal_paths(data)
    _read_indicators(reader, rows.get("Kennzahlen", []), goals, paths)
    _read_measurements(reader, rows.get(layout.MEASUREMENTS_SHEET, []), goals, paths)
    if reader.issues:
        raise GoalSetSchemaError(file, reader.issues)
    return data, reader.origins
