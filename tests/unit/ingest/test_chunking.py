from assistant.ingest.chunking import chunk_document, split_sentences
from assistant.models import Block, LoadedDocument
from assistant.settings import ChunkingSettings


def _document(blocks):
    return LoadedDocument(source_path="x.pdf", title="Bericht", doc_type="bericht", blocks=blocks)


def test_chunks_follow_headings_and_keep_section_and_page():
    blocks = [
        Block(kind="heading", text="1 Bildung", level=1, page=1),
        Block(kind="paragraph", text="Die Kita-Quote liegt bei 38 Prozent.", page=1),
        Block(kind="heading", text="1.1 Schule", level=2, page=1),
        Block(kind="paragraph", text="Ohne Abschluss: 7,1 Prozent.", page=1),
        Block(kind="heading", text="2 Wohnen", level=1, page=2),
        Block(kind="paragraph", text="Geförderte Wohnungen: 6,5 Prozent.", page=2),
    ]
    chunks = chunk_document(_document(blocks), "doc", "abcdef123456", ChunkingSettings())
    assert [(c.section, c.page) for c in chunks] == [
        ("1 Bildung", 1),
        ("1 Bildung > 1.1 Schule", 1),
        ("2 Wohnen", 2),
    ]
    assert chunks[1].text == "Ohne Abschluss: 7,1 Prozent."


def test_chunk_never_crosses_a_page():
    blocks = [Block(kind="paragraph", text=f"Satz auf Seite {p}.", page=p) for p in (1, 1, 2)]
    chunks = chunk_document(_document(blocks), "doc", "v1", ChunkingSettings())
    assert [c.page for c in chunks] == [1, 2]


def test_chunk_ids_are_stable_and_change_with_version():
    blocks = [Block(kind="paragraph", text="Text.", page=1)]
    first = chunk_document(_document(blocks), "doc", "version-a", ChunkingSettings())
    again = chunk_document(_document(blocks), "doc", "version-a", ChunkingSettings())
    other = chunk_document(_document(blocks), "doc", "version-b", ChunkingSettings())
    assert [c.chunk_id for c in first] == [c.chunk_id for c in again]
    assert first[0].chunk_id != other[0].chunk_id


def test_long_paragraph_is_cut_at_sentences_with_overlap():
    text = " ".join(f"Der Satz Nummer {n} beschreibt eine Maßnahme im Haushalt." for n in range(60))
    chunks = chunk_document(
        _document([Block(kind="paragraph", text=text, page=3)]),
        "d",
        "v",
        ChunkingSettings(max_chars=400, overlap_chars=80),
    )
    assert len(chunks) > 5
    assert all(len(c.text) <= 480 for c in chunks)
    assert all(c.text.rstrip().endswith(".") for c in chunks)
    # overlap: the start of a chunk repeats words from the end of the previous one
    assert chunks[1].text.split()[0] in chunks[0].text


def test_long_table_repeats_header_row():
    rows = ["Produkt | Ansatz"] + [f"{n:02d}.10 Produkt {n} | {n * 1000}" for n in range(80)]
    block = Block(kind="table", text="\n".join(rows), page=1)
    chunks = chunk_document(_document([block]), "d", "v", ChunkingSettings(max_chars=300))
    assert len(chunks) > 3
    assert all(c.text.startswith("Produkt | Ansatz") for c in chunks)
    body_rows = [r for c in chunks for r in c.text.splitlines()[1:]]
    assert body_rows == rows[1:]  # nothing lost, nothing duplicated


def test_sentence_split_keeps_numbers_intact():
    assert split_sentences("Die Quote beträgt 7,1 Prozent. Ziel sind 4,0 Prozent.") == [
        "Die Quote beträgt 7,1 Prozent.",
        "Ziel sind 4,0 Prozent.",
    ]


def test_sentence_split_ignores_abbreviations_and_ordinals_but_not_years():
    text = (
        "Für 2026 sind 15,1 Mio. EUR geplant. Das sind z. B. Kitas. Am 1. März tagt der Rat. "
        "Ziel bis 2030. Danach neu."
    )
    assert split_sentences(text) == [
        "Für 2026 sind 15,1 Mio. EUR geplant.",
        "Das sind z. B. Kitas.",
        "Am 1. März tagt der Rat.",
        "Ziel bis 2030.",
        "Danach neu.",
    ]
