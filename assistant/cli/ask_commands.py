"""``assistant ask`` and ``assistant draft`` (and ``eval answers``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.cli.common import services_from_args, settings_from_args
from assistant.cli.output import print_json


def register(subparsers, add_common_options) -> None:
    ask = subparsers.add_parser("ask", help="eine Frage an die Wissensbasis stellen (mit Quellen)")
    ask.add_argument("question", metavar="FRAGE")
    ask.add_argument("--typ", action="append", dest="doc_types", help="nur Dokumenttyp(en)")
    ask.add_argument("--json", action="store_true")
    add_common_options(ask)
    ask.set_defaults(func=run_ask)
    register_draft(subparsers, add_common_options)


def register_eval(eval_subparsers, add_common_options) -> None:
    answers = eval_subparsers.add_parser(
        "answers", help="Antwortqualität messen: Fragensatz über einem Dokumentordner oder XQuAD-Ordner"
    )
    answers.add_argument(
        "--data", type=Path, default=Path("evals/answers/questions.jsonl"),
        help="questions.jsonl oder ein BEIR-Ordner mit answers.jsonl (XQuAD-de)",
    )  # fmt: skip
    answers.add_argument("--knowledge", type=Path, default=Path("knowledge/dokumente"))
    answers.add_argument("--index-dir", type=Path, help="Index hier behalten und wiederverwenden")
    answers.add_argument("--out", type=Path, help="Ergebnis (mit allen Zeilen) als JSON-Datei")
    answers.add_argument("--json", action="store_true")
    add_common_options(answers)
    answers.set_defaults(func=run_answer_eval)


def run_ask(args: argparse.Namespace) -> int:
    from assistant.answering.models import Answer
    from assistant.models import SearchFilters

    services = services_from_args(args)
    filters = SearchFilters(doc_types=args.doc_types) if args.doc_types else None
    if args.json:
        answer = services.answers.ask(args.question, filters=filters)
        print_json(
            answer.model_dump(
                mode="json",
                include={
                    "question",
                    "answer",
                    "answered",
                    "citations",
                    "generator",
                    "sentences",
                    "unsupported_sentences",
                    "removed_markers",
                    "warnings",
                    "status",
                    "confidence",
                    "reason",
                },
            )
        )
        return 0
    answer = None
    for item in services.answers.stream(args.question, filters=filters):
        if isinstance(item, Answer):
            answer = item
        else:
            sys.stdout.write(item)
            sys.stdout.flush()
    sys.stdout.write("\n")
    if answer and answer.citations:
        print("\nQuellen:")
        for c in answer.citations:
            print(f"  [{c.n}] {c.source_label()}")
    if answer and getattr(args, "debug", False):
        print(f"Entscheidung: {answer.status} (Konfidenz {answer.confidence:.2f}): {answer.reason}", file=sys.stderr)
    for warning in answer.warnings if answer else []:
        print(f"Hinweis: {warning}", file=sys.stderr)
    return 0


def run_answer_eval(args: argparse.Namespace) -> int:
    from assistant.evals.answers import evaluate_question_set, evaluate_xquad

    settings = settings_from_args(args)
    if args.data.is_dir():
        result = evaluate_xquad(args.data, settings, index_dir=args.index_dir)
    else:
        result = evaluate_question_set(args.data, args.knowledge, settings, index_dir=args.index_dir)
    if args.out:
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    summary = {k: v for k, v in result.items() if k != "rows"}
    if args.json:
        print_json(summary)
        return 0
    print(f"{result['dataset']} ({result['generator']})")
    for split, m in result["splits"].items():
        print(
            f"  {split}: {m['questions']} Fragen; Fakten {_fmt(m['fact_accuracy'])}, "
            f"Dokument {_fmt(m['document_cited'])}, "
            f"Seite {_fmt(m['page_cited'])}, fälschlich abgelehnt {_fmt(m['false_refusal_rate'])}, "
            f"unsicher {_fmt(m['hedged_rate'])}, Unbeantwortbare abgelehnt {_fmt(m['unanswerable_refused'])}, "
            f"ohne Vorbehalt beantwortet {_fmt(m.get('unanswerable_plain'))}"
        )
    return 0


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def register_draft(subparsers, add_common_options) -> None:
    draft = subparsers.add_parser("draft", help="Leitbild- und Zielentwurf aus einer Anfrage-Datei erstellen")
    draft.add_argument("request_file", type=Path, metavar="ANFRAGE")
    draft.add_argument("--out", type=Path, help="Ausgabe als .md oder .docx")
    draft.add_argument("--goals-out", type=Path, help="Zielvorschläge als Zielsystem-Datei (.yaml)")
    draft.add_argument("--json", action="store_true")
    add_common_options(draft)
    draft.set_defaults(func=run_draft)


def run_draft(args: argparse.Namespace) -> int:
    from assistant.drafting.export import goalset_yaml, to_docx, to_markdown
    from assistant.drafting.request import load_request
    from assistant.errors import UserError

    request = load_request(args.request_file)
    if args.out and args.out.suffix.lower() not in {".md", ".docx"}:
        raise UserError("--out muss auf .md oder .docx enden.")
    services = services_from_args(args)
    draft = services.drafts.draft(request)
    if args.out:
        if args.out.suffix.lower() == ".docx":
            to_docx(draft, args.out)
        else:
            args.out.write_text(to_markdown(draft), encoding="utf-8")
    if args.goals_out and draft.goals:
        args.goals_out.write_text(goalset_yaml(draft, request), encoding="utf-8")
    elif args.goals_out:
        print(
            f"Hinweis: {args.goals_out} nicht geschrieben – ohne Zielsystem in der Anfrage schlägt der Entwurf keine "
            "Ziele vor, sondern nennt je Schwerpunkt die fehlende Kennzahl (Abschnitte „Offene Fragen“).",
            file=sys.stderr,
        )
    if args.json:
        print_json(
            draft.model_dump(mode="json", include={"title", "sections", "warnings", "goals", "generator"})
        )
    elif not args.out:
        print(to_markdown(draft))
    else:
        print(
            f"Entwurf geschrieben: {args.out} ({len(draft.sections)} Abschnitte, {len(draft.warnings)} Hinweise)"
        )
    return 0
