"""Wissensbasis: upload, list, remove and re-index documents."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from assistant.app.handlers.common import ProgressCallback, doc_type_label, german_date, parse_german_date, plural
from assistant.errors import UserError
from assistant.models import DocumentOverride, FailedFile, IngestReport

DOCUMENT_COLUMNS = ["Titel", "Typ", "Stand", "Seiten", "Abschnitte", "Datei"]


@dataclass
class IngestOutcome:
    report: IngestReport
    message: str  # Markdown: what happened, failed files with their reasons


def upload_dir(services) -> Path:
    return Path(services.data_dir) / "uploads"


def document_rows(services) -> list[list]:
    """One row per indexed document (title, type, date, pages, chunks, file name), sorted by title."""
    return [
        [
            record.title,
            doc_type_label(record.doc_type),
            german_date(record.stand),
            _pages(record),
            record.chunks,
            Path(record.path).name,
        ]
        for record in services.catalog.documents()
    ]


def _pages(record) -> str | int:
    if record.pages is None:
        return "–"
    return f"{record.pages} (davon {record.ocr_pages} per Texterkennung)" if record.ocr_pages else record.pages


def document_choices(services) -> list[tuple[str, str]]:
    """(label, doc_id) pairs for the remove selection."""
    return [(f"{r.title} ({Path(r.path).name})", r.doc_id) for r in services.catalog.documents()]


def doc_type_choices(services) -> list[tuple[str, str]]:
    """(label, doc_type) for the chat filter: the types present in the knowledge base."""
    types = sorted({r.doc_type for r in services.catalog.documents()})
    return [(doc_type_label(t), t) for t in types]


def knowledge_summary(services) -> str:
    documents = services.catalog.documents()
    if not documents:
        return "Die Wissensbasis ist leer. Laden Sie Dokumente hoch (PDF, Word, HTML, Markdown, Text)."
    chunks = sum(r.chunks for r in documents)
    return f"{plural(len(documents), 'Dokument', 'Dokumente')} mit {plural(chunks, 'Abschnitt', 'Abschnitten')}."


def store_uploads(services, files: Iterable[str | Path]) -> list[Path]:
    """Copy uploaded files into the data dir (the browser's temp copies disappear); same name = update."""
    max_mb = services.settings.app.max_upload_mb
    target_dir = upload_dir(services)
    target_dir.mkdir(parents=True, exist_ok=True)
    stored = []
    for file in files:
        source = Path(file)
        size_mb = source.stat().st_size / 1_000_000
        if size_mb > max_mb:
            raise UserError(
                f"„{source.name}“ ist mit {size_mb:.1f} MB größer als die erlaubten {max_mb:g} MB "
                "(Einstellung app.max_upload_mb)."
            )
        target = target_dir / source.name
        if source.resolve() != target.resolve():
            shutil.copyfile(source, target)
        stored.append(target)
    return stored


def ingest_uploads(
    services, files: Iterable[str | Path] | None, on_progress: ProgressCallback | None = None
) -> IngestOutcome:
    files = [f for f in (files or []) if f]
    if not files:
        raise UserError("Bitte wählen Sie zuerst eine oder mehrere Dateien aus.")
    stored = store_uploads(services, files)
    report = services.ingestor.ingest(stored, progress=False, on_progress=on_progress)
    _remove_failed_copies(services, report.failed)
    return IngestOutcome(report, ingest_message(report))


def reindex(services, on_progress: ProgressCallback | None = None) -> IngestOutcome:
    """Read every indexed file again: changed files are updated, vanished files reported."""
    paths = [Path(r.path) for r in services.catalog.documents()]
    if not paths:
        raise UserError("Die Wissensbasis ist leer; es gibt nichts neu einzulesen.")
    report = services.ingestor.ingest(paths, progress=False, on_progress=on_progress)
    return IngestOutcome(report, ingest_message(report, reindex=True))


def chosen_document(services, doc_id: str | None):
    """The catalog record of the chosen document; nothing chosen or already gone is a UserError."""
    if not doc_id:
        raise UserError("Bitte wählen Sie zuerst unter „Dokument“ das Dokument aus.")
    record = services.catalog.document(doc_id)
    if record is None:
        raise UserError("Das Dokument ist nicht (mehr) in der Wissensbasis; die Liste wurde aktualisiert.")
    return record


def removal_question(services, doc_id: str | None) -> str:
    """The confirmation shown before removing: it names the document and says what goes with it."""
    record = chosen_document(services, doc_id)
    return (
        f"**„{record.title}“ ({Path(record.path).name}) wirklich entfernen?** Das Dokument "
        f"({plural(record.chunks, 'Abschnitt', 'Abschnitte')}) ist danach nicht mehr durchsuchbar."
    )


def remove_document(services, doc_id: str | None) -> str:
    record = chosen_document(services, doc_id)
    chunks = services.ingestor.remove(doc_id)
    uploaded = Path(record.path)
    if uploaded.parent.resolve() == upload_dir(services).resolve():
        uploaded.unlink(missing_ok=True)  # only our own copies, never the user's files
    return f"„{record.title}“ wurde entfernt ({plural(chunks, 'Abschnitt', 'Abschnitte')})."


def document_details(services, doc_id: str | None) -> tuple[str, str]:
    """Title and Stand (TT.MM.JJJJ) of the chosen document, for the edit fields; nothing chosen → empty."""
    record = services.catalog.document(doc_id) if doc_id else None
    if record is None:
        return "", ""
    return record.title, record.stand.strftime("%d.%m.%Y") if record.stand else ""


def save_details(services, doc_id: str | None, title: str | None, stand_text: str | None) -> str:
    """Store title and Stand in the catalog (they survive re-index) and read the document again with them."""
    record = chosen_document(services, doc_id)
    title = " ".join((title or "").split())
    if not title:
        raise UserError("Bitte geben Sie einen Titel ein; ohne Titel ist das Dokument in den Quellen nicht erkennbar.")
    stand = parse_german_date(stand_text, "den Stand")
    services.catalog.set_override(record.path, DocumentOverride(title=title, stand=stand))
    report = services.ingestor.ingest([Path(record.path)], progress=False)
    if report.failed:
        return ingest_message(report)
    return f"„{title}“: Titel und Stand gespeichert; das Dokument ist mit ihnen neu eingelesen."


def ingest_message(report: IngestReport, *, reindex: bool = False) -> str:
    parts = []
    if report.added:
        parts.append(f"{plural(report.added, 'Dokument', 'Dokumente')} neu aufgenommen")
    if report.updated:
        parts.append(f"{plural(report.updated, 'Dokument', 'Dokumente')} aktualisiert")
    if report.unchanged:
        parts.append(f"{plural(report.unchanged, 'Dokument', 'Dokumente')} unverändert")
    if report.removed:
        parts.append(f"{plural(report.removed, 'Dokument', 'Dokumente')} entfernt")
    lines = []
    if parts:
        head = "Neu eingelesen: " if reindex else ""
        chunks = f" ({plural(report.chunks, 'Abschnitt', 'Abschnitte')} indexiert)" if report.chunks else ""
        lines.append(head + ", ".join(parts) + chunks + ".")
    if report.failed:
        lines.append("")
        lines.append(f"**{plural(len(report.failed), 'Datei konnte', 'Dateien konnten')} nicht eingelesen werden:**")
        lines.append("")
        lines.extend(f"- **{Path(f.path).name}**: {f.error}" for f in report.failed)
    if report.skipped:
        lines += ["", f"**{plural(len(report.skipped), 'Datei', 'Dateien')} übersprungen:**", ""]
        lines.extend(f"- **{Path(f.path).name}**: {f.reason}" for f in report.skipped)
    return "\n".join(lines) or "Es wurde nichts eingelesen."


def _remove_failed_copies(services, failed: list[FailedFile]) -> None:
    """A new file that could not be read is not kept in the upload folder."""
    folder = upload_dir(services).resolve()
    for item in failed:
        path = Path(item.path).resolve()
        if path.parent == folder and services.catalog.document_by_path(str(path)) is None:
            path.unlink(missing_ok=True)
