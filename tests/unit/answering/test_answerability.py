"""The answerability decision and its parts, on neutral examples: question analysis, coverage,
features, the logistic confidence and the three outcomes at their thresholds."""

from __future__ import annotations

import math

import numpy as np
import pytest

from assistant.answering.answerability import Decision, Features, confidence, decide, features
from assistant.answering.evidence import (
    Evidence,
    EvidenceEngine,
    PassageEvidence,
    ScoredUnit,
    coverage,
    has_answer_type,
)
from assistant.answering.params import AnswerabilityModel, AnswerParams
from assistant.answering.question import QuestionAnalyser, QuestionTerm, answer_type, split_question
from assistant.index.unit_store import StoredUnit
from assistant.models import SearchHit
from assistant.text.german import base_terms, stem


def _analyser(idf: dict[str, float] | None = None) -> QuestionAnalyser:
    table = idf or {}
    return QuestionAnalyser(
        analyse=lambda text: [w.lower() for w in text.split()],
        idf=lambda term: table.get(term, 2.0),
        embed_query=lambda text: np.ones(4) / 2,
        params=AnswerParams(),
    )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Wann öffnet die neue Bibliothek?", "zeit"),
        ("Bis wann soll der Radweg fertig sein?", "zeit"),
        ("In welchem Jahr wurde die Brücke gebaut?", "zeit"),
        ("Wie viele Bäume wurden gepflanzt?", "menge"),
        ("Wie hoch sind die Gebühren für die Musikschule?", "menge"),
        ("Welchen Anteil hat der Radverkehr?", "menge"),
        ("Wer leitet das Bauamt?", "person"),
        ("Von wem stammt der Antrag?", "person"),
        ("Welche Maßnahmen plant die Stadt für Senioren?", "andere"),
        ("Ab welcher Uhrzeit gilt die Nachtruhe?", "zeit"),
        ("An welchen Tagen hat das Bürgerbüro offen?", "zeit"),
        ("Termin des Stadtfests?", "zeit"),
        ("Für welches Alter ist der Kurs?", "menge"),
        ("Welchen Investitionszuschuss bekommt der Sportverein?", "menge"),
        ("Mit welchen Kosten rechnet das Bauamt?", "menge"),
        ("Welche Baukosten nennt der Plan?", "menge"),
        ("Welche Werkstätten gibt es?", "andere"),
        ("An welche Mailadresse gehen Bauanträge?", "kontakt"),
        ("Unter welcher Telefonnummer erreiche ich das Standesamt?", "kontakt"),
    ],
)
def test_answer_type(question, expected):
    assert answer_type(question) == expected


def test_split_question_in_two_parts_and_one():
    assert split_question("Wie teuer ist die Sanierung und bis wann dauert sie?") == [
        "Wie teuer ist die Sanierung",
        "bis wann dauert sie?",
    ]
    assert split_question("Welche Schulen und Kitas werden saniert?") == ["Welche Schulen und Kitas werden saniert?"]


def test_question_terms_weigh_nouns_fully_verbs_less_and_years_are_not_key_words():
    terms = {t.head: t for t in _analyser().terms("Wann wurde die Bibliothek 2024 eröffnet?")}
    assert "wann" not in terms  # a question word
    assert terms["bibliothek"].key and terms["bibliothek"].weight == 2.0
    assert not terms["eroffnet"].key and math.isclose(terms["eroffnet"].weight, 2.0 * AnswerParams().non_noun_weight)
    assert not terms["2024"].key  # a year narrows the question but names no topic
    assert terms["2024"].weight == 2.0


def test_a_hyphenated_noun_and_its_parts_are_key_words():
    terms = {t.head: t for t in _analyser().terms("Wann tagt der Bau-Ausschuss?")}
    assert terms["bau"].key and terms["ausschuss"].key
    assert "bauausschuss" not in terms  # the parts stand for it: a text writing it solid is decompounded
    assert not terms["tagt"].key


