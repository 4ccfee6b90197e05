"""Tuned numbers of the ingest path, in one place, each with what it was measured on.

Measured with ``benchmarks/bench_ingest_query.py`` and ``benchmarks/bench_embedding.py`` on the project's
machine: 2 shared CPU cores, no GPU, the packaged all-MiniLM-L6-v2, the Musterstadt knowledge base
(9 files, 45 pages) and XQuAD-de paragraphs; results in ``benchmarks/results/``.
"""

from __future__ import annotations

DEFAULT_EMBEDDING_BACKEND = "onnx-int8"
"""Embedding backend when ``embedding.backend`` is not set. onnx-int8 embeds 4.6× faster than torch (1,267
XQuAD-de sentences, same run) at mean cosine 0.989 to torch's vectors; XQuAD-de hybrid MRR@10 0.944 against
torch's 0.945 and the Musterstadt answer eval unchanged (``evals/results/embedding-backends.json``,
``evals/results/answers-musterstadt-onnx-int8.json``). ``embedding.backend = "torch"`` keeps the old vectors."""

EMBED_BATCH_SIZE = 16
"""Texts per forward pass (``embedding.batch_size``). ``benchmarks/bench_embedding.py`` on 60 ingest texts of
the Musterstadt base, 2 shared cores at load 13, one repeat (a short run: weak evidence): onnx-int8 at 16, 32,
64, 128 embedded 15.4, 11.1, 8.2, 7.3 texts/s (fewer padding tokens per batch; activations are quantised per
batch); torch 4.2, 4.7, 3.8, 3.9 (32 was the setting before)."""

PREFETCH_DOCUMENTS = 2
"""Documents parsed ahead while the current one is embedded (bounded queue: memory stays flat)."""
