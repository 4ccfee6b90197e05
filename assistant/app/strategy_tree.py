"""The derivation Gesamtstrategie → Fachstrategien as a picture, in two layouts with the same text:

- ``strategy_tree``: wide, for the desktop – Gesamtstrategie goals on the left, the Fachstrategie goals
  serving them on the right, lines between them;
- ``strategy_tree_compact``: narrow, for the phone – one Gesamtstrategie goal after the other, each with the
  goals that serve it indented below (a goal serving two appears under both), type large enough to read.

Uncovered goals and goals without a link are red and say so in words, so colour is never the only signal."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from assistant.goals.model import GoalSet
from assistant.goals.view import GoalRef, GoalSetView
from assistant.plot_style import BAD, COMPACT_WIDTH, SMALL, TEXT, Plot
from assistant.plot_style import new_figure as _figure

COVERED, UNCOVERED, STRATEGY = "#dbeafe", "#fee2e2", "#ecfdf5"
TOP_EDGE, STRATEGY_EDGE, LINK = "#1e3a8a", "#065f46", "#64748b"


@dataclass
class _Derivation:
    goal_set: GoalSet
    view: GoalSetView
    top: list[GoalRef]
    below: list[GoalRef]
    uncovered: list[str]
    orphans: list[str]

    @classmethod
    def of(cls, goal_set: GoalSet) -> _Derivation:
        view = GoalSetView(goal_set)
        top, below = view.strategic, view.strategy_goals
        top_ids = {ref.id for ref in top}
        uncovered = [ref.id for ref in top if not view.contributors.get(ref.id)]
        orphans = [ref.id for ref in below if not (set(ref.goal.contributes_to) & top_ids)]
        return cls(goal_set, view, top, below, uncovered, orphans)

    def description(self) -> str:
        top_ids = {ref.id for ref in self.top}
        text = (
            f"{_count(len(self.top), 'Ziel', 'Ziele')} der Gesamtstrategie, {_count(len(self.below), 'Ziel', 'Ziele')}"
            f" in {_count(len(self.goal_set.strategies), 'Fachstrategie', 'Fachstrategien')}. "
        )
        if not self.below:
            return text + "Ohne Fachstrategien lässt sich die Ableitung nicht zeigen."
        links = [
            f"{ref.id} → {', '.join(t for t in ref.goal.contributes_to if t in top_ids) or 'keins'}"
            for ref in self.below
        ]
        text += "Beiträge: " + "; ".join(links) + ". "
        return text + (
            "Nicht abgedeckt: " + ", ".join(self.uncovered) + "."
            if self.uncovered
            else "Jedes Ziel der Gesamtstrategie wird von mindestens einem Fachstrategie-Ziel getragen."
        )


def strategy_tree(goal_set: GoalSet) -> Plot:
    """Gesamtstrategie goals (left), the Fachstrategie goals serving them (right); uncovered goals in red."""
    tree = _Derivation.of(goal_set)
    top, below, uncovered, orphans = tree.top, tree.below, tree.uncovered, tree.orphans
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
                axes.plot([4.3, 5.8], [left_y[target], right_y[ref.id]], color=LINK, linewidth=1.1, zorder=1)
    for ref in top:
        missing = ref.id in uncovered and bool(below)
        _box(axes, 0.1, left_y[ref.id], 4.2, f"{ref.id} {ref.goal.title}", UNCOVERED if missing else COVERED,
             BAD if missing else TOP_EDGE)  # fmt: skip
        if missing:
            axes.text(4.38, left_y[ref.id], "nicht\nabgedeckt", color=BAD, fontsize=8, fontweight="bold",
                      va="center")  # fmt: skip
    for ref in below:
        orphan = ref.id in orphans
        _box(axes, 5.8, right_y[ref.id], 4.1, f"{ref.id} {ref.goal.title}", UNCOVERED if orphan else STRATEGY,
             BAD if orphan else STRATEGY_EDGE)  # fmt: skip
        if orphan:
            axes.text(5.72, right_y[ref.id], "ohne\nBezug", color=BAD, fontsize=8, fontweight="bold",
                      va="center", ha="right")  # fmt: skip
    return Plot(figure, tree.description())


# the compact layout counts in text lines: one unit of y is one line of SMALL type
_LINE_INCH = SMALL * 1.45 / 72
_TOP_CHARS, _CHILD_CHARS = 40, 34  # characters per line of SMALL type in a full-width / an indented box


def strategy_tree_compact(goal_set: GoalSet) -> Plot:
    """One Gesamtstrategie goal after the other, the Fachstrategie goals serving it indented below."""
    tree = _Derivation.of(goal_set)
    drawing = _Column()
    drawing.heading("Gesamtstrategie und ihre Fachstrategie-Ziele")
    for ref in tree.top:
        missing = ref.id in tree.uncovered and bool(tree.below)
        parent = drawing.box(0.0, f"{ref.id} {ref.goal.title}", _TOP_CHARS, UNCOVERED if missing else COVERED,
                             BAD if missing else TOP_EDGE)  # fmt: skip
        children = tree.view.contributors.get(ref.id, [])
        for child in children:
            label = f"{child.id} {child.goal.title}"
            middle = drawing.box(1.0, label, _CHILD_CHARS, STRATEGY, STRATEGY_EDGE, gap=0.3)
            drawing.link(parent, middle)
        if missing:
            drawing.note(1.0, "nicht abgedeckt: kein Fachstrategie-Ziel trägt bei", colour=BAD, bold=True)
        drawing.space(0.7)
    if not tree.below:
        drawing.note(0.0, "Keine Fachstrategien im Zielsystem.", italic=True)
    if tree.orphans:
        drawing.heading("Ohne Bezug zur Gesamtstrategie", colour=BAD)
        for ref in tree.below:
            if ref.id in tree.orphans:
                drawing.box(0.0, f"{ref.id} {ref.goal.title}", _TOP_CHARS, UNCOVERED, BAD, gap=0.3)
    return Plot(drawing.figure(), tree.description())


class _Column:
    """Collects boxes and texts top to bottom, then draws them on a figure exactly as tall as needed."""

    def __init__(self) -> None:
        self.y = 0.3
        self.items: list = []

    def heading(self, text: str, colour: str = "#0f172a") -> None:
        lines = textwrap.wrap(text, 36)
        self.items.append(("text", 0.0, self.y, "\n".join(lines), {"fontsize": TEXT, "fontweight": "bold",
                                                                    "color": colour}))  # fmt: skip
        self.y += len(lines) * TEXT / SMALL + 0.8

    def note(self, x: float, text: str, *, colour: str = "#334155", bold: bool = False, italic: bool = False) -> None:
        lines = textwrap.wrap(text, _CHILD_CHARS)
        style = {"fontsize": SMALL, "color": colour, "fontweight": "bold" if bold else "normal",
                 "style": "italic" if italic else "normal"}  # fmt: skip
        self.items.append(("text", x + 0.15, self.y + 0.1, "\n".join(lines), style))
        self.y += len(lines) + 0.5

    def box(self, x: float, text: str, chars: int, face: str, edge: str, *, gap: float = 0.0) -> tuple[float, float]:
        """A box at the left edge ``x`` (0–10) with the wrapped text; returns the point on its left edge
        halfway down (where a link from its parent arrives)."""
        self.y += gap
        lines = textwrap.wrap(text, chars, max_lines=3, placeholder=" …")
        height = len(lines) + 0.7
        self.items.append(("box", x, self.y, height, "\n".join(lines), face, edge))
        middle = (x, self.y + height / 2)
        self.y += height
        return middle

    def link(self, parent: tuple[float, float], child: tuple[float, float]) -> None:
        self.items.append(("link", parent, child))

    def space(self, lines: float) -> None:
        self.y += lines

    def figure(self) -> Figure:
        height = self.y + 0.2
        figure = Figure(figsize=(COMPACT_WIDTH, max(1.2, height * _LINE_INCH)), dpi=100)
        axes = figure.add_axes((0.015, 0.0, 0.97, 1.0))
        axes.axis("off")
        axes.set_xlim(0, 10)
        axes.set_ylim(height, 0)
        for item in self.items:
            if item[0] == "text":
                _, x, y, text, style = item
                axes.text(x, y, text, va="top", ha="left", linespacing=1.3, **style)
            elif item[0] == "box":
                _, x, y, box_height, text, face, edge = item
                axes.add_patch(FancyBboxPatch((x, y + 0.1), 10 - x - 0.05, box_height - 0.2,
                                              boxstyle="round,pad=0,rounding_size=0.15", facecolor=face,
                                              edgecolor=edge, linewidth=1.3, zorder=2))  # fmt: skip
                axes.text(x + 0.2, y + box_height / 2, text, va="center", ha="left", fontsize=SMALL,
                          linespacing=1.3, zorder=3)  # fmt: skip
            else:  # a link: down from the parent's left part, then right into the child's edge
                _, (px, py), (cx, cy) = item
                elbow = px + 0.5
                axes.plot([elbow, elbow, cx], [py, cy, cy], color=LINK, linewidth=1.3, zorder=1)
        return figure


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
