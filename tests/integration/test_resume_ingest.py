"""An ingest of many documents killed mid-way (SIGKILL, a real process) and started again embeds only what is
missing: no finished document a second time, the one in flight again, nothing half stored."""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.integration, pytest.mark.slow]

DOCUMENTS = 40
MARKER = re.compile(r"Kennwort\d+")


def _stored_markers(data_dir) -> set[str]:
    path = data_dir / "catalog.sqlite3"
    if not path.exists():
        return set()
    try:
        with sqlite3.connect(path, timeout=1) as connection:
            rows = connection.execute("SELECT text FROM chunks").fetchall()
    except sqlite3.Error:
        return set()
    return {m for (text,) in rows for m in MARKER.findall(text)}


def _embedded_markers(log) -> set[str]:
    if not log.exists():
        return set()
    return {m for line in log.read_text(encoding="utf-8").splitlines() for m in MARKER.findall(line)}


def _child(data_dir, source, log) -> list[str]:
    return [sys.executable, "-m", "tests.integration.ingest_child", str(data_dir), str(source), str(log)]


def test_killed_ingest_resumes_with_the_missing_documents_only(tmp_path):
    source = tmp_path / "ratsarchiv"
    source.mkdir()
    for number in range(DOCUMENTS):
        (source / f"vorlage-{number:03d}.md").write_text(
            f"# Vorlage {number}\n\nKennwort{number}: Der Rat beschließt die Maßnahme {number}.\n\n"
            f"## Begründung\n\nKennwort{number} betrifft den Haushalt {2000 + number}.\n",
            encoding="utf-8",
        )
    data_dir, first_log, second_log = tmp_path / "data", tmp_path / "lauf1.jsonl", tmp_path / "lauf2.jsonl"
    process = subprocess.Popen(_child(data_dir, source, first_log), cwd=ROOT, stdout=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and len(_stored_markers(data_dir)) < 8 and process.poll() is None:
        time.sleep(0.02)
    assert process.poll() is None, "the ingest finished before it could be interrupted"
    process.send_signal(signal.SIGKILL)
    process.wait()

    finished = _stored_markers(data_dir)
    assert 8 <= len(finished) < DOCUMENTS
    every = {f"Kennwort{n}" for n in range(DOCUMENTS)}

    result = subprocess.run(_child(data_dir, source, second_log), cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["unchanged"], report["added"], report["failed"]) == (len(finished), DOCUMENTS - len(finished), [])
    assert _embedded_markers(second_log) == every - finished  # no finished document embedded again
    assert _stored_markers(data_dir) == every

    from assistant.index.catalog import Catalog
    from assistant.index.vector_stores import ChromaVectorIndex
    from assistant.settings import ChromaSettings

    catalog = Catalog(data_dir / "catalog.sqlite3")
    vectors = ChromaVectorIndex.open(ChromaSettings(), data_dir)
    assert catalog.chunk_ids() == vectors.all_ids()  # the document in flight at the kill: redone, not half
