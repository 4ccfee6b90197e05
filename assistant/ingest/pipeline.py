"""Incremental, crash-safe ingest: files → loaders → chunks → embeddings → vectors + catalog.

Order of writes per document: vectors first (new chunk ids, old version untouched), then one catalog
transaction that swaps the versions, then deletion of the old version's vectors. A crash at any point
leaves the old or the new version fully visible; orphaned vectors are ignored by search and cleaned up
by the next run.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from assistant.archives import unpacked_size_problem
from assistant.errors import IngestError
from assistant.index.base import Embedder, VectorIndex
from assistant.index.catalog import Catalog
from assistant.index.unit_store import unit_rows
from assistant.index.writer_lock import WriterLock
from assistant.ingest.chunking import chunk_document, content_hash, indexed_text
from assistant.ingest.loaders import load_document, loader_for
from assistant.ingest.loaders.pdf_loader import OcrOptions, PageProgress
from assistant.ingest.manifest import MANIFEST_NAMES, ManifestEntry, read_manifest
from assistant.models import DocumentOverride, DocumentRecord, FailedFile, IngestReport, LoadedDocument, SkippedFile
from assistant.settings import Settings
from assistant.text.german import base_terms

ProgressCallback = Callable[[int, int, str], None]
_ZIP_FORMATS = frozenset({".docx"})


def shown_path(path: Path) -> str:
    """The path as text that can always be printed and stored: bytes of a name that is not UTF-8
    (a Latin-1 „café.md“) become „�“ instead of failing the whole run with a UnicodeEncodeError."""
    return os.fsencode(path).decode("utf-8", "replace")


def make_doc_id(path: Path) -> str:
    """Readable and stable per file location: „haushaltsplan-2026-3f9a1c“."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower().translate(str.maketrans("äöüß", "aous"))).strip("-")
    digest = hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:6]
    return f"{slug[:40] or 'dokument'}-{digest}"


@dataclass
class _Candidate:
    path: Path
    manifest: ManifestEntry | None


