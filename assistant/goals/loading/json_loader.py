"""JSON → raw data. Same keys as YAML; year maps come with string keys, which the model converts."""

from __future__ import annotations

import json
from typing import Any

from assistant.goals.loading.errors import GoalSetSchemaError, Origin, Origins, SchemaIssue
from assistant.goals.loading.syntax_messages import german_syntax_message
from assistant.goals.loading.yaml_loader import yaml_origins


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


def load_json(text: str, file: str) -> tuple[Any, Origins]:
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
    return data, yaml_origins(text)
