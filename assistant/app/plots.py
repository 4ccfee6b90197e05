"""Plots of a goal set, for people who would rather look than read. Each function returns a matplotlib
``Figure`` (object API, no pyplot state, safe with concurrent requests) and a German text saying the same
thing for screen readers."""

from __future__ import annotations

import itertools
import textwrap

from matplotlib.patches import FancyBboxPatch

from assistant.goals.model import GoalSet
from assistant.goals.rules.base import euro, number
from assistant.goals.view import GoalSetView
from assistant.plot_style import BAD, OK, WARN, Plot
from assistant.plot_style import new_figure as _figure

PRIORITY_COLOURS = {"A": "#1d4ed8", "B": "#60a5fa", "C": "#bfdbfe"}
COVERED, UNCOVERED, STRATEGY = "#dbeafe", "#fee2e2", "#ecfdf5"


def budget_by_priority(goal_set: GoalSet) -> Plot:
    """Average annual budget per goal of each priority class: do resources follow priorities?"""
    view = GoalSetView(goal_set)
    budgets: dict[str, list[float]] = {}
    for ref in view.strategic:
        resources = ref.goal.resources
        budget = resources.annual_budget if resources else None
        if ref.goal.priority and budget is not None:
            budgets.setdefault(ref.goal.priority, []).append(budget)
    figure = _figure(6.4, 3.6)
    axes = figure.add_subplot()
    classes = [c for c in ("A", "B", "C") if c in budgets]
    if not classes:
        axes.axis("off")
        text = "Kein strategisches Ziel nennt Priorität und Budget; ein Vergleich ist nicht möglich."
        axes.text(0.5, 0.5, textwrap.fill(text, 50), ha="center", va="center", fontsize=11)
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
            f"{number(means[c] / 1e6, 2)} Mio. €\n({_count(len(budgets[c]), 'Ziel', 'Ziele')})",
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            ha="center",
            va="bottom",
            fontsize=9,
            xytext=(0, 3),
            textcoords="offset points",
        )
    axes.set_ylabel("Ø Budget je Ziel (Mio. € pro Jahr)")
    axes.set_ylim(0, max(means.values()) / 1e6 * 1.35)
    follows = not breaks
    verdict = "Die Mittel folgen den Prioritäten." if follows else "Die Mittel folgen nicht den Prioritäten."
    axes.set_title(verdict, color=OK if follows else BAD, fontsize=11, loc="left")
    axes.spines[["top", "right"]].set_visible(False)
    averages = "; ".join(
        f"Priorität {c}: {euro(means[c])} je Ziel ({_count(len(budgets[c]), 'Ziel', 'Ziele')})" for c in classes
    )
    description = f"{verdict} Durchschnittliches Jahresbudget: {averages}."
    if breaks:
        description += " Über der höheren Priorität liegt: " + ", ".join(f"Klasse {c}" for c in sorted(breaks)) + "."
    return Plot(figure, description)


def goals_per_field(goal_set: GoalSet, threshold: int) -> Plot:
    """Strategic goals per field of action against the focus threshold (FOC-03)."""
    view = GoalSetView(goal_set)
    counts = {field.id: 0 for field in goal_set.fields}
    for ref in view.strategic:
        if ref.goal.field:
            counts[ref.goal.field] = counts.get(ref.goal.field, 0) + 1
    names = {field.id: field.name or field.id for field in goal_set.fields}
    ids = list(counts)
    height = max(2.4, 0.55 * len(ids) + 1.2)
    figure = _figure(6.4, height)
    axes = figure.add_subplot()
    labels = [textwrap.shorten(f"{i} {names.get(i, '')}".strip(), 38, placeholder="…") for i in ids]
    values = [counts[i] for i in ids]
    colours = [WARN if v > threshold else (BAD if v == 0 else OK) for v in values]
    axes.barh(labels, values, color=colours)
    axes.invert_yaxis()
    axes.axvline(threshold, color=BAD, linestyle="--", linewidth=1.5)
    axes.text(threshold, -0.6, f" Schwelle {threshold}", color=BAD, fontsize=9, va="bottom")
    for y, value in enumerate(values):
        axes.text(value + 0.05, y, str(value), va="center", fontsize=9)
    axes.set_xlabel("strategische Ziele")
    axes.set_xlim(0, max([threshold, *values]) + 1)
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.spines[["top", "right"]].set_visible(False)
    crowded = [i for i in ids if counts[i] > threshold]
    empty = [i for i in ids if counts[i] == 0]
    parts = [f"{names.get(i, i)} ({i}): {counts[i]}" for i in ids]
    description = f"Strategische Ziele je Handlungsfeld (Schwelle {threshold}): " + "; ".join(parts) + "."
    if crowded:
        description += " Über der Schwelle: " + ", ".join(crowded) + "."
    if empty:
        description += " Ohne Ziel: " + ", ".join(empty) + "."
    return Plot(figure, description)