@pytest.mark.parametrize(
    ("question", "focus"),
    [
        ("Welche Sportarten bietet der Verein an?", "sportart"),
        ("Welcher frühere Bürgermeister eröffnete das Museum?", "burgermeist"),
        ("Wie heißt der Nachfolger des Kämmerers?", "nachfolg"),
    ],
)
def test_the_focus_names_the_kind_of_answer_and_weighs_like_a_verb(question, focus):
    analyser = QuestionAnalyser(
        analyse=lambda text: [stem(w) for w in base_terms(text)], idf=lambda term: 2.0,
        embed_query=lambda text: np.ones(4) / 2, params=AnswerParams(),
    )  # fmt: skip
    terms = {t.head: t for t in analyser.terms(question)}
    assert not terms[focus].key and math.isclose(terms[focus].weight, 2.0 * AnswerParams().non_noun_weight)
    assert sum(t.key for t in terms.values()) == 1  # the one topic noun (Verein, Museum, Kämmerer)


def test_an_acronym_of_the_question_is_present_where_a_unit_spells_it_out():
    analyser = QuestionAnalyser(
        analyse=lambda text: [stem(w) for w in base_terms(text)], idf=lambda term: 2.0,
        embed_query=lambda text: np.ones(4) / 2, params=AnswerParams(),
    )  # fmt: skip
    question = analyser.analyse("Wann tagt der ASD?")
    assert {t.head: t.acronym for t in question.terms} == {"tagt": None, "asd": "ASD"}
    units = [_unit("c1", 0, "Der Allgemeine Sozialdienst tagt montags."), _unit("c1", 1, "Die Kasse schließt.")]
    parts = {"sozialdienst": ["sozial", "dienst"]}
    engine = EvidenceEngine(
        _Units({"c1": units}), lambda terms: [x for t in terms for x in [stem(t), *parts.get(t, [])]], AnswerParams()
    )
    evidence = engine.gather(question, [_hit("…")])
    assert "asd" in evidence.passages[0].present
    assert evidence.best.text.startswith("Der Allgemeine Sozialdienst") and "asd" in evidence.best.covers


class _Units:
    def __init__(self, units):
        self._units = units

    def units_for(self, chunk_ids):
        return {c: self._units.get(c, []) for c in chunk_ids}


def _unit(chunk_id: str, ordinal: int, text: str) -> StoredUnit:
    return StoredUnit(chunk_id, ordinal, 0, "sentence", None, text, text, tuple(base_terms(text)), np.ones(4) / 2)


def test_coverage_counts_idf_weight_and_compound_parts_partly():
    terms = [QuestionTerm("sporthalle", ("sport", "halle"), 3.0, 3.0, True), QuestionTerm("dach", (), 1.0, 1.0, True)]
    whole, heads = coverage(terms, {"sporthalle", "dach"}, part_credit=0.7)
    assert whole == 1.0 and heads == {"sporthalle", "dach"}
    parts, heads = coverage(terms, {"sport", "halle"}, part_credit=0.7)
    assert math.isclose(parts, 3.0 * 0.7 / 4.0) and heads == {"sporthalle"}
    half, heads = coverage(terms, {"sport", "dach"}, part_credit=0.7)
    assert math.isclose(half, (3.0 * 0.7 * 0.5 + 1.0) / 4.0) and heads == {"dach"}
    assert coverage([], {"dach"}, 0.7) == (0.0, set())


def test_answer_type_needs_a_new_figure_or_a_date():
    question = _analyser().analyse("Wie viele Bäume stehen in Zone 3?")
    assert not has_answer_type(question, "In Zone 3 stehen Linden.")  # the 3 is the question's own
    assert has_answer_type(question, "In Zone 3 stehen 140 Linden.")
    when = _analyser().analyse("Wann beginnt der Umbau?")
    assert has_answer_type(when, "Der Umbau beginnt im Frühjahr.")
    assert has_answer_type(when, "Die Bauarbeiter kommen dienstags ab 7:30 Uhr.")
    assert not has_answer_type(when, "Die Montage der Uhr dauert.")
    assert not has_answer_type(when, "Der Umbau wird teuer.")
    assert has_answer_type(when, "Die Tradition lässt sich bis ins Jahr 1180 zurückverfolgen.")
    assert has_answer_type(when, "Die Siedlung entstand in den 50er Jahren.")
    assert not has_answer_type(when, "Es kamen 1180 Gäste.")


