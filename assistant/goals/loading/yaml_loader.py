"""YAML → raw data plus the line of every key and list item.

The document is composed into nodes (libyaml when available) and converted here, so each path
(``("ziele", 2, "prioritaet")``) gets the line it starts on; duplicate keys, which PyYAML would
silently overwrite, are reported.

Bounded: composing keeps an anchor as one shared node, so the size after resolving aliases is counted on
the node graph (each node once) before anything is expanded; a file over ``max_knoten`` or ``max_tiefe``
is refused. Tags (``!!python/object``, ``!eigen``) are refused: only plain YAML values are read.
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
from assistant.settings import GoalFileLimits

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML_TAG = "tag:yaml.org,2002:"
_STR_TAG = _YAML_TAG + "str"
# the tags plain YAML resolves by itself (and their explicit forms such as „!!str“)
_PLAIN_TAGS = frozenset(
    _YAML_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge")
)


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _shown_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag


class _Budget:
    """Counts the values of the document as they would be after resolving aliases, without resolving them;
    refuses tags and too deep nesting on the way."""

    def __init__(self, file: str, limits: GoalFileLimits) -> None:
        self.file, self.limits = file, limits
        self._sizes: dict[int, int] = {}

    def check(self, root: Node) -> None:
        size = self._size(root, 0)
        if size > self.limits.max_knoten:
            shared = self._first_shared(root)
            where = f"; der Anker dazu steht in Zeile {_line(shared)}" if shared is not None else ""
            self._refuse(
                f"Die Datei ist zu groß: aufgelöst ergäbe sie über {self.limits.max_knoten:,} Werte".replace(",", ".")
                + f" (Einstellung pruefung.grenzen.max_knoten){where}. Verweise auf Anker (&name / *name) "
                "werden bei jeder Verwendung mitgezählt.",
                _line(shared) if shared is not None else None,
            )

    def _size(self, node: Node, depth: int) -> int:
        if id(node) in self._sizes:  # an alias: the same node again, counted with its full size
            return self._sizes[id(node)]
        if depth > self.limits.max_tiefe:
            self._refuse(
                f"Die Datei ist zu tief verschachtelt (mehr als {self.limits.max_tiefe} Ebenen, "
                "Einstellung pruefung.grenzen.max_tiefe).",
                _line(node),
            )
        if node.tag not in _PLAIN_TAGS:
            self._refuse(
                f"Der YAML-Tag „{_shown_tag(node.tag)}“ ist nicht erlaubt: Tags (!!… oder !…) werden nicht "
                "ausgewertet. Schreiben Sie den Wert ohne Tag.",
                _line(node),
            )
        size = 1
        if isinstance(node, MappingNode):
            for key, value in node.value:
                size += self._size(key, depth + 1) + self._size(value, depth + 1)
                if size > self.limits.max_knoten:
                    break
        elif isinstance(node, SequenceNode):
            for item in node.value:
                size += self._size(item, depth + 1)
                if size > self.limits.max_knoten:
                    break
        self._sizes[id(node)] = size
        return size

    def _first_shared(self, root: Node) -> Node | None:
        """The first node (in file order) that is used more than once: the anchor behind the growth."""
        seen: set[int] = set()
        stack = [root]
        while stack:
            node = stack.pop()
            if id(node) in seen:
                return node
            seen.add(id(node))
            children = [v for pair in node.value for v in pair] if isinstance(node, MappingNode) else None
            if isinstance(node, SequenceNode):
                children = node.value
            stack.extend(reversed(children or []))
        return None

    def _refuse(self, message: str, line: int | None) -> None:
        raise GoalSetSchemaError(self.file, [SchemaIssue(message, "", Origin(line))])


class _Converter:
    def __init__(self, file: str, limits: GoalFileLimits | None = None) -> None:
        self.file = file
        self.origins = Origins()
        self.issues: list[SchemaIssue] = []
        self._constructor = SafeConstructor()
        self._max_depth = (limits or GoalFileLimits()).max_tiefe

    def convert(self, node: Node, path: DataPath, depth: int = 0) -> Any:
        if depth > self._max_depth:
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
                            Origin(_line(key_node)),
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
                            Origin(_line(key_node)),
                        )
                    )
                    continue
                self.origins[key_path] = Origin(_line(key_node))
                result[key] = self.convert(value_node, key_path, depth + 1)
            return result
        if isinstance(node, SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.origins[(*path, index)] = Origin(_line(item))
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


def yaml_origins(text: str, limits: GoalFileLimits | None = None) -> Origins:
    """Only the lines of each path (used for JSON, which YAML can read too); empty if unreadable."""
    limits = limits or GoalFileLimits()
    try:
        node = yaml.compose(text, Loader=_Loader)
        converter = _Converter("", limits)
        if node is not None:
            _Budget("", limits).check(node)
            converter.convert(node, ())
        return converter.origins
    except (yaml.YAMLError, GoalSetSchemaError):
        return Origins()


def load_yaml(text: str, file: str, limits: GoalFileLimits | None = None) -> tuple[Any, Origins]:
    limits = limits or GoalFileLimits()
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
    _Budget(file, limits).check(node)
    converter = _Converter(file, limits)
    converter.origins[()] = Origin(_line(node))
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
