"""Integration fixtures: real model, real Chroma (embedded and server), real subprocesses."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float) -> bool:
    """True once something listens on the loopback port; False if the process died or time ran out."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            time.sleep(0.5)
    return False


def run_cli(*args: str, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run the installed ``assistant`` entry point as users do."""
    full_env = {**os.environ, "HF_HUB_OFFLINE": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli.main", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=ROOT,
        timeout=timeout,
    )


def cli_json(*args: str, env: dict | None = None, expect: int = 0):
    result = run_cli(*args, "--json", env=env)
    assert result.returncode == expect, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="session")
def sample_docs(tmp_path_factory) -> Path:
    """A copy of three sample documents (PDF, Markdown, HTML or DOCX), small enough for fast tests."""
    source = ROOT / "knowledge" / "dokumente"
    target = tmp_path_factory.mktemp("dokumente")
    picked = []
    for suffix in (".pdf", ".md", ".html", ".docx"):
        files = sorted(source.glob(f"*{suffix}"))
        if files:
            picked.append(files[0])
    assert picked, "knowledge/dokumente is empty"
    for path in picked:
        shutil.copy(path, target / path.name)
    (target / "notiz-haushalt.md").write_text(
        "# Notiz zum Haushalt\n\nStand: 02.03.2026\n\n## Ergebnis\n\n"
        "Der Haushalt 2026 weist einen Fehlbetrag von 4,2 Mio. Euro aus.\n",
        encoding="utf-8",
    )
    return target


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory):
    """A real ``chroma run`` server on loopback."""
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    executable = Path(sys.executable).with_name("chroma")
    process = subprocess.Popen(
        [str(executable), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    if not wait_for_port(port, process, 60):
        process.kill()
        pytest.fail("chroma server did not start")
    yield ("127.0.0.1", port)
    process.terminate()
    process.wait(timeout=20)


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    """The README's run command: index the sample documents, then serve the app – started from a folder
    other than the repository, as a service is (examples and templates must come from the package).

    ``BROWSER_TEST_URL=http://127.0.0.1:7860`` runs the tests against an app that is already running."""
    if os.environ.get("BROWSER_TEST_URL"):
        yield os.environ["BROWSER_TEST_URL"]
        return
    from tests.conftest import KNOWLEDGE

    data = tmp_path_factory.mktemp("browser") / "data"
    ingest = run_cli("ingest", str(KNOWLEDGE / "dokumente"), "--data-dir", str(data), "--no-progress")
    assert ingest.returncode == 0, ingest.stderr
    elsewhere = tmp_path_factory.mktemp("anderswo")
    port = free_port()
    log = data.parent / "serve.log"
    with log.open("w") as handle:
        server = subprocess.Popen(
            [sys.executable, "-m", "assistant.cli.main", "serve", "--port", str(port), "--data-dir", str(data)],
            stdout=handle,
            stderr=subprocess.STDOUT,
            cwd=elsewhere,
            env={**os.environ, "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"},
        )
    if not wait_for_port(port, server, 180):
        server.kill()
        pytest.fail(f"assistant serve hat nicht gestartet:\n{log.read_text()}")
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=30)
    text = log.read_text()
    assert "Traceback" not in text and "InvalidPathError" not in text, text


@pytest.fixture(scope="module")  # per module: other tests start their own Playwright (one at a time)
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Chromium fehlt: „make browser“ installiert es (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        yield chromium
        chromium.close()
