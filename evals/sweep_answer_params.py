"""Sweep of the unit-scoring numbers of :class:`AnswerParams` on the tuning halves only.

For each variant: features of every tuning question (XQuAD-de tune half with its leave-one-out
unanswerables, real-dev tune half), a refit of the answerability model, and the balanced accuracy at its
best threshold; plus the share of answerable questions whose extractive answer holds the fact.
Uses kept indexes (``--xquad-index``, ``--real-index``, built by ``assistant eval answers --index-dir``).
Writes ``evals/results/answer-param-sweep.json``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "evals"))

from calibrate_answers import FEATURES, fit  # noqa: E402

from assistant.answering.answerability import features  # noqa: E402
from assistant.answering.extractive import ExtractiveGenerator  # noqa: E402
from assistant.answering.params import AnswerParams  # noqa: E402
from assistant.answering.service import AnswerService  # noqa: E402
from assistant.evals.answers import (  # noqa: E402
    LOO_SAMPLE_PER_SPLIT,
    LOO_SEED,
    _article_splits,
    _contains_gold,
    _jsonl,
    fact_correct,
    load_questions,
)
from assistant.evals.beir import load_beir  # noqa: E402
from assistant.models import SearchFilters  # noqa: E402
from assistant.settings import load_settings  # noqa: E402
from assistant.wiring import build_services  # noqa: E402

XQUAD = ROOT.parent / "shared" / "data" / "xquad-de"


def tuning_items() -> tuple[list, list]:
    dataset = load_beir(XQUAD)
    gold = {item["_id"]: item["answers"] for item in _jsonl(XQUAD / "answers.jsonl")}
    splits = _article_splits(dataset.corpus)
    paragraph_split = {str(e["_id"]): splits[str(e.get("title") or "")] for e in dataset.corpus}
    all_ids = [str(e["_id"]) for e in dataset.corpus]
    tune = [q for q in dataset.queries if paragraph_split[next(iter(dataset.qrels[q["_id"]]))] == "tune"]
    xquad = [(q["text"], True, gold[q["_id"]], None) for q in tune]
    for q in random.Random(LOO_SEED).sample(tune, min(LOO_SAMPLE_PER_SPLIT, len(tune))):
        own = next(iter(dataset.qrels[q["_id"]]))
        xquad.append((q["text"], False, [], SearchFilters(doc_ids=[d for d in all_ids if d != own])))
    questions = load_questions(ROOT / "evals" / "real-dev" / "questions.jsonl")
    real = [(q["question"], q["answerable"], q["key_facts"], None) for q in questions if q["split"] == "tune"]
    return xquad, real


def measure(services, params: AnswerParams, items: list, *, gold_any: bool) -> tuple[np.ndarray, np.ndarray, float]:
    service = AnswerService(services.retriever, services.keyword_index, services.embedder, services.generator,
                            services.settings.answer, services.units, params)  # fmt: skip
    generator = ExtractiveGenerator(services.settings.answer.max_sentences, params.relative_cutoff)
    xs, ys, facts = [], [], []
    for question, answerable, gold, filters in items:
        hits = services.retriever.search(question, services.settings.answer.passages, filters)
        evidence = service.evidence(question, hits)
        xs.append([features(evidence).as_dict()[f] for f in FEATURES])
        ys.append(1.0 if answerable else 0.0)
        if answerable:
            text = "".join(generator.generate(question, evidence, []))
            facts.append(_contains_gold(text, gold) if gold_any else fact_correct(text, gold))
    return np.array(xs), np.array(ys), float(np.mean(facts))


def balanced(sets: list[tuple[np.ndarray, np.ndarray]]) -> float:
    x = np.vstack([s[0] for s in sets])
    y = np.concatenate([s[1] for s in sets])
    w = np.concatenate([np.where(s[1] == 1, 0.5 / max(s[1].sum(), 1), 0.5 / max((1 - s[1]).sum(), 1)) for s in sets])
    beta = fit(x, y, w)
    best = 0.0
    for t in np.arange(0.1, 0.95, 0.01):
        scores = []
        for sx, sy in sets:
            p = 1 / (1 + np.exp(-(beta[0] + sx @ beta[1:])))
            scores.append(((p[sy == 1] >= t).mean() + (p[sy == 0] < t).mean()) / 2)
        best = max(best, float(np.mean(scores)))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--xquad-index", type=Path, required=True)
    parser.add_argument("--real-index", type=Path, required=True)
    args = parser.parse_args()
    xquad_items, real_items = tuning_items()
    settings = load_settings()
    xq = build_services(settings.model_copy(update={"data_dir": args.xquad_index}))
    rd = build_services(settings.model_copy(update={"data_dir": args.real_index}), embedder=xq.embedder)
    grid = {"non_noun_weight": [0.35, 0.7], "part_credit": [0.4, 0.7], "lexical_weight": [0.6, 0.8]}
    results = []
    for values in itertools.product(*grid.values()):
        variant = dict(zip(grid, values, strict=True))
        params = AnswerParams(**variant)
        x1, y1, f1 = measure(xq, params, xquad_items, gold_any=True)
        x2, y2, f2 = measure(rd, params, real_items, gold_any=False)
        row = {**variant, "balanced_accuracy": round(balanced([(x1, y1), (x2, y2)]), 4),
               "facts_xquad": round(f1, 4), "facts_real": round(f2, 4)}  # fmt: skip
        results.append(row)
        print(json.dumps(row), flush=True)
    out = ROOT / "evals" / "results" / "answer-param-sweep.json"
    out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
