"""Charts as HTML for the app: the PNG inline (a ``data:`` URI, 1.5× sharp), shown at its natural width
or narrower, never wider, with a German ``alt`` text. A chart with a wide desktop layout also carries its
compact phone layout; CSS (``main.CSS``, ``.chart-wide``/``.chart-compact``) shows one of them by screen
width. Each image names its smallest type in CSS pixels (``data-min-text-px``), so the browser test can
check what a phone user sees."""

from __future__ import annotations

import base64
import html

from assistant.plot_style import Plot, css_width, png_bytes, smallest_text_css_px

PHONE_MAX_WIDTH = 900  # CSS pixels: below this the compact layout is shown (main.CSS uses the same value)


def image_tag(plot: Plot, alt: str, css_class: str = "") -> str:
    data = base64.b64encode(png_bytes(plot)).decode("ascii")
    width = css_width(plot)
    smallest = smallest_text_css_px(plot)
    plot.figure.clear()
    classes = " ".join(filter(None, ["chart", css_class]))
    return (
        f'<img class="{classes}" src="data:image/png;base64,{data}" alt="{html.escape(alt)}" '
        f'width="{width}" data-min-text-px="{smallest:.1f}">'
    )


def chart_html(plot: Plot, alt: str, compact: Plot | None = None) -> str:
    """One chart, or a wide one and its compact layout for phones (only one is shown, and read out)."""
    if compact is None:
        return image_tag(plot, alt)
    return image_tag(plot, alt, "chart-wide") + image_tag(compact, alt, "chart-compact")


CSS = f"""
img.chart {{ max-width: 100%; height: auto; display: block; }}
img.chart-compact {{ display: none; }}
img.chart-wide {{ width: 100%; }}
@media (max-width: {PHONE_MAX_WIDTH}px) {{
  img.chart-wide {{ display: none; }}
  img.chart-compact {{ display: block; }}
}}
"""
