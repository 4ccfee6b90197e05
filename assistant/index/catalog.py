"""The catalog: SQLite source of truth for documents, chunks and their keyword terms.

A document version becomes visible in one transaction (:meth:`Catalog.replace_document`), so an
interrupted ingest never leaves half a document: vectors written before the commit are orphans that
search ignores and the next ingest removes.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from assistant.models import Chunk, DocumentOverride, DocumentRecord, SearchFilters

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, title TEXT NOT NULL, path TEXT NOT NULL, doc_type TEXT NOT NULL,
    stand TEXT, pages INTEGER, chunks INTEGER NOT NULL, content_hash TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    position INTEGER NOT NULL, text TEXT NOT NULL, title TEXT NOT NULL, doc_type TEXT NOT NULL,
    page INTEGER, section TEXT NOT NULL, stand TEXT, path TEXT NOT NULL, terms TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
-- answer units (sentences, table rows) with their terms and embedding, computed at ingest so that
-- answering costs one query embedding plus arithmetic; ordinal -1 marks a chunk without units
CREATE TABLE IF NOT EXISTS units (
    chunk_id TEXT NOT NULL REFERENCES chunks(chunk_id) ON DELETE CASCADE, ordinal INTEGER NOT NULL,
    block INTEGER NOT NULL, kind TEXT NOT NULL, row_label TEXT, text TEXT NOT NULL, context TEXT NOT NULL,
    terms TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (chunk_id, ordinal)
);
-- title and Stand edited in the app, by file path: they survive re-index and replace the file's own
CREATE TABLE IF NOT EXISTS overrides (path TEXT PRIMARY KEY, title TEXT, stand TEXT);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO meta VALUES ('generation', '0');
-- tells one catalog from another that reached the same generation (a deleted and rebuilt catalog)
INSERT OR IGNORE INTO meta VALUES ('catalog_id', lower(hex(randomblob(16))));
"""

# columns added after the first release: (table, column, definition); added in place to older catalogs
_ADDED_COLUMNS = (
    ("documents", "ocr_pages", "INTEGER NOT NULL DEFAULT 0"),
    ("chunks", "ocr", "INTEGER NOT NULL DEFAULT 0"),
    ("documents", "embedding", "TEXT"),  # model (and backend) that made the document's vectors
)

_CHUNK_COLUMNS = "chunk_id, doc_id, position, text, title, doc_type, page, section, stand, path, ocr"


def _chunk_from_row(row: sqlite3.Row) -> Chunk:
    return Chunk(
        chunk_id=row["chunk_id"],
        doc_id=row["doc_id"],
        position=row["position"],
        text=row["text"],
        title=row["title"],
        doc_type=row["doc_type"],
        page=row["page"],
        section=row["section"],
        stand=date.fromisoformat(row["stand"]) if row["stand"] else None,
        path=row["path"],
        ocr=bool(row["ocr"]),
    )


def _document_from_row(row: sqlite3.Row) -> DocumentRecord:
    return DocumentRecord(
        doc_id=row["doc_id"],
        title=row["title"],
        path=row["path"],
        doc_type=row["doc_type"],
        stand=date.fromisoformat(row["stand"]) if row["stand"] else None,
        pages=row["pages"],
        ocr_pages=row["ocr_pages"],
        chunks=row["chunks"],
        content_hash=row["content_hash"],
        ingested_at=datetime.fromisoformat(row["ingested_at"]),
        embedding=row["embedding"],
    )


