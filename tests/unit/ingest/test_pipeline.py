from pathlib import Path

from assistant.models import Chunk, SearchFilters
from tests.sample_files import make_docx, make_encrypted_pdf, make_pdf


def _write_corpus(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    make_pdf(
        folder / "haushalt.pdf",
        [
            ["1 Haushalt", "Das Jahresergebnis 2025 beträgt minus 4,2 Mio. Euro."],
            ["2 Stellen", "Der Stellenplan umfasst 812 Vollzeitäquivalente."],
        ],
        title="Haushaltsplan 2026",
    )
    make_docx(folder / "bildung.docx", title="Fachstrategie Bildung")
    (folder / "beschluss.md").write_text(
        "# Ratsbeschluss\n\nDer Rat beschließt die Gesamtstrategie.\n", encoding="utf-8"
    )
    (folder / "notiz.txt").write_text("Bürgerbeteiligung mit 320 Teilnehmenden.", encoding="cp1252")
    (folder / "bild.png").write_bytes(b"\x89PNG....")  # not a document: skipped silently in folders


def _state(services):
    return (
        {d.doc_id: d.content_hash for d in services.catalog.documents()},
        services.catalog.chunk_ids(),
        services.vector_index.all_ids(),
    )


def test_folder_ingest_then_unchanged_then_updated_then_removed(fake_services, tmp_path):
    folder = tmp_path / "wissen"
    _write_corpus(folder)
    ingestor = fake_services.ingestor
    first = ingestor.ingest([folder], progress=False)
    assert (first.added, first.updated, first.unchanged, first.failed) == (4, 0, 0, [])
    assert first.chunks == len(fake_services.catalog.chunk_ids()) == fake_services.vector_index.count()

    second = ingestor.ingest([folder], progress=False)
    assert (second.added, second.updated, second.unchanged, second.chunks) == (0, 0, 4, 0)

    (folder / "beschluss.md").write_text("# Ratsbeschluss\n\nDer Rat lehnt ab.\n", encoding="utf-8")
    third = ingestor.ingest([folder], progress=False)
    assert (third.added, third.updated, third.unchanged) == (0, 1, 3)
    texts = [c.text for c in fake_services.catalog.chunks(sorted(fake_services.catalog.chunk_ids())).values()]
    assert any("lehnt ab" in t for t in texts) and not any("beschließt" in t for t in texts)
    assert fake_services.catalog.chunk_ids() == fake_services.vector_index.all_ids()

    (folder / "notiz.txt").unlink()
    fourth = ingestor.ingest([folder], progress=False)
    assert fourth.removed == 1
    assert len(fake_services.catalog.documents()) == 3
    assert fake_services.catalog.chunk_ids() == fake_services.vector_index.all_ids()


def test_bad_files_fail_with_reasons_and_leave_index_unchanged(fake_services, tmp_path):
    folder = tmp_path / "gut"
    _write_corpus(folder)
    fake_services.ingestor.ingest([folder], progress=False)
    before = _state(fake_services)

    bad = tmp_path / "schlecht"
    bad.mkdir()
    (bad / "kaputt.pdf").write_bytes(b"%PDF-1.4 nonsense")
    make_encrypted_pdf(folder / "haushalt.pdf", bad / "geheim.pdf")
    (bad / "leer.md").write_bytes(b"")
    (bad / "binaer.txt").write_bytes(bytes(range(256)) * 4)
    (bad / "tabelle.xyz").write_text("x", encoding="utf-8")
    huge = bad / "riesig.txt"
    huge.write_text("Wort " * 300_000, encoding="utf-8")
    fake_services.settings.ingest.max_file_mb = 1.0
    files = [bad / n for n in ["kaputt.pdf", "geheim.pdf", "leer.md", "binaer.txt", "tabelle.xyz", "riesig.txt"]]
    report = fake_services.ingestor.ingest([*files, tmp_path / "fehlt.pdf"], progress=False)

    reasons = {Path(f.path).name: f.error for f in report.failed}
    assert set(reasons) == {
        "kaputt.pdf",
        "geheim.pdf",
        "leer.md",
        "binaer.txt",
        "tabelle.xyz",
        "riesig.txt",
        "fehlt.pdf",
    }
    assert "beschädigt" in reasons["kaputt.pdf"]
    assert "verschlüsselt" in reasons["geheim.pdf"]
    assert "leer" in reasons["leer.md"]
    assert "Binärdaten" in reasons["binaer.txt"]
    assert "nicht unterstützt" in reasons["tabelle.xyz"]
    assert "MB" in reasons["riesig.txt"]
    assert "existiert nicht" in reasons["fehlt.pdf"]
    assert report.added == 0
    assert _state(fake_services) == before


def test_good_files_in_a_mixed_batch_are_ingested(fake_services, tmp_path):
    make_docx(tmp_path / "gut.docx")
    (tmp_path / "kaputt.pdf").write_bytes(b"not a pdf")
    report = fake_services.ingestor.ingest([tmp_path / "gut.docx", tmp_path / "kaputt.pdf"], progress=False)
    assert report.added == 1 and len(report.failed) == 1


def test_orphan_vectors_are_ignored_by_search_and_removed_by_next_ingest(fake_services, tmp_path):
    folder = tmp_path / "wissen"
    _write_corpus(folder)
    fake_services.ingestor.ingest([folder], progress=False)
    orphan = Chunk(
        chunk_id="geist:v:0",
        doc_id="geist",
        text="Stellenplan Vollzeitäquivalente",
        title="Geist",
        doc_type="haushalt",
        page=1,
        position=0,
    )
    fake_services.vector_index.add([orphan], fake_services.embedder.embed_documents([orphan.text]))
    hits = fake_services.retriever.search("Stellenplan Vollzeitäquivalente", 10)
    assert "geist:v:0" not in {h.chunk_id for h in hits}
    fake_services.ingestor.ingest([folder], progress=False)
    assert "geist:v:0" not in fake_services.vector_index.all_ids()


def test_hybrid_search_cites_page_and_respects_filters(fake_services, tmp_path):
    folder = tmp_path / "wissen"
    _write_corpus(folder)
    fake_services.ingestor.ingest([folder], progress=False)
    hits = fake_services.retriever.search("Wie viele VZÄ hat der Stellenplan?", 3)
    assert hits[0].title == "Haushaltsplan 2026" and hits[0].page == 2
    assert "812" in hits[0].text
    for mode in ("keyword", "dense"):
        assert fake_services.retriever.search("Stellenplan Vollzeitäquivalente", 3, mode=mode)[0].page == 2
    filtered = fake_services.retriever.search("Stellenplan", 5, SearchFilters(doc_types=["ratsbeschluss"]))
    assert filtered and all(h.doc_type == "ratsbeschluss" for h in filtered)


def test_manifest_overrides_metadata(fake_services, tmp_path):
    folder = tmp_path / "wissen"
    _write_corpus(folder)
    (folder / "manifest.yaml").write_text(
        "- {datei: beschluss.md, titel: Beschluss 2026/041, typ: ratsbeschluss, stand: 2026-05-12}\n",
        encoding="utf-8",
    )
    fake_services.ingestor.ingest([folder], progress=False)
    record = next(d for d in fake_services.catalog.documents() if d.path.endswith("beschluss.md"))
    assert (record.title, record.doc_type, str(record.stand)) == (
        "Beschluss 2026/041",
        "ratsbeschluss",
        "2026-05-12",
    )


def test_remove_document(fake_services, tmp_path):
    folder = tmp_path / "wissen"
    _write_corpus(folder)
    fake_services.ingestor.ingest([folder], progress=False)
    doc = fake_services.catalog.documents()[0]
    assert fake_services.ingestor.remove(doc.doc_id) == doc.chunks
    assert fake_services.catalog.document(doc.doc_id) is None
    assert not fake_services.vector_index.document_chunk_ids(doc.doc_id)


def test_terms_from_an_older_analysis_are_recomputed(fake_services, tmp_path):
    folder = tmp_path / "wissen"
    _write_corpus(folder)
    fake_services.ingestor.ingest([folder], progress=False)
    catalog = fake_services.catalog
    chunk_id = next(iter(catalog.chunk_ids()))
    catalog._connection.execute("UPDATE chunks SET terms='[]'")
    catalog._connection.commit()
    catalog.set_meta("analysis_version", "0")
    from assistant.index.keyword_store import CatalogKeywordIndex

    index = CatalogKeywordIndex(catalog)
    assert index.search("Stellenplan Vollzeitäquivalente", 3)
    assert dict(catalog.iter_terms())[chunk_id]


def test_force_reingests_unchanged_files(fake_services, tmp_path):
    folder = tmp_path / "wissen"
    _write_corpus(folder)
    fake_services.ingestor.ingest([folder], progress=False)
    report = fake_services.ingestor.ingest([folder], progress=False, force=True)
    assert (report.updated, report.unchanged) == (4, 0)
    assert fake_services.catalog.chunk_ids() == fake_services.vector_index.all_ids()


def test_scanned_pages_are_indexed_and_cited_as_ocr(fake_services, tmp_path):
    from tests.sample_files import make_scanned_pdf

    path = make_scanned_pdf(tmp_path / "plan.pdf", ["Maßnahmenplan Nordstadt", "Sanierung der Grundschule am Markt"])
    report = fake_services.ingestor.ingest([path], progress=False)
    assert report.failed == [] and report.added == 1
    [record] = fake_services.catalog.documents()
    assert record.ocr_pages == 1
    hits = fake_services.retriever.search("Grundschule Sanierung", k=1, mode="keyword")
    assert hits and hits[0].ocr and hits[0].source_label().endswith("S. 1 (Texterkennung)")


def test_long_files_report_progress_per_page(fake_services, tmp_path):
    from assistant.ingest.pipeline import PAGE_BAR_FROM

    pages = [[f"{n} Kapitel", f"Text der Seite {n} mit Inhalt."] for n in range(1, PAGE_BAR_FROM + 3)]
    path = make_pdf(tmp_path / "haushaltsplan.pdf", pages, title="Haushaltsplan 2026")
    messages = []
    fake_services.ingestor.ingest([path], progress=False, on_progress=lambda d, t, m: messages.append(m))
    page_messages = [m for m in messages if "Seite" in m]
    assert page_messages[0] == f"haushaltsplan.pdf (Seite 1 von {len(pages)})"
    assert page_messages[-1] == f"haushaltsplan.pdf (Seite {len(pages)} von {len(pages)})"
