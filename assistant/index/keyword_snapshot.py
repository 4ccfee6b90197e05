"""The built keyword index, saved next to the catalog: after a restart at archive scale it loads in seconds
instead of being rebuilt (minutes at 100,000 chunks, mostly compound splitting of the whole vocabulary).

One file (numpy's zip of arrays, read with ``allow_pickle=False``; the JSON values travel as a byte array),
written under a temporary name and renamed, so a reader sees the old file or the new one. It is used only
when it was made for this catalog (its id), its current generation and chunk count, by the same format and
text analysis;
otherwise the index is built from the catalog as before and the file replaced.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.index.filter_mask import MetadataColumns
from assistant.index.keyword import BM25Index

SNAPSHOT_VERSION = "1"  # bump when the saved state of BM25Index or MetadataColumns changes
SAVE_AFTER_SECONDS = 2.0
"""Builds faster than this are not worth a file (a small knowledge base rebuilds in well under a second)."""


@dataclass(frozen=True)
class Snapshot:
    """One built index with its metadata columns, swapped in as a whole (readers take no lock)."""

    generation: int
    index: BM25Index
    columns: MetadataColumns
    position: dict[str, int]
    # whole documents as BM25 units, and each chunk's row in it (chunk order of ``index``)
    documents: BM25Index
    chunk_document_row: np.ndarray


def _key(catalog_id: str | None, generation: int, chunk_count: int) -> dict:
    from assistant.text.german import ANALYSIS_VERSION

    return {"version": SNAPSHOT_VERSION, "analysis": ANALYSIS_VERSION, "catalog": catalog_id,
            "generation": generation, "chunks": chunk_count}  # fmt: skip


def save(snapshot: Snapshot, path: Path, catalog_id: str | None, chunk_count: int) -> None:
    values: dict = {"key": _key(catalog_id, snapshot.generation, chunk_count)}
    arrays: dict[str, np.ndarray] = {"chunk_document_row": snapshot.chunk_document_row}
    for name, part in (("index", snapshot.index), ("documents", snapshot.documents), ("columns", snapshot.columns)):
        part_values, part_arrays = part.state()
        values[name] = part_values
        arrays.update({f"{name}.{key}": array for key, array in part_arrays.items()})
    arrays["values"] = np.frombuffer(json.dumps(values, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as file:
            np.savez(file, **arrays)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def load(path: Path, catalog_id: str | None, generation: int, chunk_count: int) -> Snapshot | None:
    """The saved snapshot if it belongs to this catalog state, else None (also for a damaged file)."""
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as saved:
            values = json.loads(saved["values"].tobytes().decode("utf-8"))
            if values.get("key") != _key(catalog_id, generation, chunk_count):
                return None
            arrays = {name: saved[name] for name in saved.files if name != "values"}
        parts = {
            name: {key.split(".", 1)[1]: array for key, array in arrays.items() if key.startswith(f"{name}.")}
            for name in ("index", "documents", "columns")
        }
        index = BM25Index.from_state(values["index"], parts["index"])
        documents = BM25Index.from_state(values["documents"], parts["documents"])
        columns = MetadataColumns.from_state(values["columns"], parts["columns"])
    except (OSError, ValueError, KeyError, TypeError, json.JSONDecodeError):
        return None
    position = {chunk_id: n for n, chunk_id in enumerate(index.ids)}
    return Snapshot(generation, index, columns, position, documents, arrays["chunk_document_row"])
