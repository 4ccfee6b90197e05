"""A read-only view of a goal set for the rules: which goals are strategic, where each stands, who
serves whom. Built once per check so every rule counts the same way (rule catalogue, „Scope and
counting“)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from assistant.goals.model import Fachstrategie, Goal, GoalSet


@dataclass(frozen=True)
class GoalRef:
    """A goal with its place in the file (``ziele[2]``, ``fachstrategien[1].ziele[0]``)."""

    goal: Goal
    location: str
    strategy: Fachstrategie | None = None

    @property
    def id(self) -> str:
        return self.goal.id

    def at(self, *keys: str) -> str:
        return ".".join([self.location, *keys])


class GoalSetView:
    def __init__(self, goal_set: GoalSet) -> None:
        self.goal_set = goal_set
        self.top_level = [GoalRef(g, f"ziele[{i}]") for i, g in enumerate(goal_set.goals)]
        self.strategy_goals = [
            GoalRef(g, f"fachstrategien[{s}].ziele[{i}]", strategy)
            for s, strategy in enumerate(goal_set.strategies)
            for i, g in enumerate(strategy.goals)
        ]

    @cached_property
    def strategic(self) -> list[GoalRef]:
        """Entries of ``ziele`` that are not constraints (``art: restriktion``)."""
        return [ref for ref in self.top_level if ref.goal.is_strategic_kind]

    @property
    def all_goals(self) -> list[GoalRef]:
        return [*self.top_level, *self.strategy_goals]

    @cached_property
    def top_level_ids(self) -> set[str]:
        return {ref.id for ref in self.top_level}

    @cached_property
    def contributors(self) -> dict[str, list[GoalRef]]:
        """Goal id → the Fachstrategie goals that name it in ``beitrag_zu``."""
        result: dict[str, list[GoalRef]] = defaultdict(list)
        for ref in self.strategy_goals:
            for target in dict.fromkeys(ref.goal.contributes_to):
                result[target].append(ref)
        return result

    def field_label(self, field_id: str) -> str:
        for field in self.goal_set.fields:
            if field.id == field_id:
                return f"{field.id} („{field.name}“)" if field.name else field.id
        return field_id