class Ingestor:
    def __init__(
        self,
        catalog: Catalog,
        vector_index: VectorIndex,
        embedder: Embedder,
        settings: Settings,
        lock: WriterLock | None = None,
    ) -> None:
        self._catalog = catalog
        self._vectors = vector_index
        self._embedder = embedder
        self._settings = settings
        self._lock = lock or WriterLock(Path(settings.data_dir), settings.ingest.lock_timeout_s)

    # -- public ------------------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[Path],
        *,
        progress: bool | None = None,
        on_progress: ProgressCallback | None = None,
        prune_missing: bool = True,
        force: bool = False,
    ) -> IngestReport:
        with self._lock.held():  # one writer per data folder (CLI, app uploads and re-index alike)
            return self._ingest(list(paths), progress, on_progress, prune_missing, force)

    def _ingest(
        self,
        paths: list[Path],
        progress: bool | None,
        on_progress: ProgressCallback | None,
        prune_missing: bool,
        force: bool,
    ) -> IngestReport:
        report = IngestReport()
        self.remove_orphan_vectors()
        candidates, folders = self._collect(paths, report)
        show_bar = sys.stderr.isatty() if progress is None else progress
        bar = None
        if show_bar:
            from tqdm import tqdm

            bar = tqdm(total=len(candidates), unit="Datei", desc="Einlesen", file=sys.stderr)
        for number, candidate in enumerate(candidates, start=1):
            shown = shown_path(candidate.path)
            name = Path(shown).name  # printed by the bar and the app: never a name that cannot be encoded
            if on_progress:
                on_progress(number - 1, len(candidates), name)
            pages = _PageProgress(name, show_bar, on_progress, number - 1, len(candidates))
            try:
                self._ingest_file(candidate, report, force=force, on_page=pages)
            except IngestError as exc:
                report.failed.append(FailedFile(path=shown, error=str(exc)))
            except MemoryError:
                report.failed.append(FailedFile(path=shown, error="Die Datei ist zu groß für den Arbeitsspeicher."))
            except Exception as exc:  # one bad file never stops the batch: reported for it, the run goes on
                report.failed.append(
                    FailedFile(path=shown, error=f"Die Datei konnte nicht eingelesen werden ({type(exc).__name__}).")
                )
            finally:
                pages.close()
            if bar is not None:
                bar.update(1)
        if bar is not None:
            bar.close()
        if on_progress:
            on_progress(len(candidates), len(candidates), "")
        if prune_missing:
            for folder in folders:
                report.removed += self._prune_folder(folder)
        return report

    def remove(self, doc_id: str) -> int:
        """Remove a document from catalog and vectors; returns the number of chunks removed."""
        with self._lock.held():
            removed = self._catalog.remove_document(doc_id)
            self._vectors.delete_document(doc_id)
        return removed

    def remove_orphan_vectors(self) -> int:
        """Delete vectors the catalog does not know (left by an interrupted ingest)."""
        orphans = sorted(self._vectors.all_ids() - self._catalog.chunk_ids())
        if orphans:
            self._vectors.delete_ids(orphans)
        return len(orphans)

    # -- steps -------------------------------------------------------------------------------
    def _collect(self, paths: list[Path], report: IngestReport) -> tuple[list[_Candidate], list[Path]]:
        candidates: list[_Candidate] = []
        folders: list[Path] = []
        for path in paths:
            if path.is_dir():
                folders.append(path.resolve())
                manifests: dict[Path, dict[Path, ManifestEntry]] = {}
                for file in sorted(p for p in path.rglob("*") if p.is_file()):
                    relative = file.relative_to(path)
                    if any(part.startswith(".") for part in relative.parts) or file.name in MANIFEST_NAMES:
                        continue
                    try:
                        loader_for(file)
                    except IngestError as exc:  # folders hold other files too (sources, images)
                        report.skipped.append(SkippedFile(path=shown_path(file), reason=str(exc)))
                        continue
                    folder = file.parent
                    if folder not in manifests:
                        manifests[folder] = self._manifest_for(folder)
                    candidates.append(_Candidate(file, manifests[folder].get(file.resolve())))
            elif path.is_file():
                candidates.append(_Candidate(path, self._manifest_for(path.parent).get(path.resolve())))
            else:
                report.failed.append(
                    FailedFile(path=shown_path(path), error="Die Datei oder der Ordner existiert nicht.")
                )
        return candidates, folders

    def _manifest_for(self, folder: Path) -> dict[Path, ManifestEntry]:
        # a manifest may sit in the folder or one level up (knowledge/manifest.yaml for knowledge/dokumente)
        entries: dict[Path, ManifestEntry] = {}
        for candidate in (folder.parent, folder):
            try:
                entries.update(read_manifest(candidate))
            except Exception:
                continue
        return entries

    def _ingest_file(
        self,
        candidate: _Candidate,
        report: IngestReport,
        *,
        force: bool = False,
        on_page: PageProgress | None = None,
    ) -> None:
        path = candidate.path
        loader_for(path)  # unsupported extension → IngestError
        if shown_path(path) != str(path):
            raise IngestError(
                "Der Dateiname ist nicht UTF-8-kodiert (z. B. aus einem alten Windows-Archiv); benennen Sie "
                "die Datei um, dann kann sie eingelesen werden."
            )
        limits = self._settings.ingest
        size_mb = path.stat().st_size / 1_000_000
        if size_mb > limits.max_file_mb:
            raise IngestError(
                f"Die Datei ist mit {size_mb:.1f} MB größer als die erlaubten "
                f"{limits.max_file_mb:g} MB (Einstellung ingest.max_file_mb)."
            )
        if path.stat().st_size == 0:
            raise IngestError("Die Datei ist leer.")
        if path.suffix.lower() in _ZIP_FORMATS:
            problem = unpacked_size_problem(path, limits.max_unpacked_mb, "ingest.max_unpacked_mb")
            if problem:
                raise IngestError(problem)
        data = path.read_bytes()
        manifest = _with_override(candidate.manifest, self._catalog.override(str(path.resolve())), path)
        digest = content_hash(data + _manifest_fingerprint(manifest))
        doc_id = make_doc_id(path)
        previous = self._catalog.document(doc_id)
        if previous is not None and previous.content_hash == digest and not force:
            report.unchanged += 1
            return
        settings = self._settings.ingest
        ocr = OcrOptions(enabled=settings.ocr, language=settings.ocr_language, dpi=settings.ocr_dpi)
        document = _apply_manifest(load_document(path, on_page=on_page, ocr=ocr), manifest)
        if len(document.blocks) > limits.max_blocks:
            raise IngestError(
                f"Die Datei hat {len(document.blocks)} Absätze; eingelesen werden höchstens {limits.max_blocks} "
                "je Dokument (Einstellung ingest.max_blocks). Teilen Sie das Dokument auf."
            )
        document = document.model_copy(update={"source_path": str(path.resolve())})
        report.chunks += self.store_document(doc_id, document, digest)
        if previous is None:
            report.added += 1
        else:
            report.updated += 1

    def store_document(self, doc_id: str, document: LoadedDocument, digest: str) -> int:
        """Chunk, embed and store one loaded document, replacing an older version atomically."""
        chunks = chunk_document(document, doc_id, digest, self._settings.chunking)
        if not chunks:
            raise IngestError("Die Datei enthält keinen lesbaren Text.")
        max_chunks = self._settings.ingest.max_chunks
        if len(chunks) > max_chunks:
            raise IngestError(
                f"Die Datei ergäbe {len(chunks)} Abschnitte; eingelesen werden höchstens {max_chunks} je Dokument "
                "(Einstellung ingest.max_chunks). Teilen Sie das Dokument auf."
            )
        texts = [indexed_text(c) for c in chunks]
        vectors = self._embedder.embed_documents(texts)
        old_ids = self._vectors.document_chunk_ids(doc_id) if self._catalog.document(doc_id) else []
        self._vectors.add(chunks, vectors)
        record = DocumentRecord(
            doc_id=doc_id,
            title=document.title,
            path=document.source_path,
            doc_type=document.doc_type,
            stand=document.stand,
            pages=document.pages,
            ocr_pages=len(document.ocr_pages),
            chunks=len(chunks),
            content_hash=digest,
            ingested_at=datetime.now().replace(microsecond=0),
        )
        units = unit_rows(chunks, self._embedder)
        self._catalog.replace_document(record, chunks, [base_terms(t) for t in texts], units)
        new_ids = {c.chunk_id for c in chunks}
        stale = [i for i in old_ids if i not in new_ids]
        if stale:
            self._vectors.delete_ids(stale)
        return len(chunks)

    def _prune_folder(self, folder: Path) -> int:
        """Documents once ingested from ``folder`` whose files are gone are removed."""
        removed = 0
        prefix = str(folder) + "/"
        for record in self._catalog.documents():
            if record.path.startswith(prefix) and not Path(record.path).exists():
                self.remove(record.doc_id)
                removed += 1
        return removed


