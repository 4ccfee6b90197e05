"""GQ-06 near duplicates: lexical similarity, the embedder seam, thresholds, one finding per pair."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.goals.similarity import content_words, lexical_similarity
from tests.unit.goals.helpers import check, example, found, new_goal


class ConstantEmbedder:
    """Every text gets the same vector: cosine 1, so the score is w·lexical + (1 − w)."""

    dimension = 2

    def __init__(self) -> None:
        self.calls = 0

    def embed_documents(self, texts, *, progress=False):
        self.calls += 1
        return np.tile(np.array([1.0, 0.0], dtype=np.float32), (len(texts), 1))

    def embed_query(self, text):
        return np.array([1.0, 0.0], dtype=np.float32)


class OrthogonalEmbedder(ConstantEmbedder):
    """Every text its own direction: cosine 0."""

    def embed_documents(self, texts, *, progress=False):
        self.calls += 1
        return np.eye(len(texts), max(len(texts), 2), dtype=np.float32)


def lex(a: str, b: str) -> float:
    return lexical_similarity(content_words(a), content_words(b))


def test_lexical_similarity_handles_stems_compounds_and_synonyms():
    assert lex("Der CO2-Ausstoß sinkt um 40 Prozent.", "Die Treibhausgasemissionen gehen um 40 Prozent zurück.") == 1
    assert lex("Die Zahl der Wohnungen steigt um 500.", "Die Zahl der Arbeitsplätze steigt um 500.") == 0
    inflected = lex("Musterstadt hat bezahlbaren Wohnraum.", "In Musterstadt ist Wohnraum bezahlbar.")
    assert inflected == pytest.approx(1.0)
    # a shared compound head counts more than a shared first part
    head = lex("Der Haushalt ist ausgeglichen.", "Der Ergebnishaushalt ist ohne Fehlbetrag.")
    modifier = lex("Die Schule ist gut.", "Die Schulabgänger sind gut.")
    assert head > modifier > 0


def _with_duplicate(title: str) -> dict:
    data = example()
    data["ziele"].insert(6, new_goal("Z7", title, "HF1"))
    data["fachstrategien"][0]["ziele"][0]["beitrag_zu"].append("Z7")
    return data


def test_gq06_finds_the_same_outcome_in_other_words_with_one_finding_naming_both():
    data = _with_duplicate("Bis 2030 verlassen weniger als 4 Prozent der Jugendlichen die Schule ohne Abschluss.")
    findings = [f for f in check(data, embedder=ConstantEmbedder()) if f.rule == "GQ-06"]
    assert [(f.severity, f.goal_id, f.location) for f in findings] == [("warning", "Z7", "ziele[6].titel")]
    assert "Ziel Z7" in findings[0].message and "Ziel Z1" in findings[0].message


def test_gq06_silent_for_different_outcomes_in_the_same_field():
    data = _with_duplicate("Die Betreuungsquote der unter Dreijährigen steigt bis 2030 auf 50 Prozent.")
    assert found(data, "GQ-06") == []
    assert [f for f in check(data, embedder=ConstantEmbedder()) if f.rule == "GQ-06"] == []


def test_gq06_threshold_boundary_and_weight():
    data = _with_duplicate("In Musterstadt ist Wohnraum für alle Generationen bezahlbar.")  # Z2 in other words

    # the same content words: lexical 1; orthogonal vectors: cosine 0 → score = weight 0.6
    def gq06(**thresholds):
        return [f.goal_id for f in check(data, embedder=OrthogonalEmbedder(), **thresholds) if f.rule == "GQ-06"]

    assert gq06(duplikat_schwelle=0.6) == ["Z7"]
    assert gq06(duplikat_schwelle=0.61) == []
    assert gq06(duplikat_schwelle=0.61, duplikat_gewicht_lexikalisch=0.7) == ["Z7"]


def test_gq06_one_finding_per_goal_for_its_closest_earlier_duplicate():
    data = example()
    for goal_id in ("N1", "N2"):  # close to Z2 („… für alle Generationen.“), identical to each other
        data["ziele"].append(
            new_goal(goal_id, "Musterstadt hat bezahlbaren Wohnraum für alle Generationen und Familien.", "HF2")
        )
    findings = [f for f in check(data) if f.rule == "GQ-06"]
    assert [f.goal_id for f in findings] == ["N1", "N2"]  # not Z2–N1, Z2–N2 and N1–N2
    assert "wie Ziel N1" in findings[1].message  # N2's closest: the identical N1, not Z2


def test_gq06_does_not_call_the_model_when_no_pair_can_reach_the_threshold():
    embedder = ConstantEmbedder()
    assert [f for f in check(example(), embedder=embedder) if f.rule == "GQ-06"] == []
    assert embedder.calls == 0


def test_gq06_constraints_are_not_compared_and_results_are_deterministic():
    data = example()
    data["ziele"].append({"id": "R2", "titel": "Musterstadt hat bezahlbaren Wohnraum für alle Generationen.",
                          "art": "restriktion"})  # fmt: skip
    assert found(data, "GQ-06") == []
    assert check(data) == check(data)
