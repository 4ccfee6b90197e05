"""What a long ingest shows: a bar per document with the time left (terminal only), page bars, app callbacks.

The document bar counts only documents that are embedded: unchanged ones (a resumed run skips thousands)
leave its total, so the rate and the estimate of the time left are those of real work.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

ProgressCallback = Callable[[int, int, str], None]  # (files done, files, what is being read)


class DocumentBar:
    """One tick per document; nothing at all when ``show`` is false (not a terminal, ``--no-progress``)."""

    def __init__(self, total: int, show: bool) -> None:
        self._bar = None
        self._unchanged = self._failed = self._chunks = 0
        if show and total:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="Dok.", desc="Einlesen", file=sys.stderr, smoothing=0.1)

    def unchanged(self) -> None:
        self._unchanged += 1
        if self._bar is not None:
            self._bar.total -= 1  # not work: keeps the rate and the time left honest
            self._postfix()

    def stored(self, chunks: int) -> None:
        self._chunks += chunks
        self._tick()

    def failed(self) -> None:
        self._failed += 1
        self._tick()

    def _tick(self) -> None:
        if self._bar is not None:
            self._bar.update(1)
            self._postfix()

    def _postfix(self) -> None:
        parts = [f"{self._chunks} Abschn."]
        if self._unchanged:
            parts.append(f"{self._unchanged} unverändert")
        if self._failed:
            parts.append(f"{self._failed} fehlgeschlagen")
        self._bar.set_postfix_str(", ".join(parts), refresh=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


PAGE_BAR_FROM = 20
"""Files with at least this many pages get a page bar of their own (with the time left): a 600-page budget
takes minutes, a 5-page letter a blink."""

PAGE_BAR_AFTER_S = 2.0
"""Shorter files get one too once they take this long (scanned pages: OCR takes seconds per page)."""


class PageProgress:
    """Per-page progress of one file: a nested tqdm bar on a terminal, page counts for the app."""

    def __init__(self, name: str, show_bar: bool, on_progress: ProgressCallback | None, done: int, total: int) -> None:
        self._name, self._show_bar, self._on_progress = name, show_bar, on_progress
        self._done, self._total = done, total
        self._bar = None
        self._started = time.monotonic()

    def __call__(self, page: int, pages: int) -> None:
        worth_showing = pages >= PAGE_BAR_FROM or time.monotonic() - self._started >= PAGE_BAR_AFTER_S
        if self._show_bar and self._bar is None and worth_showing:
            from tqdm import tqdm

            self._bar = tqdm(total=pages, unit="Seite", desc=self._name[:30], leave=False, file=sys.stderr)
        if self._bar is not None:
            self._bar.update(page - self._bar.n)
        if self._on_progress and worth_showing:
            self._on_progress(self._done, self._total, f"{self._name} (Seite {page} von {pages})")

    def restart(self) -> None:
        self._started = time.monotonic()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
