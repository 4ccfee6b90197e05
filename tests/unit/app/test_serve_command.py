import io

from assistant.app.auth import verify_password
from assistant.cli.main import build_parser, main


def test_hash_password_reads_stdin_and_prints_a_usable_hash(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("Rathaus-2026\n"))
    assert main(["serve", "--hash-password"]) == 0
    printed = capsys.readouterr().out.strip()
    assert verify_password("Rathaus-2026", printed)


def test_serve_options():
    args = build_parser().parse_args(["serve", "--host", "0.0.0.0", "--port", "8080"])
    assert (args.host, args.port) == ("0.0.0.0", 8080)
