"""Benchmark: the goal-set check on a generated set of 500 goals, 1,500 indicators and 50 Fachstrategien.

Run: ``.venv/bin/python benchmarks/bench_check.py [--goals 500] [--strategic 50] [--runs 5]``;
``--goals 1000 --strategic 1000`` is the scale target of issue 9 (≤ 5 s, ≤ 1 GB), timed cold: file →
report with the model already loaded, a fresh checker per run (no embedding is reused between runs).
Measures, as the median of several runs in one process: loading the YAML file (parse + validation),
all rules without GQ-06 (the baseline) and all rules with GQ-06 (the real embedding model), and reports
the ratio to the baseline. The model is loaded once before timing (reported separately as cold start).
``--strategic`` sets how many of the 500 goals are strategic goals of the Gesamtstrategie (GQ-06
compares those); the rest are spread over the Fachstrategien. Writes ``benchmarks/results/check.json``.
Not a test: nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.goals.check import GoalSetChecker, run_rules  # noqa: E402
from assistant.goals.loading import load_goal_set  # noqa: E402
from assistant.goals.report import render  # noqa: E402
from assistant.goals.rules import build_rules  # noqa: E402
from assistant.index.embedders import SentenceTransformerEmbedder  # noqa: E402
from assistant.settings import load_settings  # noqa: E402

SUBJECTS = [
    "Haushalte mit Glasfaseranschluss", "Kinder mit Kita-Platz", "Schulabgänger ohne Abschluss",
    "Radverkehr", "Wege mit Bus und Bahn", "geförderten Mietwohnungen", "sanierten Schulgebäude",
    "Langzeitarbeitslosen", "Beschäftigten am Arbeitsort", "Gewerbesteuereinnahmen", "Treibhausgasemissionen",
    "Stromverbrauch der Verwaltung",
    "Leerstand in der Innenstadt", "Ehrenamtlichen", "Vereinsmitglieder", "Pflegeplätze", "Hausarztpraxen",
    "Besucher der Bibliothek", "Teilnehmenden der Volkshochschule", "Online-Verwaltungsleistungen",
    "Bearbeitungsdauer von Bauanträgen", "Wohnungslosen", "Verkehrsunfälle mit Verletzten", "Straftaten",
    "Grünflächen je Einwohner", "versiegelten Flächen", "Trinkwasserverbrauch", "Restabfall je Einwohner",
    "Ganztagsplätze an Grundschulen", "Auszubildenden der Stadtverwaltung", "Krankenstand der Beschäftigten",
    "Pro-Kopf-Verschuldung", "Liquiditätskredite", "Photovoltaikanlagen auf städtischen Dächern",
    "Ladepunkte für Elektroautos", "barrierefreien Haltestellen", "Touristischen Übernachtungen",
    "Unternehmensgründungen", "Breitbandversorgung in Gewerbegebieten",
    "Sportvereinsmitglieder unter 18 Jahren",
]  # fmt: skip
PLACES = [
    "in der Kernstadt",
    "in den Ortsteilen",
    "im Norden",
    "im Süden",
    "in allen Quartieren",
    "im Stadtgebiet",
]
TEMPLATES = [
    "Der Anteil der {s} {p} steigt bis {y} auf {n} Prozent.",
    "Die Zahl der {s} {p} sinkt bis {y} um {n} Prozent.",
    "Die {s} {p} erreichen bis {y} den Landesdurchschnitt.",
    "Bei den {s} {p} liegt Musterstadt bis {y} unter den besten {n} Prozent der Vergleichsstädte.",
]


def _indicator(rng: random.Random, name: str) -> dict[str, Any]:
    base = rng.randint(10, 90)
    return {"name": name, "typ": rng.choice(["wirkung", "leistung"]), "einheit": "%", "richtung": "steigend",
            "basiswert": base, "basisjahr": 2024, "zielwert": base + rng.randint(1, 9), "zieljahr": 2030,
            "quelle": "Kommunalstatistik"}  # fmt: skip


def _goal(rng: random.Random, goal_id: str, field: str | None, index: int) -> dict[str, Any]:
    title = TEMPLATES[index % len(TEMPLATES)].format(
        s=SUBJECTS[index % len(SUBJECTS)], p=PLACES[(index // len(SUBJECTS)) % len(PLACES)],
        y=2028 + index % 5, n=5 + index % 40,
    )  # fmt: skip
    goal = {
        "id": goal_id,
        "titel": title,
        "art": "wirkung",
        "prioritaet": "ABC"[index % 3],
        "zieljahr": 2030,
        "kennzahlen": [_indicator(rng, f"Kennzahl {goal_id}.{k}") for k in range(3)],
        "ressourcen": {
            "produkte": [f"{10 + index % 50}.{index % 7}0 Produkt {index % 50}"],
            "budget_eur": rng.randint(1, 50) * 100000,
            "folgekosten_eur": 10000,
            "stellen_vzae": 1,
        },
    }
    if field:
        goal["handlungsfeld"] = field
    return goal  # fmt: skip


def generate(goals: int = 500, strategic: int = 50, strategies: int = 50, seed: int = 7) -> dict[str, Any]:
    """A goal set with ``goals`` goals (``strategic`` of them in the Gesamtstrategie), 3 indicators each."""
    rng = random.Random(seed)
    fields = [{"id": f"HF{i}", "name": f"Handlungsfeld {i}"} for i in range(1, 9)]
    top = [_goal(rng, f"Z{i}", f"HF{1 + i % 8}", i) for i in range(strategic)]
    sub_count = goals - strategic
    subs: list[dict[str, Any]] = []
    for s in range(strategies):
        size = sub_count // strategies + (1 if s < sub_count % strategies else 0)
        share = [_goal(rng, f"F{s}.{k}", None, strategic + s * 1000 + k) for k in range(size)]
        for k, goal in enumerate(share):
            goal["beitrag_zu"] = [top[(s + k) % strategic]["id"]] if strategic else []
        subs.append({"id": f"FS{s}", "name": f"Fachstrategie {s}", "art": "fachstrategie", "ziele": share})
    return {
        "kommune": "Musterstadt", "titel": "Generiertes Zielsystem", "status": "beschlossen",
        "zeithorizont": {"von": 2026, "bis": 2035}, "handlungsfelder": fields, "ziele": top,
        "nachrangig": [{"titel": "Archivneubau", "bereich": "25.10 Archiv", "konsequenz": "zurueckstellen"}],
        "ausnahmen": [{"bereich": "Feuerwehr", "art": "ausgenommen"}], "fachstrategien": subs,
        "beteiligung": [{"format": "Werkstatt", "teilnehmende": 100}],
        "analysen": [{"art": a} for a in ("demografie_bevoelkerung", "demografie_belegschaft", "haushalt",
                                           "trends", "chancen_risiken")],
    }  # fmt: skip


def _median_seconds(action, runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def bench(goals: int, strategic: int, runs: int) -> dict[str, Any]:
    settings = load_settings()
    data = generate(goals=goals, strategic=strategic)
    embedder = SentenceTransformerEmbedder(settings.embedding)
    started = time.perf_counter()
    embedder.embed_documents(["Aufwärmen"])
    model_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as temporary:
        path = Path(temporary) / "zielsystem.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        file_mb = path.stat().st_size / 1_000_000
        load_seconds, loaded = _median_seconds(lambda: load_goal_set(path), runs)

        def file_to_report():
            goal_set, result = GoalSetChecker(settings.pruefung, embedder).check_file(path)
            return render(result, goal_set, "text"), render(result, goal_set, "json")

        end_to_end_seconds, _ = _median_seconds(file_to_report, runs)
    goal_set = loaded.goal_set
    baseline = settings.pruefung.model_copy(update={"regeln_aus": ["GQ-06"]})
    baseline_rules = build_rules(baseline, None)  # every rule except GQ-06
    full_rules = build_rules(settings.pruefung, embedder)
    baseline_seconds, _ = _median_seconds(lambda: run_rules(goal_set, baseline_rules), runs)
    full_seconds, findings = _median_seconds(lambda: run_rules(goal_set, full_rules), runs)
    gq06 = [f for f in findings if f.rule == "GQ-06"]
    return {
        "goals": len(goal_set.goals) + sum(len(s.goals) for s in goal_set.strategies),
        "strategic_goals": len(goal_set.goals),
        "indicators": sum(len(g.indicators) for g in goal_set.goals)
        + sum(len(g.indicators) for s in goal_set.strategies for g in s.goals),
        "fachstrategien": len(goal_set.strategies),
        "distinct_strategic_titles": len({g.title for g in goal_set.goals}),
        "file_mb": round(file_mb, 2),
        "runs": runs,
        "model_load_seconds": round(model_seconds, 3),
        "load_yaml_seconds_median": round(load_seconds, 3),
        "rules_without_gq06_seconds_median": round(baseline_seconds, 3),
        "rules_with_gq06_seconds_median": round(full_seconds, 3),
        "load_and_check_seconds_median": round(load_seconds + full_seconds, 3),
        "ratio_with_gq06_to_baseline": round(full_seconds / max(baseline_seconds, 1e-9), 1),
        "file_to_text_and_json_report_seconds_median": round(end_to_end_seconds, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "load_average_1min": round(os.getloadavg()[0], 2),  # the machine is shared: timings move with it
        "findings": len(findings),
        "gq06_findings": len(gq06),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--goals", type=int, default=500, help="Ziele insgesamt (Standard 500)")
    parser.add_argument("--strategic", type=int, default=50, help="davon strategische Ziele (Standard 50)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "check.json")
    args = parser.parse_args()
    result = bench(args.goals, args.strategic, args.runs)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(args.out.read_text(encoding="utf-8")) if args.out.is_file() else {}
    key = f"strategic_{args.strategic}" if args.goals == 500 else f"goals_{args.goals}_strategic_{args.strategic}"
    previous[key] = result
    args.out.write_text(json.dumps(previous, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
