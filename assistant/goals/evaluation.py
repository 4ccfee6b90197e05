"""``assistant eval checks``: precision and recall per rule on labelled goal sets.

A data folder holds ``labels.yaml`` with ``cases: [{file, expected: [...]}]``; an expected finding is
``RULE`` (set level, goal_id null), ``RULE@GOAL_ID`` or ``RULE*n`` (n set-level findings). Findings are
matched as a multiset of (rule, goal_id) per case.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import UserError
from assistant.goals.check import GoalSetChecker
from assistant.goals.coercion import fold_key
from assistant.goals.rules import RULE_IDS
from assistant.index.base import Embedder
from assistant.settings import PruefungSettings

Key = tuple[str, str | None]
_LABEL = re.compile(r"^(?P<rule>[A-Z]+-\d+)(?:@(?P<goal>[^*\s]+))?(?:\*(?P<count>\d+))?$")


def parse_label(label: str) -> Counter[Key]:
    match = _LABEL.match(label.strip())
    if not match:
        raise UserError(f"Ungültiges Label „{label}“ (erwartet: REGEL, REGEL@ZIEL oder REGEL*n).")
    return Counter({(match["rule"], match["goal"]): int(match["count"] or 1)})


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _label(key: Key) -> str:
    return f"{key[0]}@{key[1]}" if key[1] else key[0]


def evaluate_checks(data_dir: Path, settings: PruefungSettings, embedder: Embedder | None) -> dict[str, Any]:
    labels_file = Path(data_dir) / "labels.yaml"
    if not labels_file.is_file():
        raise UserError(f"Im Ordner {data_dir} fehlt die Datei labels.yaml mit den erwarteten Befunden.")
    cases = (yaml.safe_load(labels_file.read_text(encoding="utf-8")) or {}).get("cases", [])
    checker = GoalSetChecker(settings, embedder)
    counts = {rule: Counter() for rule in RULE_IDS}
    mismatches = []
    for case in cases:
        expected: Counter[Key] = Counter()
        for label in case.get("expected") or []:
            expected += parse_label(label)
        _, result = checker.check_file(Path(data_dir) / case["file"], display_name=case["file"])
        found = Counter((f.rule, f.goal_id) for f in result.findings)
        for key in expected | found:
            tp = min(expected[key], found[key])
            counts[key[0]].update(tp=tp, fp=found[key] - tp, fn=expected[key] - tp)
        missing, unexpected = expected - found, found - expected
        if missing or unexpected:
            mismatches.append(
                {
                    "case": case["file"],
                    "missing": sorted(_label(k) for k in missing.elements()),
                    "unexpected": sorted(_label(k) for k in unexpected.elements()),
                }
            )
    rules = {
        rule: {
            "tp": c["tp"], "fp": c["fp"], "fn": c["fn"],
            "precision": _ratio(c["tp"], c["tp"] + c["fp"]), "recall": _ratio(c["tp"], c["tp"] + c["fn"]),
        }
        for rule, c in counts.items()
    }  # fmt: skip
    total = sum(counts.values(), Counter())
    return {
        "dataset": str(data_dir),
        "cases": len(cases),
        "rules": rules,
        "micro": {
            "tp": total["tp"], "fp": total["fp"], "fn": total["fn"],
            "precision": _ratio(total["tp"], total["tp"] + total["fp"]),
            "recall": _ratio(total["tp"], total["tp"] + total["fn"]),
        },
        "mismatches": mismatches,
        "duplicate_pairs": pair_metrics(Path(data_dir), settings, embedder),
    }  # fmt: skip


def pair_metrics(data_dir: Path, settings: PruefungSettings, embedder: Embedder | None) -> dict[str, Any]:
    """GQ-06 alone on labelled statement pairs (``duplicate_pairs*.yaml``: [duplicate?, text, text])."""
    from assistant.goals.rules.duplicates import NearDuplicates

    if embedder is None:
        return {}
    rule = NearDuplicates(settings, embedder)
    result = {}
    for path in sorted(data_dir.glob("duplicate_pairs*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        pairs = data.get("pairs", [])
        town = frozenset(fold_key(part) for part in str(data.get("kommune", "")).split())
        c = Counter()
        for label, first, second in pairs:
            predicted = bool(rule.scores([first, second], town)[0, 1] >= settings.duplikat_schwelle)
            c[("tp" if label else "fp") if predicted else ("fn" if label else "tn")] += 1
        result[path.stem] = {
            "pairs": len(pairs), "tp": c["tp"], "fp": c["fp"], "fn": c["fn"], "tn": c["tn"],
            "precision": _ratio(c["tp"], c["tp"] + c["fp"]), "recall": _ratio(c["tp"], c["tp"] + c["fn"]),
            "accuracy": _ratio(c["tp"] + c["tn"], len(pairs)),
        }  # fmt: skip
    return result


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def format_table(result: dict[str, Any]) -> str:
    lines = [
        f"Prüfregeln auf {result['dataset']} ({result['cases']} Zielsysteme)",
        "",
        f"{'Regel':<8} {'Präzision':>9} {'Recall':>7} {'TP':>4} {'FP':>4} {'FN':>4}",
    ]
    for rule, m in result["rules"].items():
        counts = f"{m['tp']:>4} {m['fp']:>4} {m['fn']:>4}"
        lines.append(f"{rule:<8} {_pct(m['precision']):>9} {_pct(m['recall']):>7} {counts}")
    micro = result["micro"]
    lines.append(
        f"{'gesamt':<8} {_pct(micro['precision']):>9} {_pct(micro['recall']):>7} "
        f"{micro['tp']:>4} {micro['fp']:>4} {micro['fn']:>4}"
    )
    for name, m in result.get("duplicate_pairs", {}).items():
        lines.append(
            f"GQ-06 auf {name} ({m['pairs']} Satzpaare): Präzision {_pct(m['precision'])}, "
            f"Recall {_pct(m['recall'])}, Genauigkeit {_pct(m['accuracy'])}"
        )
    for mismatch in result["mismatches"]:
        lines.append(
            f"  {mismatch['case']}: fehlt {', '.join(mismatch['missing']) or '–'}; "
            f"unerwartet {', '.join(mismatch['unexpected']) or '–'}"
        )
    return "\n".join(lines)
