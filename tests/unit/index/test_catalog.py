from datetime import date, datetime

import pytest

from assistant.index.catalog import Catalog
from assistant.models import Chunk, DocumentRecord


def _record(doc_id="d1", chunks=2, digest="h1"):
    return DocumentRecord(
        doc_id=doc_id,
        title="Titel",
        path=f"/x/{doc_id}.pdf",
        doc_type="haushalt",
        stand=date(2026, 3, 1),
        pages=3,
        chunks=chunks,
        content_hash=digest,
        ingested_at=datetime(2026, 3, 2, 10, 0),
    )


def _chunks(doc_id="d1", version="v1", n=2):
    return [
        Chunk(
            chunk_id=f"{doc_id}:{version}:{i}",
            doc_id=doc_id,
            text=f"Text {i}",
            title="Titel",
            doc_type="haushalt",
            page=i + 1,
            position=i,
            stand=date(2026, 3, 1),
        )
        for i in range(n)
    ]


def test_replace_is_atomic_and_bumps_generation(tmp_path):
    catalog = Catalog(tmp_path / "c.sqlite3")
    start = catalog.generation
    catalog.replace_document(_record(), _chunks(), [["text", "0"], ["text", "1"]])
    assert catalog.generation == start + 1
    catalog.replace_document(_record(chunks=1, digest="h2"), _chunks(version="v2", n=1), [["neu"]])
    assert catalog.chunk_ids() == {"d1:v2:0"}
    assert catalog.document("d1").content_hash == "h2"
    assert dict(catalog.iter_terms()) == {"d1:v2:0": ["neu"]}


def test_failed_replace_leaves_old_version(tmp_path):
    catalog = Catalog(tmp_path / "c.sqlite3")
    catalog.replace_document(_record(), _chunks(), [["a"], ["b"]])
    with pytest.raises(ValueError):  # terms list shorter than chunks: fails inside the transaction
        catalog.replace_document(_record(digest="h2"), _chunks(version="v2"), [["x"]])
    assert catalog.document("d1").content_hash == "h1"
    assert catalog.chunk_ids() == {"d1:v1:0", "d1:v1:1"}


def test_remove_and_lookup_by_path(tmp_path):
    catalog = Catalog(tmp_path / "c.sqlite3")
    catalog.replace_document(_record(), _chunks(), [["a"], ["b"]])
    assert catalog.document_by_path("/x/d1.pdf").doc_id == "d1"
    assert catalog.remove_document("d1") == 2
    assert catalog.documents() == [] and catalog.chunk_ids() == set()


def test_older_catalog_gains_the_ocr_columns(tmp_path):
    import sqlite3

    path = tmp_path / "catalog.sqlite"
    old = sqlite3.connect(path)
    old.executescript(
        "CREATE TABLE documents (doc_id TEXT PRIMARY KEY, title TEXT NOT NULL, path TEXT NOT NULL, "
        "doc_type TEXT NOT NULL, stand TEXT, pages INTEGER, chunks INTEGER NOT NULL, content_hash TEXT NOT NULL, "
        "ingested_at TEXT NOT NULL);"
        "INSERT INTO documents VALUES ('alt', 'Alter Bericht', '/x.pdf', 'bericht', NULL, 2, 0, 'h', "
        "'2026-01-01T00:00:00');"
        "CREATE TABLE chunks (chunk_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, position INTEGER NOT NULL, "
        "text TEXT NOT NULL, title TEXT NOT NULL, doc_type TEXT NOT NULL, page INTEGER, section TEXT NOT NULL, "
        "stand TEXT, path TEXT NOT NULL, terms TEXT NOT NULL);"
        "INSERT INTO chunks VALUES ('alt:1:0', 'alt', 0, 'Text', 'Alter Bericht', 'bericht', 1, '', NULL, "
        "'/x.pdf', '[]');"
    )
    old.commit()
    old.close()
    catalog = Catalog(path)
    assert catalog.document("alt").ocr_pages == 0
    assert catalog.chunks(["alt:1:0"])["alt:1:0"].ocr is False
