"""Shared fixtures. Unit tests cannot reach the network: an autouse guard allows loopback only."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
KNOWLEDGE = ROOT / "knowledge"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(autouse=True)
def _no_network(monkeypatch, request):
    """Block connections to anything but loopback; tests must not make silent real calls."""
    original = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if (
            isinstance(host, str)
            and host not in {"127.0.0.1", "localhost", "::1", "0.0.0.0"}
            and "/" not in host
        ):
            raise RuntimeError(f"Netzwerkzugriff im Test blockiert: {address}")
        return original(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(autouse=True)
def _clean_assistant_env(monkeypatch):
    """Tests start from defaults, whatever the developer's shell exports."""
    for name in list(os.environ):
        if name.startswith("ASSISTANT_"):
            monkeypatch.delenv(name, raising=False)


@pytest.fixture
def settings(tmp_path):
    from assistant.settings import load_settings

    return load_settings(data_dir=tmp_path / "data")


@pytest.fixture
def fake_services(settings):
    """Services with the deterministic hash embedder and the in-memory vector index."""
    from assistant.index.embedders import HashEmbedder
    from assistant.index.vector_stores import InMemoryVectorIndex
    from assistant.wiring import build_services

    return build_services(settings, embedder=HashEmbedder(), vector_index=InMemoryVectorIndex())
