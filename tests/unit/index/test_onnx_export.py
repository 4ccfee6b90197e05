"""The ONNX export: made once into the cache, whole or not at all; settings pick the backend."""

from __future__ import annotations

import pytest

from assistant.errors import ModelUnavailable, UserError
from assistant.index import onnx_backend
from assistant.index.embedders import embedding_identity
from assistant.settings import EmbeddingSettings, load_settings


@pytest.fixture
def model_dir(tmp_path):
    folder = tmp_path / "modell"
    folder.mkdir()
    (folder / "config.json").write_text("{}", encoding="utf-8")
    (folder / "model.safetensors").write_bytes(b"gewichte")
    return folder


def _fake_export(calls):
    def export(model, path):
        calls.append("export")
        path.write_bytes(b"onnx")

    return export


def test_export_is_made_once_and_lands_whole(model_dir, tmp_path, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(onnx_backend, "_export_transformer", _fake_export(calls))
    monkeypatch.setattr(onnx_backend, "_quantize", lambda source, target: target.write_bytes(b"int8"))
    cache = tmp_path / "cache"
    first = onnx_backend.ensure_quantized_export(None, model_dir, cache, announce=False)
    second = onnx_backend.ensure_quantized_export(None, model_dir, cache, announce=False)
    assert first == second and first.read_bytes() == b"int8" and calls == ["export"]
    assert sorted(p.name for p in first.parent.iterdir()) == ["model-int8.onnx"]  # no temporary folder left


def test_a_failed_export_leaves_no_file_and_says_how_to_go_on(model_dir, tmp_path, monkeypatch):
    def broken(source, target):
        target.write_bytes(b"halb")
        raise RuntimeError("Abbruch beim Quantisieren")

    monkeypatch.setattr(onnx_backend, "_export_transformer", _fake_export([]))
    monkeypatch.setattr(onnx_backend, "_quantize", broken)
    cache = tmp_path / "cache"
    with pytest.raises(ModelUnavailable, match=r"embedding\.backend = „torch“"):
        onnx_backend.ensure_quantized_export(None, model_dir, cache, announce=False)
    assert [p for p in cache.rglob("*") if p.is_file()] == []


def test_a_changed_model_gets_a_new_export(model_dir, tmp_path):
    before = onnx_backend.quantized_model_path(model_dir, tmp_path)
    (model_dir / "model.safetensors").write_bytes(b"andere gewichte")
    assert onnx_backend.quantized_model_path(model_dir, tmp_path) != before


def test_backend_from_environment_and_identity(monkeypatch):
    monkeypatch.setenv("ASSISTANT_EMBEDDING__BACKEND", "onnx-int8")
    settings = load_settings()
    assert settings.embedding.backend == "onnx-int8"
    assert embedding_identity(settings.embedding) == f"{settings.embedding.model}#onnx-int8"
    assert embedding_identity(EmbeddingSettings(backend="torch")) == EmbeddingSettings().model  # as before
    monkeypatch.setenv("ASSISTANT_EMBEDDING__BACKEND", "tensorflow")
    with pytest.raises(UserError, match="Ungültige Einstellung"):
        load_settings()
