"""YAML → raw data plus the line of every key and list item.

The document is composed into nodes (libyaml when available) and converted here, so each path
(``("ziele", 2, "prioritaet")``) gets the line it starts on; duplicate keys, which PyYAML would
silently overwrite, are reported.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from assistant.goals.loading.errors import (
    DataPath,
    GoalSetSchemaError,
    Origin,
    Origins,
    SchemaIssue,
    format_path,
)
from assistant.goals.loading.syntax_messages import german_syntax_message

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MAX_DEPTH = 50
_STR_TAG = "tag:yaml.org,2002:str"


class _Converter:
    def __init__(self, file: str) -> None:
        self.file = file
        self.origins = Origins()
        self.issues: list[SchemaIssue] = []
        self._constructor = SafeConstructor()

    def _line(self, node: Node) -> int:
        return node.start_mark.line + 1

    def convert(self, node: Node, path: DataPath, depth: int = 0) -> Any:
        if depth > _MAX_DEPTH:
            raise GoalSetSchemaError(
                self.file, [SchemaIssue("Die Datei ist zu tief verschachtelt.", format_path(path))]
            )
        if isinstance(node, MappingNode):
            self._constructor.flatten_mapping(node)  # YAML merge keys (<<)
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    self.issues.append(
                        SchemaIssue(
                            "Ein Schlüssel muss ein einfacher Text sein.",
                            format_path(path),
                            Origin(self._line(key_node)),
                        )
                    )
                    continue
                key = self._scalar(key_node)
                key_path = (*path, key)
                if key in result:
                    self.issues.append(
                        SchemaIssue(
                            f"Der Schlüssel „{key}“ steht doppelt (zuerst in Zeile {self.origins.get(key_path).line}).",
                            format_path(key_path),
                            Origin(self._line(key_node)),
                        )
                    )
                    continue
                self.origins[key_path] = Origin(self._line(key_node))
                result[key] = self.convert(value_node, key_path, depth + 1)
            return result
        if isinstance(node, SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.origins[(*path, index)] = Origin(self._line(item))
                items.append(self.convert(item, (*path, index), depth + 1))
            return items
        return self._scalar(node)

    def _scalar(self, node: Node) -> Any:
        if node.tag == _STR_TAG:
            return node.value  # the common case, without PyYAML's bookkeeping
        constructor = SafeConstructor.yaml_constructors.get(node.tag)
        if constructor is None or not isinstance(node, ScalarNode):
            return self._constructor.construct_object(node, deep=True)
        return constructor(self._constructor, node)


def yaml_origins(text: str) -> Origins:
    """Only the lines of each path (used for JSON, which YAML can read too); empty if unreadable."""
    try:
        node = yaml.compose(text, Loader=_Loader)
        converter = _Converter("")
        if node is not None:
            converter.convert(node, ())
        return converter.origins
    except (yaml.YAMLError, GoalSetSchemaError):
        return Origins()


def load_yaml(text: str, file: str) -> tuple[Any, Origins]:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = german_syntax_message(exc.problem or exc.context or "Syntaxfehler")
        raise GoalSetSchemaError(file, [SchemaIssue(f"Kein gültiges YAML: {problem}.", "", Origin(line))]) from None
    except yaml.YAMLError as exc:
        raise GoalSetSchemaError(
            file, [SchemaIssue(f"Kein gültiges YAML: {german_syntax_message(str(exc))}.")]
        ) from None
    if node is None:
        raise GoalSetSchemaError(file, [SchemaIssue("Die Datei ist leer.")])
    converter = _Converter(file)
    converter.origins[()] = Origin(converter._line(node))
    try:
        data = converter.convert(node, ())
    except ConstructorError as exc:
        mark = exc.problem_mark
        raise GoalSetSchemaError(
            file,
            [SchemaIssue(f"Ungültiger Wert ({exc.problem}).", "", Origin(mark.line + 1 if mark else None))],
        ) from None
    if converter.issues:
        raise GoalSetSchemaError(file, converter.issues)
    return data, converter.origins
