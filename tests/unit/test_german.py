from collections import Counter

import pytest

from assistant.text.german import Decompounder, analyse, base_terms, fold, stem


def _analysed(text: str, corpus: str) -> set[str]:
    decompounder = Decompounder(Counter(base_terms(corpus)))
    return set(analyse(base_terms(text), decompounder))


CORPUS = (
    "Die Kinder besuchen die Kindertagesstätte. Jeder Platz zählt. Die Betreuung ist gut. "
    "Die Stätte am Tag der offenen Tür. Der Bau und die Förderung von Wohnungen."
)


def test_umlauts_and_sharp_s_are_folded():
    assert fold("straße") == "strasse"
    assert stem("Plätze") == stem("Platze")


def test_stop_words_are_dropped_and_numbers_kept():
    terms = base_terms("Wie hoch ist der Anteil 2030 mit 7,1 Prozent und 41.200 Beschäftigten?")
    assert "wie" not in terms and "der" not in terms
    assert "2030" in terms and "7,1" in terms and "7.1" in terms
    assert "41.200" in terms and "41200" in terms


def test_hyphenated_words_give_parts_and_joined_form():
    terms = base_terms("Kita-Platz")
    assert {"kita", "platz", "kitaplatz"} <= set(terms)


def test_abbreviations_expand_to_long_form():
    assert "kindertagesstatte" in base_terms("Kita")
    assert {"offentlicher", "personennahverkehr"} <= set(base_terms("ÖPNV"))
    assert "vollzeitaquivalent" in base_terms("VZÄ")


def test_compound_is_split_into_known_parts():
    terms = _analysed("Kindertagesstättenplatz", CORPUS)
    assert stem("kindertagesstatte") in terms
    assert stem("platz") in terms


def test_kita_platz_and_kindertagesstaettenplatz_and_betreuungsplatz_meet():
    kita = _analysed("Kita-Platz", CORPUS)
    long_form = _analysed("Kindertagesstättenplatz", CORPUS)
    care = _analysed("Betreuungsplatz", CORPUS)
    assert kita & long_form >= {stem("platz"), stem("kindertagesstatte")}
    assert stem("platz") in care and stem("betreuung") in care


def test_unknown_long_word_is_not_split():
    assert Decompounder(Counter(["haus"])).split("xylophonorchester") == ("xylophonorchester",)


def test_linking_s_is_removed():
    decompounder = Decompounder(Counter(["betreuung", "platz"]))
    assert decompounder.split("betreuungsplatz") == ("betreuung", "platz")


def test_dates_meet_in_one_form():
    from assistant.text.german import base_terms

    assert "11.3.2025" in base_terms("am 11.03.2025") and "11.3.2025" in base_terms("am 11.3.25")
    assert "15.11.2023" in base_terms("Sitzung vom 15.11.23")
    assert base_terms("41.200 Euro")[:2] == ["41.200", "41200"]  # a thousands separator is no date
    assert base_terms("Abschnitt 3.40.1") == ["abschnitt", "3.40.1"]  # no month 40


def test_abbreviations_defined_in_a_document():
    from assistant.text.abbreviations import definitions, most_common

    text = "Der Kommunale Ordnungsdienst (KOD) und die Volkshochschule (VHS) berichten (Stand) im Mai (2021)."
    assert definitions(text) == {"KOD": "Kommunale Ordnungsdienst", "VHS": "Volkshochschule"}
    assert definitions("Der Rat (GR) tagt.") == {}  # „Der Rat“ does not spell G…R
    assert most_common([("SBR", "Stadtteilbeirat"), ("SBR", "Stadtteilbeirat"), ("SBR", "Seniorenbeirat")]) == {
        "sbr": "Stadtteilbeirat"
    }


@pytest.mark.parametrize(
    ("acronym", "text", "expected"),
    [
        ("VHS", "die volkshochschule lädt ein", True),  # letters at compound-part starts
        ("ASD", "der allgemeine sozialdienst", True),  # a word, then parts of the next
        ("StVO", "nach der strassenverkehrsordnung", True),  # „St“ continues, „V“/„O“ begin parts
        ("KJR", "der kreisjugendring", True),  # the last letter inside the last part
        ("FFW", "die freiwillige feuerwehr", True),
        ("AVS", "ausschuss für verkehr und sport", True),  # stop words between are skipped
        ("BA", "am bahnhof", False),  # one word start only: „Bahn“ alone does not spell B-A
        ("RH", "in der reihe", False),
        ("VHS", "volle hallen schwimmen", True),  # three word starts spell it, whatever they mean
        ("StVO", "sicherheit der verkehrsordnung", False),  # lower-case „t“ must continue the „S“
        ("IT", "in teilen der stadt", False),  # a run never begins with a stop word
    ],
)
def test_an_acronym_is_spelled_by_words_and_compound_parts(acronym, text, expected):
    from assistant.text.abbreviations import spells

    parts = {"volkshochschule": [5, 9], "sozialdienst": [6], "strassenverkehrsordnung": [8, 16],
             "kreisjugendring": [5, 11], "feuerwehr": [5]}  # fmt: skip
    assert spells(acronym, text.split(), lambda word: parts.get(word, [])) is expected


