from pathlib import Path

import pytest

from assistant.app.handlers import knowledge as kb
from assistant.errors import UserError


def test_document_rows_show_title_type_date_pages_chunks(indexed):
    rows = {row[0]: row for row in kb.document_rows(indexed)}
    budget = rows["Haushaltsplan 2026 – Auszug Produkthaushalt und Stellenplan"]
    _title, doc_type, stand, pages, chunks, file = budget
    assert (doc_type, stand, pages, file) == ("Haushalt", "11.12.2025", 10, "haushaltsplan-2026-auszug.pdf")
    assert chunks > 0
    markdown = rows["Klimaschutz- und Mobilitätskonzept Musterstadt 2035 – Kurzfassung"]
    assert markdown[3] == "–"  # no pages for Markdown


def test_summary_and_choices(indexed, fake_services):
    assert kb.knowledge_summary(indexed).startswith("2 Dokumente mit ")
    assert [value for _, value in kb.doc_type_choices(indexed)] == ["haushalt", "konzept"]
    assert ("Haushalt", "haushalt") in kb.doc_type_choices(indexed)
    assert len(kb.document_choices(indexed)) == 2


def test_empty_knowledge_base_says_how_to_fill_it(fake_services):
    assert "leer" in kb.knowledge_summary(fake_services)
    with pytest.raises(UserError, match="nichts neu einzulesen"):
        kb.reindex(fake_services)


def test_upload_copies_into_the_data_dir_and_reports_progress(fake_services, docs, tmp_path):
    calls = []
    outcome = kb.ingest_uploads(
        fake_services,
        [str(docs / "klimaschutz-und-mobilitaetskonzept-kurzfassung.md")],
        on_progress=lambda done, total, name: calls.append((done, total, name)),
    )
    assert outcome.report.added == 1
    assert "1 Dokument neu aufgenommen" in outcome.message
    stored = kb.upload_dir(fake_services) / "klimaschutz-und-mobilitaetskonzept-kurzfassung.md"
    assert stored.is_file()
    assert [r[0] for r in kb.document_rows(fake_services)]  # listed
    assert calls[0] == (0, 1, stored.name) and calls[-1] == (1, 1, "")


def test_failed_files_are_listed_with_their_reasons(fake_services, tmp_path):
    bad = tmp_path / "tabelle.xyz"
    bad.write_text("nichts", encoding="utf-8")
    empty = tmp_path / "leer.md"
    empty.write_text("", encoding="utf-8")
    outcome = kb.ingest_uploads(fake_services, [str(bad), str(empty)])
    assert len(outcome.report.failed) == 2
    assert "**2 Dateien konnten nicht eingelesen werden:**" in outcome.message
    assert "**tabelle.xyz**: Das Dateiformat „.xyz“ wird nicht unterstützt" in outcome.message
    assert "**leer.md**: Die Datei ist leer." in outcome.message
    assert not list(kb.upload_dir(fake_services).iterdir())  # unreadable copies are not kept


def test_no_files_selected_is_a_user_error(fake_services):
    with pytest.raises(UserError, match="Dateien aus"):
        kb.ingest_uploads(fake_services, [])


def test_upload_limit(fake_services, tmp_path):
    fake_services.settings.app.max_upload_mb = 0.000001
    big = tmp_path / "gross.md"
    big.write_text("# Titel\n\nText " * 10, encoding="utf-8")
    with pytest.raises(UserError, match=r"app\.max_upload_mb"):
        kb.ingest_uploads(fake_services, [str(big)])


def test_remove_document_and_its_upload_copy(fake_services, docs):
    kb.ingest_uploads(fake_services, [str(docs / "klimaschutz-und-mobilitaetskonzept-kurzfassung.md")])
    doc_id = kb.document_choices(fake_services)[0][1]
    message = kb.remove_document(fake_services, doc_id)
    assert message.startswith("„Klimaschutz- und Mobilitätskonzept") and "entfernt" in message
    assert kb.document_rows(fake_services) == []
    assert not list(kb.upload_dir(fake_services).iterdir())
    with pytest.raises(UserError, match="nicht \\(mehr\\)"):
        kb.remove_document(fake_services, doc_id)
    with pytest.raises(UserError, match="wählen Sie"):
        kb.remove_document(fake_services, None)


def test_remove_never_deletes_the_users_own_file(indexed, docs):
    doc_id = next(value for label, value in kb.document_choices(indexed) if label.startswith("Klimaschutz"))
    kb.remove_document(indexed, doc_id)
    assert (docs / "klimaschutz-und-mobilitaetskonzept-kurzfassung.md").is_file()


def test_reindex_updates_changed_files_and_reports_vanished_ones(indexed, docs):
    note = Path(docs / "klimaschutz-und-mobilitaetskonzept-kurzfassung.md")
    note.write_text(note.read_text(encoding="utf-8") + "\n\nNeuer Absatz zum Radverkehr.\n", encoding="utf-8")
    outcome = kb.reindex(indexed)
    assert (outcome.report.updated, outcome.report.unchanged) == (1, 1)
    assert outcome.message.startswith("Neu eingelesen: 1 Dokument aktualisiert, 1 Dokument unverändert")
    note.unlink()
    outcome = kb.reindex(indexed)
    assert "existiert nicht" in outcome.message


def test_title_and_stand_edited_in_the_app_survive_reindex(indexed):
    record = next(r for r in indexed.catalog.documents() if r.path.endswith(".pdf"))
    assert kb.document_details(indexed, record.doc_id) == (record.title, "11.12.2025")
    message = kb.save_details(indexed, record.doc_id, "  Haushaltsplan   2026 (Auszug) ", "01.01.2026")
    assert message.startswith("„Haushaltsplan 2026 (Auszug)“: Titel und Stand gespeichert")
    edited = indexed.catalog.document(record.doc_id)
    assert (edited.title, edited.stand.isoformat()) == ("Haushaltsplan 2026 (Auszug)", "2026-01-01")
    # the chunks (sources, filters) carry the new title, and a re-index keeps it over the manifest's
    assert {c.title for c in indexed.catalog.document_chunks(record.doc_id)} == {"Haushaltsplan 2026 (Auszug)"}
    kb.reindex(indexed)
    assert indexed.catalog.document(record.doc_id).title == "Haushaltsplan 2026 (Auszug)"
    assert kb.document_details(indexed, record.doc_id) == ("Haushaltsplan 2026 (Auszug)", "01.01.2026")


def test_editing_needs_a_document_a_title_and_a_valid_date(indexed):
    record = indexed.catalog.documents()[0]
    with pytest.raises(UserError, match="unter „Dokument“"):
        kb.save_details(indexed, None, "Titel", "")
    with pytest.raises(UserError, match="Titel ein"):
        kb.save_details(indexed, record.doc_id, "  ", "")
    with pytest.raises(UserError, match=r"TT\.MM\.JJJJ"):
        kb.save_details(indexed, record.doc_id, "Titel", "morgen")


def test_removal_question_names_the_document(indexed):
    record = indexed.catalog.documents()[0]
    question = kb.removal_question(indexed, record.doc_id)
    assert f"„{record.title}“ ({Path(record.path).name}) wirklich entfernen?" in question
