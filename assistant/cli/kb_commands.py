"""Knowledge-base commands: ingest, documents, remove, search."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.cli.common import services_from_args
from assistant.cli.output import print_json
from assistant.errors import UserError


def register(subparsers, add_common_options) -> None:
    ingest = subparsers.add_parser("ingest", help="Dateien und Ordner in die Wissensbasis aufnehmen")
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PFAD")
    ingest.add_argument("--json", action="store_true", help="Ergebnis als JSON")
    ingest.add_argument("--no-progress", action="store_true", help="keinen Fortschrittsbalken zeigen")
    ingest.add_argument(
        "--force", action="store_true", help="auch unveränderte Dateien neu einlesen (z. B. nach Modellwechsel)"
    )
    add_common_options(ingest)
    ingest.set_defaults(func=run_ingest)

    documents = subparsers.add_parser("documents", help="aufgenommene Dokumente auflisten")
    documents.add_argument("--json", action="store_true")
    documents.add_argument(
        "--count", action="store_true", help="nur die Zahlen (Dokumente, Seiten, Abschnitte), ohne die Liste"
    )
    add_common_options(documents)
    documents.set_defaults(func=run_documents)

    remove = subparsers.add_parser("remove", help="ein Dokument aus der Wissensbasis entfernen")
    remove.add_argument("target", metavar="DOC_ID_ODER_PFAD")
    remove.add_argument("--json", action="store_true")
    add_common_options(remove)
    remove.set_defaults(func=run_remove)

    search = subparsers.add_parser("search", help="Textstellen suchen (hybride Suche)")
    search.add_argument("query", metavar="ANFRAGE")
    search.add_argument("-k", type=int, default=5, help="Anzahl Treffer (Standard 5)")
    search.add_argument("--retriever", choices=["hybrid", "dense", "keyword"], default="hybrid")
    search.add_argument("--typ", action="append", dest="doc_types", help="nur Dokumenttyp(en)")
    search.add_argument("--stand-von", dest="stand_from", help="Stand ab (JJJJ-MM-TT)")
    search.add_argument("--stand-bis", dest="stand_to", help="Stand bis (JJJJ-MM-TT)")
    search.add_argument("--json", action="store_true")
    add_common_options(search)
    search.set_defaults(func=run_search)


def run_ingest(args: argparse.Namespace) -> int:
    services = services_from_args(args)
    report = services.ingestor.ingest(args.paths, progress=False if args.no_progress else None, force=args.force)
    if args.json:
        print_json(report.model_dump(mode="json", exclude={"removed"}) | {"removed": report.removed})
    else:
        print(
            f"Neu: {report.added}, aktualisiert: {report.updated}, unverändert: {report.unchanged}, "
            f"entfernt: {report.removed}, Abschnitte: {report.chunks}, fehlgeschlagen: {len(report.failed)}, "
            f"übersprungen: {len(report.skipped)}"
        )
        for failed in report.failed:
            print(f"  ✗ {failed.path}: {failed.error}", file=sys.stderr)
        for skipped in report.skipped:
            print(f"  – übersprungen: {skipped.path}: {skipped.reason}")
    return 1 if report.failed else 0


def _counts_line(counts: dict[str, int]) -> str:
    ocr = f" ({_number(counts['ocr_pages'])} per Texterkennung)" if counts["ocr_pages"] else ""
    return (
        f"{_number(counts['documents'])} Dokumente, {_number(counts['pages'])} Seiten{ocr}, "
        f"{_number(counts['chunks'])} Abschnitte"
    )


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def run_documents(args: argparse.Namespace) -> int:
    services = services_from_args(args)
    if args.count:  # one aggregate query: instant at thousands of documents, also during an ingest
        counts = services.catalog.counts()
        if args.json:
            print_json(counts)
        else:
            print(_counts_line(counts))
        return 0
    records = services.catalog.documents()
    if args.json:
        print_json(
            [
                {
                    "doc_id": r.doc_id, "title": r.title, "path": r.path, "pages": r.pages,
                    "chunks": r.chunks, "ingested_at": r.ingested_at.isoformat(), "doc_type": r.doc_type,
                    "stand": r.stand.isoformat() if r.stand else None, "ocr_pages": r.ocr_pages,
                }
                for r in records
            ]
        )  # fmt: skip
        return 0
    if not records:
        print("Die Wissensbasis ist leer. Dokumente aufnehmen mit „assistant ingest PFAD“.")
    for r in records:
        pages = (f"{r.pages} S." if r.pages else "–") + (f" ({r.ocr_pages} OCR)" if r.ocr_pages else "")
        stand = r.stand.strftime("%d.%m.%Y") if r.stand else "–"
        print(f"{r.doc_id:<48} {r.doc_type:<16} {stand:<10} {pages:>7} {r.chunks:>5} Abschn.  {r.title}")
    if records:
        print(_counts_line(services.catalog.counts()))
    return 0


def run_remove(args: argparse.Namespace) -> int:
    services = services_from_args(args)
    catalog = services.catalog
    record = catalog.document(args.target) or catalog.document_by_path(str(Path(args.target).resolve()))
    if record is None:
        raise UserError(
            f"„{args.target}“ ist weder eine Dokument-ID noch ein Pfad in der Wissensbasis; "
            "„assistant documents“ listet beide."
        )
    removed = services.ingestor.remove(record.doc_id)
    if args.json:
        print_json({"removed": removed})
    else:
        print(f"Entfernt: {record.title} ({removed} Abschnitte).")
    return 0


def run_search(args: argparse.Namespace) -> int:
    from assistant.ingest.metadata import parse_german_date
    from assistant.models import SearchFilters

    if not args.query.strip():
        raise UserError("Die Suchanfrage ist leer; bitte einen Suchbegriff angeben.")
    if args.k < 1:
        raise UserError("-k muss mindestens 1 sein.")
    filters = SearchFilters(
        doc_types=args.doc_types,
        stand_from=parse_german_date(args.stand_from) if args.stand_from else None,
        stand_to=parse_german_date(args.stand_to) if args.stand_to else None,
    )
    services = services_from_args(args)
    hits = services.retriever.search(args.query, args.k, filters, mode=args.retriever)
    if args.json:
        print_json(
            {
                "query": args.query,
                "hits": [
                    h.model_dump(mode="json", include={"rank", "doc_id", "title", "page", "score", "text", "section"})
                    for h in hits
                ],
            }
        )
        return 0
    if not hits:
        print("Keine Treffer.")
    for h in hits:
        snippet = " ".join(h.text.split())[:300]
        print(f"[{h.rank}] {h.source_label()}  (Score {h.score:.3f})\n    {snippet}\n")
    return 0
