from pathlib import Path

import pytest

from assistant.errors import IngestError
from assistant.ingest.loaders import load_document
from tests.sample_files import make_docx, make_encrypted_pdf, make_pdf

PAGES = [
    [
        "1 Ausgangslage",
        "Musterstadt hat 68.000 Einwohnerinnen und Einwohner. Stand: 1. März 2026.",
        "Die Bevölkerung wächst bis 2040 um 3 Prozent.",
    ],
    [
        "2 Haushalt",
        "Das Jahresergebnis 2025 beträgt minus 4,2 Mio. Euro.",
        "Der Ausgleich ist ab 2028 geplant.",
    ],
]


def test_pdf_keeps_pages_headings_title_and_stand(tmp_path):
    pdf = make_pdf(
        tmp_path / "bericht.pdf",
        PAGES,
        title="Haushaltsbericht 2026",
        table=[["Produkt", "Ansatz 2026"], ["36.50 Kindertagesbetreuung", "12.400.000"]],
    )
    document = load_document(pdf)
    assert document.title == "Haushaltsbericht 2026"
    assert document.pages == 2
    assert document.doc_type == "haushalt"
    assert str(document.stand) == "2026-03-01"
    headings = [(b.text, b.page) for b in document.blocks if b.kind == "heading"]
    assert ("1 Ausgangslage", 1) in headings and ("2 Haushalt", 2) in headings
    page_two = " ".join(b.text for b in document.blocks if b.page == 2)
    assert "minus 4,2 Mio. Euro" in page_two
    page_one = " ".join(b.text for b in document.blocks if b.page == 1)
    # table cells stay in reading order: product name before its amount
    assert page_one.index("36.50 Kindertagesbetreuung") < page_one.index("12.400.000")
    assert "Einwohnerinnen" in page_one


def test_encrypted_pdf_is_refused_in_german(tmp_path):
    pdf = make_pdf(tmp_path / "offen.pdf", PAGES)
    locked = make_encrypted_pdf(pdf, tmp_path / "gesperrt.pdf")
    with pytest.raises(IngestError, match="verschlüsselt"):
        load_document(locked)


def test_corrupt_pdf_is_refused_in_german(tmp_path):
    broken = tmp_path / "kaputt.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer garbage")
    with pytest.raises(IngestError, match=r"beschädigt|kein"):
        load_document(broken)


def test_docx_headings_tables_and_order(tmp_path):
    document = load_document(make_docx(tmp_path / "fach.docx"))
    assert document.title == "Fachstrategie Test"
    assert document.pages is None
    kinds = [b.kind for b in document.blocks]
    assert kinds.index("table") < max(i for i, k in enumerate(kinds) if k == "heading")
    table = next(b.text for b in document.blocks if b.kind == "table")
    assert table.splitlines()[1] == "Nord | 420 | 480"
    assert str(document.stand) == "2026-03-15"


def test_markdown_headings_and_pipe_tables(tmp_path):
    path = tmp_path / "beschluss.md"
    path.write_text(
        "# Beschlussvorlage 2026/041\n\nStand: 12.05.2026\n\n## Beschlussvorschlag\n\n"
        "Der **Rat** beschließt.\n\n"
        "| Abstimmung | Stimmen |\n|---|---|\n| Ja | 31 |\n| Nein | 7 |\n",
        encoding="utf-8",
    )
    document = load_document(path)
    assert document.title == "Beschlussvorlage 2026/041"
    assert document.doc_type == "ratsbeschluss"
    assert any(b.kind == "table" and "Ja | 31" in b.text for b in document.blocks)
    assert any(b.text == "Der Rat beschließt." for b in document.blocks)


def test_html_blocks_without_scripts(tmp_path):
    path = tmp_path / "beteiligung.html"
    path.write_text(
        "<html><head><title>Bericht zur Beteiligung</title><script>alert(1)</script></head><body>"
        "<h1>Beteiligung</h1><p>320 Teilnehmende in vier Stadtteilen.</p><ul><li>Online: 2.100</li></ul>"
        "<table><tr><th>Format</th><th>Anzahl</th></tr><tr><td>Werkstatt</td><td>4</td></tr></table></body></html>",
        encoding="utf-8",
    )
    document = load_document(path)
    text = " ".join(b.text for b in document.blocks)
    assert document.title == "Bericht zur Beteiligung"
    assert "alert" not in text and "320 Teilnehmende" in text and "Werkstatt | 4" in text


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "utf-16"])
def test_text_encodings_are_detected(tmp_path, encoding):
    path = tmp_path / "notiz.txt"
    path.write_text(
        "Größere Kindertagesstätten für Bürgerinnen und Bürger.\n\nÖPNV-Ausbau bis 2030.", encoding=encoding
    )
    if encoding == "utf-16":
        with pytest.raises(IngestError):  # NUL bytes: treated as binary, clear message
            load_document(path)
        return
    text = " ".join(b.text for b in load_document(path).blocks)
    assert "Größere Kindertagesstätten" in text and "Bürgerinnen" in text


def test_binary_named_txt_is_refused(tmp_path):
    path = tmp_path / "bild.txt"
    path.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(IngestError, match="Binärdaten"):
        load_document(path)


def test_unsupported_extension(tmp_path):
    path = tmp_path / "tabelle.odt"
    path.write_bytes(b"x")
    with pytest.raises(IngestError, match="nicht unterstützt"):
        load_document(path)


SAMPLES = Path(__file__).resolve().parents[3] / "knowledge" / "dokumente"


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="sample knowledge base not built")
def test_every_sample_document_loads_with_umlauts():
    files = [p for p in SAMPLES.iterdir() if p.suffix in {".pdf", ".docx", ".md", ".html"}]
    assert {p.suffix for p in files} >= {".pdf", ".docx", ".md", ".html"}
    for path in files:
        document = load_document(path)
        text = " ".join(b.text for b in document.blocks)
        assert len(text) > 500, path
        assert any(ch in text for ch in "äöüÄÖÜß"), path
        if path.suffix == ".pdf":
            assert document.pages and all(b.page for b in document.blocks)
