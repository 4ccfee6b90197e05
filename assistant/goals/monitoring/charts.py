"""One chart per indicator: the measured values, the path from baseline to target (dashed) and the
target; the title names the status in words, so colour is never the only signal."""

from __future__ import annotations

import textwrap

from assistant.goals.monitoring.evaluate import IndicatorOutcome
from assistant.goals.monitoring.report import chart_caption
from assistant.goals.monitoring.wording import STATUS_LABELS, amount
from assistant.plot_style import BAD, COMPACT_WIDTH, OK, SMALL, TEXT, WARN, Plot, german_ticks, new_figure, png_bytes

__all__ = ["indicator_chart", "png_bytes"]

STATUS_COLOURS = {
    "erreicht": "#15803d",
    "im_plan": OK,
    "gefaehrdet": WARN,
    "nicht_im_plan": BAD,
    "verfehlt": BAD,
    "keine_daten": "#475569",
    "unvollstaendig": "#475569",
}
PATH_COLOUR = "#64748b"


def indicator_chart(outcome: IndicatorOutcome, *, width: float = COMPACT_WIDTH, height: float = 3.6) -> Plot:
    """Compact enough for a phone: at most five year ticks, German numbers, the legend below the axes."""
    indicator, result = outcome.indicator, outcome.result
    figure = new_figure(width, height)
    axes = figure.add_subplot()
    colour = STATUS_COLOURS[result.status]
    base, target = indicator.baseline, indicator.target
    base_year, target_year = indicator.baseline_year, indicator.target_year
    if None not in (base, target, base_year, target_year):
        axes.plot([base_year, target_year], [base, target], linestyle="--", color=PATH_COLOUR, linewidth=1.5,
                  label="Zielpfad")  # fmt: skip
        axes.plot([base_year], [base], marker="o", color=PATH_COLOUR, linestyle="none", label="Basiswert")
        axes.plot([target_year], [target], marker="*", markersize=14, color="#0f172a", linestyle="none",
                  label=f"Zielwert {amount(target, indicator)}")  # fmt: skip
    values = indicator.measurements
    if values:
        axes.plot([m.year for m in values], [m.value for m in values], marker="o", color=colour, linewidth=2.2,
                  label="Messwerte")  # fmt: skip
        last = values[-1]
        axes.annotate(amount(last.value, indicator), (last.year, last.value), xytext=(5, 6),
                      textcoords="offset points", fontsize=SMALL, color=colour, fontweight="bold")  # fmt: skip
    if result.latest is not None and result.expected is not None and result.status not in ("erreicht", "verfehlt"):
        axes.plot([result.latest.jahr], [result.expected], marker="D", markersize=7, markerfacecolor="white",
                  markeredgecolor=PATH_COLOUR, linestyle="none", label="erwartet")  # fmt: skip
    chars = round(34 * width / COMPACT_WIDTH)  # a title line as wide as the figure
    name = textwrap.fill(textwrap.shorten(f"{outcome.ref.id} · {indicator.name}", 2 * chars, placeholder="…"), chars)
    axes.set_title(f"{name}\n{STATUS_LABELS[result.status]}", fontsize=TEXT, loc="left", color=colour)
    if indicator.unit:
        axes.set_ylabel(indicator.unit, fontsize=SMALL)
    axes.tick_params(labelsize=SMALL)
    german_ticks(axes.xaxis, integer=True)
    axes.xaxis.set_major_formatter("{x:.0f}")  # years without a thousands point
    german_ticks(axes.yaxis, bins=4)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#e2e8f0", linewidth=0.8)
    if axes.get_legend_handles_labels()[0]:
        axes.legend(fontsize=SMALL, frameon=False, loc="upper left", bbox_to_anchor=(0, -0.12), ncols=2,
                    handlelength=1.6, columnspacing=1.0, borderaxespad=0)  # fmt: skip
    else:
        axes.text(0.5, 0.5, "Keine Werte zum Zeichnen.", ha="center", va="center", transform=axes.transAxes,
                  fontsize=TEXT)  # fmt: skip
    return Plot(figure, chart_caption(outcome))
