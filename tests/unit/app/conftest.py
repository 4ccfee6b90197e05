"""App handler fixtures: fake services over a few small sample documents."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import KNOWLEDGE


@pytest.fixture
def docs(tmp_path):
    """Two real sample documents (a paged PDF and Markdown) with the knowledge manifest beside them."""
    folder = tmp_path / "dokumente"
    folder.mkdir()
    for name in ("haushaltsplan-2026-auszug.pdf", "klimaschutz-und-mobilitaetskonzept-kurzfassung.md"):
        shutil.copy(KNOWLEDGE / "dokumente" / name, folder / name)
    return folder


@pytest.fixture
def indexed(fake_services, docs):
    report = fake_services.ingestor.ingest([docs], progress=False)
    assert not report.failed
    return fake_services
