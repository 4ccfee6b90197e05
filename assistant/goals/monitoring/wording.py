"""German words for goal achievement: status labels, values with their unit, one sentence per goal
(„Z1 liegt im Plan: 6,4 % im Jahr 2025, erwartet 6,6 %“)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from assistant.goals.model import Indicator
from assistant.goals.monitoring.evaluate import GoalOutcome, IndicatorOutcome
from assistant.goals.monitoring.status import RANKED, Status
from assistant.goals.rules.base import number

STATUS_LABELS: dict[str, str] = {
    "erreicht": "erreicht",
    "im_plan": "im Plan",
    "gefaehrdet": "gefährdet",
    "nicht_im_plan": "nicht im Plan",
    "verfehlt": "verfehlt",
    "keine_daten": "keine Daten",
    "unvollstaendig": "nicht bewertbar",
    "unknown": "unbekannt",
}
_PHRASES: dict[str, str] = {
    "erreicht": "hat das Ziel erreicht",
    "im_plan": "liegt im Plan",
    "gefaehrdet": "ist gefährdet",
    "nicht_im_plan": "liegt nicht im Plan",
    "verfehlt": "hat das Ziel verfehlt",
    "keine_daten": "ist noch nicht bewertbar",
    "unvollstaendig": "ist nicht bewertbar",
}
SUMMARY_KEYS: tuple[str, ...] = (*RANKED[::-1], "unknown")  # best first, as people read a report
# units that read better without being repeated after every number
_SILENT_UNITS = {"anzahl", "zahl", "stück"}


def _decimals(indicator: Indicator) -> int:
    """As many decimals as the file uses for this indicator (at least none, at most two)."""
    numbers = [indicator.baseline, indicator.target, *(m.value for m in indicator.measurements)]
    places = [len(f"{float(n):.6f}".rstrip("0").split(".")[1]) for n in numbers if n is not None]
    return min(max(places, default=0), 2)


def amount(value: float, indicator: Indicator, extra_decimals: int = 0) -> str:
    """A value in German notation with the indicator's unit: „6,4 %“, „41.650“, „−4,2 Mio. EUR“."""
    decimals = _decimals(indicator) + extra_decimals
    # commercial rounding, as people round by hand (41,25 → 41,3); round() would give 41,2
    rounded = float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))
    text = number(rounded, max(decimals, 1)).replace("-", "−")
    unit = (indicator.unit or "").strip()
    return f"{text} {unit}" if unit and unit.lower() not in _SILENT_UNITS else text


def expected_amount(value: float, indicator: Indicator) -> str:
    """The expected value one decimal finer than the data when the data are whole numbers of a share."""
    return amount(value, indicator, 1 if _decimals(indicator) == 0 and abs(value) < 100 else 0)


def indicator_state(outcome: IndicatorOutcome) -> str:
    """Where one indicator stands, without its name: „6,4 % im Jahr 2025, erwartet 6,6 %“."""
    indicator, result = outcome.indicator, outcome.result
    if result.status == "unvollstaendig":
        return "es fehlt " + _join(outcome.missing)
    if result.latest is None:
        return f"kein Messwert nach dem Basisjahr {indicator.baseline_year}"
    measured = f"{amount(result.latest.wert, indicator)} im Jahr {result.latest.jahr}"
    target = f"Zielwert {amount(indicator.target, indicator)} ({indicator.target_year})"  # type: ignore[arg-type]
    if result.status in ("erreicht", "verfehlt"):
        return f"{measured}, {target}"
    return f"{measured}, erwartet {expected_amount(result.expected, indicator)}"  # type: ignore[arg-type]


def value_cells(outcome: IndicatorOutcome) -> tuple[str, str, str]:
    """Latest value (with its year), expected value and target (with its year) for a table row."""
    indicator, result = outcome.indicator, outcome.result
    latest = f"{amount(result.latest.wert, indicator)} ({result.latest.jahr})" if result.latest else "–"
    expected = expected_amount(result.expected, indicator) if result.expected is not None else "–"
    target = "–"
    if indicator.target is not None:
        target = f"{amount(indicator.target, indicator)} ({indicator.target_year or '–'})"
    return latest, expected, target


def goal_sentence(goal: GoalOutcome) -> str:
    """One sentence per goal; with several indicators the worst comes first, each with its status."""
    status: Status = goal.status
    head = f"{goal.ref.id} {_PHRASES[status]}"
    if not goal.indicators:
        return f"{goal.ref.id} ist nicht bewertbar: Das Ziel hat keine Kennzahl."
    if len(goal.indicators) == 1:
        return f"{head}: {indicator_state(goal.indicators[0])}."
    order = {s: i for i, s in enumerate((*RANKED, "keine_daten", "unvollstaendig"))}
    ranked = sorted(goal.indicators, key=lambda i: order[i.result.status])
    parts = [f"{i.indicator.name} {indicator_state(i)} ({STATUS_LABELS[i.result.status]})" for i in ranked]
    return f"{head}: " + "; ".join(parts) + "."


def _join(items: list[str] | tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " und " + items[-1]
