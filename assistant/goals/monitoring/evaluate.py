"""Goal set + year → the status of every indicator and goal: the JSON contract of ``assistant monitor``.

Reported are the goals of the Gesamtstrategie (constraints only when they carry indicators) and the
goals of the Fachstrategien, each with its strategy. :class:`Monitoring` keeps the typed goals next to
the result for the report, the charts and the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from pydantic import BaseModel

from assistant.goals.model import GoalSet, Indicator
from assistant.goals.monitoring.status import (
    OFF_TRACK,
    RANKED,
    UNKNOWN,
    Latest,
    Status,
    Tolerances,
    evaluate_indicator,
    goal_status,
)
from assistant.goals.view import GoalRef, GoalSetView
from assistant.settings import ZielerreichungSettings


def _rounded(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


class IndicatorResult(BaseModel):
    goal_id: str
    name: str
    status: Status
    latest: Latest | None
    expected: float | None
    progress: float | None
    expected_share: float | None


class GoalResult(BaseModel):
    goal_id: str
    status: Status
    indicators: int
    unknown: int
    strategy: str | None = None  # id of the Fachstrategie, None for goals of the Gesamtstrategie


class Summary(BaseModel):
    erreicht: int = 0
    im_plan: int = 0
    gefaehrdet: int = 0
    nicht_im_plan: int = 0
    verfehlt: int = 0
    unknown: int = 0


class MonitorResult(BaseModel):
    """The JSON contract of ``assistant monitor --format json``."""

    file: str
    year: int
    indicators: list[IndicatorResult]
    goals: list[GoalResult]
    summary: Summary

    @property
    def exit_code(self) -> int:
        return 1 if self.summary.nicht_im_plan or self.summary.verfehlt else 0


def summarise(statuses: list[Status]) -> Summary:
    counts = {status: statuses.count(status) for status in RANKED}
    return Summary(**counts, unknown=sum(statuses.count(s) for s in UNKNOWN))


@dataclass(frozen=True)
class IndicatorOutcome:
    ref: GoalRef
    indicator: Indicator
    result: IndicatorResult
    missing: tuple[str, ...] = ()  # for ``unvollstaendig``: what the indicator lacks


@dataclass(frozen=True)
class GoalOutcome:
    ref: GoalRef
    result: GoalResult
    indicators: list[IndicatorOutcome]

    @property
    def status(self) -> Status:
        return self.result.status


@dataclass(frozen=True)
class Monitoring:
    """A goal set evaluated as of a year: the contract result plus the typed goals behind it."""

    goal_set: GoalSet
    result: MonitorResult
    goals: list[GoalOutcome]
    tolerances: Tolerances

    @property
    def top_level(self) -> list[GoalOutcome]:
        return [g for g in self.goals if g.ref.strategy is None]

    @cached_property
    def by_strategy(self) -> dict[str, list[GoalOutcome]]:
        """Strategy id → its goals, in file order."""
        result: dict[str, list[GoalOutcome]] = {}
        for goal in self.goals:
            if goal.ref.strategy is not None:
                result.setdefault(goal.ref.strategy.id or goal.ref.strategy.label, []).append(goal)
        return result


def tolerances_from(settings: ZielerreichungSettings) -> Tolerances:
    return Tolerances(on_track=settings.toleranz_im_plan, at_risk=settings.toleranz_gefaehrdet)


def _reported(view: GoalSetView) -> list[GoalRef]:
    top = [ref for ref in view.top_level if ref.goal.is_strategic_kind or ref.goal.indicators]
    return [*top, *view.strategy_goals]


def evaluate(goal_set: GoalSet, file: str, year: int | None, settings: ZielerreichungSettings) -> Monitoring:
    """Every reported goal and indicator as of ``year`` (default: the current calendar year)."""
    year = date.today().year if year is None else year
    tolerances = tolerances_from(settings)
    outcomes: list[GoalOutcome] = []
    for ref in _reported(GoalSetView(goal_set)):
        indicators = []
        for indicator in ref.goal.indicators:
            status = evaluate_indicator(indicator, year, tolerances)
            result = IndicatorResult(
                goal_id=ref.id,
                name=indicator.name,
                status=status.status,
                latest=status.latest,
                expected=_rounded(status.expected),
                progress=_rounded(status.progress),
                expected_share=_rounded(status.expected_share),
            )
            indicators.append(IndicatorOutcome(ref, indicator, result, tuple(status.missing)))
        statuses = [i.result.status for i in indicators]
        goal = GoalResult(
            goal_id=ref.id,
            status=goal_status(statuses),
            indicators=len(indicators),
            unknown=sum(s in UNKNOWN for s in statuses),
            strategy=ref.strategy.id if ref.strategy else None,
        )
        outcomes.append(GoalOutcome(ref, goal, indicators))
    result = MonitorResult(
        file=file,
        year=year,
        indicators=[i.result for g in outcomes for i in g.indicators],
        goals=[g.result for g in outcomes],
        summary=summarise([g.status for g in outcomes]),
    )
    return Monitoring(goal_set, result, outcomes, tolerances)


__all__ = ["OFF_TRACK", "GoalOutcome", "IndicatorOutcome", "MonitorResult", "Monitoring", "evaluate"]
