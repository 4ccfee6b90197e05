"""Plots of a goal set, for people who would rather look than read. Each function returns a matplotlib
``Figure`` (object API, no pyplot state, safe with concurrent requests) and a German text saying the same
thing for screen readers."""

from __future__ import annotations

import itertools
import textwrap

from assistant.app.strategy_tree import strategy_tree, strategy_tree_compact
from assistant.goals.model import GoalSet
from assistant.goals.rules.base import euro, number
from assistant.goals.view import GoalSetView
from assistant.plot_style import BAD, COMPACT_WIDTH, OK, SMALL, TEXT, TITLE, WARN, Plot, german_ticks
from assistant.plot_style import new_figure as _figure

__all__ = ["budget_by_priority", "goals_per_field", "strategy_tree", "strategy_tree_compact"]

PRIORITY_COLOURS = {"A": "#1d4ed8", "B": "#60a5fa", "C": "#bfdbfe"}


def budget_by_priority(goal_set: GoalSet) -> Plot:
    """Average annual budget per goal of each priority class: do resources follow priorities?"""
    view = GoalSetView(goal_set)
    budgets: dict[str, list[float]] = {}
    for ref in view.strategic:
        resources = ref.goal.resources
        budget = resources.annual_budget if resources else None
        if ref.goal.priority and budget is not None:
            budgets.setdefault(ref.goal.priority, []).append(budget)
    figure = _figure(COMPACT_WIDTH, 3.9)
    axes = figure.add_subplot()
    classes = [c for c in ("A", "B", "C") if c in budgets]
    if not classes:
        axes.axis("off")
        text = "Kein strategisches Ziel nennt Priorität und Budget; ein Vergleich ist nicht möglich."
        axes.text(0.5, 0.5, textwrap.fill(text, 34), ha="center", va="center", fontsize=TEXT)
        return Plot(figure, text)
    means = {c: sum(budgets[c]) / len(budgets[c]) for c in classes}
    breaks = {b for a, b in itertools.pairwise(classes) if means[a] < means[b]}
    bars = axes.bar(
        [f"Priorität {c}" for c in classes],
        [means[c] / 1e6 for c in classes],
        color=[PRIORITY_COLOURS[c] for c in classes],
        edgecolor=[BAD if c in breaks else "#1e293b" for c in classes],
        linewidth=[3 if c in breaks else 1 for c in classes],
        hatch=["//" if c in breaks else "" for c in classes],
    )
    for bar, c in zip(bars, classes, strict=True):
        axes.annotate(
            f"{number(means[c] / 1e6, 2)} Mio. €\n{_count(len(budgets[c]), 'Ziel', 'Ziele')}",
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            ha="center",
            va="bottom",
            fontsize=SMALL,
            xytext=(0, 3),
            textcoords="offset points",
        )
    axes.set_ylabel("Mio. € je Ziel und Jahr", fontsize=SMALL)
    axes.set_ylim(0, max(means.values()) / 1e6 * 1.45)
    axes.tick_params(axis="x", labelsize=TEXT)
    axes.tick_params(axis="y", labelsize=SMALL)
    german_ticks(axes.yaxis, bins=4)
    follows = not breaks
    verdict = "Die Mittel folgen den Prioritäten." if follows else "Die Mittel folgen nicht den Prioritäten."
    axes.set_title(textwrap.fill(verdict, 34), color=OK if follows else BAD, fontsize=TITLE, loc="left")
    axes.spines[["top", "right"]].set_visible(False)
    averages = "; ".join(
        f"Priorität {c}: {euro(means[c])} je Ziel ({_count(len(budgets[c]), 'Ziel', 'Ziele')})" for c in classes
    )
    description = f"{verdict} Durchschnittliches Jahresbudget: {averages}."
    if breaks:
        description += " Über der höheren Priorität liegt: " + ", ".join(f"Klasse {c}" for c in sorted(breaks)) + "."
    return Plot(figure, description)


def goals_per_field(goal_set: GoalSet, threshold: int) -> Plot:
    """Strategic goals per field of action against the focus threshold (FOC-03). Each field's name stands
    above its bar across the whole width (no narrow column of cut-off tick labels on a phone)."""
    view = GoalSetView(goal_set)
    counts = {field.id: 0 for field in goal_set.fields}
    for ref in view.strategic:
        if ref.goal.field:
            counts[ref.goal.field] = counts.get(ref.goal.field, 0) + 1
    names = {field.id: field.name or field.id for field in goal_set.fields}
    ids = list(counts)
    figure = _figure(COMPACT_WIDTH, max(2.6, 0.62 * len(ids) + 1.3))
    axes = figure.add_subplot()
    values = [counts[i] for i in ids]
    colours = [WARN if v > threshold else (BAD if v == 0 else OK) for v in values]
    positions = list(range(len(ids)))
    axes.barh(positions, values, height=0.42, color=colours)
    axes.set_ylim(len(ids) - 0.4, -0.95)  # top to bottom in the file's order, room for the first name
    axes.set_yticks([])
    right = max([threshold, *values]) + 1
    axes.set_xlim(0, right)
    for y, (field_id, value) in enumerate(zip(ids, values, strict=True)):
        label = textwrap.shorten(f"{field_id} {names.get(field_id, '')}".strip(), 40, placeholder="…")
        axes.text(0, y - 0.27, label, fontsize=SMALL, va="bottom", ha="left")
        axes.text(value + 0.06, y, str(value), va="center", fontsize=TEXT, fontweight="bold")
    axes.axvline(threshold, color=BAD, linestyle="--", linewidth=1.5)
    axes.set_title(f"Fokus-Schwelle: {threshold} Ziele je Feld (gestrichelt)", fontsize=SMALL, color=BAD, loc="left")
    axes.set_xlabel("strategische Ziele", fontsize=SMALL)
    axes.tick_params(axis="x", labelsize=SMALL)
    german_ticks(axes.xaxis, integer=True, bins=min(6, right))
    axes.spines[["top", "right", "left"]].set_visible(False)
    crowded = [i for i in ids if counts[i] > threshold]
    empty = [i for i in ids if counts[i] == 0]
    parts = [f"{names.get(i, i)} ({i}): {counts[i]}" for i in ids]
    description = f"Strategische Ziele je Handlungsfeld (Schwelle {threshold}): " + "; ".join(parts) + "."
    if crowded:
        description += " Über der Schwelle: " + ", ".join(crowded) + "."
    if empty:
        description += " Ohne Ziel: " + ", ".join(empty) + "."
    return Plot(figure, description)


def _count(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"
