"""Fit the answerability model and its thresholds on the tuning halves only.

Usage (after ``assistant eval answers … --out FILE`` on each tuning set):

    python evals/calibrate_answers.py /tmp/xquad.json /tmp/real-dev.json

Reads the rows of split ``tune`` only, fits a logistic model p(answerable | features) in which every
data set weighs the same (and within a set both classes weigh the same), picks the thresholds (refusal: the
highest at which at most ``MAX_FALSE_REFUSALS`` of the answerable questions of each set are refused) and writes
``evals/results/answer-calibration.json``. Copy the printed values into ``assistant/answering/params.py``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from assistant.answering.answerability import Features

# the model's features: a subset of Features.names(). Fitting all nine gave the same balanced accuracy on the
# tuning halves (0.747 vs 0.738) with negative weights from collinear features; five positive ones carry it.
FEATURES = ["unit_own_coverage", "passage_coverage", "key_coverage", "type_match", "year_match"]
assert set(FEATURES) <= set(Features.names())
L2 = 0.01  # ridge on the weights (not the bias): keeps them finite when a feature separates perfectly
# „nicht in den Dokumenten“ is said only where at most this share of the answerable tuning questions would be
# refused, in every tuning set (a collection of documents is what a user has; no set may pay for another).
# A product decision taken from issue 8 (refusals ≤ 0.10), not a fitted number: below certainty the hedged
# answer shows the best passages, so a doubtful question still gets its sources.
MAX_FALSE_REFUSALS = 0.10
MIN_PRECISION_CERTAIN = 0.9  # a plain (unhedged) answer should be right about answerability this often
LLM_RECALL = 0.97  # the LLM sees the passages of at least this share of answerable questions


def load(paths: list[Path]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    xs, ys, ws, names = [], [], [], []
    for path in paths:
        result = json.loads(path.read_text(encoding="utf-8"))
        rows = [r for r in result["rows"] if r["split"] == "tune"]
        positives = sum(r["answerable"] for r in rows) or 1
        negatives = sum(not r["answerable"] for r in rows) or 1
        for row in rows:
            xs.append([row["features"].get(f, 0.0) for f in FEATURES])
            ys.append(1.0 if row["answerable"] else 0.0)
            # each set weighs 1, each class within it 1/2
            ws.append(0.5 / (positives if row["answerable"] else negatives))
            names.append(result["dataset"])
    return np.array(xs), np.array(ys), np.array(ws), names


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, iterations: int = 50) -> np.ndarray:
    """Weighted logistic regression by Newton's method; returns [bias, weights...]."""
    design = np.hstack([np.ones((len(x), 1)), x])
    beta = np.zeros(design.shape[1])
    ridge = np.full(design.shape[1], L2)
    ridge[0] = 0.0
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-design @ beta))
        gradient = design.T @ (w * (p - y)) + ridge * beta
        hessian = design.T @ (design * (w * p * (1 - p))[:, None]) + np.diag(ridge) + 1e-9 * np.eye(len(beta))
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta


def thresholds(p: np.ndarray, y: np.ndarray, w: np.ndarray, names: list[str]) -> dict:
    """The three decision thresholds on p(answerable), by the rules above, with the curves they come from."""
    sets = sorted(set(names))
    mask = {name: np.array([n == name for n in names]) for name in sets}

    def balanced(threshold: float) -> float:
        scores = []
        for name in sets:
            m = mask[name]
            keep = (p[m & (y == 1)] >= threshold).mean() if (m & (y == 1)).any() else 1.0
            refuse = (p[m & (y == 0)] < threshold).mean() if (m & (y == 0)).any() else 1.0
            scores.append((keep + refuse) / 2)
        return float(np.mean(scores))

    def false_refusals(threshold: float) -> float:
        return float(max((p[mask[name] & (y == 1)] < threshold).mean() for name in sets))

    grid = np.round(np.arange(0.05, 0.96, 0.01), 2)
    allowed = [float(t) for t in grid if false_refusals(t) <= MAX_FALSE_REFUSALS]
    refuse_below = max(allowed) if allowed else float(grid[0])
    precise = [float(t) for t in grid if t >= refuse_below and _precision(p, y, w, t) >= MIN_PRECISION_CERTAIN]
    certain_from = precise[0] if precise else refuse_below
    llm = [float(t) for t in grid if (p[y == 1] >= t).mean() >= LLM_RECALL]
    llm_refuse_below = min(max(llm) if llm else 0.05, refuse_below)
    per_set = {
        name: {
            "answerable_kept": round(float((p[mask[name] & (y == 1)] >= refuse_below).mean()), 4)
            if (mask[name] & (y == 1)).any() else None,
            "unanswerable_refused": round(float((p[mask[name] & (y == 0)] < refuse_below).mean()), 4)
            if (mask[name] & (y == 0)).any() else None,
            "rows": int(mask[name].sum()),
        }
        for name in sets
    }  # fmt: skip
    return {
        "refuse_below": refuse_below,
        "certain_from": certain_from,
        "llm_refuse_below": llm_refuse_below,
        "tune_per_set": per_set,
        "balanced_accuracy_curve": {float(t): round(balanced(t), 4) for t in grid},
        "false_refusal_curve": {float(t): round(false_refusals(t), 4) for t in grid},
    }


def main(paths: list[Path]) -> None:
    x, y, w, names = load(paths)
    beta = fit(x, y, w)
    p = 1 / (1 + np.exp(-(beta[0] + x @ beta[1:])))
    result = {
        "fitted_on": [f"{path.name} (split tune)" for path in paths],
        "bias": round(float(beta[0]), 3),
        "weights": {f: round(float(b), 3) for f, b in zip(FEATURES, beta[1:], strict=True)},
        **thresholds(p, y, w, names),
    }
    out = Path(__file__).parent / "results" / "answer-calibration.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k != "balanced_accuracy_curve"}, ensure_ascii=False, indent=1))


def _precision(p: np.ndarray, y: np.ndarray, w: np.ndarray, threshold: float) -> float:
    """Share of answerable among the questions at or above ``threshold``, with the fitting weights (every
    set and class weighs the same, so the large XQuAD set does not decide alone)."""
    chosen = p >= threshold
    return float((w * y)[chosen].sum() / w[chosen].sum()) if chosen.any() else 1.0


if __name__ == "__main__":
    main([Path(a) for a in sys.argv[1:]])
