"""ONNX Runtime backend for a sentence-transformers model: a local, dynamically int8-quantised export.

The export is made on this machine from the model's own weights (never downloaded): ``torch.onnx`` writes
the transformer, ``onnxruntime.quantization`` quantises its weights to int8, and the result lands in a
cache folder keyed by the model's files. It is written into a temporary folder first and renamed into place,
so a crash leaves no half file. Tokenizer, pooling and normalisation stay the model's own
(sentence-transformers modules); only the transformer's forward pass runs in ONNX Runtime, which releases
the GIL like torch does.

``python -m assistant.index.onnx_backend`` makes the export ahead of time (``make setup`` calls it).
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import threading
import warnings
from pathlib import Path

import numpy as np

from assistant.errors import ModelUnavailable

ONNX_OPSET = 17
EXPORT_FORMAT = "2"  # bump when the export or quantisation below changes: older exports are made anew
_EXPORT_LOCK = threading.Lock()


def default_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("assistant")) / "onnx"


def model_fingerprint(model_dir: Path) -> str:
    """Names, sizes and modification times of the model's files: a changed model gets a new export."""
    digest = hashlib.sha256(f"{EXPORT_FORMAT}|{model_dir.resolve()}".encode())
    for path in sorted(p for p in model_dir.rglob("*") if p.is_file() and "onnx" not in p.parts):
        stat = path.stat()
        digest.update(f"{path.relative_to(model_dir)}|{stat.st_size}|{int(stat.st_mtime)}".encode())
    return digest.hexdigest()[:16]


def quantized_model_path(model_dir: Path, cache_dir: Path) -> Path:
    return cache_dir / f"{model_dir.name}-{model_fingerprint(model_dir)}" / "model-int8.onnx"


def ensure_quantized_export(model, model_dir: Path, cache_dir: Path, *, announce: bool = True) -> Path:
    """The int8 ONNX file of ``model`` (a loaded SentenceTransformer), exported on first use."""
    target = quantized_model_path(model_dir, cache_dir)
    if target.is_file():
        return target
    with _EXPORT_LOCK:
        if target.is_file():
            return target
        if announce:
            print(
                f"Das Embedding-Modell wird einmalig für ONNX Runtime (int8) vorbereitet: {target.parent} …",
                file=sys.stderr,
                flush=True,
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target.parent, prefix=".export-") as temporary:
            plain = Path(temporary) / "model.onnx"
            quantized = Path(temporary) / "model-int8.onnx"
            try:
                _export_transformer(model, plain)
                _quantize(plain, quantized)
            except ModelUnavailable:
                raise
            except Exception as exc:
                raise ModelUnavailable(
                    f"Das Embedding-Modell konnte nicht nach ONNX exportiert werden ({type(exc).__name__}: {exc}); "
                    "mit embedding.backend = „torch“ läuft es ohne ONNX."
                ) from exc
            os.replace(quantized, target)  # atomic: the file is whole or absent
    return target


def _transformer_module(model):
    first = model[0]
    if not hasattr(first, "model") or not hasattr(first, "tokenize"):
        raise ModelUnavailable(
            "Das Embedding-Modell hat kein Transformer-Modul, das sich nach ONNX exportieren lässt; "
            "mit embedding.backend = „torch“ läuft es ohne ONNX."
        )
    return first


def _input_names(hf_model) -> list[str]:
    import inspect

    parameters = inspect.signature(hf_model.forward).parameters
    return [name for name in ("input_ids", "attention_mask", "token_type_ids") if name in parameters]


def _export_transformer(model, path: Path) -> None:
    import torch

    transformer = _transformer_module(model)
    hf_model = transformer.model.eval()
    names = _input_names(hf_model)

    class _LastHidden(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner = hf_model

        def forward(self, *inputs):
            return self.inner(**dict(zip(names, inputs, strict=True)), return_dict=True).last_hidden_state

    preprocess = getattr(transformer, "preprocess", None) or transformer.tokenize
    sample = preprocess(["Ein Beispielsatz zum Exportieren.", "Noch einer."])
    names = [name for name in names if name in sample]
    inputs = tuple(sample[name].to("cpu") for name in names)
    axes = {name: {0: "batch", 1: "sequence"} for name in names}
    axes["token_embeddings"] = {0: "batch", 1: "sequence"}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer notes about shapes; the export is checked against torch in tests
        torch.onnx.export(
            _LastHidden(),
            inputs,
            str(path),
            input_names=names,
            output_names=["token_embeddings"],
            dynamic_axes=axes,
            opset_version=ONNX_OPSET,
            dynamo=False,
        )


def _quantize(source: Path, target: Path) -> None:
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    logging.getLogger().setLevel(max(logging.getLogger().level, logging.ERROR))  # its "consider pre-processing"

    # weights int8 per output channel, activations quantised per batch at run time (no calibration data);
    # only the matrix products: per-tensor weights or a quantised embedding table cost agreement with torch
    # (mean cosine 0.93 per tensor against 0.989 this way, 600 XQuAD-de sentences)
    quantize_dynamic(
        str(source), str(target), weight_type=QuantType.QInt8, per_channel=True, op_types_to_quantize=["MatMul"]
    )


class OnnxForward:
    """Replaces the transformer module's forward pass by an ONNX Runtime session (same inputs, same output)."""

    def __init__(self, path: Path, output_name: str = "token_embeddings") -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self._names = [i.name for i in self._session.get_inputs()]
        self._output_name = output_name

    def __call__(self, features: dict, **kwargs) -> dict:
        import torch

        feeds = {name: np.ascontiguousarray(features[name].cpu().numpy(), dtype=np.int64) for name in self._names}
        (hidden,) = self._session.run(None, feeds)
        features[self._output_name] = torch.from_numpy(hidden)
        return features


def attach_onnx(model, model_dir: Path, cache_dir: Path) -> Path:
    """Make ``model`` (a loaded SentenceTransformer) run its transformer in ONNX Runtime, int8."""
    transformer = _transformer_module(model)
    path = ensure_quantized_export(model, model_dir, cache_dir)
    transformer.forward = OnnxForward(path, getattr(transformer, "module_output_name", "token_embeddings"))
    return path


def main() -> int:
    """Export the configured model ahead of time (``make setup``)."""
    from assistant.index.embedders import SentenceTransformerEmbedder, resolve_model_path
    from assistant.settings import load_settings

    settings = load_settings().embedding.model_copy(update={"backend": "onnx-int8"})
    try:
        model_dir = Path(resolve_model_path(settings.model))
        if model_dir.is_dir():
            ready = quantized_model_path(model_dir, settings.cache_dir or default_cache_dir())
            if ready.is_file():
                print(f"ONNX-Export bereit: {ready}")
                return 0
        embedder = SentenceTransformerEmbedder(settings)
        embedder.embed_documents(["Probe"])
    except ModelUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"ONNX-Export bereit: {embedder.onnx_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
