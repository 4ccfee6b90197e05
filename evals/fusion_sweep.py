"""Measure the keyword/dense fusion weight on BEIR sets (how the default 0.7/0.3 was chosen).

Run: ``.venv/bin/python evals/fusion_sweep.py ../shared/data/xquad-de evals/musterstadt``
Each set is indexed once; MRR@10 and Recall@5 are reported per keyword weight (dense = 1 - weight).
Writes ``evals/results/fusion_sweep.json``.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.evals.beir import load_beir  # noqa: E402
from assistant.evals.retrieval import ProductDocumentRanker, index_beir  # noqa: E402
from assistant.settings import load_settings  # noqa: E402
from assistant.wiring import build_services  # noqa: E402
from evals.retrieval_configs import ranking_metrics  # noqa: E402

WEIGHTS = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0]


def sweep(folder: Path) -> dict[str, dict[str, float]]:
    dataset = load_beir(folder)
    with tempfile.TemporaryDirectory() as temporary:
        services = build_services(load_settings(data_dir=Path(temporary)))
        index_beir(dataset, services)
        ranker = ProductDocumentRanker(services)
        results = {}
        for weight in WEIGHTS:
            services.settings.retrieval.keyword_weight = weight
            services.settings.retrieval.dense_weight = round(1 - weight, 2)
            metrics = ranking_metrics(ranker, dataset, "hybrid")
            results[f"{weight:.1f}"] = {"mrr@10": metrics["mrr@10"], "recall@5": metrics["recall@5"]}
            print(f"{dataset.name}  keyword {weight:.1f}: {results[f'{weight:.1f}']}", flush=True)
        services.catalog.close()
    return results


def main() -> None:
    folders = [Path(arg) for arg in sys.argv[1:]] or [ROOT.parent / "shared/data/xquad-de", ROOT / "evals/musterstadt"]
    output = {folder.name: sweep(folder) for folder in folders}
    target = ROOT / "evals" / "results" / "fusion_sweep.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(output, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
