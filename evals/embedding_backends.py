"""Retrieval quality of the embedding backends in one run: torch against the local onnx-int8 export.

Run: ``.venv/bin/python evals/embedding_backends.py ../shared/data/xquad-de evals/musterstadt``
Each set is indexed once per backend through the product pipeline; MRR@10 and Recall@1/5/10 per retriever.
Also the cosine agreement of both backends on German sentences (XQuAD-de paragraphs split into sentences)
and the time to embed them. Writes ``evals/results/embedding-backends.json``.

On a crowded machine the parts can run as parallel processes and be merged:
``--part retrieval --backend torch --out a.json``, ``--part retrieval --backend onnx-int8 --out b.json``,
``--part agreement --out c.json``, then ``--merge a.json b.json c.json``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.evals.beir import load_beir  # noqa: E402
from assistant.evals.metrics import mrr_at, recall_at  # noqa: E402
from assistant.evals.retrieval import ProductDocumentRanker, index_beir  # noqa: E402
from assistant.index.embedders import SentenceTransformerEmbedder  # noqa: E402
from assistant.settings import load_settings  # noqa: E402
from assistant.text.sentences import split_sentences  # noqa: E402
from assistant.wiring import build_services  # noqa: E402

BACKENDS = ("torch", "onnx-int8")
RETRIEVERS = ("hybrid", "dense", "keyword")


def _settings(backend: str, data_dir: Path):
    settings = load_settings(data_dir=data_dir)
    settings.embedding = settings.embedding.model_copy(update={"backend": backend})
    return settings


def retrieval(folder: Path, backend: str) -> dict:
    dataset = load_beir(folder)
    with tempfile.TemporaryDirectory() as temporary:
        services = build_services(_settings(backend, Path(temporary)))
        services.embedder.embed_documents(["Aufwärmen"])
        started = time.perf_counter()
        index_beir(dataset, services)
        ranker = ProductDocumentRanker(services)
        index_seconds = time.perf_counter() - started
        result: dict = {"index_seconds": round(index_seconds, 1)}
        for mode in RETRIEVERS:
            totals = {"mrr@10": 0.0, "recall@1": 0.0, "recall@5": 0.0, "recall@10": 0.0}
            for query in dataset.queries:
                ranked = ranker.rank(str(query["text"]), 10, mode)
                relevant = dataset.qrels[query["_id"]]
                totals["mrr@10"] += mrr_at(ranked, relevant, 10)
                for k in (1, 5, 10):
                    totals[f"recall@{k}"] += recall_at(ranked, relevant, k)
            result[mode] = {name: round(value / len(dataset.queries), 4) for name, value in totals.items()}
        services.catalog.close()
    return result


def agreement(corpus: Path, sentences: int) -> dict:
    texts: list[str] = []
    for line in corpus.read_text(encoding="utf-8").splitlines():
        texts.extend(s for s in split_sentences(json.loads(line)["text"]) if len(s) > 20)
    texts = texts[:sentences]
    vectors, seconds = {}, {}
    for backend in BACKENDS:
        embedder = SentenceTransformerEmbedder(_settings(backend, Path(".")).embedding)
        embedder.embed_documents(["Aufwärmen"])
        started = time.perf_counter()
        vectors[backend] = embedder.embed_documents(texts)
        seconds[backend] = round(time.perf_counter() - started, 2)
    cosine = np.sum(vectors["torch"] * vectors["onnx-int8"], axis=1)
    # do both backends rank the same neighbours? top-1 neighbour of each sentence among all others
    same = []
    for start in range(0, len(texts), 500):
        a = vectors["torch"][start : start + 500] @ vectors["torch"].T
        b = vectors["onnx-int8"][start : start + 500] @ vectors["onnx-int8"].T
        for row in range(a.shape[0]):
            a[row, start + row] = b[row, start + row] = -1
        same.extend((a.argmax(1) == b.argmax(1)).tolist())
    return {
        "sentences": len(texts),
        "cosine_mean": round(float(cosine.mean()), 4),
        "cosine_p01": round(float(np.percentile(cosine, 1)), 4),
        "cosine_min": round(float(cosine.min()), 4),
        "same_nearest_neighbour": round(statistics.mean(same), 4),
        "embed_seconds": seconds,
        "speedup_onnx_int8": round(seconds["torch"] / seconds["onnx-int8"], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--sentences", type=int, default=3000)
    parser.add_argument("--out", type=Path, default=ROOT / "evals" / "results" / "embedding-backends.json")
    parser.add_argument("--part", choices=["retrieval", "agreement"], help="only this part")
    parser.add_argument("--backend", choices=BACKENDS, help="retrieval with this backend only")
    parser.add_argument("--merge", nargs="+", type=Path, help="merge the results of parts into --out")
    args = parser.parse_args()
    result: dict = {"retrieval": {}, "agreement": None}
    if args.merge:
        for part in args.merge:
            data = json.loads(part.read_text(encoding="utf-8"))
            for name, backends in data["retrieval"].items():
                result["retrieval"].setdefault(name, {}).update(backends)
            result["agreement"] = data["agreement"] or result["agreement"]
        args.folders = []
    for folder in args.folders if args.part != "agreement" else []:
        name = folder.resolve().name
        backends = [args.backend] if args.backend else BACKENDS
        result["retrieval"][name] = {backend: retrieval(folder, backend) for backend in backends}
        print(json.dumps({name: result["retrieval"][name]}, ensure_ascii=False), flush=True)
    if args.part != "retrieval" and not args.merge:
        result["agreement"] = agreement(args.folders[0] / "corpus.jsonl", args.sentences)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
