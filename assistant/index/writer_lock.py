"""One writer per data folder: an inter-process lock around ingest, remove and re-index.

Readers (search, ask) need no lock: the catalog makes a new version visible in one transaction. Two
writers at once are the risk: an ingest starts by deleting vectors the catalog does not know, which can
be the vectors another process has written but not yet committed. The CLI and the app's uploads take
the same lock file, so whoever comes second waits (and says so) or gives up with a German message.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from assistant.errors import UserError

LOCK_NAME = "schreibsperre.lock"


class WriterLock:
    def __init__(self, data_dir: Path, timeout_s: float, on_wait: Callable[[str], None] | None = None) -> None:
        self.path = Path(data_dir) / LOCK_NAME
        self.timeout_s = timeout_s
        self._on_wait = on_wait or _tell_stderr
        self._lock: FileLock | None = None  # built on first use: no folder is created before a write

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold the lock for the block; re-entrant in the same thread (a remove inside an ingest)."""
        if self._lock is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock = FileLock(str(self.path), thread_local=True)  # app threads exclude each other too
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            self._wait()
        try:
            yield
        finally:
            self._lock.release()

    def _wait(self) -> None:
        assert self._lock is not None
        refusal = UserError(
            f"Ein anderer Vorgang schreibt gerade in den Datenordner {self.path.parent} (Einlesen oder Entfernen); "
            f"versuchen Sie es gleich noch einmal (gewartet wird bis zu {self.timeout_s:g} s, Einstellung "
            "ingest.lock_timeout_s)."
        )
        if self.timeout_s <= 0:
            raise refusal
        self._on_wait(
            f"Ein anderer Vorgang schreibt gerade in den Datenordner {self.path.parent}; "
            f"warte bis zu {self.timeout_s:g} s, bis er fertig ist …"
        )
        try:
            self._lock.acquire(timeout=self.timeout_s)
        except Timeout:
            raise refusal from None


def _tell_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
