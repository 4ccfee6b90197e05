"""One chart per indicator: the measured values, the path from baseline to target (dashed) and the
target; the title names the status in words, so colour is never the only signal."""

from __future__ import annotations

import io
import textwrap

from assistant.goals.monitoring.evaluate import IndicatorOutcome
from assistant.goals.monitoring.report import chart_caption
from assistant.goals.monitoring.wording import STATUS_LABELS, amount
from assistant.plot_style import BAD, OK, WARN, Plot, new_figure

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


def indicator_chart(outcome: IndicatorOutcome, *, width: float = 6.4, height: float = 3.2) -> Plot:
    indicator, result = outcome.indicator, outcome.result
    figure = new_figure(width, height)
    axes = figure.add_subplot()
    colour = STATUS_COLOURS[result.status]
    base, target = indicator.baseline, indicator.target
    base_year, target_year = indicator.baseline_year, indicator.target_year
    if None not in (base, target, base_year, target_year):
        axes.plot([base_year, target_year], [base, target], linestyle="--", color=PATH_COLOUR, linewidth=1.3,
                  label="Zielpfad")  # fmt: skip
        axes.plot([base_year], [base], marker="o", color=PATH_COLOUR, linestyle="none", label="Basiswert")
        axes.plot([target_year], [target], marker="*", markersize=13, color="#0f172a", linestyle="none",
                  label=f"Zielwert {amount(target, indicator)}")  # fmt: skip
    values = indicator.measurements
    if values:
        axes.plot([m.year for m in values], [m.value for m in values], marker="o", color=colour, linewidth=2,
                  label="Messwerte")  # fmt: skip
        last = values[-1]
        axes.annotate(amount(last.value, indicator), (last.year, last.value), xytext=(4, 6),
                      textcoords="offset points", fontsize=9, color=colour)  # fmt: skip
    if result.latest is not None and result.expected is not None and result.status not in ("erreicht", "verfehlt"):
        axes.plot([result.latest.jahr], [result.expected], marker="D", markersize=6, markerfacecolor="white",
                  markeredgecolor=PATH_COLOUR, linestyle="none", label="erwartet")  # fmt: skip
    title = textwrap.shorten(f"{outcome.ref.id} · {indicator.name}", 70, placeholder="…")
    axes.set_title(f"{title}\n{STATUS_LABELS[result.status]}", fontsize=10, loc="left", color=colour)
    if indicator.unit:
        axes.set_ylabel(indicator.unit)
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#e2e8f0", linewidth=0.8)
    if axes.get_legend_handles_labels()[0]:
        axes.legend(fontsize=8, frameon=False, loc="best")
    else:
        axes.text(0.5, 0.5, "Keine Werte zum Zeichnen.", ha="center", va="center", transform=axes.transAxes)
    return Plot(figure, chart_caption(outcome))


def png_bytes(plot: Plot, dpi: int = 110) -> bytes:
    buffer = io.BytesIO()
    plot.figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
