"""Schema errors: what makes a goal-set file unreadable, with file, line (or sheet and row) and path."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from assistant.errors import UserError
from assistant.goals.coercion import fold_key

DataPath = tuple[str | int, ...]
MAX_LISTED_ISSUES = 25


def format_path(path: Sequence[str | int]) -> str:
    """``("ziele", 2, "ressourcen")`` → ``ziele[2].ressourcen``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


@dataclass(frozen=True)
class Origin:
    """Where a value stands in the file: a YAML line, or an Excel sheet, row and column."""

    line: int | None = None
    sheet: str | None = None
    column: str | None = None

    def describe(self) -> str:
        parts = []
        if self.sheet:
            parts.append(f"Blatt „{self.sheet}“")
        if self.line is not None:
            parts.append(f"Zeile {self.line}")
        if self.column:
            parts.append(f"Spalte „{self.column}“")
        return ", ".join(parts)


class Origins:
    """Map from data paths to their origin; a path without an entry takes its nearest ancestor's."""

    def __init__(self, entries: Mapping[DataPath, Origin] | None = None) -> None:
        self._entries: dict[DataPath, Origin] = dict(entries or {})

    def __setitem__(self, path: DataPath, origin: Origin) -> None:
        self._entries[path] = origin

    def get(self, path: Sequence[str | int]) -> Origin:
        current = tuple(path)
        while True:
            origin = self._entries.get(current)
            if origin is not None:
                return origin
            if not current:
                return Origin()
            current = current[:-1]


@dataclass(frozen=True)
class SchemaIssue:
    message: str
    path: str = ""
    origin: Origin = Origin()

    def describe(self) -> str:
        where = ", ".join(part for part in (self.origin.describe(), self.path) if part)
        return f"{where}: {self.message}" if where else self.message


class GoalSetSchemaError(UserError):
    """The goal-set file cannot be read: invalid syntax, wrong types, unknown keys or ids (exit code 2)."""

    exit_code = 2

    def __init__(self, file: str, issues: Sequence[SchemaIssue]) -> None:
        self.file = file
        self.issues = list(issues)
        super().__init__(self._text())

    @property
    def line(self) -> int | None:
        return self.issues[0].origin.line if self.issues else None

    @property
    def path(self) -> str:
        return self.issues[0].path if self.issues else ""

    def _text(self) -> str:
        if len(self.issues) == 1:
            return f"Die Datei „{self.file}“ ist fehlerhaft – {self.issues[0].describe()}"
        lines = [f"Die Datei „{self.file}“ ist fehlerhaft ({len(self.issues)} Probleme):"]
        lines += [f"  - {issue.describe()}" for issue in self.issues[:MAX_LISTED_ISSUES]]
        if len(self.issues) > MAX_LISTED_ISSUES:
            lines.append(f"  … und {len(self.issues) - MAX_LISTED_ISSUES} weitere.")
        return "\n".join(lines)


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most similar to ``word`` (typos such as „prioritat“ → „prioritaet“), or None."""
    options = {fold_key(c): c for c in candidates}
    match = difflib.get_close_matches(fold_key(str(word)), list(options), n=1, cutoff=0.6)
    return options[match[0]] if match else None


def unknown_name_message(what: str, name: object, known: Sequence[str]) -> str:
    """„Unbekannter Schlüssel „prioritat“ – meinten Sie „prioritaet“?“ (what: „Unbekannter Schlüssel“)."""
    suggestion = closest(str(name), known)
    if suggestion:
        return f"{what} „{name}“ – meinten Sie „{suggestion}“?"
    return f"{what} „{name}“; erlaubt sind: {', '.join(known)}."
