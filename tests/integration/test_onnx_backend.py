"""The real int8 ONNX export of the packaged MiniLM: made locally, close to torch, reused, and an index made by
torch is re-embedded (not mixed) when the backend changes."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.index.embedders import SentenceTransformerEmbedder
from assistant.settings import EmbeddingSettings

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SENTENCES = [
    "Das Jahresergebnis 2025 beträgt minus 4,2 Mio. Euro.",
    "Die Betreuungsquote unter Dreijähriger soll bis 2030 auf 50 Prozent steigen.",
    "Der Rat beschließt die Gesamtstrategie Musterstadt 2035.",
    "Kita",
]


def test_int8_export_agrees_with_torch_and_is_reused(tmp_path, capsys):
    cache = tmp_path / "onnx"
    onnx = SentenceTransformerEmbedder(EmbeddingSettings(backend="onnx-int8", cache_dir=cache))
    torch = SentenceTransformerEmbedder(EmbeddingSettings(backend="torch"))
    got = onnx.embed_documents(SENTENCES)
    want = torch.embed_documents(SENTENCES)
    assert got.shape == want.shape
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-3)
    cosine = np.sum(got * want, axis=1)
    assert cosine.min() > 0.95, cosine
    assert "einmalig für ONNX Runtime" in capsys.readouterr().err
    assert onnx.onnx_path is not None and onnx.onnx_path.parent.parent == cache
    files = [p.name for p in cache.rglob("*") if p.is_file()]
    assert files == ["model-int8.onnx"]
    stamp = onnx.onnx_path.stat().st_mtime_ns
    from assistant.index import embedders

    embedders._LOADED_MODELS.clear()  # a new process: the export on disk is used, not made again
    again = SentenceTransformerEmbedder(EmbeddingSettings(backend="onnx-int8", cache_dir=cache))
    assert np.allclose(again.embed_documents(SENTENCES), got, atol=1e-5)
    # activations are quantised per batch: alone a sentence comes out a little different, not far
    assert float(again.embed_query(SENTENCES[0]) @ got[0]) > 0.97
    assert again.onnx_path.stat().st_mtime_ns == stamp
    assert "einmalig" not in capsys.readouterr().err
