"""Which documents an ingest embeds: only what is missing, changed or made by another model; and in order."""

from __future__ import annotations

import threading

import pytest

from assistant.errors import UserError
from assistant.index.embedders import HashEmbedder
from assistant.index.vector_stores import InMemoryVectorIndex
from assistant.wiring import build_services


class RecordingEmbedder(HashEmbedder):
    """The hash embedder under another model name, remembering what it embedded and on which thread."""

    def __init__(self, name: str = "HashEmbedder") -> None:
        super().__init__()
        self.model_name = name
        self.texts: list[str] = []
        self.threads: set[str] = set()

    def embed_documents(self, texts, *, progress=False):
        self.texts.extend(texts)
        self.threads.add(threading.current_thread().name)
        return super().embed_documents(texts, progress=progress)


def _folder(tmp_path, count: int = 6):
    folder = tmp_path / "akten"
    folder.mkdir()
    for number in range(count):
        (folder / f"akte-{number:02d}.md").write_text(
            f"# Akte {number}\n\nKennwort{number} steht in der Vorlage Nummer {number}. Der Rat beschließt.\n",
            encoding="utf-8",
        )
    return folder


def _embedded_markers(embedder: RecordingEmbedder) -> set[str]:
    return {word for text in embedder.texts for word in text.split() if word.startswith("Kennwort")}


def test_second_run_embeds_only_missing_documents(settings, tmp_path):
    folder = _folder(tmp_path)
    vectors = InMemoryVectorIndex()
    first = RecordingEmbedder()
    services = build_services(settings, embedder=first, vector_index=vectors)
    services.ingestor.ingest([folder / "akte-00.md", folder / "akte-03.md"], progress=False, prune_missing=False)
    assert _embedded_markers(first) == {"Kennwort0", "Kennwort3"}

    again = RecordingEmbedder()
    resumed = build_services(settings, embedder=again, vector_index=vectors)
    report = resumed.ingestor.ingest([folder], progress=False)
    assert (report.added, report.unchanged, report.updated) == (4, 2, 0)
    assert _embedded_markers(again) == {"Kennwort1", "Kennwort2", "Kennwort4", "Kennwort5"}
    assert resumed.catalog.chunk_ids() == vectors.all_ids()


def test_documents_are_stored_in_order_and_parsed_off_the_main_thread(fake_services, tmp_path, monkeypatch):
    from assistant.ingest import pipeline

    folder = _folder(tmp_path, count=5)
    parsed_on: list[str] = []
    original = pipeline.load_document

    def recording_load(path, **kwargs):
        parsed_on.append(threading.current_thread().name)
        return original(path, **kwargs)

    monkeypatch.setattr(pipeline, "load_document", recording_load)
    stored: list[str] = []
    report = fake_services.ingestor.ingest(
        [folder], progress=False, on_progress=lambda done, total, name: stored.append(name) if name else None
    )
    assert report.added == 5
    assert stored == [f"akte-{n:02d}.md" for n in range(5)]
    assert parsed_on and all(name.startswith("einlesen") for name in parsed_on)


def test_a_file_failing_while_parsed_ahead_is_reported_and_the_others_are_stored(fake_services, tmp_path):
    folder = _folder(tmp_path, count=4)
    (folder / "akte-01.md").write_text("   \n\n  ", encoding="utf-8")  # no readable text
    report = fake_services.ingestor.ingest([folder], progress=False)
    assert report.added == 3
    assert [f.path.rsplit("/", 1)[-1] for f in report.failed] == ["akte-01.md"]


