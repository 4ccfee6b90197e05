"""The status rule of goal achievement (zielsystem-format.md, „Messwerte and ``assistant monitor``“).

Pure functions: an indicator, the year of the evaluation and the tolerances in, a status out. Of one
indicator, from its latest measured value W in year y (after the base year, not after the evaluation
year), its baseline B in year b and its target Z in year z:

- progress p = (W − B) / (Z − B), expected share e = (y − b) / (z − b), capped at 1;
- ``erreicht`` if W has reached Z in the goal's direction, ``verfehlt`` if y ≥ z and not;
- ``im_plan`` if p ≥ e − t1, ``gefaehrdet`` if e − t2 ≤ p < e − t1, ``nicht_im_plan`` below or if p < 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from assistant.goals.model import Indicator, Measurement

Status = Literal["erreicht", "im_plan", "gefaehrdet", "nicht_im_plan", "verfehlt", "keine_daten", "unvollstaendig"]
Direction = Literal["steigend", "sinkend"]

RANKED: tuple[Status, ...] = ("verfehlt", "nicht_im_plan", "gefaehrdet", "im_plan", "erreicht")  # worst first
UNKNOWN: tuple[Status, ...] = ("keine_daten", "unvollstaendig")
ON_TRACK: tuple[Status, ...] = ("im_plan", "erreicht")
OFF_TRACK: tuple[Status, ...] = ("nicht_im_plan", "verfehlt")  # exit code 1

# Values are typed as decimals (7,1 %); without a little slack a value exactly on a boundary could land
# on the wrong side by binary rounding (0.7 − 0.1 ≠ 0.6).
_EPSILON = 1e-9


@dataclass(frozen=True)
class Tolerances:
    on_track: float = 0.10  # t1
    at_risk: float = 0.30  # t2


class Latest(BaseModel):
    jahr: int
    wert: float


class IndicatorStatus(BaseModel):
    status: Status
    latest: Latest | None = None
    expected: float | None = None  # the value on the path in the year of the latest value
    progress: float | None = None  # p
    expected_share: float | None = None  # e
    missing: list[str] = []  # for ``unvollstaendig``: the German names of what is missing


def direction(indicator: Indicator) -> Direction | None:
    """``richtung`` when stated, else the sign of Z − B; None when neither says it."""
    if indicator.direction:
        return indicator.direction
    if indicator.baseline is None or indicator.target is None or indicator.target == indicator.baseline:
        return None
    return "steigend" if indicator.target > indicator.baseline else "sinkend"


def latest_measurement(indicator: Indicator, year: int | None) -> Measurement | None:
    """The latest value after the base year and not after ``year`` (None: no limit)."""
    candidates = [
        m
        for m in indicator.measurements
        if (indicator.baseline_year is None or m.year > indicator.baseline_year) and (year is None or m.year <= year)
    ]
    return max(candidates, key=lambda m: m.year) if candidates else None


def reached(value: float, target: float, way: Direction | None) -> bool:
    if way == "steigend":
        return value >= target - _EPSILON
    if way == "sinkend":
        return value <= target + _EPSILON
    return abs(value - target) <= _EPSILON


def _missing(indicator: Indicator) -> list[str]:
    fields = (
        ("Basiswert", indicator.baseline),
        ("Basisjahr", indicator.baseline_year),
        ("Zielwert", indicator.target),
        ("Zieljahr", indicator.target_year),
    )
    return [label for label, value in fields if value is None]


def evaluate_indicator(indicator: Indicator, year: int | None, tolerances: Tolerances) -> IndicatorStatus:
    """The status of one indicator as of ``year`` (values after it are ignored)."""
    missing = _missing(indicator)
    way = direction(indicator)
    if not missing and way is None:
        missing = ["Richtung (Zielwert gleich Basiswert)"]
    if missing:
        return IndicatorStatus(status="unvollstaendig", missing=missing)
    base, target = float(indicator.baseline), float(indicator.target)  # type: ignore[arg-type]
    base_year, target_year = int(indicator.baseline_year), int(indicator.target_year)  # type: ignore[arg-type]
    measurement = latest_measurement(indicator, year)
    if measurement is None:
        return IndicatorStatus(status="keine_daten")
    value, measured_year = measurement.value, measurement.year
    # base year = target year (or a target year before it): the whole path is due at once
    share = 1.0 if target_year <= base_year else min(1.0, (measured_year - base_year) / (target_year - base_year))
    progress = (value - base) / (target - base) if target != base else None
    result = IndicatorStatus(
        status="im_plan",
        latest=Latest(jahr=measured_year, wert=value),
        expected=base + share * (target - base),
        progress=progress,
        expected_share=share,
    )
    if reached(value, target, way):
        status: Status = "erreicht"
    elif measured_year >= target_year:
        status = "verfehlt"
    elif progress is None or progress < -_EPSILON or progress < share - tolerances.at_risk - _EPSILON:
        status = "nicht_im_plan"  # a level to hold (Z = B) that is not held is off track too
    elif progress < share - tolerances.on_track - _EPSILON:
        status = "gefaehrdet"
    else:
        status = "im_plan"
    return result.model_copy(update={"status": status})


def goal_status(statuses: Iterable[Status]) -> Status:
    """The worst known status of a goal's indicators; without any known one ``keine_daten`` if an
    indicator lacks values, else ``unvollstaendig`` (also for a goal without indicators)."""
    statuses = list(statuses)
    known = [s for s in statuses if s in RANKED]
    if known:
        return min(known, key=RANKED.index)
    return "keine_daten" if "keine_daten" in statuses else "unvollstaendig"
