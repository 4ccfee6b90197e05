"""Drafting fixtures: four sample documents (two paged PDFs, a DOCX, Markdown) ingested with the hash
embedder, and a small draft request."""

from __future__ import annotations

import shutil

import pytest

from assistant.drafting.request import parse_request
from tests.conftest import KNOWLEDGE

DOCUMENTS = (
    "haushaltsplan-2026-auszug.pdf",
    "demografiebericht-2025.pdf",
    "fachstrategie-bildung-familien-jugend.docx",
    "klimaschutz-und-mobilitaetskonzept-kurzfassung.md",
)
GOAL_SET = KNOWLEDGE / "zielsysteme" / "beispiel-zielsystem.yaml"

REQUEST = {
    "kommune": "Musterstadt",
    "zeithorizont": {"von": 2026, "bis": 2035},
    "handlungsfelder": [
        {"name": "Bildung, Familien und Jugend", "schwerpunkte": ["Schulabgänger ohne Abschluss", "Betreuungsplätze"]},
        {"name": "Klima und Mobilität", "schwerpunkte": ["CO2-Ausstoß", "Radverkehr"]},
        {"name": "Finanzen und Verwaltung", "schwerpunkte": ["Haushaltsausgleich"]},
    ],
    "werte": ["Chancengleichheit", "Verlässlichkeit"],
}


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    """Services over the four documents; built once per test module (drafting only reads them)."""
    from assistant.index.embedders import HashEmbedder
    from assistant.index.vector_stores import InMemoryVectorIndex
    from assistant.settings import load_settings
    from assistant.wiring import build_services

    folder = tmp_path_factory.mktemp("dokumente")
    for name in DOCUMENTS:
        shutil.copy(KNOWLEDGE / "dokumente" / name, folder / name)
    settings = load_settings(data_dir=tmp_path_factory.mktemp("data"))
    services = build_services(settings, embedder=HashEmbedder(), vector_index=InMemoryVectorIndex())
    report = services.ingestor.ingest([folder], progress=False)
    assert not report.failed and report.added == len(DOCUMENTS)
    return services


@pytest.fixture(scope="module")
def request_():
    return parse_request(REQUEST, "Test")


@pytest.fixture(scope="module")
def draft(indexed, request_):
    return indexed.drafts.draft(request_)
