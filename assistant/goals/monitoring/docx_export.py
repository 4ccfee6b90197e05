"""The Strategiebericht as a Word file: headings, tables, one chart per indicator (PNG, with its text as
alternative text and as caption). ``charts=False`` leaves the charts out (faster for very large sets)."""

from __future__ import annotations

import io
from pathlib import Path

from assistant.drafting.export import add_runs
from assistant.goals.monitoring.report import Bericht, Chart, Heading, Paragraph, Table

_CHART_WIDTH_CM = 15.5
# wider than the app's phone-sized chart: printed at 15.5 cm, its labels come out at about 11 pt
WORD_CHART_INCHES = (6.4, 3.6)


def _table(document, table: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    grid = document.add_table(rows=1, cols=len(table.header))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, table.header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, row, strict=True)):
            cell.text = text
            if index in table.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph()


def _chart(document, block: Chart) -> None:
    from docx.shared import Cm

    from assistant.goals.monitoring.charts import indicator_chart, png_bytes

    plot = indicator_chart(block.indicator, width=WORD_CHART_INCHES[0], height=WORD_CHART_INCHES[1])
    run = document.add_paragraph().add_run()
    shape = run.add_picture(io.BytesIO(png_bytes(plot)), width=Cm(_CHART_WIDTH_CM))
    shape._inline.docPr.set("descr", block.caption)  # alternative text for screen readers
    plot.figure.clear()
    caption = document.add_paragraph(block.caption)
    caption.style = "Caption"


def write_docx(bericht: Bericht, path: Path) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = bericht.title
    for block in bericht.blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=0 if block.level == 1 else min(block.level - 1, 3))
        elif isinstance(block, Paragraph):
            add_runs(document.add_paragraph(), block.text)
        elif isinstance(block, Table):
            if block.rows:
                _table(document, block)
            else:
                document.add_paragraph("Keine Einträge.")
        elif isinstance(block, Chart):
            _chart(document, block)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
