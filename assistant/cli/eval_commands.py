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
