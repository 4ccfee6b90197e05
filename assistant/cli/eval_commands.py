"""Evaluation commands: ``assistant eval retrieval`` (and ``checks`` from the goal-set module)."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.cli.common import settings_from_args
from assistant.cli.output import print_json


def register(subparsers, add_common_options) -> None:
    evaluate = subparsers.add_parser("eval", help="Qualität messen (Retrieval, Prüfregeln, Antworten)")
    eval_sub = evaluate.add_subparsers(dest="eval_command", metavar="ART")
    eval_sub.required = True
    retrieval = eval_sub.add_parser("retrieval", help="Retrieval auf einem BEIR-Ordner messen")
    retrieval.add_argument("--data", type=Path, required=True, help="BEIR-Ordner (corpus/queries/qrels)")
    retrieval.add_argument("-k", type=int, default=10)
    retrieval.add_argument("--retriever", choices=["hybrid", "dense", "keyword"], default="hybrid")
    retrieval.add_argument("--json", action="store_true")
    add_common_options(retrieval)
    retrieval.set_defaults(func=run_retrieval_eval)
    scale = eval_sub.add_parser(
        "scale", help="Retrieval gegen die Korpusgröße messen, neben einfachem BM25 (Archiv-Maßstab)"
    )
    scale.add_argument("--corpus", type=Path, default=Path("../shared/data/karlsruhe-dev/corpus.jsonl"))
    scale.add_argument("--questions", type=Path, default=Path("evals/karlsruhe-dev/questions.jsonl"))
    scale.add_argument("--sizes", default="400,4000", help="Korpusgrößen, durch Komma getrennt")
    scale.add_argument(
        "--work-dir", type=Path, default=Path("evals/.scale"),
        help="Indexe und Vektor-Cache (werden beim nächsten Lauf wiederverwendet)",
    )  # fmt: skip
    scale.add_argument("--out", type=Path, help="Ergebnis als JSON-Datei")
    scale.add_argument("--json", action="store_true")
    add_common_options(scale)
    scale.set_defaults(func=run_scale_eval)
    for module_name in ("assistant.cli.check_command", "assistant.cli.ask_commands"):
        try:
            module = __import__(module_name, fromlist=["register_eval"])
        except ModuleNotFoundError:
            continue
        if hasattr(module, "register_eval"):
            module.register_eval(eval_sub, add_common_options)


def run_retrieval_eval(args: argparse.Namespace) -> int:
    from assistant.evals.retrieval import evaluate_beir

    settings = settings_from_args(args)
    result = evaluate_beir(args.data, settings, k=args.k, retriever=args.retriever)
    if args.json:
        print_json(result)
    else:
        print(
            f"{result['dataset']} ({result['retriever']}, {result['queries']} Fragen): "
            f"Recall@1 {result['recall@1']:.3f}, Recall@5 {result['recall@5']:.3f}, "
            f"Recall@10 {result['recall@10']:.3f}, MRR@10 {result['mrr@10']:.3f}, "
            f"nDCG@10 {result['ndcg@10']:.3f}; Latenz p50 {result['latency_ms']['p50']:.1f} ms, "
            f"p95 {result['latency_ms']['p95']:.1f} ms; Indexaufbau {result['index_seconds']:.1f} s"
        )
    return 0


def run_scale_eval(args: argparse.Namespace) -> int:
    from assistant.errors import UserError
    from assistant.evals.scale import evaluate_scale, write_result

    try:
        sizes = [int(part) for part in str(args.sizes).split(",") if part.strip()]
    except ValueError as exc:
        raise UserError(f"--sizes erwartet ganze Zahlen, durch Komma getrennt (nicht „{args.sizes}“).") from exc
    result = evaluate_scale(args.corpus, args.questions, settings_from_args(args), sizes=sizes, work_dir=args.work_dir)
    if args.out:
        write_result(result, args.out)
    if args.json:
        print_json(result)
        return 0
    for row in result["sizes"]:
        print(f"{row['documents']} Dokumente, {row['chunks']} Abschnitte (Indexaufbau {row['index_seconds']} s)")
        for name, values in row["retrievers"].items():
            halves = ", ".join(
                f"{split} MRR@10 {values[split]['mrr@10']:.3f} R@1 {values[split]['recall@1']:.3f} "
                f"R@5 {values[split]['recall@5']:.3f}"
                for split in result["splits"]
            )
            ratio = values.get("ratio_to_bm25", {})
            ratios = ", ".join(f"{s} {r:.2f}×" for s, r in ratio.items() if r is not None and s != "all")
            print(f"  {name:8} {halves}; gegen BM25 {ratios}; p95 {values['latency_ms']['p95']} ms")
    return 0
