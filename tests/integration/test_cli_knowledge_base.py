"""The knowledge-base commands end to end: real model, real embedded Chroma, JSON contracts."""

from __future__ import annotations

import pytest

from tests.integration.conftest import cli_json, run_cli

pytestmark = pytest.mark.integration


def test_ingest_documents_search_remove(tmp_path, sample_docs):
    data = ["--data-dir", str(tmp_path / "data")]
    report = cli_json("ingest", str(sample_docs), *data)
    assert set(report) >= {"added", "updated", "unchanged", "failed", "chunks"}
    assert report["added"] == len(list(sample_docs.iterdir())) and report["failed"] == []
    assert report["chunks"] > 10

    again = cli_json("ingest", str(sample_docs), *data)
    assert again["unchanged"] == report["added"] and again["added"] == 0

    documents = cli_json("documents", *data)
    assert {"doc_id", "title", "path", "pages", "chunks", "ingested_at"} <= set(documents[0])
    assert any(d["pages"] for d in documents)  # the PDF has pages
    assert sum(d["chunks"] for d in documents) == report["chunks"]

    result = cli_json("search", "Wie viele Einwohner hat Musterstadt?", "-k", "3", *data)
    assert result["query"].startswith("Wie viele")
    assert len(result["hits"]) == 3
    hit = result["hits"][0]
    assert {"rank", "doc_id", "title", "page", "score", "text"} <= set(hit)
    assert hit["rank"] == 1 and hit["text"]

    for retriever in ("keyword", "dense"):
        assert cli_json("search", "Musterstadt Bevölkerung", "--retriever", retriever, *data)["hits"]

    removed = cli_json("remove", documents[0]["doc_id"], *data)
    assert removed["removed"] == documents[0]["chunks"]
    assert len(cli_json("documents", *data)) == len(documents) - 1
    by_path = cli_json("remove", documents[1]["path"], *data)
    assert by_path["removed"] == documents[1]["chunks"]


def test_bad_input_exit_codes_and_german_messages(tmp_path):
    data = ["--data-dir", str(tmp_path / "data")]
    broken = tmp_path / "kaputt.pdf"
    broken.write_bytes(b"%PDF-1.4 kaputt")
    good = tmp_path / "gut.md"
    good.write_text("# Notiz\n\nDie Kita-Quote liegt bei 38 Prozent.\n", encoding="utf-8")
    result = run_cli("ingest", str(broken), str(good), "--json", *data)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    import json

    report = json.loads(result.stdout)
    assert report["added"] == 1
    assert report["failed"][0]["path"].endswith("kaputt.pdf")
    assert "PDF" in report["failed"][0]["error"]

    missing = run_cli("remove", "gibt-es-nicht", *data)
    assert missing.returncode == 2 and "Dokument-ID" in missing.stderr and "Traceback" not in missing.stderr

    wrong = run_cli("search", *data)
    assert wrong.returncode == 2 and "Fehler" in wrong.stderr

    empty = run_cli("search", "   ", *data)
    assert empty.returncode == 2 and "leer" in empty.stderr
