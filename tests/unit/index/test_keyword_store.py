"""The catalog's keyword index returns what a plain BM25 over the same terms with the per-chunk filter rule
returns (the rule and ranking before the index was made fast for 100,000 chunks)."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pytest

from assistant.index.catalog import Catalog, filter_matches
from assistant.index.filter_mask import MetadataColumns
from assistant.index.keyword import BM25Index
from assistant.index.keyword_store import CatalogKeywordIndex
from assistant.models import Chunk, DocumentRecord, SearchFilters
from assistant.text.german import base_terms

TEXTS = [
    "Der Ergebnishaushalt 2025 weist einen Fehlbetrag von 4,2 Mio. EUR aus.",
    "Die Kindertagesstätte Nordstadt erhält 40 zusätzliche Betreuungsplätze.",
    "Der Gemeinderat beschließt den Bebauungsplan Gottesauer Platz.",
    "Sanierung der Grundschule: Kosten 2,1 Mio. EUR, Zuschuss des Landes.",
    "Kita-Plätze und Betreuungsquote unter Dreijähriger steigen.",
    "Wohnungsbau: geförderte Mietwohnungen im Quartier Südstadt.",
    "Haushaltssatzung und Stellenplan der Stadt für 2026.",
    "Niederschrift der Sitzung des Planungsausschusses zum Bebauungsplan.",
]
# (doc_type, Stand) per document; three chunks each, texts rotated so that terms repeat across types
DOCUMENTS = [
    ("haushalt", date(2025, 11, 3)),
    ("ratsbeschluss", date(2019, 4, 15)),
    ("ratsbeschluss", None),
    ("niederschrift", date(2026, 1, 20)),
    ("fachstrategie", date(2023, 6, 1)),
    ("haushalt", None),
]
QUERIES = ["Fehlbetrag Ergebnishaushalt", "Betreuungsplätze Kita", "Bebauungsplan Gemeinderat", "Zuschuss Schule"]
FILTERS = [
    None,
    SearchFilters(),
    SearchFilters(doc_types=["ratsbeschluss"]),
    SearchFilters(doc_types=["haushalt", "niederschrift", "gibt-es-nicht"]),
    SearchFilters(doc_ids=["d3", "d5"]),
    SearchFilters(stand_from=date(2023, 6, 1)),
    SearchFilters(stand_to=date(2023, 6, 1)),
    SearchFilters(stand_from=date(2020, 1, 1), stand_to=date(2025, 12, 31), doc_types=["haushalt", "fachstrategie"]),
    SearchFilters(doc_types=["gibt-es-nicht"]),
]


def _chunks(number: int, doc_type: str, stand: date | None) -> list[Chunk]:
    doc_id = f"d{number}"
    return [
        Chunk(
            chunk_id=f"{doc_id}:v:{n}",
            doc_id=doc_id,
            text=TEXTS[(number + n * 3) % len(TEXTS)],
            title=doc_id,
            doc_type=doc_type,
            page=n + 1,
            position=n,
            stand=stand,
        )
        for n in range(3)
    ]


@pytest.fixture()
def catalog(tmp_path):
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    for number, (doc_type, stand) in enumerate(DOCUMENTS):
        chunks = _chunks(number, doc_type, stand)
        record = DocumentRecord(
            doc_id=f"d{number}", title=f"d{number}", path=f"/x/d{number}.txt", doc_type=doc_type, stand=stand,
            pages=3, chunks=3, content_hash=str(number), ingested_at=datetime(2026, 12, 1),
        )  # fmt: skip
        catalog.replace_document(record, chunks, [base_terms(c.text) for c in chunks])
    yield catalog
    catalog.close()


def _reference(catalog: Catalog, query: str, k: int, filters) -> list[tuple[str, float]]:
    index = BM25Index()
    for chunk_id, terms in catalog.iter_terms():
        index.add_terms(chunk_id, terms)
    metadata = catalog.chunk_metadata()
    allowed = None
    if filters is not None and not filters.is_empty():
        allowed = [filter_matches(filters, *metadata[i]) for i in index.ids]
    return index.search(query, k, allowed)


@pytest.mark.parametrize("filters", FILTERS)
def test_search_ranks_like_plain_bm25_with_the_filter_rule(catalog, filters):
    keyword = CatalogKeywordIndex(catalog)
    for query in QUERIES:
        assert keyword.search(query, 10, filters) == _reference(catalog, query, 10, filters)


@pytest.mark.parametrize("filters", FILTERS)
def test_mask_is_the_filter_rule(catalog, filters):
    metadata = catalog.chunk_metadata()
    ids = sorted(metadata)
    mask = MetadataColumns(ids, metadata).mask(filters)
    expected = [filter_matches(filters, *metadata[i]) for i in ids]
    if filters is None or filters.is_empty():
        assert mask is None
    else:
        assert mask.tolist() == expected


def test_scores_for_match_search_and_follow_the_catalog(catalog):
    keyword = CatalogKeywordIndex(catalog)
    ranked = keyword.search("Bebauungsplan", 5)
    assert keyword.scores_for("Bebauungsplan", [i for i, _ in ranked] + ["fehlt"]) == dict(ranked)
    removed = ranked[0][0].split(":")[0]
    catalog.remove_document(removed)
    assert all(not i.startswith(f"{removed}:") for i, _ in keyword.search("Bebauungsplan", 20))
    assert keyword.search("Bebauungsplan", 20) == _reference(catalog, "Bebauungsplan", 20, None)


def _record(doc_id: str, chunks: int) -> DocumentRecord:
    return DocumentRecord(
        doc_id=doc_id, title=doc_id, path=f"/x/{doc_id}.txt", doc_type="dokument", pages=chunks, chunks=chunks,
        content_hash=doc_id, ingested_at=datetime(2026, 12, 1),
    )  # fmt: skip


def _chunk(doc_id: str, n: int, text: str) -> Chunk:
    return Chunk(chunk_id=f"{doc_id}:v:{n}", doc_id=doc_id, text=text, title=doc_id, doc_type="dokument",
                 page=n + 1, position=n)  # fmt: skip


def test_document_scores_see_the_whole_document(tmp_path):
    """A document whose chunks together cover the question beats one whose single chunk covers part of it."""
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    spread = [_chunk("a", 0, "Das Freibad öffnet im Juni."), _chunk("a", 1, "Die Eintrittspreise steigen.")]
    single = [_chunk("b", 0, "Das Hallenbad öffnet im Juni."), _chunk("b", 1, "Der Winterdienst räumt Wege.")]
    filler = [_chunk("c", 0, "Die Bibliothek verlängert Öffnungszeiten."), _chunk("c", 1, "Neue Radwege entstehen.")]
    for chunks in (spread, single, filler):
        catalog.replace_document(_record(chunks[0].doc_id, 2), chunks, [base_terms(c.text) for c in chunks])
    index = CatalogKeywordIndex(catalog)
    ids = ["a:v:0", "a:v:1", "b:v:0", "unbekannt"]
    per_chunk, reference = index.document_scores("Freibad Eintrittspreise", ids, reference_size=2)
    assert set(per_chunk) == {"a:v:0", "a:v:1", "b:v:0"}
    assert per_chunk["a:v:0"] == per_chunk["a:v:1"] > per_chunk["b:v:0"]
    assert len(reference) == 2 and max(reference) == per_chunk["a:v:0"]
    catalog.close()


class _RecordingVectors:
    """An exact in-memory vector index that records which filters reached it."""

    def __init__(self, catalog: Catalog) -> None:
        from assistant.index.vector_stores import InMemoryVectorIndex

        self.inner = InMemoryVectorIndex()
        chunks = list(catalog.chunks(sorted(catalog.chunk_metadata())).values())
        vectors = np.random.default_rng(8).normal(size=(len(chunks), 6)).astype(np.float32)
        self.inner.add(chunks, vectors / np.linalg.norm(vectors, axis=1, keepdims=True))
        self.filters_seen: list = []

    def query(self, vector, k, filters=None):
        self.filters_seen.append(filters)
        return self.inner.query(vector, k, filters)

    def __getattr__(self, name):
        return getattr(self.inner, name)


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("candidates", [2, 5, 50])
def test_dense_candidates_under_a_filter_are_the_exact_filtered_ones(catalog, filters, candidates):
    """Broad filters are applied after an over-fetched unfiltered search, narrow ones by the vector store;
    either way the dense candidates are the exact top ones that pass (the in-memory index is exact), at least
    ``POSTFILTER_ENOUGH`` of the wanted number."""
    from assistant.retrieval.hybrid import POSTFILTER_ENOUGH, POSTFILTER_MIN_SHARE, HybridRetriever
    from assistant.settings import RetrievalSettings

    vectors = _RecordingVectors(catalog)
    keyword = CatalogKeywordIndex(catalog)
    retriever = HybridRetriever(catalog, keyword, vectors, None, RetrievalSettings(candidates=candidates))
    query = np.random.default_rng(3).normal(size=6).astype(np.float32)
    got = retriever._dense(query, candidates, filters)
    exact = vectors.inner.query(query, candidates, filters)
    assert got == exact[: len(got)] and len(got) >= POSTFILTER_ENOUGH * len(exact)
    view = keyword.filter_view(filters)
    if view is not None and view.share >= POSTFILTER_MIN_SHARE and got:
        assert vectors.filters_seen[0] is None  # the unfiltered search answered it


def _answers(keyword: CatalogKeywordIndex) -> list:
    """Everything search reads from the keyword index, for every query and filter."""
    results = []
    for query in QUERIES:
        ranked = keyword.search(query, 10)
        results += [ranked, keyword.scores_for(query, [i for i, _ in ranked]), keyword.analyse(query)]
        results += [keyword.idf(t) for t in keyword.analyse(query)]
        results.append(keyword.document_scores(query, [i for i, _ in ranked], 5))
        results += [keyword.search(query, 10, f) for f in FILTERS]
    return results


def test_a_saved_index_loads_after_a_restart_and_answers_the_same(catalog, tmp_path, monkeypatch):
    import assistant.index.keyword_store as store

    monkeypatch.setattr(store, "SAVE_AFTER_SECONDS", 0.0)
    saved = tmp_path / "stichwortindex.npz"
    built = CatalogKeywordIndex(catalog, snapshot_file=saved)
    expected = _answers(built)
    assert saved.is_file()
    monkeypatch.setattr(store.CatalogKeywordIndex, "_build", lambda self, generation: pytest.fail("rebuilt"))
    restarted = CatalogKeywordIndex(catalog, snapshot_file=saved)
    assert _answers(restarted) == expected and len(restarted) == len(built)
    assert restarted.filter_view(FILTERS[2]).passing == built.filter_view(FILTERS[2]).passing


def test_a_saved_index_of_an_older_catalog_or_a_damaged_file_is_rebuilt(catalog, tmp_path, monkeypatch):
    import assistant.index.keyword_store as store

    monkeypatch.setattr(store, "SAVE_AFTER_SECONDS", 0.0)
    saved = tmp_path / "stichwortindex.npz"
    CatalogKeywordIndex(catalog, snapshot_file=saved).search("Bebauungsplan", 5)
    catalog.remove_document("d2")
    after = CatalogKeywordIndex(catalog, snapshot_file=saved)
    assert after.search("Bebauungsplan", 20) == _reference(catalog, "Bebauungsplan", 20, None)
    saved.write_bytes(b"kein Index")
    damaged = CatalogKeywordIndex(catalog, snapshot_file=saved)
    assert damaged.search("Bebauungsplan", 20) == _reference(catalog, "Bebauungsplan", 20, None)


def test_a_saved_index_of_another_catalog_at_the_same_generation_is_not_used(catalog, tmp_path, monkeypatch):
    import assistant.index.keyword_store as store

    monkeypatch.setattr(store, "SAVE_AFTER_SECONDS", 0.0)
    saved = tmp_path / "stichwortindex.npz"
    CatalogKeywordIndex(catalog, snapshot_file=saved).search("Bebauungsplan", 5)
    other = Catalog(tmp_path / "neu" / "catalog.sqlite3")  # the same documents, other texts: same generation
    for number, (doc_type, stand) in enumerate(DOCUMENTS):
        chunks = [c.model_copy(update={"text": "Winterdienst und Streupflicht"})
                  for c in _chunks(number, doc_type, stand)]  # fmt: skip
        record = DocumentRecord(
            doc_id=f"d{number}", title=f"d{number}", path=f"/x/d{number}.txt", doc_type=doc_type, stand=stand,
            pages=3, chunks=3, content_hash=str(number), ingested_at=datetime(2026, 12, 1),
        )  # fmt: skip
        other.replace_document(record, chunks, [base_terms(c.text) for c in chunks])
    assert CatalogKeywordIndex(other, snapshot_file=saved).search("Bebauungsplan", 5) == []
    # same generation and chunk count as the catalog the file was saved for: only the catalog id differs
    assert other.generation == catalog.generation and other.chunk_count() == catalog.chunk_count()
    other.close()
