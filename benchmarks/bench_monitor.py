"""Benchmark: goal achievement on a generated set of 500 goals, 1,500 indicators and 5 years of Messwerte each.

Run: ``.venv/bin/python benchmarks/bench_monitor.py [--runs 5] [--chart-sample 50]``.
Measures, as the median of several runs in one process: loading the YAML file (parse + validation), the
status of every indicator and goal, the Markdown Strategiebericht, the Word Strategiebericht without
charts, and — because 1,500 charts are a report nobody reads and take most of the time — the Word report
with charts for a sample of goals, extrapolated per chart. Reports ratios to the status step.
Writes ``benchmarks/results/monitor.json``. Not a test: nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.goals.loading import load_goal_set  # noqa: E402
from assistant.goals.model import GoalSet  # noqa: E402
from assistant.goals.monitoring import markdown  # noqa: E402
from assistant.goals.monitoring.docx_export import write_docx  # noqa: E402
from assistant.goals.monitoring.evaluate import evaluate  # noqa: E402
from assistant.goals.monitoring.report import build_report  # noqa: E402
from assistant.settings import load_settings  # noqa: E402
from benchmarks.bench_check import _median_seconds, generate  # noqa: E402

YEARS = (2021, 2022, 2023, 2024, 2025)


def with_measurements(data: dict[str, Any], seed: int = 11) -> dict[str, Any]:
    """Five yearly values per indicator at different paces along the path (a goal takes its worst
    indicator, so with three indicators per goal most goals are gefährdet or nicht im Plan)."""
    rng = random.Random(seed)
    goals = data["ziele"] + [g for s in data["fachstrategien"] for g in s["ziele"]]
    for goal in goals:
        for indicator in goal["kennzahlen"]:
            indicator["basisjahr"] = 2020
            base, target = indicator["basiswert"], indicator["zielwert"]
            pace = rng.choice((-0.2, 0.5, 0.9, 1.0, 1.1, 2.5)) * rng.uniform(0.95, 1.05)  # < 0 away, > 2 reached
            indicator["messwerte"] = {
                year: round(base + (target - base) * pace * (year - 2020) / 10, 2) for year in YEARS
            }
    return data


def _sample(goal_set: GoalSet, goals: int) -> GoalSet:
    """The first ``goals`` goals of the Gesamtstrategie, without Fachstrategien (for the chart timing)."""
    return goal_set.model_copy(update={"goals": goal_set.goals[:goals], "strategies": []})


def bench(runs: int, chart_sample: int) -> dict[str, Any]:
    settings = load_settings().zielerreichung
    data = with_measurements(generate(strategic=50))
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        path = folder / "zielsystem.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        load_seconds, loaded = _median_seconds(lambda: load_goal_set(path), runs)
        goal_set = loaded.goal_set
        status_seconds, monitoring = _median_seconds(
            lambda: evaluate(goal_set, "zielsystem.yaml", 2026, settings), runs
        )
        markdown_seconds, text = _median_seconds(lambda: markdown.render(build_report(monitoring)), runs)
        docx_seconds, _ = _median_seconds(
            lambda: write_docx(build_report(monitoring, charts=False), folder / "bericht.docx"), runs
        )
        sample = evaluate(_sample(goal_set, chart_sample // 3), "stichprobe.yaml", 2026, settings)
        sample_charts = sum(len(g.indicators) for g in sample.goals)
        sample_plain, _ = _median_seconds(
            lambda: write_docx(build_report(sample, charts=False), folder / "stichprobe-ohne.docx"), runs
        )
        sample_full, _ = _median_seconds(
            lambda: write_docx(build_report(sample, charts=True), folder / "stichprobe.docx"), max(1, runs // 2)
        )
    indicators = len(monitoring.result.indicators)
    per_chart = (sample_full - sample_plain) / max(sample_charts, 1)
    return {
        "goals": len(monitoring.goals),
        "indicators": indicators,
        "measurements": sum(len(i.indicator.measurements) for g in monitoring.goals for i in g.indicators),
        "runs": runs,
        "summary": monitoring.result.summary.model_dump(),
        "load_yaml_seconds_median": round(load_seconds, 3),
        "status_seconds_median": round(status_seconds, 3),
        "markdown_report_seconds_median": round(markdown_seconds, 3),
        "markdown_report_chars": len(text),
        "status_and_markdown_seconds_median": round(status_seconds + markdown_seconds, 3),
        "load_status_markdown_seconds_median": round(load_seconds + status_seconds + markdown_seconds, 3),
        "docx_without_charts_seconds_median": round(docx_seconds, 3),
        "docx_with_charts_sample": {
            "indicators": sample_charts,
            "seconds_median": round(sample_full, 3),
            "seconds_per_chart": round(per_chart, 4),
        },
        "docx_with_all_charts_seconds_estimate": round(docx_seconds + per_chart * indicators, 1),
        "ratio_markdown_to_status": round(markdown_seconds / max(status_seconds, 1e-9), 1),
        "ratio_docx_without_charts_to_status": round(docx_seconds / max(status_seconds, 1e-9), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--chart-sample", type=int, default=48, help="Kennzahlen mit Diagramm in der Stichprobe")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "monitor.json")
    args = parser.parse_args()
    result = bench(args.runs, args.chart_sample)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
