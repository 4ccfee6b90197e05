from assistant.index.keyword import BM25Index
from assistant.retrieval.fusion import weighted_fusion, z_scores


def _index():
    index = BM25Index()
    index.add_text("kita", "Die Stadt schafft 120 neue Kindertagesstättenplätze im Stadtteil Nord.")
    index.add_text("wohnen", "Die Wohnungsbaugesellschaft baut 250 geförderte Wohnungen.")
    index.add_text("bus", "Der öffentliche Personennahverkehr wird im Takt verdichtet.")
    index.add_text("betreuung", "Die Betreuung der Kinder in der Tagespflege wird ausgebaut.")
    return index


def test_compound_query_finds_long_form():
    assert _index().search("Kita-Plätze", 3)[0][0] == "kita"
    assert _index().search("Kindertagesstättenplatz", 3)[0][0] == "kita"


def test_betreuungsplatz_meets_kita_platz_and_betreuung():
    hits = [i for i, _ in _index().search("Betreuungsplatz", 4)]
    assert set(hits[:2]) == {"kita", "betreuung"}


def test_abbreviation_query_finds_long_form():
    assert _index().search("ÖPNV Takt", 1)[0][0] == "bus"


def test_no_match_gives_no_hits_and_removal_works():
    index = _index()
    assert index.search("Feuerwehrgerätehaus", 3) == []
    index.remove(["kita"])
    assert "kita" not in [i for i, _ in index.search("Kindertagesstättenplätze", 3)]


def test_filter_mask_excludes_units():
    index = _index()
    allowed = [unit != "kita" for unit in index.ids]
    assert "kita" not in [i for i, _ in index.search("Kita Plätze", 4, allowed)]


def test_z_scores_use_reference_statistics():
    z = z_scores({"a": 3.0, "b": 1.0}, [3.0, 1.0])
    assert z["a"] == 1.0 and z["b"] == -1.0


def test_weighted_fusion_prefers_agreement_and_floors_missing():
    fused = weighted_fusion(
        {"a": 10.0, "b": 9.0, "c": 1.0}, [10.0, 9.0, 1.0], {"b": 0.9, "d": 0.8}, [0.9, 0.8], 0.7, 0.3
    )
    assert max(fused, key=fused.get) == "b"  # strong in both lists
    assert fused["d"] < fused["a"]
    assert set(fused) == {"a", "b", "c", "d"}


def test_document_evidence_lifts_chunks_of_the_better_document():
    from assistant.retrieval.fusion import add_document_evidence

    fused = {"a:1": 1.0, "b:1": 1.0, "c:1": 0.5}
    documents = {"a:1": 2.0, "b:1": 6.0}
    lifted = add_document_evidence(fused, documents, [6.0, 2.0], weight=1.0)
    assert lifted["b:1"] > lifted["a:1"]
    assert lifted["c:1"] < lifted["a:1"]  # no document score: the floor
    assert add_document_evidence(fused, documents, [6.0, 2.0], weight=0.0) == fused