def test_another_model_re_embeds_unchanged_files_and_search_refuses_until_then(settings, tmp_path):
    folder = _folder(tmp_path, count=3)
    vectors = InMemoryVectorIndex()
    old = build_services(settings, embedder=RecordingEmbedder("modell-a"), vector_index=vectors)
    old.ingestor.ingest([folder], progress=False)
    assert {d.embedding for d in old.catalog.documents()} == {"modell-a"}
    old.catalog.close()

    new_embedder = RecordingEmbedder("modell-a#onnx-int8")
    new = build_services(settings, embedder=new_embedder, vector_index=vectors)
    with pytest.raises(UserError, match=r"anderen Embedding-Modell.*„modell-a“.*assistant ingest"):
        _ = new.retriever

    report = new.ingestor.ingest([folder], progress=False)
    assert (report.updated, report.unchanged) == (3, 0)
    assert _embedded_markers(new_embedder) == {"Kennwort0", "Kennwort1", "Kennwort2"}
    assert {d.embedding for d in new.catalog.documents()} == {"modell-a#onnx-int8"}
    assert new.retriever.search("Kennwort1", 1, mode="hybrid")

    again = new.ingestor.ingest([folder], progress=False)
    assert (again.updated, again.unchanged) == (0, 3)


def test_documents_from_before_the_model_was_kept_count_as_torch_with_the_configured_model(settings, tmp_path):
    folder = _folder(tmp_path, count=2)
    services = build_services(settings, embedder=RecordingEmbedder(settings.embedding.model))
    services.ingestor.ingest([folder], progress=False)
    with services.catalog._connection as connection:  # what an older version wrote
        connection.execute("UPDATE documents SET embedding = NULL")
    assert services.catalog.embeddings_other_than(settings.embedding.model, settings.embedding.model) == {}
    report = services.ingestor.ingest([folder], progress=False)
    assert report.unchanged == 2
    assert services.catalog.embeddings_other_than("x#onnx-int8", settings.embedding.model) == {
        settings.embedding.model: 2
    }


def test_units_are_not_recomputed_on_open_after_an_ingest_re_embedded_everything(settings, tmp_path):
    folder = _folder(tmp_path, count=2)
    vectors = InMemoryVectorIndex()
    old = build_services(settings, embedder=RecordingEmbedder("modell-a"), vector_index=vectors)
    old.ingestor.ingest([folder], progress=False)
    _ = old.units  # records the units' model
    new_embedder = RecordingEmbedder("modell-b")
    new = build_services(settings, embedder=new_embedder, vector_index=vectors)
    new.ingestor.ingest([folder], progress=False)
    embedded = len(new_embedder.texts)
    _ = new.units
    assert len(new_embedder.texts) == embedded  # nothing embedded a second time


def test_counts_are_one_query(fake_services, tmp_path):
    fake_services.ingestor.ingest([_folder(tmp_path, count=3)], progress=False)
    counts = fake_services.catalog.counts()
    assert counts["documents"] == 3
    assert counts["chunks"] == len(fake_services.catalog.chunk_ids())


def test_the_bar_counts_only_documents_to_embed(fake_services, tmp_path, capsys):
    folder = _folder(tmp_path, count=3)
    fake_services.ingestor.ingest([folder], progress=False)
    assert capsys.readouterr().err == ""  # quiet when not asked (not a terminal)
    (folder / "akte-09.md").write_text("# Akte 9\n\nKennwort9 ist neu.\n", encoding="utf-8")
    fake_services.ingestor.ingest([folder], progress=True)
    bar = capsys.readouterr().err.replace("\r", "\n").strip().splitlines()[-1]
    assert "1/1" in bar and "3 unverändert" in bar and "Einlesen" in bar


def test_documents_command_shows_counts(fake_services, tmp_path, capsys):
    from assistant.cli.main import main

    fake_services.ingestor.ingest([_folder(tmp_path, count=3)], progress=False)
    chunks = len(fake_services.catalog.chunk_ids())
    assert main(["documents", "--count"], services=fake_services) == 0
    assert capsys.readouterr().out.strip() == f"3 Dokumente, 0 Seiten, {chunks} Abschnitte"
    assert main(["documents", "--count", "--json"], services=fake_services) == 0
    assert '"documents": 3' in capsys.readouterr().out
    assert main(["documents"], services=fake_services) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"3 Dokumente, 0 Seiten, {chunks} Abschnitte"
