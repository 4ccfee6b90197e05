"""Raw data (from YAML, JSON or Excel) → :class:`GoalSet`, with German schema errors.

Two passes: pydantic checks keys and types; then ids are checked across the whole file (one shared
namespace, unique) together with every reference (``handlungsfeld``, ``beitrag_zu``).
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from assistant.goals.loading.errors import (
    DataPath,
    GoalSetSchemaError,
    Origins,
    SchemaIssue,
    closest,
    format_path,
    unknown_name_message,
)
from assistant.goals.model import GoalSet, aliases

_TYPE_MESSAGES = {
    "string_type": "Text erwartet",
    "int_parsing": "ganze Zahl erwartet",
    "int_type": "ganze Zahl erwartet",
    "int_from_float": "ganze Zahl erwartet",
    "float_parsing": "Zahl erwartet",
    "float_type": "Zahl erwartet",
    "bool_parsing": "Ja/Nein-Wert erwartet (ja/nein oder true/false)",
    "bool_type": "Ja/Nein-Wert erwartet (ja/nein oder true/false)",
    "list_type": "Liste erwartet",
    "model_type": "Abschnitt mit Schlüsseln erwartet",
    "model_attributes_type": "Abschnitt mit Schlüsseln erwartet",
    "dict_type": "Abschnitt mit Schlüsseln erwartet",
    "date_type": "Datum erwartet (JJJJ-MM-TT oder TT.MM.JJJJ)",
    "date_parsing": "Datum erwartet (JJJJ-MM-TT oder TT.MM.JJJJ)",
    "date_from_datetime_parsing": "Datum erwartet (JJJJ-MM-TT oder TT.MM.JJJJ)",
    "date_from_datetime_inexact": "Datum ohne Uhrzeit erwartet",
}


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "ein Abschnitt"
    if isinstance(value, list):
        return "eine Liste"
    text = str(value)
    return f"„{text[:60]}…“" if len(text) > 60 else f"„{text}“"


def _unwrap_model(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside ``list[X]``, ``X | None`` or ``Annotated[...]``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap_model(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _unwrap_model(arg)
            if found is not None:
                return found
    return None


def model_at(path: DataPath) -> type[BaseModel] | None:
    """The model class that the mapping at ``path`` is validated against."""
    model: type[BaseModel] | None = GoalSet
    for part in path:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        by_alias = {info.alias or name: info for name, info in model.model_fields.items()}
        info = by_alias.get(part)
        model = _unwrap_model(info.annotation) if info is not None else None
    return model


def _message(error: dict[str, Any]) -> str:
    kind, loc, value = error["type"], error["loc"], error.get("input")
    key = loc[-1] if loc else ""
    if kind == "missing":
        return f"Pflichtangabe „{key}“ fehlt."
    if kind == "extra_forbidden":
        model = model_at(loc[:-1])
        return unknown_name_message("Unbekannter Schlüssel", key, aliases(model) if model else [])
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", error.get("ctx", {}).get("expected", ""))
        text = f"Unzulässiger Wert {_show(value)}; erlaubt sind: {', '.join(allowed)}."
        suggestion = closest(str(value), allowed)
        return f"{text[:-1]} – meinten Sie „{suggestion}“?" if suggestion else text
    if kind == "greater_than_equal":
        return f"Der Wert muss mindestens {error['ctx']['ge']} sein, gefunden {_show(value)}."
    if kind in _TYPE_MESSAGES:
        if value is None:
            return f"Die Angabe „{key}“ ist leer; {_TYPE_MESSAGES[kind]}."
        return f"{_TYPE_MESSAGES[kind]}, gefunden {_show(value)}."
    if kind.startswith(("budget", "messwert")):
        return f"{error['msg']}."
    return f"Ungültiger Wert {_show(value)}."


def _clean_loc(loc: tuple[Any, ...]) -> DataPath:
    """Drop pydantic's internal union/validator labels from an error location."""
    return tuple(part for part in loc if isinstance(part, int) or ("[" not in str(part) and "(" not in str(part)))


