"""``assistant serve``: start the Gradio app; ``--hash-password`` prints a hash for the login settings."""

from __future__ import annotations

import argparse
import getpass
import sys

from assistant.cli.common import services_from_args
from assistant.errors import UserError


def register(subparsers, add_common_options) -> None:
    serve = subparsers.add_parser("serve", help="die Web-Oberfläche (Gradio) starten")
    serve.add_argument("--host", default=None, help="Adresse (Standard 127.0.0.1, Einstellung app.host)")
    serve.add_argument("--port", type=int, default=None, help="Port (Standard 7860, Einstellung app.port)")
    serve.add_argument(
        "--hash-password",
        action="store_true",
        help="ein Passwort abfragen und den Hash für app.users ausgeben (startet die App nicht)",
    )
    add_common_options(serve)
    serve.set_defaults(func=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    if args.hash_password:
        return _print_hash()
    services = services_from_args(args)
    from assistant.app import launch

    host = args.host or services.settings.app.host
    port = args.port or services.settings.app.port
    print(f"Die App startet unter http://{host}:{port} (Beenden mit Strg+C).", file=sys.stderr)
    try:
        launch(services, host=host, port=port)
    except OSError as exc:
        raise UserError(
            f"Die App kann nicht unter {host}:{port} starten ({exc.strerror or exc}); ist der Port belegt? "
            "Wählen Sie einen anderen mit --port."
        ) from exc
    return 0


def _print_hash() -> int:
    from assistant.app.auth import hash_password

    if sys.stdin.isatty():
        password = getpass.getpass("Passwort: ")
        if getpass.getpass("Passwort wiederholen: ") != password:
            raise UserError("Die beiden Eingaben stimmen nicht überein; bitte erneut versuchen.")
    else:
        password = sys.stdin.readline().rstrip("\n")
    print(hash_password(password))
    return 0
