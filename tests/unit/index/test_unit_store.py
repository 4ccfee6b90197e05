"""Answer units stored at ingest: written with the document, read per chunk, upgraded on open."""

from __future__ import annotations

import numpy as np

from assistant.index.embedders import HashEmbedder
from assistant.index.unit_store import UnitStore, embedder_identity

TEXT = """# Bäderkonzept

## Hallenbad

Das Hallenbad öffnet im Herbst 2027. Es hat ein Becken mit 25 Metern.

| Bad | Besuche 2024 |
| Hallenbad | 81.000 |
| Freibad | 64.000 |
"""


def _ingest(services, tmp_path):
    folder = tmp_path / "dokumente"
    folder.mkdir()
    (folder / "baeder.md").write_text(TEXT, encoding="utf-8")
    report = services.ingestor.ingest([folder], progress=False)
    assert not report.failed
    return services.catalog.document_chunks(services.catalog.documents()[0].doc_id)


def test_units_are_stored_with_their_chunk_and_carry_vectors_and_terms(fake_services, tmp_path):
    chunks = _ingest(fake_services, tmp_path)
    units = fake_services.units.units_for([c.chunk_id for c in chunks])
    stored = [u for chunk in chunks for u in units.get(chunk.chunk_id, [])]
    texts = [u.text for u in stored]
    assert "Das Hallenbad öffnet im Herbst 2027." in texts
    assert "Bad: Freibad; Besuche 2024: 64.000" in texts
    row = next(u for u in stored if u.kind == "row" and u.row_label == "Freibad")
    assert "Besuche 2024" in row.context  # a row is scored with its header
    assert all(u.vector.shape == (HashEmbedder().dimension,) for u in stored)
    assert all(abs(float(np.linalg.norm(u.vector)) - 1.0) < 0.01 for u in stored)  # float16, still unit length
    assert "hallenbad" in next(u for u in stored if u.text.startswith("Das Hallenbad")).terms


def test_removing_the_document_removes_its_units(fake_services, tmp_path):
    chunks = _ingest(fake_services, tmp_path)
    doc_id = chunks[0].doc_id
    fake_services.ingestor.remove(doc_id)
    assert fake_services.catalog.unit_rows([c.chunk_id for c in chunks]) == {}


def test_an_index_without_units_is_upgraded_on_open(fake_services, tmp_path):
    chunks = _ingest(fake_services, tmp_path)
    ids = [c.chunk_id for c in chunks]
    before = {k: [u.text for u in v] for k, v in fake_services.units.units_for(ids).items()}
    fake_services.catalog._connection.execute("DELETE FROM units")  # as built before units existed
    fake_services.catalog._connection.commit()
    store = UnitStore(fake_services.catalog, fake_services.embedder)
    assert store.ensure_current(progress=False) == len(chunks)
    assert {k: [u.text for u in v] for k, v in store.units_for(ids).items()} == before
    assert store.ensure_current(progress=False) == 0  # nothing left to do


def test_another_embedding_model_recomputes_every_unit(fake_services, tmp_path):
    chunks = _ingest(fake_services, tmp_path)
    fake_services.units  # noqa: B018  (records the identity of the hash embedder)
    other = HashEmbedder(dimension=64)
    assert embedder_identity(other) != fake_services.catalog.meta("units_identity")
    store = UnitStore(fake_services.catalog, other)
    assert store.ensure_current(progress=False) == len(chunks)
    vectors = [u.vector for v in store.units_for([c.chunk_id for c in chunks]).values() for u in v]
    assert vectors and all(v.shape == (64,) for v in vectors)
