"""A real ``assistant`` ingest process for the resume test: embedded Chroma, the hash embedder (slowed down so
that it can be killed mid-way) that logs every text it embeds, one JSON list per call.

Run: ``python -m tests.integration.ingest_child DATA_DIR SOURCE LOG``; prints the ingest report as JSON.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from assistant.index.embedders import HashEmbedder
from assistant.settings import load_settings
from assistant.wiring import build_services

SECONDS_PER_CALL = 0.15


class LoggingEmbedder(HashEmbedder):
    def __init__(self, log: Path) -> None:
        super().__init__()
        self._log = log

    def embed_documents(self, texts, *, progress=False):
        time.sleep(SECONDS_PER_CALL)
        with self._log.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(list(texts), ensure_ascii=False) + "\n")
        return super().embed_documents(texts, progress=progress)


def main(data_dir: str, source: str, log: str) -> int:
    services = build_services(load_settings(data_dir=Path(data_dir)), embedder=LoggingEmbedder(Path(log)))
    report = services.ingestor.ingest([Path(source)], progress=False)
    print(report.model_dump_json())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:4]))
