"""One writer per data folder, across real processes: a second ingest waits with a German message or gives
up with exit 2; two concurrent ingests next to a search loop leave catalog and vectors consistent."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time

import pytest

from tests.conftest import KNOWLEDGE, ROOT
from tests.integration.conftest import run_cli

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def _python(code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _hold_lock(data_dir, seconds: float) -> subprocess.Popen:
    holder = _python(
        """
        import sys, time
        from pathlib import Path
        from assistant.index.writer_lock import WriterLock
        with WriterLock(Path(sys.argv[1]), 0).held():
            print("gesperrt", flush=True)
            time.sleep(float(sys.argv[2]))
        """,
        str(data_dir),
        str(seconds),
    )
    assert holder.stdout.readline().strip() == "gesperrt"
    return holder


def _note(folder, name: str, text: str):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"# {name}\n\n{text}\n", encoding="utf-8")
    return folder


def test_a_second_writer_gives_up_or_waits_with_a_german_message(tmp_path):
    data_dir = tmp_path / "data"
    folder = _note(tmp_path / "a", "notiz.md", "Der Haushalt 2026 hat einen Fehlbetrag.")
    holder = _hold_lock(data_dir, 8)
    refused = run_cli("ingest", str(folder), "--data-dir", str(data_dir), env={"ASSISTANT_INGEST__LOCK_TIMEOUT_S": "0"})
    assert refused.returncode == 2, refused.stderr
    assert "Ein anderer Vorgang schreibt gerade in den Datenordner" in refused.stderr
    assert "Traceback" not in refused.stderr
    waited = run_cli("ingest", str(folder), "--data-dir", str(data_dir), "--json")
    assert waited.returncode == 0, waited.stderr
    assert "warte bis zu 600 s" in waited.stderr
    holder.wait(timeout=30)
    removed = run_cli("remove", "notiz.md", "--data-dir", str(data_dir))  # a path that is no document: exit 2
    assert removed.returncode == 2 and "Dokument-ID" in removed.stderr


def test_two_ingests_and_a_search_loop_at_once_stay_consistent(tmp_path):
    data_dir = tmp_path / "data"
    first, second = tmp_path / "erster", tmp_path / "zweiter"
    for folder, names in (
        (first, ["klimaschutz-und-mobilitaetskonzept-kurzfassung.md", "fachstrategie-bildung-familien-jugend.docx"]),
        (second, ["beschlussvorlage-2026-047-gesamtstrategie.md", "bericht-buergerbeteiligung-gesamtstrategie.html"]),
    ):
        folder.mkdir()
        for name in names:
            shutil.copy(KNOWLEDGE / "dokumente" / name, folder / name)
    seed = _note(tmp_path / "start", "start.md", "Musterstadt beginnt die Gesamtstrategie.")
    assert run_cli("ingest", str(seed), "--data-dir", str(data_dir)).returncode == 0
    stop = tmp_path / "stop"
    searcher = _python(
        """
        import sys
        from pathlib import Path
        from assistant.settings import load_settings
        from assistant.wiring import build_services
        services = build_services(load_settings(data_dir=Path(sys.argv[1])))
        searches = 0
        while not Path(sys.argv[2]).exists() or searches < 3:
            services.retriever.search("Gesamtstrategie Musterstadt", 5)
            searches += 1
        print(searches)
        """,
        str(data_dir),
        str(stop),
    )
    ingests = [
        subprocess.Popen(
            [sys.executable, "-m", "assistant.cli.main", "ingest", str(f), "--data-dir", str(data_dir), "--json"],
            cwd=ROOT,
            env=ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in (first, second)
    ]
    results = [process.communicate(timeout=600) for process in ingests]
    stop.touch()
    searches, search_errors = searcher.communicate(timeout=120)
    for process, (_, err) in zip(ingests, results, strict=True):
        assert process.returncode == 0, err
    assert any("warte bis zu" in err for _, err in results)  # the second one waited for the first
    assert searcher.returncode == 0, search_errors
    assert int(searches) >= 3

    from assistant.settings import load_settings
    from assistant.wiring import build_services

    started = time.time()
    services = build_services(load_settings(data_dir=data_dir))
    assert len(services.catalog.documents()) == 5
    assert services.catalog.chunk_ids() == services.vector_index.all_ids()
    assert time.time() - started < 120
