"""Killing the process mid-ingest leaves a store that opens, answers, and finishes on the next run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.conftest import KNOWLEDGE, ROOT
from tests.integration.conftest import cli_json

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _documents_in_catalog(data_dir) -> int:
    path = data_dir / "catalog.sqlite3"
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(path, timeout=1) as connection:
            return connection.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_sigkill_during_ingest_then_resume(tmp_path):
    source = KNOWLEDGE / "dokumente"
    data_dir = tmp_path / "data"
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli.main", "ingest", str(source), "--data-dir", str(data_dir)],
        cwd=ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 300
    while time.time() < deadline and _documents_in_catalog(data_dir) < 2 and process.poll() is None:
        time.sleep(0.05)
    assert process.poll() is None, "ingest finished before it could be interrupted"
    process.send_signal(signal.SIGKILL)
    process.wait()

    data = ["--data-dir", str(data_dir)]
    partial = cli_json("documents", *data)
    total = len([p for p in source.iterdir() if p.suffix in {".pdf", ".docx", ".md", ".html"}])
    assert 0 < len(partial) < total
    assert cli_json("search", "Musterstadt", *data)["hits"]  # the store opens and answers

    resumed = cli_json("ingest", str(source), *data)
    assert resumed["unchanged"] == len(partial)
    assert resumed["added"] == total - len(partial)
    documents = cli_json("documents", *data)
    assert len(documents) == total

    # no half-written document: every catalog chunk has a vector and vice versa
    from assistant.index.catalog import Catalog
    from assistant.index.vector_stores import ChromaVectorIndex
    from assistant.settings import ChromaSettings

    catalog = Catalog(data_dir / "catalog.sqlite3")
    vectors = ChromaVectorIndex.open(ChromaSettings(), data_dir)
    assert catalog.chunk_ids() == vectors.all_ids()
    assert sum(d["chunks"] for d in documents) == len(catalog.chunk_ids())
