"""Chunks, vectors and questions for the search-at-scale benchmark (``bench_search_scale.py``).

Text: the 4,000 real Karlsruhe council documents of ``../shared/data/karlsruhe-dev/corpus.jsonl``, read
like a text file (the product's ``paragraphs_to_blocks`` and ``build_document``, so titles, Stand and
type come from the product's own rules) and chunked with the product's chunker.

Beyond the real chunks, larger sizes replicate documents under new ids (``{doc}~r{n}``) with the same
text and metadata. The keyword side then sees the real German term distribution with proportionally
longer posting lists (what search time depends on); only the vocabulary does not grow as a bigger real
archive's would, so the keyword index's memory at 100k is a lower bound for the vocabulary part.

Vectors: embedding every chunk would take hours on 2 cores and tells search nothing: HNSW search time
depends on count, dimension and how clustered the vectors are, not on which text produced them. So the
first chunk of every document is embedded with the real model (cached in the work folder); the other
chunks of a document get that vector plus Gaussian noise (cosine ≈ 0.65 to it, about what chunks of one
council document show), replicas get their original's vector plus smaller noise (cosine ≈ 0.85). The
vectors keep the real documents' cluster structure instead of uniform noise, which would make HNSW
either unrealistically easy or hard.

Questions: staff-style questions built from words of randomly drawn chunks (so they hit real posting
lists, frequent words like „Stadt“ or „Gemeinderat“ included) in a few German question templates.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.ingest.chunking import chunk_document, indexed_text
from assistant.ingest.loaders.common import build_document, paragraphs_to_blocks
from assistant.models import Chunk, LoadedDocument
from assistant.settings import ChunkingSettings

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "karlsruhe-dev" / "corpus.jsonl"

# per-dimension noise (384 dimensions): 1/sqrt(1 + 384 s²) gives the cosine to the base vector
CHUNK_NOISE = 0.060  # ≈ 0.65
REPLICA_NOISE = 0.032  # ≈ 0.85

_TEMPLATES = (
    "Was wurde zu {a} und {b} beschlossen?",
    "Wie hoch sind die Kosten für {a} {b}?",
    "{a} {b} {c}",
    "Welche Vorlage behandelt {a} im Zusammenhang mit {b}?",
    "Was sagt der Gemeinderat zu {a}?",
    "Wann wurde über {a}, {b} und {c} entschieden?",
)
_NOUN = re.compile(r"\b[A-ZÄÖÜ][a-zäöüß-]{4,}")  # capitalised: mostly nouns, as staff ask


@dataclass
class Document:
    doc_id: str
    loaded: LoadedDocument
    chunks: list[Chunk]


def load_documents(corpus: Path = CORPUS, limit: int | None = None) -> list[Document]:
    settings = ChunkingSettings()
    documents = []
    lines = corpus.read_text(encoding="utf-8").split("\n")
    for line in [line for line in lines if line.strip()][:limit]:
        record = json.loads(line)
        doc_id = f"ka-{record['_id']}"
        text = record["text"].replace("\r\n", "\n")
        loaded = build_document(Path(f"karlsruhe/{record['_id']}.txt"), paragraphs_to_blocks(text), title=None)
        chunks = chunk_document(loaded, doc_id, "v0", settings)
        if chunks:
            documents.append(Document(doc_id, loaded, chunks))
    return documents


def replica(document: Document, number: int) -> Document:
    doc_id = f"{document.doc_id}~r{number}"
    chunks = [
        c.model_copy(update={"doc_id": doc_id, "chunk_id": c.chunk_id.replace(document.doc_id, doc_id, 1)})
        for c in document.chunks
    ]
    return Document(doc_id, document.loaded, chunks)


def documents_for(documents: list[Document], target_chunks: int) -> list[tuple[Document, Document]]:
    """(document, original) pairs until ``target_chunks`` chunks: the real ones first, then replicas."""
    chosen: list[tuple[Document, Document]] = []
    total = 0
    number = 0
    while total < target_chunks:
        for document in documents:
            if total >= target_chunks:
                break
            chosen.append((document if number == 0 else replica(document, number), document))
            total += len(document.chunks)
        number += 1
    return chosen


def first_chunk_vectors(documents: list[Document], embedder, cache: Path) -> dict[str, np.ndarray]:
    """Real embedding of every document's first chunk, cached (the model is slow on 2 cores)."""
    if cache.exists():
        stored = np.load(cache)
        if list(stored["ids"]) == [d.doc_id for d in documents]:
            return dict(zip(stored["ids"], stored["vectors"], strict=True))
    vectors = embedder.embed_documents([indexed_text(d.chunks[0]) for d in documents])
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.savez(cache, ids=np.array([d.doc_id for d in documents]), vectors=vectors)
    return dict(zip([d.doc_id for d in documents], vectors, strict=True))


def _noisy(base: np.ndarray, scale: float, rng: np.random.Generator) -> np.ndarray:
    vector = base + rng.normal(0.0, scale, size=base.shape).astype(np.float32)
    return vector / np.linalg.norm(vector)


def chunk_vectors(document: Document, first: np.ndarray, seed: int) -> np.ndarray:
    """Vectors of one real document's chunks: the first is real, the others near it."""
    rng = np.random.default_rng(seed)
    rows = [first] + [_noisy(first, CHUNK_NOISE, rng) for _ in document.chunks[1:]]
    return np.stack(rows).astype(np.float32)


def replica_vectors(original: np.ndarray, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.stack([_noisy(v, REPLICA_NOISE, rng) for v in original]).astype(np.float32)


def questions(documents: list[Document], count: int, seed: int = 14) -> list[str]:
    rng = random.Random(seed)
    chunks = [c for d in documents for c in d.chunks]
    result: list[str] = []
    while len(result) < count:
        words = list(dict.fromkeys(_NOUN.findall(rng.choice(chunks).text)))
        if len(words) < 3:
            continue
        a, b, c = rng.sample(words, 3)
        result.append(rng.choice(_TEMPLATES).format(a=a, b=b, c=c))
    return result
