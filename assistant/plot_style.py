"""The look of every chart: figure size and layout, type sizes, the colours for good, warning and bad, and
the pairing of a figure with a German text that says the same thing (for screen readers and captions).
matplotlib's object API only (no pyplot state), so charts are safe with concurrent requests.

Charts are drawn for a phone first: a figure ``COMPACT_WIDTH`` inches wide with labels of at least
``SMALL`` points. Shown at 100 CSS pixels per inch and shrunk into the app's column on a 390-pixel phone
(about 330 pixels), the smallest label is still ``SMALL × 100/72 × 330/(100 × COMPACT_WIDTH)`` ≈ 12.6 CSS
pixels – a phone's small print, not less. Only a chart that needs the room (the strategy tree) has a wide
variant for the desktop beside its compact one."""

from __future__ import annotations

import io
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MaxNLocator

OK, WARN, BAD = "#2563eb", "#d97706", "#b91c1c"

COMPACT_WIDTH = 4.0  # inches; 400 CSS pixels at its natural size
CSS_PX_PER_INCH = 100  # the app shows a figure at this many CSS pixels per inch (sharper PNGs carry 1.5×)
TITLE, TEXT, SMALL = 13.0, 12.0, 11.0  # points


@dataclass
class Plot:
    figure: Figure
    description: str


def new_figure(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height), dpi=100, layout="constrained")


def german_ticks(axis, *, integer: bool = False, bins: int = 5) -> None:
    """At most ``bins`` ticks (fewer labels to crowd a narrow chart), in German notation (7,5 · 1.200)."""
    from assistant.goals.rules.base import number

    axis.set_major_locator(MaxNLocator(nbins=bins, integer=integer))
    axis.set_major_formatter(FuncFormatter(lambda value, _pos: number(value, 2).replace("-", "−")))


def png_bytes(plot: Plot, dpi: int = 150) -> bytes:
    buffer = io.BytesIO()
    plot.figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def css_width(plot: Plot) -> int:
    """The figure's natural width in CSS pixels (how wide the app shows it when there is room)."""
    return round(plot.figure.get_figwidth() * CSS_PX_PER_INCH)


def smallest_text_pt(plot: Plot) -> float:
    """The smallest type on the (drawn) figure, in points: what decides whether a phone user can read it."""
    plot.figure.canvas.draw()  # tick labels exist only once the figure is drawn
    sizes = [
        text.get_fontsize()
        for text in plot.figure.findobj(Text)
        if text.get_visible() and text.get_text().strip() and text.get_figure() is not None
    ]
    return min(sizes, default=0.0)


def smallest_text_css_px(plot: Plot) -> float:
    """The smallest type in CSS pixels when the figure is shown at its natural width."""
    return smallest_text_pt(plot) * CSS_PX_PER_INCH / 72
