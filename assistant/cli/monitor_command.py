"""``assistant monitor FILE``: goal achievement (Messwerte against the path to each target) and the
Strategiebericht (Markdown or Word)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.goals.model import MAX_YEAR, MIN_YEAR


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"„{text}“ ist kein Jahr; erwartet wird z. B. 2026") from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise argparse.ArgumentTypeError(f"das Jahr {year} liegt nicht zwischen {MIN_YEAR} und {MAX_YEAR}")
    return year


def register(subparsers, add_common_options) -> None:
    monitor = subparsers.add_parser(
        "monitor",
        help="Zielerreichung: Messwerte gegen den Zielpfad, Strategiebericht",
        description="Bewertet die Messwerte jeder Kennzahl gegen den Pfad vom Basis- zum Zielwert. Exit-Code "
        "0: Bericht erstellt, 1: mindestens ein Ziel nicht im Plan oder verfehlt, 2: Datei nicht lesbar.",
    )
    monitor.add_argument("file", type=Path, metavar="DATEI", help="Zielsystem mit Messwerten (.yaml, .json, .xlsx)")
    monitor.add_argument("--year", "--jahr", type=_year, metavar="JJJJ", help="Stand der Auswertung (Standard: "
                         "das laufende Jahr); spätere Messwerte bleiben unberücksichtigt")  # fmt: skip
    monitor.add_argument("--format", choices=["text", "markdown", "json"], default=None, help="Ausgabeformat")
    monitor.add_argument("--json", action="store_true", help="wie --format json")
    monitor.add_argument("--out", type=Path, metavar="BERICHT", help="Strategiebericht schreiben (.md oder .docx)")
    monitor.add_argument("--ohne-diagramme", action="store_true", help="Word-Bericht ohne Diagramme (schneller)")
    add_common_options(monitor)
    monitor.set_defaults(func=run_monitor)


def run_monitor(args: argparse.Namespace) -> int:
    from assistant.cli.common import settings_from_args
    from assistant.cli.output import report_width, stdout_is_terminal
    from assistant.goals.loading import load_goal_set
    from assistant.goals.monitoring import markdown, text
    from assistant.goals.monitoring.evaluate import evaluate
    from assistant.goals.monitoring.export import check_suffix, write_report
    from assistant.goals.monitoring.report import build_report

    fmt = "json" if args.json else args.format
    if args.out:
        check_suffix(args.out)  # before the work, not after it
    settings = settings_from_args(args)
    loaded = load_goal_set(args.file, display_name=str(args.file))
    monitoring = evaluate(loaded.goal_set, loaded.file, args.year, settings.zielerreichung)
    if args.out:
        write_report(monitoring, args.out, charts=not args.ohne_diagramme)
        print(f"Strategiebericht geschrieben: {args.out}", file=sys.stderr)
    if fmt is None and args.out:
        return monitoring.result.exit_code
    fmt = fmt or "text"
    if fmt == "json":
        from assistant.cli.output import print_json

        print_json(monitoring.result)
    elif fmt == "markdown":
        sys.stdout.write(markdown.render(build_report(monitoring)))
    else:
        color = stdout_is_terminal()
        sys.stdout.write(text.render(monitoring, color=color, width=report_width(color)))
    return monitoring.result.exit_code
