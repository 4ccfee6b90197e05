"""The look of every chart: figure size and layout, the colours for good, warning and bad, and the
pairing of a figure with a German text that says the same thing (for screen readers and captions).
matplotlib's object API only (no pyplot state), so charts are safe with concurrent requests."""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.figure import Figure

OK, WARN, BAD = "#2563eb", "#d97706", "#b91c1c"


@dataclass
class Plot:
    figure: Figure
    description: str


def new_figure(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height), dpi=100, layout="constrained")
