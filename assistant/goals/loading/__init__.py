"""Loaders for goal-set files: YAML, JSON and Excel give the same :class:`GoalSet`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.goals.loading.errors import GoalSetSchemaError, Origins, SchemaIssue
from assistant.goals.model import GoalSet
from assistant.settings import GoalFileLimits

SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".xlsx": "xlsx", ".xlsm": "xlsx"}


@dataclass(frozen=True)
class LoadedGoalSet:
    goal_set: GoalSet
    file: str
    origins: Origins


def load_goal_set(
    path: Path | str, *, display_name: str | None = None, limits: GoalFileLimits | None = None
) -> LoadedGoalSet:
    """Read and validate a goal-set file within ``limits``; raises :class:`GoalSetSchemaError` (exit code 2)."""
    from assistant.goals.loading.validate import validate_goal_set

    limits = limits or GoalFileLimits()
    path = Path(path)
    file = display_name or str(path)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise GoalSetSchemaError(
            file, [SchemaIssue("Unbekanntes Dateiformat; erwartet wird .yaml, .yml, .json oder .xlsx.")]
        )
    if not path.is_file():
        raise GoalSetSchemaError(file, [SchemaIssue("Die Datei wurde nicht gefunden.")])
    size_mb = path.stat().st_size / 1_000_000
    if size_mb > limits.max_datei_mb:
        raise GoalSetSchemaError(
            file,
            [
                SchemaIssue(
                    f"Die Datei ist mit {size_mb:.1f} MB größer als die erlaubten {limits.max_datei_mb:g} MB "
                    "(Einstellung pruefung.grenzen.max_datei_mb)."
                )
            ],
        )
    if kind == "xlsx":
        from assistant.goals.loading.xlsx_loader import load_xlsx

        data, origins = load_xlsx(path, file, limits)
    else:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise GoalSetSchemaError(file, [SchemaIssue("Die Datei ist nicht UTF-8-kodiert.")]) from None
        except OSError as exc:
            raise GoalSetSchemaError(
                file, [SchemaIssue(f"Die Datei kann nicht gelesen werden ({exc.strerror}).")]
            ) from None
        if kind == "json":
            from assistant.goals.loading.json_loader import load_json

            data, origins = load_json(text, file, limits)
        else:
            from assistant.goals.loading.yaml_loader import load_yaml

            data, origins = load_yaml(text, file, limits)
    goal_set = validate_goal_set(data, file, origins)
    _check_goal_count(goal_set, file, limits)
    return LoadedGoalSet(goal_set, file, origins)


def _check_goal_count(goal_set: GoalSet, file: str, limits: GoalFileLimits) -> None:
    count = len(goal_set.goals) + sum(len(strategy.goals) for strategy in goal_set.strategies)
    if count > limits.max_ziele:
        raise GoalSetSchemaError(
            file,
            [
                SchemaIssue(
                    f"Die Datei enthält {count} Ziele; geprüft werden höchstens {limits.max_ziele} "
                    "(Einstellung pruefung.grenzen.max_ziele). Teilen Sie das Zielsystem auf."
                )
            ],
        )


__all__ = ["GoalSetSchemaError", "LoadedGoalSet", "SchemaIssue", "load_goal_set"]
