"""One behaviour, several implementations: the VectorIndex contract (memory, embedded Chroma, server)."""

from __future__ import annotations

from datetime import date

import numpy as np

from assistant.index.embedders import HashEmbedder
from assistant.models import Chunk, SearchFilters

EMBEDDER = HashEmbedder(64)


def _chunk(doc_id: str, n: int, text: str, doc_type: str = "bericht", stand: date | None = None) -> Chunk:
    return Chunk(
        chunk_id=f"{doc_id}:v:{n}",
        doc_id=doc_id,
        text=text,
        title=doc_id,
        doc_type=doc_type,
        page=n + 1,
        position=n,
        stand=stand,
    )


CHUNKS = [
    _chunk("haushalt", 0, "Ergebnishaushalt Fehlbetrag Ausgleich", "haushalt", date(2026, 1, 15)),
    _chunk("haushalt", 1, "Stellenplan Vollzeitäquivalente Personal", "haushalt", date(2026, 1, 15)),
    _chunk("kita", 0, "Kindertagesstätte Betreuungsplätze Ausbau", "fachstrategie", date(2025, 6, 1)),
    _chunk("wohnen", 0, "Wohnungsbau gefördert Mietwohnungen", "fachstrategie", None),
]


def fill(index) -> None:
    index.add(CHUNKS, EMBEDDER.embed_documents([c.text for c in CHUNKS]))


def check_contract(index) -> None:
    fill(index)
    assert index.count() == 4
    assert index.all_ids() == {c.chunk_id for c in CHUNKS}
    assert sorted(index.document_chunk_ids("haushalt")) == ["haushalt:v:0", "haushalt:v:1"]

    query = EMBEDDER.embed_query("Stellenplan Personal")
    ranked = index.query(query, 2)
    assert ranked[0][0] == "haushalt:v:1"
    assert ranked[0][1] > ranked[1][1]

    only_strategies = index.query(query, 5, SearchFilters(doc_types=["fachstrategie"]))
    assert {i for i, _ in only_strategies} == {"kita:v:0", "wohnen:v:0"}
    dated = index.query(query, 5, SearchFilters(stand_from=date(2026, 1, 1)))
    assert {i for i, _ in dated} == {"haushalt:v:0", "haushalt:v:1"}
    before = index.query(query, 5, SearchFilters(stand_to=date(2025, 12, 31)))
    assert {i for i, _ in before} == {"kita:v:0"}  # undated chunks do not pass a date filter

    similarities = index.similarities(query, ["kita:v:0", "haushalt:v:1"])
    assert similarities["haushalt:v:1"] > similarities["kita:v:0"]
    assert np.isclose(similarities["haushalt:v:1"], ranked[0][1], atol=1e-4)

    # upsert of the same id replaces, not duplicates
    index.add(CHUNKS[:1], EMBEDDER.embed_documents(["ganz anderer Text"]))
    assert index.count() == 4

    index.delete_document("haushalt")
    assert index.count() == 2
    index.delete_ids(["kita:v:0", "does-not-exist"])
    assert index.all_ids() == {"wohnen:v:0"}