def test_a_date_or_clock_time_is_no_amount():
    question = _analyser().analyse("Wie viele Gäste kamen zur Sitzung?")
    assert not has_answer_type(question, "Sitzung am 12.03.2024 von 18:30 bis 20:00 Uhr.")
    assert not has_answer_type(question, "Die Sitzung im Jahr 2024 begann um 19 Uhr.")
    assert has_answer_type(question, "Gäste: ca. 40")
    assert not has_answer_type(question, "Sitzung im Rathaus, Marktplatz 1, zu TOP 3 nach § 12 Abs. 2.")
    assert has_answer_type(question, "Am 12.03.2024 kamen 1.250 Gäste.")
    assert has_answer_type(question, "Im Jahr 2024 kamen drei Gäste.")



def test_a_subsection_or_list_number_is_no_amount_and_a_question_in_the_text_no_answer():
    question = _analyser().analyse("Wie viele Gäste kamen zur Sitzung?")
    assert not has_answer_type(question, "(2) Die Gäste der Sitzung werden eingeladen.")
    assert not has_answer_type(question, "3. Die Gäste der Sitzung werden eingeladen.")
    assert has_answer_type(question, "3. Zur Sitzung kamen 40 Gäste.")
    assert not has_answer_type(question, "Wie viele der 40 eingeladenen Gäste kamen zur Sitzung?")


def test_a_who_question_needs_a_name_it_does_not_give_itself():
    question = _analyser().analyse("Wer leitet das Bauamt von Anna Berg?")
    assert question.answer_type == "person"
    assert has_answer_type(question, "Das Bauamt leitet Jonas Kraft.")
    assert not has_answer_type(question, "Das Bauamt von Anna Berg wird neu geleitet.")


def test_a_contact_question_needs_an_address_or_number():
    question = _analyser().analyse("An welche Mailadresse gehen Anträge?")
    assert has_answer_type(question, "antraege@stadt-beispiel.de")
    assert has_answer_type(question, "Telefon 0721 133-0")
    assert has_answer_type(question, "Formulare unter www.stadt-beispiel.de")
    assert not has_answer_type(question, "Anträge gehen an das Bauamt.")
    assert not has_answer_type(question, "Die Gebühr beträgt 120 Euro.")


def _hit(text: str, n: int = 1) -> SearchHit:
    return SearchHit(rank=n, chunk_id=f"c{n}", doc_id=f"d{n}", title="Bericht", page=n, score=1.0, text=text)


def _evidence(question: str, *, unit_cov: float, passage_cov: float, present: set[str], years: bool = True,
              typed: bool = True) -> Evidence:  # fmt: skip
    analysis = _analyser({"bibliothek": 4.0, "offnungszeit": 5.0}).analyse(question)
    unit = ScoredUnit(0, 0, "Ein Satz.", 0.5, unit_cov, 0.4, frozenset(present), typed)
    return Evidence(analysis, [_hit("Ein Satz.")], [unit], [PassageEvidence(passage_cov, frozenset(present), years)])


def test_features_of_the_best_unit_and_passage():
    question = "Wie ist die Öffnungszeit der Bibliothek"
    evidence = _evidence(question, unit_cov=0.6, passage_cov=0.8, present={"bibliothek"})
    values = features(evidence)
    assert values.unit_coverage == 0.6 and values.passage_coverage == 0.8 and values.dense == 0.4
    assert values.rarest_present == 0.0  # „Öffnungszeit“ (highest IDF) is missing
    assert math.isclose(values.key_coverage, 4.0 / 9.0)
    assert values.type_match == 1.0 and values.year_match == 1.0


def test_confidence_is_the_logistic_model():
    params = AnswerParams(answerability=AnswerabilityModel(bias=-1.0, weights={"unit_coverage": 2.0}))
    values = Features(0.5, *[0] * 8)
    assert math.isclose(confidence(values, params), 0.5)
    assert confidence(Features(1.0, *[0] * 8), params) > 0.5 > confidence(Features(0.0, *[0] * 8), params)


