"""The same index contract and the CLI against a real ``chroma run`` server."""

from __future__ import annotations

import pytest

from assistant.index.vector_stores import ChromaVectorIndex
from assistant.settings import ChromaSettings
from tests.index_contract import check_contract
from tests.integration.conftest import cli_json

pytestmark = pytest.mark.integration


def test_server_index_contract(chroma_server, tmp_path):
    host, port = chroma_server
    check_contract(ChromaVectorIndex.open(ChromaSettings(host=host, port=port, collection="contract"), tmp_path))


def test_cli_uses_server_from_environment(chroma_server, tmp_path, sample_docs):
    host, port = chroma_server
    env = {
        "ASSISTANT_CHROMA__HOST": host,
        "ASSISTANT_CHROMA__PORT": str(port),
        "ASSISTANT_DATA_DIR": str(tmp_path),
    }
    report = cli_json("ingest", str(sample_docs), env=env)
    assert report["chunks"] > 0
    assert not (tmp_path / "chroma").exists()  # vectors went to the server, not the embedded store
    server_index = ChromaVectorIndex.open(ChromaSettings(host=host, port=port), tmp_path)
    assert server_index.count() == report["chunks"]
    hits = cli_json("search", "Musterstadt Bevölkerung", env=env)["hits"]
    assert hits


def test_unreachable_server_gives_german_error(tmp_path):
    from tests.integration.conftest import free_port, run_cli

    env = {"ASSISTANT_CHROMA__HOST": "127.0.0.1", "ASSISTANT_CHROMA__PORT": str(free_port())}
    result = run_cli("search", "Haushalt", "--data-dir", str(tmp_path), env=env)
    assert result.returncode == 2
    assert "nicht erreichbar" in result.stderr and "Traceback" not in result.stderr
