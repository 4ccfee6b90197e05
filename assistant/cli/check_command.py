"""``assistant check FILE`` (goal-set check) and ``assistant eval checks`` (precision/recall per rule)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.errors import UserError


def register(subparsers, add_common_options) -> None:
    check = subparsers.add_parser(
        "check",
        help="ein Zielsystem prüfen (YAML, JSON oder Excel)",
        description="Prüft ein Zielsystem nach dem Regelkatalog. Exit-Code 0: keine Fehler, "
        "1: Fehler gefunden, 2: Datei nicht lesbar.",
    )
    check.add_argument("file", nargs="?", type=Path, metavar="DATEI", help="Zielsystem (.yaml, .json, .xlsx)")
    check.add_argument("--format", choices=["text", "markdown", "json"], default="text", help="Berichtsformat")
    check.add_argument("--out", type=Path, metavar="DATEI", help="Bericht in eine Datei schreiben")
    check.add_argument(
        "--template",
        type=Path,
        metavar="VORLAGE.xlsx",
        help="Excel-Vorlage schreiben statt zu prüfen; mit DATEI vorausgefüllt mit deren Inhalt",
    )
    add_common_options(check)
    check.set_defaults(func=run_check)


def register_eval(eval_subparsers, add_common_options) -> None:
    checks = eval_subparsers.add_parser("checks", help="Prüfregeln an gelabelten Zielsystemen messen")
    checks.add_argument("--data", type=Path, default=Path("evals/checks"), help="Ordner mit labels.yaml")
    checks.add_argument("--json", action="store_true", help="Ergebnis als JSON")
    add_common_options(checks)
    checks.set_defaults(func=run_eval_checks)


def _write_template(args: argparse.Namespace) -> int:
    from assistant.goals.loading import load_goal_set
    from assistant.goals.template import write_workbook

    goal_set = load_goal_set(args.file).goal_set if args.file else None
    write_workbook(args.template, goal_set)
    what = f"mit dem Inhalt von {args.file}" if args.file else "leer"
    print(f"Excel-Vorlage geschrieben: {args.template} ({what}).", file=sys.stderr)
    return 0


def run_check(args: argparse.Namespace) -> int:
    from assistant.cli.common import services_from_args, settings_from_args
    from assistant.cli.output import report_width, stdout_is_terminal
    from assistant.goals.check import GoalSetChecker
    from assistant.goals.report import render

    if args.template:
        return _write_template(args)
    if args.file is None:
        raise UserError("Bitte geben Sie die zu prüfende Datei an, z. B. „assistant check ziele.yaml“.")
    settings = settings_from_args(args)
    checker = GoalSetChecker(settings.pruefung, services_from_args(args).embedder)
    goal_set, result = checker.check_file(args.file, display_name=str(args.file))
    color = args.out is None and args.format == "text" and stdout_is_terminal()
    report = render(result, goal_set, args.format, color=color, width=report_width(color))
    if args.out:
        try:
            args.out.write_text(report, encoding="utf-8")
        except OSError as exc:
            raise UserError(f"Der Bericht kann nicht nach {args.out} geschrieben werden ({exc.strerror}).") from exc
        print(f"Bericht geschrieben: {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(report)
    return result.exit_code


def run_eval_checks(args: argparse.Namespace) -> int:
    from assistant.cli.common import services_from_args, settings_from_args
    from assistant.cli.output import print_json
    from assistant.goals.evaluation import evaluate_checks, format_table

    settings = settings_from_args(args)
    result = evaluate_checks(args.data, settings.pruefung, services_from_args(args).embedder)
    if args.json:
        print_json(result)
    else:
        print(format_table(result))
    return 0