@pytest.mark.parametrize(
    ("coverage_value", "status"),
    [(0.0, "nicht_gefunden"), (0.5, "unsicher"), (0.75, "beantwortet"), (1.0, "beantwortet")],
)
def test_three_outcomes_at_their_thresholds(coverage_value, status):
    # p = σ(4·(cov − 0.5)): 0.5 at cov 0.5 (exactly refuse_below → hedged, not refused)
    params = AnswerParams(
        answerability=AnswerabilityModel(bias=-2.0, weights={"unit_coverage": 4.0}),
        refuse_below=0.5,
        certain_from=1 / (1 + math.exp(-1.0)),  # p at cov 0.75
    )
    evidence = _evidence("Welche Öffnungszeit hat die Bibliothek", unit_cov=coverage_value, passage_cov=0.0,
                         present=set())  # fmt: skip
    decision = decide(evidence, params)
    assert decision.status == status
    assert decision.reason


def test_the_llm_threshold_is_lower():
    params = AnswerParams(answerability=AnswerabilityModel(bias=-2.0, weights={"unit_coverage": 4.0}),
                          refuse_below=0.5, llm_refuse_below=0.2)  # fmt: skip
    evidence = _evidence("Welche Öffnungszeit hat die Bibliothek", unit_cov=0.25, passage_cov=0.0, present=set())
    assert decide(evidence, params).status == "nicht_gefunden"
    assert decide(evidence, params, refuse_below=params.llm_refuse_below).status == "unsicher"


def test_no_hits_and_a_bare_year_are_refused():
    analysis = _analyser().analyse("Und 2025?")
    assert decide(Evidence(analysis, []), AnswerParams()).status == "nicht_gefunden"
    unit = ScoredUnit(0, 0, "Im Jahr 2025 stieg der Wert.", 0.9, 1.0, 0.9, frozenset({"2025"}), True)
    evidence = Evidence(analysis, [_hit(unit.text)], [unit], [PassageEvidence(1.0, frozenset({"2025"}), True)])
    decision = decide(evidence, AnswerParams())
    assert decision.status == "nicht_gefunden" and "Thema" in decision.reason


def test_a_missing_year_is_named_as_the_reason():
    params = AnswerParams(answerability=AnswerabilityModel(bias=-1.0, weights={"year_match": 3.0}))
    evidence = _evidence("Wie hoch war die Ausleihe der Bibliothek 2019", unit_cov=1.0, passage_cov=1.0,
                         present={"bibliothek"}, years=False)  # fmt: skip
    decision = decide(evidence, params)
    assert decision.status == "nicht_gefunden" and "Jahr" in decision.reason


def test_a_missing_kind_of_answer_is_named_as_the_reason():
    params = AnswerParams(answerability=AnswerabilityModel(bias=1.0, weights={"type_match": 0.5}))
    evidence = _evidence("Wer leitet die Bibliothek?", unit_cov=1.0, passage_cov=1.0, present={"bibliothek"},
                         typed=False)  # fmt: skip
    decision = decide(evidence, params)
    assert decision.status == "unsicher" and decision.weakness.endswith("(einen Namen)")


def test_a_certain_answer_needs_the_asked_year_in_its_sentence_or_its_passage_title():
    params = AnswerParams(answerability=AnswerabilityModel(bias=5.0, weights={}))  # p ≈ 0.99
    analysis = _analyser().analyse("Wie viele Bücher lieh die Bibliothek 2025 aus?")

    def decided(sentence: str, title: str = "Bericht") -> Decision:
        unit = ScoredUnit(0, 0, sentence, 0.9, 1.0, 0.9, frozenset(), True)
        hit = _hit(sentence).model_copy(update={"title": title})
        return decide(Evidence(analysis, [hit], [unit], [PassageEvidence(1.0, frozenset(), True)]), params)

    assert decided("Die Bibliothek verlieh 2025 rund 41.000 Bücher.").status == "beantwortet"
    assert decided("Die Bibliothek verlieh rund 41.000 Bücher.", title="Jahresbericht 2025").status == "beantwortet"
    other_year = decided("Die Bibliothek verlieh 2020 rund 38.000 Bücher.")
    assert other_year.status == "unsicher" and "Jahr" in other_year.weakness
