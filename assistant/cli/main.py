"""Entry point of the ``assistant`` command. Each command lives in its own module with
``register(subparsers)``; heavy imports happen inside the command functions."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from assistant.errors import UserError

# module names under assistant.cli; each registers one or more sub-commands
COMMAND_MODULES = ["kb_commands", "eval_commands"]
OPTIONAL_COMMAND_MODULES = ["check_command", "monitor_command", "ask_commands", "serve_command"]
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE


class GermanArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # exit code 2 with a German hint, as the contract says
        self.print_usage(sys.stderr)
        print(f"Fehler: {message}. Hilfe mit „assistant --help“.", file=sys.stderr)
        raise SystemExit(2)


def add_common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, default=None, help="Datenordner (ASSISTANT_DATA_DIR)")
    parser.add_argument("--config", type=Path, default=None, help="Einstellungsdatei (TOML)")
    parser.add_argument("--debug", action="store_true", help="bei Fehlern den Traceback zeigen")


def build_parser() -> argparse.ArgumentParser:
    parser = GermanArgumentParser(
        prog="assistant",
        description="Assistent für die Kommunale Gesamtstrategie: Wissensbasis, Fragen, Entwürfe, Prüfung.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="BEFEHL", parser_class=GermanArgumentParser)
    subparsers.required = True
    for name in COMMAND_MODULES + OPTIONAL_COMMAND_MODULES:
        try:
            module = importlib.import_module(f"assistant.cli.{name}")
        except ModuleNotFoundError as exc:
            if name in OPTIONAL_COMMAND_MODULES and exc.name == f"assistant.cli.{name}":
                continue
            raise
        module.register(subparsers, add_common_options)
    return parser


def main(argv: list[str] | None = None, services=None) -> int:
    """``services``: prebuilt services (tests, embedding hosts); by default each command builds its own."""
    parser = build_parser()
    args = parser.parse_args(argv)
    args.services = services
    try:
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # inside the try: a reader that has gone (``| head``) is noticed here
        return code
    except BrokenPipeError:
        return _reader_gone()
    except UserError as exc:
        if getattr(args, "debug", False):
            raise
        print(f"Fehler: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Abgebrochen.", file=sys.stderr)
        return 130
    except Exception as exc:  # never a traceback for users unless --debug
        if getattr(args, "debug", False):
            raise
        print(
            f"Unerwarteter Fehler ({type(exc).__name__}: {exc}). Mit --debug sehen Sie die Details.",
            file=sys.stderr,
        )
        return 1


def _reader_gone() -> int:
    """The reader of our output has closed the pipe (``assistant search … | head``): stop quietly, as
    command-line tools do, with the shell's code for SIGPIPE."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the flush at exit must not fail a second time
    except (OSError, ValueError):
        pass
    return EXIT_BROKEN_PIPE


if __name__ == "__main__":
    sys.exit(main())
