"""The archive-scale corpus of ``assistant eval scale``: raw council-document texts as product indexes.

Each corpus entry (``{"_id", "title", "text"}``, raw PDF text with „-- n of m --“ page markers) becomes
one document with pages, chunked by the product's chunker. The chunk vectors are computed once per
embedding model and chunking and cached next to the indexes, so a second run (or the other corpus
size) costs no embedding; everything else is the product's stack (catalog, keyword index, Chroma).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np

from assistant.index.base import Embedder
from assistant.index.identity import vectors_identity
from assistant.ingest.chunking import chunk_document, content_hash, indexed_text
from assistant.ingest.loaders.common import paragraphs_to_blocks
from assistant.models import Chunk, DocumentRecord, LoadedDocument
from assistant.settings import ChunkingSettings, Settings
from assistant.text.german import base_terms
from assistant.wiring import Services

# „-- 3 of 12 --“: the page separator the text extraction left in the corpus
_PAGE_MARKER = re.compile(r"^\s*--\s*(\d+)\s+of\s+(\d+)\s*--\s*$", re.MULTILINE)

SMALL_SIZE_SEED = 14
"""Seed of the fixed sample that fills the small corpus size up to its document count."""


@dataclass(frozen=True)
class CorpusEntry:
    doc_id: str
    title: str
    text: str


def read_corpus(path: Path) -> list[CorpusEntry]:
    entries = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                item = json.loads(line)
                entries.append(CorpusEntry(str(item["_id"]), str(item.get("title") or ""), str(item["text"])))
    return entries


def corpus_subset(entries: list[CorpusEntry], size: int, required: Iterable[str]) -> list[CorpusEntry]:
    """``size`` documents: every ``required`` one (the answer documents) plus a fixed random sample."""
    if size >= len(entries):
        return list(entries)
    needed = set(required)
    chosen = [e for e in entries if e.doc_id in needed]
    rest = [e for e in entries if e.doc_id not in needed]
    random.Random(SMALL_SIZE_SEED).shuffle(rest)
    chosen_ids = {e.doc_id for e in chosen} | {e.doc_id for e in rest[: max(size - len(chosen), 0)]}
    return [e for e in entries if e.doc_id in chosen_ids]


def loaded_document(entry: CorpusEntry) -> LoadedDocument:
    """Pages from the extraction's page markers; paragraphs as the product's plain-text loader makes them."""
    pieces = _PAGE_MARKER.split(entry.text)
    # split gives [text before marker 1, n, m, text of page n+1?...]: the marker ends page n
    blocks = []
    page = 1
    texts = pieces[0::3]
    numbers = pieces[1::3]
    for index, text in enumerate(texts):
        page = int(numbers[index]) if index < len(numbers) else page + 1
        blocks.extend(paragraphs_to_blocks(text, page=page if numbers else None))
    return LoadedDocument(
        source_path=f"korpus:{entry.doc_id}",
        title=entry.title or entry.doc_id,
        doc_type="dokument",
        pages=int(numbers[-1]) if numbers else None,
        blocks=blocks,
    )


def document_chunks(entry: CorpusEntry, chunking: ChunkingSettings) -> list[Chunk]:
    digest = content_hash(entry.text.encode("utf-8"))
    document = loaded_document(entry)
    return chunk_document(document, entry.doc_id, digest, chunking) if document.blocks else []


def vector_cache_key(settings: Settings) -> str:
    """Vectors depend on the model, its backend and prefixes and on how documents are cut into chunks (not on
    batch size or device)."""
    embedding = settings.embedding
    parts = [embedding.model, embedding.backend, embedding.passage_prefix, settings.chunking.model_dump_json()]
    return "|".join(parts)


CACHE_SAVE_EVERY = 2048
"""Chunks embedded between two saves of the vector cache."""


class VectorCache:
    """Chunk vectors by chunk id (ids contain the content hash), one ``.npy`` per embedding model."""

    def __init__(self, folder: Path, model_key: str) -> None:
        safe = hashlib.sha256(model_key.encode()).hexdigest()[:12]
        self._ids_path = folder / f"vektoren-{safe}.ids.json"
        self._vectors_path = folder / f"vektoren-{safe}.npy"
        folder.mkdir(parents=True, exist_ok=True)
        self._rows: dict[str, int] = {}
        self._vectors = np.zeros((0, 0), dtype=np.float32)
        if self._ids_path.is_file() and self._vectors_path.is_file():
            ids = json.loads(self._ids_path.read_text(encoding="utf-8"))
            self._vectors = np.load(self._vectors_path)
            # a save interrupted between the two files: keep the rows both agree on
            ids = ids[: len(self._vectors)]
            self._vectors = self._vectors[: len(ids)]
            self._rows = {chunk_id: row for row, chunk_id in enumerate(ids)}

    def has(self, chunk_id: str) -> bool:
        return chunk_id in self._rows

    def vectors_for(self, chunks: list[Chunk], embedder: Embedder) -> np.ndarray:
        missing = [c for c in chunks if c.chunk_id not in self._rows]
        if missing:
            self._embed(missing, embedder)
        return self._vectors[[self._rows[c.chunk_id] for c in chunks]]

    def _embed(self, chunks: list[Chunk], embedder: Embedder) -> None:
        from tqdm import tqdm

        # saved batch by batch: an interrupted build keeps what it embedded
        with tqdm(total=len(chunks), desc="Einbetten", unit="Abschn.", disable=not sys.stderr.isatty()) as bar:
            for start in range(0, len(chunks), CACHE_SAVE_EVERY):
                batch = chunks[start : start + CACHE_SAVE_EVERY]
                self._add(batch, np.asarray(embedder.embed_documents([indexed_text(c) for c in batch]), np.float32))
                bar.update(len(batch))

    def _add(self, chunks: list[Chunk], vectors: np.ndarray) -> None:
        start = len(self._rows)
        self._vectors = vectors if not self._rows else np.vstack([self._vectors, vectors])
        for offset, chunk in enumerate(chunks):
            self._rows[chunk.chunk_id] = start + offset
        ids = sorted(self._rows, key=self._rows.__getitem__)
        temporary = self._vectors_path.with_suffix(".tmp.npy")
        np.save(temporary, self._vectors)
        temporary.replace(self._vectors_path)
        self._ids_path.write_text(json.dumps(ids), encoding="utf-8")


def index_corpus(entries: list[CorpusEntry], services: Services, cache: VectorCache) -> int:
    """Store every entry as a product document (catalog + keyword terms + Chroma); kept indexes are reused."""
    chunking = services.settings.chunking
    all_chunks = {e.doc_id: document_chunks(e, chunking) for e in entries}
    stored = {r.doc_id: r.content_hash for r in services.catalog.documents()}
    todo = [e for e in entries if all_chunks[e.doc_id] and stored.get(e.doc_id) != _digest(e)]
    if not todo:
        return 0
    # one embedding pass for everything missing: batches stay full
    cache.vectors_for([c for e in todo for c in all_chunks[e.doc_id]], services.embedder)
    from tqdm import tqdm

    for entry in tqdm(todo, desc="Indexieren", unit="Dok.", disable=not sys.stderr.isatty()):
        chunks = all_chunks[entry.doc_id]
        services.vector_index.add(chunks, cache.vectors_for(chunks, services.embedder))
        record = DocumentRecord(
            doc_id=entry.doc_id,
            title=entry.title or entry.doc_id,
            path=f"korpus:{entry.doc_id}",
            doc_type="dokument",
            pages=max((c.page or 1 for c in chunks), default=None),
            chunks=len(chunks),
            content_hash=_digest(entry),
            ingested_at=datetime.now().replace(microsecond=0),
            embedding=vectors_identity(services.embedder),  # what made the vectors (search checks it)
        )
        services.catalog.replace_document(record, chunks, [base_terms(indexed_text(c)) for c in chunks])
    return len(todo)


def _digest(entry: CorpusEntry) -> str:
    return content_hash(entry.text.encode("utf-8"))
