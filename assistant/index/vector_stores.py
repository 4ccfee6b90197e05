"""Dense vector indexes: ChromaDB (embedded or server) and an in-memory one for unit tests.

Both implement :class:`assistant.index.base.VectorIndex` and pass the same contract tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant.errors import UserError
from assistant.index.catalog import filter_matches
from assistant.models import Chunk, SearchFilters
from assistant.settings import ChromaSettings


def _stand_number(chunk: Chunk) -> int:
    return int(chunk.stand.strftime("%Y%m%d")) if chunk.stand else 0


def _chroma_where(filters: SearchFilters | None) -> dict | None:
    if filters is None or filters.is_empty():
        return None
    clauses: list[dict] = []
    if filters.doc_types:
        clauses.append({"doc_type": {"$in": list(filters.doc_types)}})
    if filters.doc_ids:
        clauses.append({"doc_id": {"$in": list(filters.doc_ids)}})
    if filters.stand_from:
        clauses.append({"stand": {"$gte": int(filters.stand_from.strftime("%Y%m%d"))}})
    if filters.stand_to:
        clauses.append({"stand": {"$lte": int(filters.stand_to.strftime("%Y%m%d"))}})
        clauses.append({"stand": {"$gt": 0}})
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class ChromaVectorIndex:
    """Vectors in a Chroma collection (cosine space); chunk texts live in the catalog."""

    def __init__(self, collection) -> None:
        self._collection = collection

    @classmethod
    def open(cls, settings: ChromaSettings, data_dir: Path) -> ChromaVectorIndex:
        import chromadb
        from chromadb.config import Settings as ChromaClientSettings

        client_settings = ChromaClientSettings(anonymized_telemetry=False, allow_reset=False)
        try:
            if settings.host:
                client = chromadb.HttpClient(host=settings.host, port=settings.port, settings=client_settings)
                client.heartbeat()
            else:
                client = chromadb.PersistentClient(path=str(data_dir / "chroma"), settings=client_settings)
            collection = client.get_or_create_collection(
                settings.collection, configuration={"hnsw": {"space": "cosine"}}
            )
        except Exception as exc:
            where = f"{settings.host}:{settings.port}" if settings.host else str(data_dir / "chroma")
            raise UserError(
                f"Der Vektorspeicher (Chroma, {where}) ist nicht erreichbar oder beschädigt: {type(exc).__name__}."
            ) from exc
        return cls(collection)

    def add(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        for start in range(0, len(chunks), 1000):
            batch = chunks[start : start + 1000]
            self._collection.upsert(
                ids=[c.chunk_id for c in batch],
                embeddings=np.asarray(vectors[start : start + len(batch)], dtype=np.float32),
                metadatas=[{"doc_id": c.doc_id, "doc_type": c.doc_type, "stand": _stand_number(c)} for c in batch],
            )

    def delete_ids(self, chunk_ids: Sequence[str]) -> None:
        for start in range(0, len(chunk_ids), 1000):
            self._collection.delete(ids=list(chunk_ids[start : start + 1000]))

    def delete_document(self, doc_id: str) -> None:
        self._collection.delete(where={"doc_id": doc_id})

    def all_ids(self) -> set[str]:
        return set(self._collection.get(include=[])["ids"])

    def document_chunk_ids(self, doc_id: str) -> list[str]:
        return list(self._collection.get(where={"doc_id": doc_id}, include=[])["ids"])

    def count(self) -> int:
        return self._collection.count()

    def query(self, vector: np.ndarray, k: int, filters: SearchFilters | None = None) -> list[tuple[str, float]]:
        total = self.count()
        if total == 0:
            return []
        result = self._collection.query(
            query_embeddings=[np.asarray(vector, dtype=np.float32)],
            n_results=min(k, total),
            where=_chroma_where(filters),
            include=["distances"],
        )
        ids, distances = result["ids"][0], result["distances"][0]
        return [(i, 1.0 - float(d)) for i, d in zip(ids, distances, strict=True)]

    def similarities(self, vector: np.ndarray, chunk_ids: Sequence[str]) -> dict[str, float]:
        """Exact cosine similarity of given chunks (for fusion candidates outside the dense top-k)."""
        if not chunk_ids:
            return {}
        from chromadb.errors import ChromaError

        try:
            got = self._collection.get(ids=list(chunk_ids), include=["embeddings"])
        except ChromaError:
            # another process (``assistant ingest`` next to the app) has just written chunks this process's
            # embedded store does not see yet: score the ones it knows, the others keep their keyword score
            return self._similarities_one_by_one(vector, chunk_ids)
        if not len(got["ids"]):
            return {}
        matrix = np.asarray(got["embeddings"], dtype=np.float32)
        return dict(zip(got["ids"], (matrix @ np.asarray(vector, dtype=np.float32)).tolist(), strict=True))

    def _similarities_one_by_one(self, vector: np.ndarray, chunk_ids: Sequence[str]) -> dict[str, float]:
        from chromadb.errors import ChromaError

        result: dict[str, float] = {}
        for chunk_id in chunk_ids:
            try:
                got = self._collection.get(ids=[chunk_id], include=["embeddings"])
            except ChromaError:
                continue
            if len(got["ids"]):
                result[chunk_id] = float(np.asarray(got["embeddings"][0], dtype=np.float32) @ vector)
        return result


class InMemoryVectorIndex:
    """Exact search with numpy; same contract as Chroma, for unit tests and small evals."""

    def __init__(self) -> None:
        self._vectors: dict[str, np.ndarray] = {}
        self._meta: dict[str, tuple[str, str | None, str]] = {}

    def add(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        for chunk, vector in zip(chunks, vectors, strict=True):
            self._vectors[chunk.chunk_id] = np.asarray(vector, dtype=np.float32)
            stand = chunk.stand.isoformat() if chunk.stand else None
            self._meta[chunk.chunk_id] = (chunk.doc_type, stand, chunk.doc_id)

    def delete_ids(self, chunk_ids: Sequence[str]) -> None:
        for chunk_id in chunk_ids:
            self._vectors.pop(chunk_id, None)
            self._meta.pop(chunk_id, None)

    def delete_document(self, doc_id: str) -> None:
        self.delete_ids(self.document_chunk_ids(doc_id))

    def all_ids(self) -> set[str]:
        return set(self._vectors)

    def document_chunk_ids(self, doc_id: str) -> list[str]:
        return [i for i, meta in self._meta.items() if meta[2] == doc_id]

    def count(self) -> int:
        return len(self._vectors)

    def query(self, vector: np.ndarray, k: int, filters: SearchFilters | None = None) -> list[tuple[str, float]]:
        ids = [i for i, meta in self._meta.items() if filter_matches(filters, *meta)]
        if not ids:
            return []
        matrix = np.stack([self._vectors[i] for i in ids])
        scores = matrix @ np.asarray(vector, dtype=np.float32)
        order = np.argsort(-scores, kind="stable")[:k]
        return [(ids[i], float(scores[i])) for i in order]

    def similarities(self, vector: np.ndarray, chunk_ids: Sequence[str]) -> dict[str, float]:
        query = np.asarray(vector, dtype=np.float32)
        return {i: float(self._vectors[i] @ query) for i in chunk_ids if i in self._vectors}
