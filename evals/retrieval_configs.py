"""Compare retrieval configurations on BEIR sets with one index per set (same run, same vectors).

Run: ``.venv/bin/python evals/retrieval_configs.py ../shared/data/xquad-de evals/musterstadt``
Configurations: the defaults, and the defaults before document evidence (50 candidates, no document
weight). Writes ``evals/results/retrieval-configs.json``.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.evals.beir import load_beir  # noqa: E402
from assistant.evals.metrics import mrr_at, recall_at  # noqa: E402
from assistant.evals.retrieval import ProductDocumentRanker, index_beir  # noqa: E402
from assistant.settings import load_settings  # noqa: E402
from assistant.wiring import build_services  # noqa: E402

CONFIGS = {
    "standard": {},
    "vorher (50 Kandidaten, ohne Dokument)": {"candidates": 50, "document_weight": 0.0},
}


def ranking_metrics(ranker: ProductDocumentRanker, dataset, mode: str) -> dict[str, float]:
    """MRR@10, Recall@1 and Recall@5 of one retriever mode over a BEIR set's queries."""
    mrr = recall1 = recall5 = 0.0
    for query in dataset.queries:
        ranked = ranker.rank(str(query["text"]), 10, mode)
        relevant = dataset.qrels[query["_id"]]
        mrr += mrr_at(ranked, relevant, 10)
        recall1 += recall_at(ranked, relevant, 1)
        recall5 += recall_at(ranked, relevant, 5)
    count = len(dataset.queries)
    return {
        "mrr@10": round(mrr / count, 4),
        "recall@1": round(recall1 / count, 4),
        "recall@5": round(recall5 / count, 4),
    }


def compare(folder: Path) -> dict[str, dict[str, float]]:
    dataset = load_beir(folder)
    with tempfile.TemporaryDirectory() as temporary:
        services = build_services(load_settings(data_dir=Path(temporary)))
        index_beir(dataset, services)
        ranker = ProductDocumentRanker(services)
        defaults = services.settings.retrieval.model_copy()
        results = {}
        for name, changes in CONFIGS.items():
            for mode in ("hybrid", "keyword"):
                # in place: the retriever holds this settings object
                for field, value in {**defaults.model_dump(), **changes}.items():
                    setattr(services.settings.retrieval, field, value)
                key = f"{name} / {mode}"
                results[key] = ranking_metrics(ranker, dataset, mode)
                print(f"{dataset.name}  {key}: {results[key]}", flush=True)
        services.catalog.close()
    return results


def main() -> None:
    folders = [Path(arg) for arg in sys.argv[1:]] or [ROOT.parent / "shared/data/xquad-de", ROOT / "evals/musterstadt"]
    output = {folder.name: compare(folder) for folder in folders}
    target = ROOT / "evals" / "results" / "retrieval-configs.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(output, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
