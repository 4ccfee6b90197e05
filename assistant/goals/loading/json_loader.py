"""JSON → raw data. Same keys as YAML; year maps come with string keys, which the model converts."""

from __future__ import annotations

import json
import re
from typing import Any

from assistant.goals.loading.errors import GoalSetSchemaError, Origin, Origins, SchemaIssue
from assistant.goals.loading.syntax_messages import german_syntax_message
from assistant.goals.loading.yaml_loader import yaml_origins
from assistant.settings import GoalFileLimits

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _nesting_line(text: str, max_depth: int) -> int | None:
    """The line where the nesting first goes deeper than ``max_depth``, or None. Checked before parsing:
    the json module recurses once per level and fails with a RecursionError 100,000 levels down."""
    code = _STRING.sub('""', text)  # brackets inside strings do not nest (strings hold no raw newline)
    depth = 0
    for match in _BRACKET.finditer(code):
        depth += 1 if match.group() in "[{" else -1
        if depth > max_depth:
            return code.count("\n", 0, match.start()) + 1
    return None


def load_json(text: str, file: str, limits: GoalFileLimits | None = None) -> tuple[Any, Origins]:
    limits = limits or GoalFileLimits()
    line = _nesting_line(text, limits.max_tiefe)
    if line is not None:
        raise GoalSetSchemaError(
            file,
            [
                SchemaIssue(
                    f"Die Datei ist zu tief verschachtelt (mehr als {limits.max_tiefe} Ebenen, "
                    "Einstellung pruefung.grenzen.max_tiefe).",
                    "",
                    Origin(line),
                )
            ],
        )
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise GoalSetSchemaError(
            file,
            [
                SchemaIssue(
                    f"Kein gültiges JSON: {german_syntax_message(exc.msg)} (Spalte {exc.colno}).",
                    "",
                    Origin(exc.lineno),
                )
            ],
        ) from None
    except _DuplicateKey as exc:
        raise GoalSetSchemaError(
            file, [SchemaIssue(f"Der Schlüssel „{exc.key}“ steht doppelt in einem Objekt.")]
        ) from None
    # JSON is (nearly) YAML: the YAML composer gives the line of every path for later error messages
    return data, yaml_origins(text, limits)
