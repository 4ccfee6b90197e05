import io

import yaml

from assistant.app import plots
from assistant.app.figures import chart_html
from assistant.goals.model import GoalSet
from assistant.plot_style import COMPACT_WIDTH, SMALL, smallest_text_pt
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


def test_compact_tree_lists_each_goal_with_the_goals_serving_it():
    strategies = [dict(s) for s in EXAMPLE["fachstrategien"] if s["id"] != "FS-WI"]
    plot = plots.strategy_tree_compact(_goal_set(fachstrategien=strategies))
    texts = [t.get_text() for t in plot.figure.axes[0].texts]
    assert any(t.startswith("Z4 ") for t in texts)
    assert any("nicht abgedeckt" in t for t in texts)  # said in words, not only red
    assert sum(t.startswith("BW2 ") for t in texts) == 2  # serves Z2 and Z3: shown under both
    assert plot.description == plots.strategy_tree(_goal_set(fachstrategien=strategies)).description


def test_phone_charts_are_narrow_with_large_type():
    """Drawn for a phone: at most COMPACT_WIDTH inches wide and no label under SMALL points, so on a
    390-pixel phone the smallest label is still about 12 CSS pixels (see assistant/plot_style.py)."""
    goal_set = _goal_set()
    for plot in (
        plots.budget_by_priority(goal_set),
        plots.goals_per_field(goal_set, threshold=3),
        plots.strategy_tree_compact(goal_set),
        plots.strategy_tree_compact(_goal_set(fachstrategien=[])),
    ):
        assert plot.figure.get_figwidth() <= COMPACT_WIDTH
        assert smallest_text_pt(plot) >= SMALL, plot.description


def test_chart_html_carries_both_layouts_and_a_german_alt():
    goal_set = _goal_set()
    markup = chart_html(plots.strategy_tree(goal_set), "Schaubild „Ableitung“", plots.strategy_tree_compact(goal_set))
    assert markup.count("<img") == 2
    assert 'class="chart chart-wide"' in markup and 'class="chart chart-compact"' in markup
    assert markup.count('alt="Schaubild „Ableitung“"') == 2
    assert 'width="400"' in markup and 'width="960"' in markup
    single = chart_html(plots.budget_by_priority(goal_set), 'Balken <"A">')
    assert single.count("<img") == 1 and 'alt="Balken &lt;&quot;A&quot;&gt;"' in single
    assert float(single.split('data-min-text-px="')[1].split('"')[0]) >= SMALL * 100 / 72
