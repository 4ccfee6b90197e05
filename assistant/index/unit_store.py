"""Answer units with their terms and embeddings, computed at ingest and read at question time.

An index built before units existed, or with another embedding model, is upgraded on open
(:meth:`UnitStore.ensure_current`), with a progress bar on a terminal.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.index.base import Embedder
from assistant.index.catalog import Catalog
from assistant.index.identity import legacy_identity, vectors_identity
from assistant.models import Chunk
from assistant.text.german import base_terms
from assistant.text.units import split_units

UNITS_VERSION = "3"  # bump when split_units() or the stored context changes: units are recomputed
_UPGRADE_BATCH = 64  # chunks per embedding call during an upgrade (memory stays flat)


@dataclass(frozen=True)
class StoredUnit:
    chunk_id: str
    ordinal: int
    block: int
    kind: str
    row_label: str | None
    text: str
    context: str
    terms: tuple[str, ...]  # base terms (before compound splitting) of ``context``
    vector: np.ndarray


def embedder_identity(embedder: Embedder) -> str:
    return f"{vectors_identity(embedder)}:{embedder.dimension}:{UNITS_VERSION}"


UnitPieces = list[tuple[Chunk, list]]


def unit_pieces(chunks: Sequence[Chunk]) -> UnitPieces:
    """Every chunk with its answer units (text work only: runs on the parsing thread during ingest)."""
    return [(chunk, split_units(chunk.text, chunk.section)) for chunk in chunks]


def unit_contexts(pieces: UnitPieces) -> list[str]:
    """The texts to embed for ``pieces``, in the order :func:`rows_from_pieces` expects their vectors."""
    return [unit.context for _, units in pieces for unit in units]


def unit_rows(chunks: Sequence[Chunk], embedder: Embedder) -> list[tuple]:
    """Catalog rows of every chunk's units; a chunk without units gets a marker row (ordinal -1)."""
    pieces = unit_pieces(chunks)
    contexts = unit_contexts(pieces)
    vectors = embedder.embed_documents(contexts) if contexts else np.zeros((0, embedder.dimension))
    return rows_from_pieces(pieces, vectors)


def rows_from_pieces(pieces: UnitPieces, vectors: np.ndarray) -> list[tuple]:
    rows: list[tuple] = []
    next_vector = 0
    for chunk, units in pieces:
        if not units:
            rows.append((chunk.chunk_id, -1, 0, "none", None, "", "", "[]", b""))
        for ordinal, unit in enumerate(units):
            vector = np.asarray(vectors[next_vector], dtype=np.float16).tobytes()
            next_vector += 1
            terms = json.dumps(base_terms(unit.context), ensure_ascii=False)
            rows.append((chunk.chunk_id, ordinal, unit.block, unit.kind, unit.row_label, unit.text, unit.context,
                         terms, vector))  # fmt: skip
    return rows


class UnitStore:
    def __init__(self, catalog: Catalog, embedder: Embedder) -> None:
        self._catalog = catalog
        self._embedder = embedder

    def units_for(self, chunk_ids: Sequence[str]) -> dict[str, list[StoredUnit]]:
        rows = self._catalog.unit_rows(list(dict.fromkeys(chunk_ids)))
        return {
            chunk_id: [
                StoredUnit(
                    chunk_id, r["ordinal"], r["block"], r["kind"], r["row_label"], r["text"], r["context"],
                    tuple(json.loads(r["terms"])), np.frombuffer(r["vector"], dtype=np.float16).astype(np.float32),
                )
                for r in chunk_rows
            ]
            for chunk_id, chunk_rows in rows.items()
        }  # fmt: skip

    def ensure_current(self, *, progress: bool | None = None) -> int:
        """Compute missing units (older index) or all of them (other model); returns chunks processed."""
        identity = embedder_identity(self._embedder)
        stored = self._catalog.meta("units_identity")
        if stored is not None and stored != identity:
            chunks = [c for record in self._catalog.documents() for c in self._catalog.document_chunks(record.doc_id)]
            replace_all = True
        else:
            chunks = self._catalog.chunks_without_units()
            replace_all = False
        if chunks:
            self._compute(chunks, replace_all=replace_all, progress=progress)
        self._catalog.set_meta("units_identity", identity)
        return len(chunks)

    def adopt_after_ingest(self, model: str) -> None:
        """After an ingest re-embedded every document with this embedder, its units are current too: record it,
        so that opening the index does not compute all units a second time."""
        stored = self._catalog.meta("units_identity")
        current = embedder_identity(self._embedder)
        if stored is None or stored == current or not stored.endswith(f":{UNITS_VERSION}"):
            return
        if self._catalog.embeddings_other_than(vectors_identity(self._embedder), legacy_identity(model)):
            return
        if self._catalog.chunks_without_units():
            return
        self._catalog.set_meta("units_identity", current)

    def _compute(self, chunks: list[Chunk], *, replace_all: bool, progress: bool | None) -> None:
        show = sys.stderr.isatty() if progress is None else progress
        bar = None
        if show:
            from tqdm import tqdm

            bar = tqdm(total=len(chunks), unit="Abschnitt", desc="Antwortsätze vorbereiten", file=sys.stderr)
        first = True
        for start in range(0, len(chunks), _UPGRADE_BATCH):
            batch = chunks[start : start + _UPGRADE_BATCH]
            self._catalog.write_units(unit_rows(batch, self._embedder), replace_all=replace_all and first)
            first = False
            if bar is not None:
                bar.update(len(batch))
        if bar is not None:
            bar.close()
