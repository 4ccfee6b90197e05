"""Seams of the index layer. Implementations live in their own modules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from assistant.models import Chunk, SearchFilters


class Embedder(Protocol):
    """Turns texts into L2-normalised vectors."""

    @property
    def dimension(self) -> int: ...

    def embed_documents(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class VectorIndex(Protocol):
    """Dense index of chunk vectors (Chroma, or in memory for tests)."""

    def add(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None: ...

    def delete_ids(self, chunk_ids: Sequence[str]) -> None: ...

    def delete_document(self, doc_id: str) -> None: ...

    def all_ids(self) -> set[str]: ...

    def document_chunk_ids(self, doc_id: str) -> list[str]: ...

    def count(self) -> int: ...

    def query(self, vector: np.ndarray, k: int, filters: SearchFilters | None = None) -> list[tuple[str, float]]: ...

    def similarities(self, vector: np.ndarray, chunk_ids: Sequence[str]) -> dict[str, float]: ...
