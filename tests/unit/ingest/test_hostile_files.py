"""One bad file never stops a batch: a name that is not UTF-8, a DOCX that unpacks to far more than it
weighs, documents with endless paragraphs or chunks are reported for themselves and the run goes on;
unsupported files of a folder are listed as skipped with their reason (text and ``--json``)."""

from __future__ import annotations

import json
import os
import time
import zipfile

import pytest

from assistant.cli.main import main
from tests.sample_files import make_docx


def _services(tmp_path, **ingest):
    from assistant.index.embedders import HashEmbedder
    from assistant.index.vector_stores import InMemoryVectorIndex
    from assistant.settings import load_settings
    from assistant.wiring import build_services

    settings = load_settings(data_dir=tmp_path / "data", ingest=ingest)
    return build_services(settings, embedder=HashEmbedder(), vector_index=InMemoryVectorIndex())


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "ordner"
    folder.mkdir()
    # a Latin-1 name: the bytes 0xE9 are no UTF-8 („café.md“ from an old Windows archive)
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.md"), "w", encoding="utf-8") as handle:
        handle.write("# Café\n\nDas Café im Rathaus öffnet 2026.\n")
    (folder / "tabelle.xyz").write_text("x", encoding="utf-8")
    (folder / "zuletzt.md").write_text("# Zuletzt\n\nDiese Datei steht nach den anderen.\n", encoding="utf-8")
    return folder


def test_a_name_that_is_not_utf8_fails_alone_and_the_run_goes_on(tmp_path, folder):
    services = _services(tmp_path)
    report = services.ingestor.ingest([folder], progress=False)
    assert report.added == 1 and [d.title for d in services.catalog.documents()] == ["Zuletzt"]
    [failed] = report.failed
    assert failed.path.endswith("caf\N{REPLACEMENT CHARACTER}.md") and "nicht UTF-8" in failed.error
    failed.path.encode("utf-8")  # printable and storable


def test_unsupported_files_are_listed_as_skipped_in_text_and_json(tmp_path, folder, capsys):
    services = _services(tmp_path)
    assert main(["ingest", str(folder), "--json"], services=services) == 1  # café failed
    result = json.loads(capsys.readouterr().out)
    assert result["skipped"] == [
        {"path": str(folder / "tabelle.xyz"), "reason": result["skipped"][0]["reason"]},
    ]
    assert "„.xyz“ wird nicht unterstützt" in result["skipped"][0]["reason"]
    main(["ingest", str(folder)], services=services)
    out, err = capsys.readouterr()
    assert "übersprungen: 1" in out and "tabelle.xyz" in out
    assert "UnicodeEncodeError" not in err and "Unerwarteter Fehler" not in err


def test_a_docx_that_unpacks_to_much_more_is_refused_before_it_is_read(tmp_path):
    bomb = make_docx(tmp_path / "bombe.docx")
    padded = tmp_path / "gepolstert.docx"
    with zipfile.ZipFile(bomb) as source, zipfile.ZipFile(padded, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * 3_000_000)
            target.writestr(item, data)
    assert padded.stat().st_size < 100_000
    good = tmp_path / "gut.md"
    good.write_text("# Gut\n\nEin kleines Dokument.\n", encoding="utf-8")
    services = _services(tmp_path, max_unpacked_mb=2)
    started = time.perf_counter()
    report = services.ingestor.ingest([padded, good], progress=False)
    assert time.perf_counter() - started < 20
    [failed] = report.failed
    assert "word/document.xml" in failed.error and "ingest.max_unpacked_mb" in failed.error
    assert report.added == 1
    assert _services(tmp_path / "normal").ingestor.ingest([bomb], progress=False).added == 1


def test_paragraphs_and_chunks_per_document_are_capped(tmp_path):
    many = tmp_path / "absaetze.md"
    many.write_text("\n\n".join(f"Absatz {i} über den Haushalt." for i in range(150)), encoding="utf-8")
    long = tmp_path / "lang.md"
    long.write_text("\n\n".join(f"Absatz {i}: " + "Haushalt und Stellenplan. " * 60 for i in range(20)))
    report = _services(tmp_path, max_blocks=100, max_chunks=10).ingestor.ingest([many, long], progress=False)
    errors = {os.path.basename(f.path): f.error for f in report.failed}
    assert "höchstens 100" in errors["absaetze.md"] and "ingest.max_blocks" in errors["absaetze.md"]
    assert "höchstens 10" in errors["lang.md"] and "ingest.max_chunks" in errors["lang.md"]
