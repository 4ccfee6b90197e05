"""The archive-scale eval: corpus pages and sizes, document ranking from chunks, scoring, BM25 reference."""

from __future__ import annotations

import json

import pytest

from assistant.evals.bm25_reference import ReferenceBM25
from assistant.evals.retrieval import document_order
from assistant.evals.scale import ScaleQuestion, evaluate_scale, score
from assistant.evals.scale_corpus import CorpusEntry, VectorCache, corpus_subset, document_chunks, loaded_document
from assistant.index.embedders import HashEmbedder
from assistant.index.vector_stores import InMemoryVectorIndex
from assistant.settings import ChunkingSettings
from assistant.wiring import build_services

TOPICS = [
    ("Sanierung der Stadtbibliothek", "Die Stadtbibliothek wird ab Herbst saniert; das Dach und die Heizung."),
    ("Radverkehr in der Oststadt", "Neue Fahrradstreifen in der Oststadt entlang der Durlacher Allee."),
    ("Kindergärten im Stadtteil Mühlburg", "Zwei neue Kindergärten mit 120 Plätzen entstehen in Mühlburg."),
    ("Friedhofsgebühren", "Die Gebühren für Urnengräber steigen um vier Prozent."),
    ("Baumpflanzungen", "Im Hardtwald werden 300 junge Eichen gepflanzt."),
    ("Schwimmbad Rüppurr", "Das Freibad in Rüppurr öffnet erst im Juni wegen Reparaturen am Becken."),
]


def _entries() -> list[CorpusEntry]:
    return [
        CorpusEntry(str(n), title, f"{title}\n\n{text}\n\nWeitere Erläuterungen folgen.")
        for n, (title, text) in enumerate(TOPICS)
    ]


def test_page_markers_become_pages():
    entry = CorpusEntry("7", "Vorlage", "Erste Seite Text.\n\n-- 1 of 2 --\n\nZweite Seite Text.\n\n-- 2 of 2 --\n")
    document = loaded_document(entry)
    assert document.pages == 2
    assert [(b.text, b.page) for b in document.blocks] == [("Erste Seite Text.", 1), ("Zweite Seite Text.", 2)]
    assert loaded_document(CorpusEntry("8", "", "Ohne Marken.")).blocks[0].page is None


def test_small_size_keeps_answer_documents_and_is_fixed():
    entries = [CorpusEntry(str(n), "", f"Text {n}") for n in range(50)]
    first = corpus_subset(entries, 10, ["3", "42"])
    assert len(first) == 10 and {"3", "42"} <= {e.doc_id for e in first}
    assert first == corpus_subset(entries, 10, ["3", "42"])
    assert corpus_subset(entries, 100, []) == entries


def test_document_order_follows_best_chunk():
    owner = {"a:1": "a", "a:2": "a", "b:1": "b", "c:1": "c"}
    assert document_order(["a:2", "b:1", "a:1", "c:1"], owner.get, 10) == ["a", "b", "c"]
    assert document_order(["a:2", "x:9", "b:1", "c:1"], owner.get, 2) == ["a", "b"]


def test_a_question_counts_as_found_with_any_of_its_documents():
    questions = [ScaleQuestion(id="q1", question="?", relevant=["b", "c"], split="tune")]
    result = score({"q1": ["a", "c", "b"]}, questions)
    assert result["mrr@10"] == 0.5 and result["recall@1"] == 0.0 and result["recall@5"] == 1.0


def test_reference_bm25_matches_inflected_forms():
    entries = _entries()
    reference = ReferenceBM25([e.doc_id for e in entries], [f"{e.title}\n{e.text}" for e in entries])
    assert reference.rank("Wie viele Plätze hat der neue Kindergarten?", 3)[0] == "2"
    assert reference.rank("und oder der", 3) == []


def test_vector_cache_embeds_each_chunk_once(tmp_path):
    calls = []

    class CountingEmbedder(HashEmbedder):
        def embed_documents(self, texts, *, progress=False):
            calls.append(len(texts))
            return super().embed_documents(texts)

    chunks = [c for e in _entries() for c in document_chunks(e, ChunkingSettings())]
    first = VectorCache(tmp_path, "modell").vectors_for(chunks, CountingEmbedder())
    again = VectorCache(tmp_path, "modell").vectors_for(chunks[::-1], CountingEmbedder())
    assert calls == [len(chunks)]
    assert (again[::-1] == first).all()
    VectorCache(tmp_path, "anderes modell").vectors_for(chunks[:1], CountingEmbedder())
    assert calls == [len(chunks), 1]


@pytest.fixture
def question_file(tmp_path):
    path = tmp_path / "fragen.jsonl"
    rows = [
        {"id": "q1", "question": "Wann öffnet das Freibad in Rüppurr?", "relevant": ["5"], "split": "tune"},
        {"id": "q2", "question": "Eichen im Hardtwald pflanzen", "relevant": ["4"], "split": "test"},
        {"id": "q3", "question": "Urnengrab Gebühr Erhöhung", "relevant": ["3"], "split": "test"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def test_evaluate_scale_reports_every_size_split_and_ratio(tmp_path, settings, question_file):
    corpus = tmp_path / "korpus.jsonl"
    corpus.write_text(
        "\n".join(json.dumps({"_id": e.doc_id, "title": e.title, "text": e.text}) for e in _entries()),
        encoding="utf-8",
    )

    def fake_build(size_settings):
        return build_services(size_settings, embedder=HashEmbedder(), vector_index=InMemoryVectorIndex())

    result = evaluate_scale(corpus, question_file, settings, sizes=(4, 6), work_dir=tmp_path / "work", build=fake_build)
    assert result["splits"] == {"test": 2, "tune": 1}
    assert [row["documents"] for row in result["sizes"]] == [4, 6]
    full = result["sizes"][1]["retrievers"]
    assert set(full) == {"bm25", "keyword", "dense", "hybrid"}
    assert full["bm25"]["all"]["mrr@10"] == 1.0
    assert full["keyword"]["all"]["recall@1"] == 1.0
    assert full["hybrid"]["ratio_to_bm25"]["test"] == pytest.approx(full["hybrid"]["test"]["mrr@10"], abs=1e-3)


def test_missing_corpus_is_a_german_message(tmp_path, settings, question_file):
    from assistant.errors import UserError

    with pytest.raises(UserError, match="Korpus nicht gefunden"):
        evaluate_scale(tmp_path / "fehlt.jsonl", question_file, settings, sizes=(4,), work_dir=tmp_path / "w")
