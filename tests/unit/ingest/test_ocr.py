"""Scanned pages through the real Tesseract (Debian tesseract-ocr + tesseract-ocr-deu, set up by `make`)."""

from __future__ import annotations

import pytest

from assistant.errors import IngestError
from assistant.ingest.loaders import load_document
from assistant.ingest.loaders.pdf_loader import OcrOptions
from assistant.ingest.loaders.pdf_ocr import merge_with_layer, ocr_available, readable_lines
from tests.sample_files import make_pdf, make_scanned_pdf

LINES = [
    "Ziel- und Maßnahmenplan Nordstadt",
    "Handlungsfeld Wohnen und Nahversorgung",
    "Neubau von 120 geförderten Wohnungen",
    "Sanierung der Grundschule am Markt",
]


def test_tesseract_with_german_model_is_installed():
    assert ocr_available("deu"), "make setup installs tesseract-ocr and tesseract-ocr-deu"


def test_scanned_pdf_becomes_searchable_text_marked_as_ocr(tmp_path):
    pages = []
    document = load_document(make_scanned_pdf(tmp_path / "plan.pdf", LINES, pages=2),
                             on_page=lambda done, total: pages.append((done, total)))  # fmt: skip
    text = "\n".join(block.text for block in document.blocks)
    assert "Maßnahmenplan" in text and "Wohnungen" in text and "Grundschule" in text
    assert document.ocr_pages == [1, 2]
    assert pages == [(1, 2), (2, 2)]


def test_without_ocr_a_scan_is_refused_with_a_hint(tmp_path):
    path = make_scanned_pdf(tmp_path / "scan.pdf", LINES)
    with pytest.raises(IngestError, match="tesseract-ocr-deu"):
        load_document(path, ocr=OcrOptions(enabled=False))


def test_pages_with_text_are_not_ocrd(tmp_path):
    path = make_pdf(tmp_path / "bericht.pdf", [["1 Bericht", "Die Stadt hat 41.000 Einwohner."]])
    assert load_document(path).ocr_pages == []


def test_noise_lines_are_dropped_and_noise_does_not_replace_the_layer():
    assert readable_lines("mm\n=.\nı;H er\nERLANGER STADTWERKE\nLad!") == "ERLANGER STADTWERKE"
    assert merge_with_layer("ERLANGER STADTWERKE", "Titel der Folie") is None  # noise only
    assert merge_with_layer("Sanierung der Grundschule", "0 50 100 m") == "Sanierung der Grundschule"


def test_a_sparse_layer_keeps_its_words_and_gains_the_recognised_lines():
    layer = "Anlage zu § 1 der Satzung"
    recognised = "Anlage zu § 1 der Satzung\n" + "\n".join(f"Stadtteilbezirk Nummer {n}" for n in range(8))
    merged = merge_with_layer(recognised, layer)
    assert merged.startswith(layer + "\n\n") and merged.count("Anlage zu") == 1
    assert "Stadtteilbezirk Nummer 7" in merged


def test_a_page_tesseract_fails_on_does_not_lose_the_document(tmp_path, monkeypatch):
    from assistant.ingest.loaders import pdf_ocr

    def failing(*args, **kwargs):
        raise IngestError("Die Texterkennung (OCR) ist fehlgeschlagen (RuntimeError).")

    monkeypatch.setattr(pdf_ocr, "recognise_page", failing)
    path = make_scanned_pdf(tmp_path / "plan.pdf", LINES)
    with pytest.raises(IngestError, match="keinen lesbaren Text gefunden"):
        load_document(path)  # a pure scan: a German reason, no traceback