def validate_goal_set(data: Any, file: str, origins: Origins) -> GoalSet:
    if not isinstance(data, dict):
        raise GoalSetSchemaError(
            file,
            [SchemaIssue("Die Datei enthält kein Zielsystem (erwartet werden Schlüssel wie kommune, titel, ziele).")],
        )
    try:
        goal_set = GoalSet.model_validate(data)
    except ValidationError as exc:
        issues = []
        for error in exc.errors():
            loc = _clean_loc(error["loc"])
            if "key" in error.get("ctx", {}) and str(error["type"]).startswith("messwert"):
                loc = (*loc, error["ctx"]["key"])  # the year of a map entry: its own line
            issues.append(SchemaIssue(_message({**error, "loc": loc}), format_path(loc), origins.get(loc)))
        raise GoalSetSchemaError(file, issues) from None
    issues = check_references(goal_set, origins)
    if issues:
        raise GoalSetSchemaError(file, issues)
    return goal_set


def _issue(message: str, path: DataPath, origins: Origins) -> SchemaIssue:
    return SchemaIssue(message, format_path(path), origins.get(path))


def _reference_message(what: str, ref: str, known: list[str], kind_of_ref: str | None) -> str:
    if kind_of_ref:
        return f"„{ref}“ ist {kind_of_ref}, kein {what}."
    suggestion = closest(ref, known)
    if suggestion:
        hint = f" – meinten Sie „{suggestion}“?"
    elif known and len(known) <= 12:
        hint = f"; vorhanden sind: {', '.join(known)}."
    else:
        hint = "."
    return f"Verweis auf unbekanntes {what} „{ref}“{hint}"


def check_references(goal_set: GoalSet, origins: Origins) -> list[SchemaIssue]:
    """Unique ids in one namespace; every referenced id exists and has the right kind."""
    issues: list[SchemaIssue] = []
    kinds: dict[str, str] = {}
    first_path: dict[str, DataPath] = {}

    def register(identifier: str | None, kind: str, path: DataPath) -> None:
        if identifier is None:
            return
        if not identifier:
            issues.append(_issue("Die Kennung („id“) ist leer.", (*path, "id"), origins))
        elif identifier in kinds:
            issues.append(
                _issue(
                    f"Die Kennung „{identifier}“ ist doppelt vergeben "
                    f"(schon bei {format_path(first_path[identifier])}).",
                    (*path, "id"),
                    origins,
                )
            )
        else:
            kinds[identifier], first_path[identifier] = kind, path

    goal_paths: list[tuple[DataPath, Any, bool]] = []
    for i, field in enumerate(goal_set.fields):
        register(field.id, "ein Handlungsfeld", ("handlungsfelder", i))
    for i, goal in enumerate(goal_set.goals):
        register(goal.id, "ein Ziel", ("ziele", i))
        goal_paths.append((("ziele", i), goal, True))
    for s, strategy in enumerate(goal_set.strategies):
        register(strategy.id, "eine Fachstrategie", ("fachstrategien", s))
        for g, goal in enumerate(strategy.goals):
            register(goal.id, "ein Ziel", ("fachstrategien", s, "ziele", g))
            goal_paths.append((("fachstrategien", s, "ziele", g), goal, False))

    fields = [f.id for f in goal_set.fields]
    goals = [i for i, kind in kinds.items() if kind == "ein Ziel"]

    def check_field(ref: str | None, path: DataPath) -> None:
        if ref is not None and kinds.get(ref) != "ein Handlungsfeld":
            other = kinds.get(ref)
            issues.append(_issue(_reference_message("Handlungsfeld", ref, fields, other), path, origins))

    for path, goal, top_level in goal_paths:
        if top_level and goal.is_strategic_kind and not goal.field:
            issues.append(
                _issue(
                    "Pflichtangabe „handlungsfeld“ fehlt (jedes strategische Ziel gehört zu einem Handlungsfeld).",
                    (*path, "handlungsfeld"),
                    origins,
                )
            )
        check_field(goal.field, (*path, "handlungsfeld"))
        for k, ref in enumerate(goal.contributes_to):
            if kinds.get(ref) != "ein Ziel":
                issues.append(
                    _issue(
                        _reference_message("Ziel", ref, goals, kinds.get(ref)),
                        (*path, "beitrag_zu", k),
                        origins,
                    )
                )
    for s, strategy in enumerate(goal_set.strategies):
        check_field(strategy.field, ("fachstrategien", s, "handlungsfeld"))
    return issues