def test_what_looks_like_an_acronym():
    from assistant.text.abbreviations import looks_like_acronym

    words = ["ASD", "StVO", "KfW", "IT", "Kita", "Ulm", "2025", "U3", "ABCDEFG"]
    assert [w for w in words if looks_like_acronym(w)] == ["ASD", "StVO", "KfW", "IT"]


def test_a_defined_abbreviation_finds_the_long_form(tmp_path):
    from assistant.index.catalog import Catalog
    from assistant.index.keyword_store import CatalogKeywordIndex

    catalog = Catalog(tmp_path / "c.sqlite3")
    keyword = CatalogKeywordIndex(catalog)
    from datetime import datetime

    from assistant.models import Chunk, DocumentRecord
    from assistant.text.german import base_terms

    texts = ["Die Stadtbibliothek Nord (SBN) plant neue Öffnungszeiten.", "Die Stadtbibliothek Nord öffnet ab 2031."]
    for n, text in enumerate(texts):
        chunk = Chunk(chunk_id=f"c{n}", doc_id=f"d{n}", text=text, title="T", doc_type="bericht", page=1, position=0)
        record = DocumentRecord(doc_id=f"d{n}", title="T", path=f"/d{n}", doc_type="bericht", pages=1, chunks=1,
                                content_hash="h", ingested_at=datetime.now())  # fmt: skip
        catalog.replace_document(record, [chunk], [base_terms(text)])
    assert {chunk_id for chunk_id, _ in keyword.search("Wann öffnet die SBN?", 5)} == {"c0", "c1"}


def test_split_words_are_joined_only_when_the_document_knows_the_word():
    from assistant.text.repair import join_split_words, vocabulary

    text = (
        "Die Zusammensetzung des Beirats. Die Zusam mensetzung ist neu. Der Rat in Erlangen tagt in Erlan gen. "
        "Sie steht an der Schule, an der Ecke; ander ist kein Wort. Haus halt ohne Haushalt im Text? Nein."
    )
    repaired = join_split_words(text, vocabulary(text))
    assert "Die Zusammensetzung ist neu" in repaired and "tagt in Erlangen." in repaired
    assert "an der Schule, an der Ecke" in repaired  # function words stay apart
    assert join_split_words("Haus halt", vocabulary("Haus halt")) == "Haus halt"  # no evidence, no join


def test_dotted_abbreviations_do_not_end_a_sentence():
    from assistant.text.sentences import split_sentences

    text = "Zuweisungen i.H.v. 3,7 Mio. Euro kommen z.B. vom Land. Danach neu."
    assert split_sentences(text) == ["Zuweisungen i.H.v. 3,7 Mio. Euro kommen z.B. vom Land.", "Danach neu."]


def test_titles_and_weekdays_in_minutes_do_not_end_a_sentence():
    from assistant.text.sentences import split_sentences

    text = "Anwesend: Hr. Maier, Fr. Schulz und Hrn. Özdemir. Nächste Sitzung am Di. 4. Mai. Danach neu."
    assert split_sentences(text) == [
        "Anwesend: Hr. Maier, Fr. Schulz und Hrn. Özdemir.",
        "Nächste Sitzung am Di. 4. Mai.",
        "Danach neu.",
    ]


def test_complete_sentences_and_fragments():
    from assistant.text.sentences import is_complete_sentence

    assert is_complete_sentence("Die Stadt hat 41.000 Einwohnerinnen und Einwohner.")
    assert is_complete_sentence("„Bis 2030 entstehen 500 Wohnungen“, sagt der Rat.")
    assert not is_complete_sentence("3,7 Millionen Euro, als auch aus Erstattungen des Landes.")
    assert not is_complete_sentence("größte Altlast der Stadt, das ehemalige Gelände, umgewandelt wird.")
    assert not is_complete_sentence("Die Erstattungen für Ausfälle i.H.v.")
    assert not is_complete_sentence("Die Kosten (ohne Grunderwerb betragen 4 Mio. Euro.")
