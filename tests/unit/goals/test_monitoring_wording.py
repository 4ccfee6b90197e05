"""German wording of goal achievement: numbers with units, the sentence per goal, charts for every case."""

from __future__ import annotations

from assistant.goals.model import Goal, Indicator
from assistant.goals.monitoring.charts import indicator_chart, png_bytes
from assistant.goals.monitoring.evaluate import GoalOutcome, GoalResult, IndicatorOutcome, IndicatorResult
from assistant.goals.monitoring.status import Tolerances, evaluate_indicator
from assistant.goals.monitoring.wording import amount, expected_amount, goal_sentence
from assistant.goals.view import GoalRef
from assistant.plot_style import COMPACT_WIDTH, SMALL, smallest_text_pt


def outcome(goal_id: str, **indicator) -> IndicatorOutcome:
    kpi = Indicator.model_validate({"name": "K", **indicator})
    status = evaluate_indicator(kpi, 2026, Tolerances())
    result = IndicatorResult(goal_id=goal_id, name=kpi.name, **status.model_dump(exclude={"missing"}))
    ref = GoalRef(Goal.model_validate({"id": goal_id, "titel": "T"}), "ziele[0]")
    return IndicatorOutcome(ref, kpi, result, tuple(status.missing))


def goal_of(*indicators: IndicatorOutcome) -> GoalOutcome:
    from assistant.goals.monitoring.status import goal_status

    status = goal_status([i.result.status for i in indicators])
    ref = indicators[0].ref
    return GoalOutcome(ref, GoalResult(goal_id=ref.id, status=status, indicators=len(indicators), unknown=0),
                       list(indicators))  # fmt: skip


def test_amounts_in_german_notation_with_their_unit():
    money = Indicator(name="Jahresergebnis", einheit="Mio. EUR", basiswert=-4.2, zielwert=0)
    assert amount(-4.2, money) == "−4,2 Mio. EUR" and amount(0, money) == "0 Mio. EUR"
    people = Indicator(name="Beschäftigte", einheit="Anzahl", basiswert=41200, zielwert=43500)
    assert amount(41583.33, people) == "41.583" and amount(41580, people) == "41.580"
    share = Indicator(name="Quote", einheit="%", basiswert=38, zielwert=50)
    assert expected_amount(40.0, share) == "40 %" and expected_amount(41.25, share) == "41,3 %"
    fine = Indicator(name="Anteil", einheit="%", basiswert=7.125, zielwert=4.0)
    assert amount(6.58333, fine) == "6,58 %"  # as precise as the file, at most two decimals


def test_sentences_for_every_status():
    path = {"einheit": "%", "basiswert": 7.1, "basisjahr": 2024, "zielwert": 4.0, "zieljahr": 2030}
    on_track = outcome("Z1", **path, messwerte={2025: 6.4})
    assert goal_sentence(goal_of(on_track)) == "Z1 liegt im Plan: 6,4 % im Jahr 2025, erwartet 6,6 %."
    reached = outcome("Z1", **path, messwerte={2025: 3.9})
    assert goal_sentence(goal_of(reached)) == "Z1 hat das Ziel erreicht: 3,9 % im Jahr 2025, Zielwert 4 % (2030)."
    late = {**path, "zieljahr": 2025}
    assert goal_sentence(goal_of(outcome("Z1", **late, messwerte={2025: 5.0}))).startswith("Z1 hat das Ziel verfehlt")
    none = outcome("Z1", **path)
    assert goal_sentence(goal_of(none)) == "Z1 ist noch nicht bewertbar: kein Messwert nach dem Basisjahr 2024."
    partial = outcome("Z1", basiswert=1, messwerte={2025: 2})
    assert goal_sentence(goal_of(partial)) == ("Z1 ist nicht bewertbar: es fehlt Basisjahr, Zielwert und Zieljahr.")
    both = goal_sentence(goal_of(on_track, outcome("Z1", **path, messwerte={2025: 7.5})))
    assert both.startswith("Z1 liegt nicht im Plan: K 7,5 % im Jahr 2025, erwartet 6,6 % (nicht im Plan); K 6,4 %")


def test_charts_draw_every_case_with_their_text():
    path = {"einheit": "%", "basiswert": 7.1, "basisjahr": 2024, "zielwert": 4.0, "zieljahr": 2030}
    for case in (outcome("Z1", **path, messwerte={2025: 6.4, 2026: 6.0}), outcome("Z1", **path),
                 outcome("Z1", basiswert=1, messwerte={2025: 2}), outcome("Z1")):  # fmt: skip
        plot = indicator_chart(case)
        assert png_bytes(plot)[:4] == b"\x89PNG"
        assert plot.description.startswith("K (Ziel Z1):")
        # readable on a phone: narrow, no label under SMALL points (see assistant/plot_style.py)
        assert plot.figure.get_figwidth() <= COMPACT_WIDTH and smallest_text_pt(plot) >= SMALL
