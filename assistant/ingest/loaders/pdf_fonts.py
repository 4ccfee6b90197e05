"""Lines of a PDF page with their font size (pypdfium2, Apache-2.0/BSD): what pypdf does not expose.

Used for the title of a document: publishers' metadata titles are often junk („Microsoft Word - …“,
„PowerPoint-Präsentation“), the largest print on the first page is what a reader calls the document.
Measured on page 1 of the 19 real-dev PDFs (under load): pypdfium2 median 6 ms (max 39 ms), pdfplumber
(MIT) median 56 ms (max 240 ms), with the same largest sizes on all 19; pypdfium2 also renders pages for OCR,
so one library does both. Both licences (Apache-2.0/BSD, MIT) suit public administrations.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FontLine:
    text: str
    size: float  # effective size in points (font size × text matrix scale)
    top: float  # distance from the top of the page, points


def page_lines(path: Path, page_index: int = 0, max_chars: int = 20_000) -> list[FontLine]:
    """The text lines of one page, top to bottom; empty when the page has no text layer."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        document = pdfium.PdfDocument(str(path))
    except Exception:
        return []
    try:
        if page_index >= len(document):
            return []
        page = document[page_index]
        height = page.get_height()
        textpage = page.get_textpage()
        count = min(raw.FPDFText_CountChars(textpage.raw), max_chars)
        matrix = raw.FS_MATRIX()
        lines: list[FontLine] = []
        chars: list[str] = []
        size = baseline = 0.0
        for index in range(count):
            char = chr(raw.FPDFText_GetUnicode(textpage.raw, index))
            if char in "\r\n":
                _flush(lines, chars, size, height - baseline)
                chars, size, baseline = [], 0.0, 0.0
                continue
            chars.append(char)
            if char.isspace():
                continue
            scale = 1.0
            if raw.FPDFText_GetMatrix(textpage.raw, index, matrix):
                scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c)) or 1.0
                baseline = max(baseline, matrix.f)
            size = max(size, raw.FPDFText_GetFontSize(textpage.raw, index) * scale)
        _flush(lines, chars, size, height - baseline)
        return sorted(lines, key=lambda line: line.top)
    except Exception:
        return []  # a title is a nicety: never fail a document for it
    finally:
        document.close()


def _flush(lines: list[FontLine], chars: list[str], size: float, top: float) -> None:
    text = " ".join("".join(chars).split())
    if text:
        lines.append(FontLine(text=text, size=round(size, 1), top=round(top, 1)))
