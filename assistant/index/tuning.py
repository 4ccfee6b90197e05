"""Tuned numbers of the ingest path, in one place, each with what it was measured on.

Measured with ``benchmarks/bench_ingest_query.py`` and ``benchmarks/bench_embedding.py`` on the project's
machine: 2 shared CPU cores, no GPU, the packaged all-MiniLM-L6-v2, the Musterstadt knowledge base
(9 files, 45 pages) and XQuAD-de paragraphs; results in ``benchmarks/results/``.
"""

from __future__ import annotations

DEFAULT_EMBEDDING_BACKEND = "torch"
"""Embedding backend when ``embedding.backend`` is not set (see README, „Messungen“ for torch vs onnx-int8)."""

EMBED_BATCH_SIZE = 32
"""Texts per forward pass (``embedding.batch_size``)."""

PREFETCH_DOCUMENTS = 2
"""Documents parsed ahead while the current one is embedded (bounded queue: memory stays flat)."""
