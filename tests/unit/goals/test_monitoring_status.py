"""The status rule, table-driven at its boundaries (zielsystem-format.md, „Messwerte and assistant monitor“)."""

from __future__ import annotations

import pytest

from assistant.goals.model import Indicator
from assistant.goals.monitoring.status import Tolerances, evaluate_indicator, goal_status

T = Tolerances(on_track=0.10, at_risk=0.30)


def kpi(values: dict[int, float], *, base=0.0, base_year=2020, target=10.0, target_year=2030, **extra) -> Indicator:
    data = {"name": "K", "basiswert": base, "basisjahr": base_year, "zielwert": target, "zieljahr": target_year}
    return Indicator.model_validate({**data, **extra, "messwerte": values})


# Path 0 → 10 from 2020 to 2030: in 2025 the expected share e is 0.5, so e − t1 = 0.4 and e − t2 = 0.2.
@pytest.mark.parametrize(
    ("values", "status", "progress", "share"),
    [
        ({2025: 5.0}, "im_plan", 0.5, 0.5),  # exactly on the path
        ({2025: 4.0}, "im_plan", 0.4, 0.5),  # exactly on e − t1: still im Plan
        ({2025: 3.99}, "gefaehrdet", 0.399, 0.5),  # just below e − t1
        ({2025: 2.0}, "gefaehrdet", 0.2, 0.5),  # exactly on e − t2: still gefährdet
        ({2025: 1.99}, "nicht_im_plan", 0.199, 0.5),  # just below e − t2
        ({2025: -0.5}, "nicht_im_plan", -0.05, 0.5),  # moving away from the target
        ({2025: 10.0}, "erreicht", 1.0, 0.5),  # reached early
        ({2025: 12.0}, "erreicht", 1.2, 0.5),  # beyond the target in its direction
        ({2030: 9.0}, "verfehlt", 0.9, 1.0),  # target year, not reached
        ({2031: 9.9}, "verfehlt", 0.99, 1.0),  # after the target year: e capped at 1
        ({2032: 10.5}, "erreicht", 1.05, 1.0),  # after the target year, reached
        ({2021: 0.5}, "im_plan", 0.05, 0.1),  # e − t1 = 0: a small step is enough in year one
        ({2021: -0.1}, "nicht_im_plan", -0.01, 0.1),  # p < 0 even though p ≥ e − t2
        ({2020: 9.0}, "keine_daten", None, None),  # a value in the base year is the baseline
        ({}, "keine_daten", None, None),
        ({2022: 1.0, 2025: 5.0}, "im_plan", 0.5, 0.5),  # the latest value counts
        ({2025: 5.0, 2022: 1.0}, "im_plan", 0.5, 0.5),  # in any order
    ],
)
def test_rising_indicator(values, status, progress, share):
    result = evaluate_indicator(kpi(values), None, T)
    assert result.status == status
    assert result.progress == (pytest.approx(progress) if progress is not None else None)
    assert result.expected_share == (pytest.approx(share) if share is not None else None)


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (6.4, "im_plan"),  # the spec's example: p 0.23 ≥ e 0.17 − 0.1
        (7.1, "gefaehrdet"),  # no change: p 0 < e − t1 = 0.067, ≥ e − t2
        (7.5, "nicht_im_plan"),  # moved up although the goal says sinkend
        (4.0, "erreicht"),
        (3.2, "erreicht"),  # below the target: reached in a sinking direction
    ],
)
def test_sinking_indicator_from_the_spec(value, status):
    indicator = kpi({2025: value}, base=7.1, base_year=2024, target=4.0, target_year=2030, richtung="sinkend")
    result = evaluate_indicator(indicator, 2026, T)
    assert result.status == status
    if value == 6.4:
        assert result.expected == pytest.approx(6.5833, abs=1e-4)
        assert round(result.progress, 2) == 0.23 and round(result.expected_share, 2) == 0.17


def test_reached_in_the_wrong_direction_is_not_reached():
    # richtung says steigend, but the value passed the target on the other side: moving away
    indicator = kpi({2025: -20.0}, base=0.0, target=10.0, richtung="steigend")
    assert evaluate_indicator(indicator, None, T).status == "nicht_im_plan"
    # without richtung the direction comes from the sign of Z − B
    falling = kpi({2025: 4.0}, base=10.0, target=0.0)
    assert evaluate_indicator(falling, None, T).status == "im_plan"
    rising_value = kpi({2025: 12.0}, base=10.0, target=0.0)
    assert evaluate_indicator(rising_value, None, T).status == "nicht_im_plan"


def test_base_year_equal_to_target_year():
    same = {"base_year": 2025, "target_year": 2025}
    assert evaluate_indicator(kpi({2026: 8.0}, **same), None, T).status == "verfehlt"
    assert evaluate_indicator(kpi({2026: 10.0}, **same), None, T).status == "erreicht"
    result = evaluate_indicator(kpi({2026: 8.0}, **same), None, T)
    assert result.expected_share == 1.0 and result.expected == 10.0


def test_year_ignores_later_values():
    indicator = kpi({2022: 1.0, 2025: 5.0, 2031: 10.0})
    assert evaluate_indicator(indicator, None, T).status == "erreicht"
    assert evaluate_indicator(indicator, 2030, T).status == "im_plan"
    assert evaluate_indicator(indicator, 2024, T).latest.jahr == 2022
    assert evaluate_indicator(indicator, 2024, T).status == "im_plan"  # 2022: p 0.1 = e 0.2 − t1
    assert evaluate_indicator(indicator, 2021, T).status == "keine_daten"


def test_incomplete_indicators_name_what_is_missing():
    partial = Indicator.model_validate({"name": "K", "basiswert": 1, "messwerte": {2025: 2}})
    result = evaluate_indicator(partial, None, T)
    assert result.status == "unvollstaendig" and result.missing == ["Basisjahr", "Zielwert", "Zieljahr"]
    flat = kpi({2025: 1.0}, base=5.0, target=5.0)  # no path and no richtung: no direction
    assert evaluate_indicator(flat, None, T).status == "unvollstaendig"
    hold = kpi({2025: 5.5}, base=5.0, target=5.0, richtung="sinkend")  # a level to hold, missed
    assert evaluate_indicator(hold, None, T).status == "nicht_im_plan"
    assert evaluate_indicator(kpi({2025: 4.5}, base=5.0, target=5.0, richtung="sinkend"), None, T).status == "erreicht"


def test_tolerances_are_parameters():
    indicator = kpi({2025: 3.0})  # p 0.3, e 0.5
    assert evaluate_indicator(indicator, None, T).status == "gefaehrdet"
    assert evaluate_indicator(indicator, None, Tolerances(on_track=0.2, at_risk=0.3)).status == "im_plan"
    assert evaluate_indicator(indicator, None, Tolerances(on_track=0.05, at_risk=0.1)).status == "nicht_im_plan"


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["im_plan", "gefaehrdet"], "gefaehrdet"),
        (["erreicht", "verfehlt", "nicht_im_plan"], "verfehlt"),
        (["erreicht", "im_plan"], "im_plan"),
        (["erreicht", "keine_daten"], "erreicht"),  # unknown indicators are reported separately
        (["keine_daten", "unvollstaendig"], "keine_daten"),
        (["unvollstaendig"], "unvollstaendig"),
        ([], "unvollstaendig"),
    ],
)
def test_goal_status_is_the_worst_known(statuses, expected):
    assert goal_status(statuses) == expected
