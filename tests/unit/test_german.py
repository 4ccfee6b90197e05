from collections import Counter

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
