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
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from assistant.archives import unpacked_size_problem
from assistant.errors import IngestError
from assistant.index.base import Embedder, VectorIndex
from assistant.index.catalog import Catalog
from assistant.index.identity import legacy_identity, vectors_identity
from assistant.index.tuning import PREFETCH_DOCUMENTS
from assistant.index.unit_store import UnitPieces, UnitStore, rows_from_pieces, unit_contexts, unit_pieces
from assistant.index.writer_lock import WriterLock
from assistant.ingest.chunking import chunk_document, content_hash, indexed_text
from assistant.ingest.loaders import load_document, loader_for
from assistant.ingest.loaders.pdf_loader import OcrOptions
from assistant.ingest.manifest import MANIFEST_NAMES, ManifestEntry, read_manifest
from assistant.ingest.progress import PAGE_BAR_FROM, DocumentBar, PageProgress, ProgressCallback
from assistant.models import (
    Chunk,
    DocumentOverride,
    DocumentRecord,
    FailedFile,
    IngestReport,
    LoadedDocument,
    SkippedFile,
)
from assistant.settings import Settings
from assistant.text.german import base_terms

_ZIP_FORMATS = frozenset({".docx"})
__all__ = ["PAGE_BAR_FROM", "Ingestor", "ProgressCallback", "make_doc_id", "shown_path"]


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


@dataclass
class _Plan:
    """A file to (re-)index: what :meth:`Ingestor._plan` decided on the main thread."""

    path: Path
    manifest: ManifestEntry | None
    digest: str
    doc_id: str
    is_new: bool


