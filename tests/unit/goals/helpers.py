"""Helpers for the goal-set tests: the good example as editable data, and running single rules."""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import KNOWLEDGE

EXAMPLE = KNOWLEDGE / "zielsysteme" / "beispiel-zielsystem.yaml"


@cache
def _example() -> dict[str, Any]:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def example() -> dict[str, Any]:
    """A fresh, editable copy of the good example (gives only GOV-03)."""
    return copy.deepcopy(_example())


def goal(data: dict[str, Any], goal_id: str) -> dict[str, Any]:
    for item in data["ziele"]:
        if item["id"] == goal_id:
            return item
    for strategy in data.get("fachstrategien", []):
        for item in strategy.get("ziele", []):
            if item["id"] == goal_id:
                return item
    raise KeyError(goal_id)


def new_goal(goal_id: str, title: str, field: str = "HF4", **extra: Any) -> dict[str, Any]:
    """A complete strategic goal without budget: no rule fires on it by itself (except TRC-02)."""
    item = {
        "id": goal_id, "titel": title, "handlungsfeld": field, "art": "wirkung", "prioritaet": "C",
        "zieljahr": 2030,
        "kennzahlen": [{"name": f"Kennzahl {goal_id}", "typ": "wirkung", "einheit": "%",
                        "richtung": "steigend", "basiswert": 10, "basisjahr": 2024, "zielwert": 20,
                        "zieljahr": 2030, "quelle": "Statistik"}],
        "ressourcen": {"produkte": ["57.10 Wirtschaftsförderung"]},
    }  # fmt: skip
    item.update(extra)
    return item


def check(data: dict[str, Any], *, embedder=None, **thresholds: Any):
    """All findings for ``data`` with the hash embedder (or ``embedder``)."""
    from assistant.goals.check import run_rules
    from assistant.goals.model import GoalSet
    from assistant.goals.rules import build_rules
    from assistant.index.embedders import HashEmbedder
    from assistant.settings import PruefungSettings

    settings = PruefungSettings(**thresholds)
    return run_rules(GoalSet.model_validate(data), build_rules(settings, embedder or HashEmbedder()))


def found(data: dict[str, Any], rule: str, **thresholds: Any) -> list[tuple[str, str | None]]:
    """(severity, goal_id) of the findings of one rule."""
    return [(f.severity, f.goal_id) for f in check(data, **thresholds) if f.rule == rule]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
