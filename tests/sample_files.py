"""Builders for small real files of every supported format (used by loader and ingest tests)."""

from __future__ import annotations

from pathlib import Path


def make_pdf(path: Path, pages: list[list[str]], title: str = "Testbericht", table: list[list[str]] | None = None):
    """A real PDF with one heading (large font) and paragraphs per page; optional table on page 1."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table

    styles = getSampleStyleSheet()
    story = []
    for number, paragraphs in enumerate(pages):
        if number:
            story.append(PageBreak())
        story.append(Paragraph(paragraphs[0], styles["Heading1"]))
        story.extend(Paragraph(text, styles["BodyText"]) for text in paragraphs[1:])
        if number == 0 and table:
            story.append(Table(table))
    document = SimpleDocTemplate(str(path), pagesize=A4, title=title, invariant=1)
    document.build(story)
    return path


def make_encrypted_pdf(source: Path, target: Path, password: str = "geheim") -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(str(source)).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password)
    with target.open("wb") as handle:
        writer.write(handle)
    return target


def make_docx(path: Path, title: str = "Fachstrategie Test") -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.add_heading(title, level=1)
    document.add_paragraph("Stand: 15. März 2026")
    document.add_heading("Kindertagesbetreuung", level=2)
    document.add_paragraph("Die Betreuungsquote der unter Dreijährigen liegt bei 38 Prozent.")
    table = document.add_table(rows=3, cols=3)
    for row, values in zip(
        table.rows,
        [["Stadtteil", "Plätze", "Bedarf"], ["Nord", "420", "480"], ["Süd", "310", "300"]],
        strict=True,
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_heading("Schule", level=2)
    document.add_paragraph("Der Anteil der Schulabgänger ohne Abschluss beträgt 7,1 Prozent.")
    document.save(str(path))
    return path


def make_scanned_pdf(path: Path, lines: list[str], pages: int = 1) -> Path:
    """A PDF whose pages are only images of text (no text layer), as a scanner produces them."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 40)
    images = []
    for _ in range(pages):
        image = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
        draw = ImageDraw.Draw(image)
        for number, line in enumerate(lines):
            draw.text((150, 200 + number * 80), line, font=font, fill=0)
        images.append(image.convert("RGB"))
    images[0].save(str(path), "PDF", resolution=200, save_all=True, append_images=images[1:])
    return path
