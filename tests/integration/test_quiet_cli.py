"""A quiet command line, as users run it (real processes, the real model): nothing on stderr for
``--json`` and for commands without long work, and a reader that closes the pipe ends it quietly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import KNOWLEDGE, ROOT
from tests.integration.conftest import run_cli

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("leise")
    folder = root / "dokumente"
    folder.mkdir()
    shutil.copy(KNOWLEDGE / "dokumente" / "klimaschutz-und-mobilitaetskonzept-kurzfassung.md", folder)
    result = run_cli("ingest", str(folder), "--data-dir", str(root / "data"), "--json")
    assert result.returncode == 0, result.stderr
    return root / "data"


@pytest.mark.parametrize(
    "command",
    [
        ["search", "Radverkehr", "--json"],
        ["documents", "--json"],
        ["documents"],
        ["check", str(KNOWLEDGE / "zielsysteme" / "beispiel-zielsystem.yaml"), "--format", "json"],
    ],
    ids=lambda command: " ".join(command[:2]),
)
def test_nothing_on_stderr(data_dir, command):
    result = run_cli(*command, "--data-dir", str(data_dir))
    assert result.returncode == 0
    assert result.stderr == ""  # no „Loading weights 0/103 …“, no bar


def test_remove_says_nothing_on_stderr(data_dir, tmp_path):
    note = tmp_path / "notiz.md"
    note.write_text("# Notiz\n\nEine kurze Notiz.\n", encoding="utf-8")
    assert run_cli("ingest", str(note), "--data-dir", str(data_dir), "--no-progress").returncode == 0
    result = run_cli("remove", str(note), "--data-dir", str(data_dir), "--json")
    assert result.returncode == 0 and result.stderr == ""


def test_a_closed_pipe_ends_quietly(data_dir):
    command = f"{sys.executable} -m assistant.cli.main search Radverkehr -k 20 --json --data-dir {data_dir}"
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", f"{command} | head -c 20 >/dev/null"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        timeout=300,
    )
    assert result.returncode in (0, 141)
    assert result.stderr == ""
