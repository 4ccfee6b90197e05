"""RES and GQ-01 … GQ-05 rules: fire, stay silent, boundaries."""

from __future__ import annotations

import pytest

from tests.unit.goals.helpers import check, example, found, goal, new_goal


def test_res01_goal_without_produkt():
    data = example()
    del goal(data, "Z4")["ressourcen"]["produkte"]
    [finding] = [f for f in check(data) if f.rule == "RES-01"]
    assert (finding.severity, finding.goal_id, finding.location) == ("error", "Z4", "ziele[3].ressourcen")
    assert finding.message == "Ziel Z4 ist keinem Produkt des Haushalts zugeordnet."


def test_res01_served_by_a_municipal_company_is_enough_but_not_by_an_ordinary_strategy():
    data = example()
    del goal(data, "Z2")["ressourcen"]  # served by WBG1/WBG2 of the housing company (art: beteiligung)
    del goal(data, "Z5")["ressourcen"]  # served by ZS2, a service area: not enough
    assert found(data, "RES-01") == [("error", "Z5")]


def test_res02_top_goal_needs_budget_and_follow_up_costs():
    data = example()
    del goal(data, "Z1")["ressourcen"]["budget_eur"]
    del goal(data, "Z2")["ressourcen"]["folgekosten_eur"]
    del goal(data, "Z3")["ressourcen"]["budget_eur"]  # priority B: not this rule's business
    assert found(data, "RES-02") == [("error", "Z1"), ("warning", "Z2")]
    message = next(f.message for f in check(data) if f.rule == "RES-02" and f.goal_id == "Z2")
    assert "1.900.000 EUR" in message  # mean of the year map {2026: 1.8 Mio, 2027: 2.0 Mio}


def test_res03_budget_needs_staff_and_zero_is_a_statement():
    data = example()
    del goal(data, "Z3")["ressourcen"]["stellen_vzae"]
    goal(data, "Z4")["ressourcen"]["stellen_vzae"] = 0
    assert found(data, "RES-03") == [("warning", "Z3")]


def test_res04_money_must_follow_priority():
    data = example()
    assert found(data, "RES-04") == []
    goal(data, "Z5")["ressourcen"]["budget_eur"] = 5000000  # class C above B and A
    [finding] = [f for f in check(data) if f.rule == "RES-04"]
    assert finding.goal_id is None and "C 5.000.000 EUR" in finding.message
    assert "A 2.200.000 EUR" in finding.message and "Klasse C liegt über Klasse B" in finding.message


def test_res04_equal_averages_are_fine_and_classes_without_budget_are_skipped():
    data = example()
    goal(data, "Z3")["ressourcen"]["budget_eur"] = 2200000
    goal(data, "Z4")["ressourcen"]["budget_eur"] = 2200000  # B average equals A average
    assert found(data, "RES-04") == []
    for goal_id in ("Z3", "Z4"):
        del goal(data, goal_id)["ressourcen"]["budget_eur"]
    goal(data, "Z5")["ressourcen"]["budget_eur"] = 2200000  # no B budgets: A is compared with C
    assert found(data, "RES-04") == []
    goal(data, "Z5")["ressourcen"]["budget_eur"] = 2200001
    assert found(data, "RES-04") == [("warning", None)]


@pytest.mark.parametrize(
    ("area", "fires"),
    [("25.20 Bibliothek", True), ("25 Kultur", True), ("Bibliothek", True), ("25.2 Bücherei", False),
     ("42.10 Sportförderung", False)],
)  # fmt: skip
def test_res05_low_priority_product_funded_by_a_top_goal(area, fires):
    data = example()
    goal(data, "Z1")["ressourcen"]["produkte"].append("25.20 Bibliothek")
    data["nachrangig"] = [{"titel": "Öffnungszeiten", "bereich": area, "konsequenz": "reduzieren"}]
    assert found(data, "RES-05") == ([("warning", "Z1")] if fires else [])


def test_res05_only_for_top_goals_with_budget():
    data = example()
    goal(data, "Z3")["ressourcen"]["produkte"].append("42.10 Sportförderung")  # priority B
    assert found(data, "RES-05") == []


def test_gq01_measure_titles_and_state_titles():
    data = example()
    goal(data, "Z2")["titel"] = "Bis 2030 werden 1.000 geförderte Wohnungen errichtet."
    goal(data, "Z4")["titel"] = "Ausbau der Wirtschaftsförderung"
    goal(data, "R1")["titel"] = "Neubau nur mit Gegenfinanzierung"  # a constraint: not checked
    findings = [f for f in check(data) if f.rule == "GQ-01"]
    assert [(f.severity, f.goal_id) for f in findings] == [("warning", "Z2"), ("warning", "Z4")]
    assert "„errichtet“" in findings[0].message and "„Ausbau“" in findings[1].message
    assert "Musterstadt hat" in findings[0].suggestion


def test_gq02_dated_by_goal_or_by_all_indicators():
    data = example()
    del goal(data, "Z3")["zieljahr"]  # its only indicator has 2035: still dated
    assert found(data, "GQ-02") == []
    del goal(data, "Z3")["kennzahlen"][0]["zieljahr"]
    assert found(data, "GQ-02") == [("warning", "Z3")]


@pytest.mark.parametrize(("year", "fires"), [(2025, True), (2026, False), (2035, False), (2036, True)])
def test_gq02_horizon_includes_both_end_years(year, fires):
    data = example()  # zeithorizont 2026–2035
    goal(data, "Z4")["zieljahr"] = year
    assert found(data, "GQ-02") == ([("warning", "Z4")] if fires else [])


def test_gq02_without_horizon_any_year_is_fine():
    data = example()
    del data["zeithorizont"]
    goal(data, "Z4")["zieljahr"] = 2050
    assert found(data, "GQ-02") == []


def test_gq03_generic_phrasing_needs_a_target_value():
    data = example()
    goal(data, "Z4")["titel"] = "Musterstadt ist eine lebenswerte Stadt für alle."
    assert found(data, "GQ-03") == []  # its indicator has a target value
    del goal(data, "Z4")["kennzahlen"][0]["zielwert"]
    [finding] = [f for f in check(data) if f.rule == "GQ-03"]
    assert (finding.goal_id, finding.severity) == ("Z4", "warning") and "lebenswerte" in finding.message
    goal(data, "Z4")["titel"] = "Die Zahl der Beschäftigten am Arbeitsort steigt."
    assert found(data, "GQ-03") == []


def test_gq04_kind_stated():
    data = example()
    del goal(data, "Z5")["art"]
    assert found(data, "GQ-04") == [("info", "Z5")]


def test_gq05_financial_goal_or_constraint_at_any_level():
    data = example()
    goal(data, "Z6")["art"] = "prozess"
    data["ziele"] = [g for g in data["ziele"] if g["id"] != "R1"]
    assert found(data, "GQ-05") == []  # WBG1 of the housing company is a financial goal
    goal(data, "WBG1")["art"] = "wirkung"
    assert found(data, "GQ-05") == [("warning", None)]


def test_strategic_goals_only_fachstrategie_goals_are_not_checked_by_goal_rules():
    data = example()
    sub = goal(data, "BW1")
    sub["titel"] = "Neubau von 250 Wohnungen jährlich"
    assert [f for f in check(data) if f.goal_id == "BW1"] == []
    data["ziele"].append(new_goal("N1", "Neubau von 250 Wohnungen jährlich", "HF2"))
    assert ("warning", "N1") in found(data, "GQ-01")