@dataclass
class _Prepared:
    """One document ready to embed: chunks, their keyword terms and answer units."""

    document: LoadedDocument
    digest: str
    chunks: list[Chunk]
    texts: list[str]
    terms: list[list[str]]
    units: UnitPieces


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
        self.remove_orphan_vectors()  # vectors of a document an interrupted run did not commit: it is redone
        candidates, folders = self._collect(paths, report)
        show_bar = sys.stderr.isatty() if progress is None else progress
        bar = DocumentBar(len(candidates), show_bar)
        stored_any = False
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="einlesen")
        try:
            for number, candidate, outcome in self._prepared(candidates, force, pool, show_bar, on_progress):
                shown = shown_path(candidate.path)
                name = Path(shown).name  # printed by the bar and the app: never a name that cannot be encoded
                if on_progress:
                    on_progress(number - 1, len(candidates), name)
                stored_any |= self._settle(outcome, shown, report, bar)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            bar.close()
        if on_progress:
            on_progress(len(candidates), len(candidates), "")
        if prune_missing:
            for folder in folders:
                report.removed += self._prune_folder(folder)
        if stored_any:
            UnitStore(self._catalog, self._embedder).adopt_after_ingest(self._settings.embedding.model)
        return report

    def _settle(self, outcome: object, shown: str, report: IngestReport, bar: DocumentBar) -> bool:
        """Store one prepared file (or count it unchanged, or report its error); True if it was stored."""
        try:
            if isinstance(outcome, BaseException):
                raise outcome
            if outcome is None:
                report.unchanged += 1
                bar.unchanged()
                return False
            plan, job = outcome
            chunks = self._store(plan.doc_id, job.result())
        except IngestError as exc:
            report.failed.append(FailedFile(path=shown, error=str(exc)))
        except MemoryError:
            report.failed.append(FailedFile(path=shown, error="Die Datei ist zu groß für den Arbeitsspeicher."))
        except Exception as exc:  # one bad file never stops the batch: reported for it, the run goes on
            error = f"Die Datei konnte nicht eingelesen werden ({type(exc).__name__})."
            report.failed.append(FailedFile(path=shown, error=error))
        else:
            report.chunks += chunks
            if plan.is_new:
                report.added += 1
            else:
                report.updated += 1
            bar.stored(chunks)
            return True
        bar.failed()
        return False

    def _prepared(
        self,
        candidates: list[_Candidate],
        force: bool,
        pool: ThreadPoolExecutor,
        show_bar: bool,
        on_progress: ProgressCallback | None,
    ) -> Iterator[tuple[int, _Candidate, object]]:
        """Candidates in order with their outcome: ``None`` (unchanged), an exception, or the plan and the
        future of its parsing. Up to ``PREFETCH_DOCUMENTS`` files are parsed ahead on ``pool`` while the
        caller embeds the current one (torch and ONNX Runtime release the GIL)."""
        identity = vectors_identity(self._embedder)
        legacy = legacy_identity(self._settings.embedding.model)
        window: deque[tuple[int, _Candidate, object]] = deque()
        upcoming = iter(enumerate(candidates, start=1))
        while True:
            while len(window) < PREFETCH_DOCUMENTS + 1:  # the current file and those parsed ahead
                item = next(upcoming, None)
                if item is None:
                    break
                number, candidate = item
                try:
                    plan = self._plan(candidate, force=force, identity=identity, legacy=legacy)
                except Exception as exc:
                    window.append((number, candidate, exc))
                    continue
                if plan is None:
                    window.append((number, candidate, None))
                    continue
                name = Path(shown_path(candidate.path)).name
                pages = PageProgress(name, show_bar, on_progress, number - 1, len(candidates))
                window.append((number, candidate, (plan, pool.submit(self._parse, plan, pages))))
            if not window:
                return
            yield window.popleft()

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

    def _plan(self, candidate: _Candidate, *, force: bool, identity: str, legacy: str) -> _Plan | None:
        """Checks, content hash and what is stored (main thread); ``None`` when the stored version is current:
        same content and embedded by the same model and backend."""
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
        manifest = _with_override(candidate.manifest, self._catalog.override(str(path.resolve())), path)
        digest = content_hash(path.read_bytes() + _manifest_fingerprint(manifest))
        doc_id = make_doc_id(path)
        previous = self._catalog.document(doc_id)
        if (
            previous is not None
            and previous.content_hash == digest
            and (previous.embedding or legacy) == identity
            and not force
        ):
            return None
        return _Plan(path=path, manifest=manifest, digest=digest, doc_id=doc_id, is_new=previous is None)

    def _parse(self, plan: _Plan, on_page: PageProgress) -> _Prepared:
        """Load, chunk and analyse one file: text work only, on the parsing thread (no catalog, no model)."""
        on_page.restart()  # its clock runs from when parsing starts, not from when the file was queued
        try:
            settings = self._settings.ingest
            ocr = OcrOptions(enabled=settings.ocr, language=settings.ocr_language, dpi=settings.ocr_dpi)
            document = _apply_manifest(load_document(plan.path, on_page=on_page, ocr=ocr), plan.manifest)
            if len(document.blocks) > settings.max_blocks:
                raise IngestError(
                    f"Die Datei hat {len(document.blocks)} Absätze; eingelesen werden höchstens "
                    f"{settings.max_blocks} je Dokument (Einstellung ingest.max_blocks). Teilen Sie das Dokument auf."
                )
            document = document.model_copy(update={"source_path": str(plan.path.resolve())})
            return self._prepare(plan.doc_id, document, plan.digest)
        finally:
            on_page.close()

    def _prepare(self, doc_id: str, document: LoadedDocument, digest: str) -> _Prepared:
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
        return _Prepared(document, digest, chunks, texts, [base_terms(t) for t in texts], unit_pieces(chunks))

    def store_document(self, doc_id: str, document: LoadedDocument, digest: str) -> int:
        """Chunk, embed and store one loaded document, replacing an older version atomically."""
        return self._store(doc_id, self._prepare(doc_id, document, digest))

    def _store(self, doc_id: str, prepared: _Prepared) -> int:
        """Embed chunks and answer units in one call (fuller batches), write vectors, then commit the document
        with its units in one catalog transaction: stored whole, or not at all (then the next run redoes it)."""
        chunks, document = prepared.chunks, prepared.document
        contexts = unit_contexts(prepared.units)
        vectors = self._embedder.embed_documents([*prepared.texts, *contexts])
        chunk_vectors, unit_vectors = vectors[: len(chunks)], vectors[len(chunks) :]
        old_ids = self._vectors.document_chunk_ids(doc_id) if self._catalog.document(doc_id) else []
        self._vectors.add(chunks, chunk_vectors)
        record = DocumentRecord(
            doc_id=doc_id,
            title=document.title,
            path=document.source_path,
            doc_type=document.doc_type,
            stand=document.stand,
            pages=document.pages,
            ocr_pages=len(document.ocr_pages),
            chunks=len(chunks),
            content_hash=prepared.digest,
            ingested_at=datetime.now().replace(microsecond=0),
            embedding=vectors_identity(self._embedder),
        )
        units = rows_from_pieces(prepared.units, unit_vectors)
        self._catalog.replace_document(record, chunks, prepared.terms, units)
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
