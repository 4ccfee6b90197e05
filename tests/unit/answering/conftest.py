"""Answering fixtures: a small corpus (Markdown and a paged PDF) ingested with the hash embedder, and
services whose generator is the extractive one or an LLM generator over the package's FakeChatModel."""

from __future__ import annotations

import pytest

from assistant.answering.fakes import FakeChatModel
from assistant.answering.llm import LLMGenerator
from assistant.wiring import build_services
from tests.sample_files import make_pdf
from tests.unit.answering.corpus import HAUSHALT, KLIMA, PARKEN


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "dokumente"
    folder.mkdir()
    (folder / "haushalt.md").write_text(HAUSHALT, encoding="utf-8")
    (folder / "klima.md").write_text(KLIMA, encoding="utf-8")
    (folder / "parken.md").write_text(PARKEN, encoding="utf-8")
    make_pdf(
        folder / "kita.pdf",
        [
            ["1 Einleitung", "Der Bericht beschreibt die Kindertagesbetreuung in Musterstadt."],
            ["2 Betreuungsquote", "Die Betreuungsquote der unter Dreijährigen liegt bei 38 Prozent."],
        ],
        title="Kitabericht 2025",
    )
    return folder


@pytest.fixture
def indexed(fake_services, corpus):
    """Extractive services over the corpus."""
    report = fake_services.ingestor.ingest([corpus], progress=False)
    assert not report.failed and report.added == 4
    return fake_services


@pytest.fixture
def llm_services(indexed):
    """``llm_services(fake, max_context_tokens=…)``: services over the same index whose generator is the
    real LLMGenerator talking to ``fake``."""

    def build(fake: FakeChatModel, *, max_context_tokens: int = 3000, explain_error=None):
        settings = indexed.settings
        generator = LLMGenerator(
            fake,
            name="fake:test-model",
            municipality=settings.kommune,
            max_context_tokens=max_context_tokens,
            explain_error=explain_error,
        )
        return build_services(
            settings, embedder=indexed.embedder, vector_index=indexed.vector_index, generator=generator
        )

    return build
