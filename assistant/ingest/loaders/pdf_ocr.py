"""Text for scanned PDF pages: pypdfium2 renders the page, Tesseract (German model) reads it.

Tesseract is a Debian package (``tesseract-ocr``, ``tesseract-ocr-deu``), called through pytesseract
(Apache-2.0). Without it a scanned page has no text, and the loader says how to enable OCR.
"""

from __future__ import annotations

import shutil
from functools import lru_cache
from pathlib import Path

from assistant.errors import IngestError

MIN_TEXT_LETTERS = 80
"""A page with fewer letters in its text layer may be a scan (a scale bar or a heading over a scanned map
is not a text layer). Real-dev: the scanned plan has 1 letter, the map annex 61; 49 of 238 pages have fewer
than 80 (mostly sparse slides), 31 of them with images over the page: those are OCR'd."""

MIN_IMAGE_SHARE = 0.4
"""…and is OCR'd only if images cover at least this share of the page (real-dev: the scan 1.0; slides with
a photo or map 0.4–1.0; text pages < 0.15)."""

MIN_OCR_LETTERS = 100
"""On a page with a few words of text layer, recognised text is added only if it brings this many letters the
layer does not have: a photo behind a title slide gives a few dozen letters of noise (real-dev: 70), a
labelled map or a chart as an image hundreds (170–2,700)."""

MIN_OCR_LETTERS_WITHOUT_LAYER = 20
"""On a page with no text layer at all (under five letters) a short recognised text is still the page's."""

OCR_TIMEOUT_S = 120
"""Tesseract gives up on a page after this long (an A2 plan at 300 dpi takes about 10 s here); the page then
stays without text and the rest of the document is kept."""

OCR_HINT = (
    "Für gescannte Seiten ist eine Texterkennung (OCR) nötig: Tesseract mit deutschem Sprachpaket "
    "installieren (Debian/Ubuntu: „apt-get install tesseract-ocr tesseract-ocr-deu“) und erneut einlesen."
)


@lru_cache(maxsize=4)
def ocr_available(language: str = "deu") -> bool:
    if shutil.which("tesseract") is None:
        return False
    try:
        import pytesseract

        return language in pytesseract.get_languages(config="")
    except Exception:
        return False


def letters(text: str) -> int:
    return sum(char.isalpha() for char in text)


def image_share(path: Path, page_index: int) -> float:
    """The share of the page covered by images (0 when the page cannot be read)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        document = pdfium.PdfDocument(str(path))
    except Exception:
        return 0.0
    try:
        page = document[page_index]
        width, height = page.get_size()
        covered = 0.0
        for image in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
            left, bottom, right, top = image.get_bounds()
            visible_w = max(0.0, min(right, width) - max(left, 0.0))
            visible_h = max(0.0, min(top, height) - max(bottom, 0.0))
            covered += visible_w * visible_h
        return min(1.0, covered / (width * height)) if width and height else 0.0
    except Exception:
        return 0.0
    finally:
        document.close()


def is_scanned(path: Path, page_index: int, layer_text: str) -> bool:
    return letters(layer_text) < MIN_TEXT_LETTERS and image_share(path, page_index) >= MIN_IMAGE_SHARE


def readable_lines(text: str) -> str:
    """Drop OCR noise (lines like „mm“, „=.“, „ı;H er“): keep lines with a word of four letters that are
    mostly letters."""
    kept = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            kept.append("")
            continue
        has_word = any(sum(c.isalpha() for c in word) >= 4 for word in stripped.split())
        if has_word and letters(stripped) >= 0.6 * len(stripped.replace(" ", "")):
            kept.append(stripped)
    return "\n".join(kept).strip()


def merge_with_layer(recognised: str, layer_text: str) -> str | None:
    """The page's text with what OCR found, or None if OCR found nothing worth keeping. A page without a
    text layer gets the recognised text; a sparse layer (a slide title over a photo) keeps its exact words
    and gets the recognised lines it lacks."""
    if letters(layer_text) < 5:
        return recognised if letters(recognised) >= MIN_OCR_LETTERS_WITHOUT_LAYER else None
    known = " ".join(layer_text.split()).lower()
    new_lines = [line for line in recognised.splitlines() if line.strip() and line.strip().lower() not in known]
    if letters("\n".join(new_lines)) < MIN_OCR_LETTERS:
        return None
    return layer_text + "\n\n" + "\n".join(new_lines)


def recognise_page(path: Path, page_index: int, *, language: str = "deu", dpi: int = 300) -> str:
    """The page's text as Tesseract reads it from a rendering at ``dpi``."""
    import pypdfium2 as pdfium
    import pytesseract

    document = pdfium.PdfDocument(str(path))
    try:
        image = document[page_index].render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        document.close()
    try:
        return readable_lines(pytesseract.image_to_string(image, lang=language, timeout=OCR_TIMEOUT_S))
    except Exception as exc:  # tesseract crashed or timed out: the page stays without text
        raise IngestError(f"Die Texterkennung (OCR) ist fehlgeschlagen ({type(exc).__name__}).") from exc
    finally:
        image.close()
