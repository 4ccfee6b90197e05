import io

import yaml

from assistant.app import plots
from assistant.goals.model import GoalSet
from tests.conftest import KNOWLEDGE

EXAMPLE = yaml.safe_load((KNOWLEDGE / "zielsysteme" / "beispiel-zielsystem.yaml").read_text(encoding="utf-8"))


def _goal_set(**changes) -> GoalSet:
    return GoalSet.model_validate(EXAMPLE | changes)


def _png(plot) -> bytes:
    buffer = io.BytesIO()
    plot.figure.savefig(buffer, format="png")
    return buffer.getvalue()


def test_budget_follows_priorities_in_the_example():
    plot = plots.budget_by_priority(_goal_set())
    assert plot.description.startswith("Die Mittel folgen den Prioritäten.")
    assert "Priorität A: 2.200.000 EUR je Ziel (2 Ziele)" in plot.description
    assert "Priorität C: 250.000 EUR je Ziel (1 Ziel)" in plot.description
    assert _png(plot).startswith(b"\x89PNG")


def test_budget_inversion_is_named():
    goals = [dict(g) for g in EXAMPLE["ziele"]]
    goals[4] = goals[4] | {"ressourcen": {"produkte": ["11.20"], "budget_eur": 9_000_000}}  # a C goal
    plot = plots.budget_by_priority(_goal_set(ziele=goals))
    assert plot.description.startswith("Die Mittel folgen nicht den Prioritäten.")
    assert "Klasse C" in plot.description


def test_budget_without_any_budget():
    goals = [{k: v for k, v in g.items() if k != "ressourcen"} for g in EXAMPLE["ziele"]]
    plot = plots.budget_by_priority(_goal_set(ziele=goals))
    assert "nicht möglich" in plot.description
    _png(plot)


def test_goals_per_field_against_threshold():
    plot = plots.goals_per_field(_goal_set(), threshold=1)
    assert "Über der Schwelle: HF5." in plot.description
    assert "Finanzen und Verwaltung (HF5): 2" in plot.description
    _png(plot)


def test_tree_marks_uncovered_goals_and_orphans():
    strategies = [dict(s) for s in EXAMPLE["fachstrategien"] if s["id"] != "FS-WI"]
    plot = plots.strategy_tree(_goal_set(fachstrategien=strategies))
    assert "Nicht abgedeckt: Z4." in plot.description
    assert "BW2 → Z2, Z3" in plot.description
    _png(plot)
    plot = plots.strategy_tree(_goal_set(fachstrategien=[]))
    assert "Ohne Fachstrategien" in plot.description
    _png(plot)