class Catalog:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._connection = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
        self._connection.row_factory = sqlite3.Row
        self._connection.execute("PRAGMA journal_mode=WAL")
        self._connection.execute("PRAGMA foreign_keys=ON")
        self._connection.executescript(_SCHEMA)
        self._add_new_columns()
        self._connection.commit()

    def _add_new_columns(self) -> None:
        for table, column, definition in _ADDED_COLUMNS:
            existing = {row[1] for row in self._connection.execute(f"PRAGMA table_info({table})")}
            if column not in existing:
                self._connection.execute(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")

    def close(self) -> None:
        self._connection.close()

    # -- reads -------------------------------------------------------------------------------
    @property
    def generation(self) -> int:
        row = self._connection.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        return int(row[0])

    def documents(self) -> list[DocumentRecord]:
        rows = self._connection.execute("SELECT * FROM documents ORDER BY title, doc_id").fetchall()
        return [_document_from_row(r) for r in rows]

    def document(self, doc_id: str) -> DocumentRecord | None:
        row = self._connection.execute("SELECT * FROM documents WHERE doc_id=?", (doc_id,)).fetchone()
        return _document_from_row(row) if row else None

    def embeddings_other_than(self, identity: str, legacy: str) -> dict[str, int]:
        """Documents whose vectors another model or backend made: identity → count (``legacy`` stands for
        documents from before the identity was kept)."""
        rows = self._connection.execute(
            "SELECT COALESCE(embedding, ?) AS made_by, COUNT(*) FROM documents GROUP BY made_by", (legacy,)
        ).fetchall()
        return {r[0]: r[1] for r in rows if r[0] != identity}

    def counts(self) -> dict[str, int]:
        """Documents, pages, OCR pages and chunks in one aggregate query (fast at thousands of documents)."""
        row = self._connection.execute(
            "SELECT COUNT(*), COALESCE(SUM(pages), 0), COALESCE(SUM(ocr_pages), 0), COALESCE(SUM(chunks), 0) "
            "FROM documents"
        ).fetchone()
        return {"documents": row[0], "pages": row[1], "ocr_pages": row[2], "chunks": row[3]}

    def document_by_path(self, path: str) -> DocumentRecord | None:
        row = self._connection.execute("SELECT * FROM documents WHERE path=?", (path,)).fetchone()
        return _document_from_row(row) if row else None

    def _rows_for_ids(self, query: str, ids: Sequence[str]) -> list[sqlite3.Row]:
        """Rows of ``query`` (with ``{marks}`` for an IN list) for ``ids``, in batches SQLite accepts."""
        rows: list[sqlite3.Row] = []
        for start in range(0, len(ids), 500):
            batch = list(ids[start : start + 500])
            rows.extend(self._connection.execute(query.format(marks=",".join("?" * len(batch))), batch).fetchall())
        return rows

    def override(self, path: str) -> DocumentOverride | None:
        row = self._connection.execute("SELECT title, stand FROM overrides WHERE path=?", (path,)).fetchone()
        return DocumentOverride(title=row["title"], stand=row["stand"]) if row else None

    def chunks(self, chunk_ids: Sequence[str]) -> dict[str, Chunk]:
        rows = self._rows_for_ids(f"SELECT {_CHUNK_COLUMNS} FROM chunks WHERE chunk_id IN ({{marks}})", chunk_ids)
        return {r["chunk_id"]: _chunk_from_row(r) for r in rows}

    def document_chunks(self, doc_id: str) -> list[Chunk]:
        rows = self._connection.execute(
            f"SELECT {_CHUNK_COLUMNS} FROM chunks WHERE doc_id=? ORDER BY position", (doc_id,)
        ).fetchall()
        return [_chunk_from_row(r) for r in rows]

    def chunk_at(self, doc_id: str, position: int) -> Chunk | None:
        row = self._connection.execute(
            f"SELECT {_CHUNK_COLUMNS} FROM chunks WHERE doc_id=? AND position=?", (doc_id, position)
        ).fetchone()
        return _chunk_from_row(row) if row else None

    def unit_rows(self, chunk_ids: Sequence[str]) -> dict[str, list[sqlite3.Row]]:
        """Stored answer units per chunk, in order (see :mod:`assistant.index.unit_store`)."""
        found: dict[str, list[sqlite3.Row]] = {}
        query = "SELECT * FROM units WHERE chunk_id IN ({marks}) AND ordinal >= 0 ORDER BY chunk_id, ordinal"
        for row in self._rows_for_ids(query, chunk_ids):
            found.setdefault(row["chunk_id"], []).append(row)
        return found

    def chunks_without_units(self) -> list[Chunk]:
        rows = self._connection.execute(
            f"SELECT {_CHUNK_COLUMNS} FROM chunks c WHERE NOT EXISTS "
            "(SELECT 1 FROM units u WHERE u.chunk_id = c.chunk_id) ORDER BY doc_id, position"
        ).fetchall()
        return [_chunk_from_row(r) for r in rows]

    def write_units(self, rows: Sequence[tuple], *, replace_all: bool = False) -> None:
        """Add unit rows (chunk_id, ordinal, block, kind, row_label, text, context, terms, vector)."""
        with self._connection:
            if replace_all:
                self._connection.execute("DELETE FROM units")
            self._connection.executemany("INSERT OR REPLACE INTO units VALUES (?,?,?,?,?,?,?,?,?)", rows)

    def chunk_count(self) -> int:
        return int(self._connection.execute("SELECT COUNT(*) FROM chunks").fetchone()[0])

    def chunk_ids(self) -> set[str]:
        return {r[0] for r in self._connection.execute("SELECT chunk_id FROM chunks")}

    def iter_texts(self) -> Iterable[str]:
        for row in self._connection.execute("SELECT text FROM chunks ORDER BY rowid"):
            yield row[0]

    def iter_terms(self) -> Iterable[tuple[str, list[str]]]:
        for row in self._connection.execute("SELECT chunk_id, terms FROM chunks ORDER BY rowid"):
            yield row[0], json.loads(row[1])

    def meta(self, key: str) -> str | None:
        row = self._connection.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._connection:
            self._connection.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def retokenise(self, analyse) -> None:
        """Recompute every chunk's keyword terms (after the German analysis changed)."""
        rows = self._connection.execute("SELECT chunk_id, section, text FROM chunks").fetchall()
        updates = [
            (json.dumps(analyse(f"{r['section']}\n{r['text']}" if r["section"] else r["text"]), ensure_ascii=False),
             r["chunk_id"])
            for r in rows
        ]  # fmt: skip
        with self._connection:
            self._connection.executemany("UPDATE chunks SET terms=? WHERE chunk_id=?", updates)
            self._bump_generation()

    def chunk_metadata(self) -> dict[str, tuple[str, str | None, str]]:
        """chunk_id -> (doc_type, stand, doc_id) for metadata filters on the keyword side."""
        rows = self._connection.execute("SELECT chunk_id, doc_type, stand, doc_id FROM chunks")
        return {r[0]: (r[1], r[2], r[3]) for r in rows}

    # -- writes ------------------------------------------------------------------------------
    def replace_document(
        self,
        record: DocumentRecord,
        chunks: Sequence[Chunk],
        terms: Sequence[list[str]],
        units: Sequence[tuple] = (),
    ) -> None:
        """Swap in a new version of a document atomically (with its answer units, see :meth:`write_units`)."""
        with self._connection:
            self._connection.execute("DELETE FROM chunks WHERE doc_id=?", (record.doc_id,))
            self._connection.execute("DELETE FROM documents WHERE doc_id=?", (record.doc_id,))
            self._connection.execute(
                "INSERT INTO documents (doc_id, title, path, doc_type, stand, pages, chunks, content_hash, "
                "ingested_at, ocr_pages, embedding) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    record.doc_id, record.title, record.path, record.doc_type,
                    record.stand.isoformat() if record.stand else None, record.pages, record.chunks,
                    record.content_hash, record.ingested_at.isoformat(), record.ocr_pages, record.embedding,
                ),
            )  # fmt: skip
            self._connection.executemany(
                f"INSERT INTO chunks ({_CHUNK_COLUMNS}, terms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        c.chunk_id, c.doc_id, c.position, c.text, c.title, c.doc_type, c.page,
                        c.section, c.stand.isoformat() if c.stand else None, c.path, int(c.ocr),
                        json.dumps(t, ensure_ascii=False),
                    )
                    for c, t in zip(chunks, terms, strict=True)
                ],
            )  # fmt: skip
            self._connection.executemany("INSERT OR REPLACE INTO units VALUES (?,?,?,?,?,?,?,?,?)", units)
            self._bump_generation()

    def set_override(self, path: str, override: DocumentOverride) -> None:
        """Store title and Stand for the file; the next ingest of it applies them."""
        with self._connection:
            self._connection.execute(
                "INSERT OR REPLACE INTO overrides VALUES (?,?,?)",
                (path, override.title, override.stand.isoformat() if override.stand else None),
            )

    def remove_document(self, doc_id: str) -> int:
        with self._connection:
            self._connection.execute(
                "DELETE FROM overrides WHERE path=(SELECT path FROM documents WHERE doc_id=?)", (doc_id,)
            )
            removed = self._connection.execute("DELETE FROM chunks WHERE doc_id=?", (doc_id,)).rowcount
            self._connection.execute("DELETE FROM documents WHERE doc_id=?", (doc_id,))
            self._bump_generation()
        return removed

    def _bump_generation(self) -> None:
        self._connection.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key='generation'")


def filter_matches(filters: SearchFilters | None, doc_type: str, stand: str | None, doc_id: str) -> bool:
    """Whether a chunk's metadata passes the filters (used by the keyword side and in-memory index)."""
    if filters is None or filters.is_empty():
        return True
    if filters.doc_types and doc_type not in filters.doc_types:
        return False
    if filters.doc_ids and doc_id not in filters.doc_ids:
        return False
    if filters.stand_from or filters.stand_to:
        if not stand:
            return False
        value = date.fromisoformat(stand)
        if filters.stand_from and value < filters.stand_from:
            return False
        if filters.stand_to and value > filters.stand_to:
            return False
    return True