PAGE_BAR_FROM = 20
"""Files with at least this many pages get a page bar of their own (with the time left): a 600-page budget
takes minutes, a 5-page letter a blink."""

PAGE_BAR_AFTER_S = 2.0
"""Shorter files get one too once they take this long (scanned pages: OCR takes seconds per page)."""


class _PageProgress:
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

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _manifest_fingerprint(entry: ManifestEntry | None) -> bytes:
    return entry.model_dump_json().encode("utf-8") if entry else b""


def _with_override(entry: ManifestEntry | None, override: DocumentOverride | None, path: Path) -> ManifestEntry | None:
    """The manifest entry with what staff set in the app on top (it changes the digest, so it re-indexes)."""
    if override is None:
        return entry
    entry = entry or ManifestEntry(datei=path.name)
    updates = {"titel": override.title or entry.titel, "stand": override.stand or entry.stand}
    return entry.model_copy(update=updates)


def _apply_manifest(document: LoadedDocument, entry: ManifestEntry | None) -> LoadedDocument:
    if entry is None:
        return document
    updates = {}
    if entry.titel:
        updates["title"] = entry.titel
    if entry.typ:
        updates["doc_type"] = entry.typ
    if entry.stand:
        updates["stand"] = entry.stand
    return document.model_copy(update=updates)