def strategy_tree(goal_set: GoalSet) -> Plot:
    """Gesamtstrategie goals (left), the Fachstrategie goals serving them (right); uncovered goals in red."""
    view = GoalSetView(goal_set)
    top = view.strategic
    below = view.strategy_goals
    top_ids = {ref.id for ref in top}
    uncovered = [ref.id for ref in top if not view.contributors.get(ref.id)]
    orphans = [ref.id for ref in below if not (set(ref.goal.contributes_to) & top_ids)]
    # right column: a header row per strategy, then its goals
    right_y: dict[str, float] = {}
    headers: list[tuple[float, str]] = []
    y = 0.0
    for strategy in goal_set.strategies:
        if not strategy.goals:
            continue
        headers.append((y - 0.05, strategy.label))
        y += 0.55
        for goal in strategy.goals:
            right_y[goal.id] = y
            y += 1.0
    rows = max(y, len(top), 1.0)
    left_y = {
        ref.id: (i * (rows - 1) / (len(top) - 1) if len(top) > 1 else (rows - 1) / 2) for i, ref in enumerate(top)
    }
    figure = _figure(9.6, max(3.2, 0.55 * rows + 1.3))
    axes = figure.add_subplot()
    axes.axis("off")
    axes.set_xlim(0, 10)
    axes.set_ylim(rows, -1.6)  # room at the top for the app's plot label
    axes.text(0.1, -0.7, "Gesamtstrategie", fontsize=11, fontweight="bold")
    axes.text(5.8, -0.7, "Fachstrategien, Beteiligungen, Servicebereiche", fontsize=11, fontweight="bold")
    if not below:
        axes.text(5.8, 0.3, "Keine Fachstrategien im Zielsystem.", fontsize=10, style="italic")
    for header_y, label in headers:
        axes.text(5.8, header_y, textwrap.shorten(label, 60, placeholder="…"), fontsize=8.5, style="italic",
                  color="#334155", va="center")  # fmt: skip
    for ref in below:
        for target in ref.goal.contributes_to:
            if target in left_y:
                axes.plot([4.3, 5.8], [left_y[target], right_y[ref.id]], color="#64748b", linewidth=1.1, zorder=1)
    for ref in top:
        missing = ref.id in uncovered and bool(below)
        _box(axes, 0.1, left_y[ref.id], 4.2, f"{ref.id} {ref.goal.title}", UNCOVERED if missing else COVERED,
             BAD if missing else "#1e3a8a")  # fmt: skip
        if missing:
            axes.text(4.38, left_y[ref.id], "nicht\nabgedeckt", color=BAD, fontsize=8, fontweight="bold",
                      va="center")  # fmt: skip
    for ref in below:
        orphan = ref.id in orphans
        _box(axes, 5.8, right_y[ref.id], 4.1, f"{ref.id} {ref.goal.title}", UNCOVERED if orphan else STRATEGY,
             BAD if orphan else "#065f46")  # fmt: skip
        if orphan:
            axes.text(5.72, right_y[ref.id], "ohne\nBezug", color=BAD, fontsize=8, fontweight="bold",
                      va="center", ha="right")  # fmt: skip
    description = (
        f"{_count(len(top), 'Ziel', 'Ziele')} der Gesamtstrategie, {_count(len(below), 'Ziel', 'Ziele')} in "
        f"{_count(len(goal_set.strategies), 'Fachstrategie', 'Fachstrategien')}. "
    )
    if below:
        links = [
            f"{ref.id} → {', '.join(t for t in ref.goal.contributes_to if t in top_ids) or 'keins'}" for ref in below
        ]
        description += "Beiträge: " + "; ".join(links) + ". "
        description += (
            "Nicht abgedeckt: " + ", ".join(uncovered) + "."
            if uncovered
            else "Jedes Ziel der Gesamtstrategie wird von mindestens einem Fachstrategie-Ziel getragen."
        )
    else:
        description += "Ohne Fachstrategien lässt sich die Ableitung nicht zeigen."
    return Plot(figure, description)


def _count(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _box(axes, x: float, y: float, width: float, text: str, face: str, edge: str) -> None:
    label = textwrap.shorten(text, 60, placeholder="…")
    axes.add_patch(
        FancyBboxPatch(
            (x, y - 0.27),
            width,
            0.54,
            boxstyle="round,pad=0.02",
            facecolor=face,
            edgecolor=edge,
            linewidth=1.4,
            zorder=2,
        )
    )
    axes.text(x + 0.1, y, label, va="center", fontsize=8, zorder=3)
