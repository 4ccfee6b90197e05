"""KPI, TRC and GOV rules."""

from __future__ import annotations

import pytest

from tests.unit.goals.helpers import check, example, found, goal


def test_kpi01_every_indicator_anywhere_with_its_goal_id():
    data = example()
    del goal(data, "Z3")["kennzahlen"][0]["basiswert"]
    goal(data, "BW1")["kennzahlen"] = [{"name": "Fertiggestellte Wohnungen", "basiswert": 180}]
    findings = [f for f in check(data) if f.rule == "KPI-01"]
    assert [(f.severity, f.goal_id, f.location) for f in findings] == [
        ("error", "Z3", "ziele[2].kennzahlen[0]"),
        ("error", "BW1", "fachstrategien[1].ziele[0].kennzahlen[0]"),
    ]
    assert "keinen Basiswert" in findings[0].message and "keinen Zielwert" in findings[1].message


def test_kpi02_lists_what_is_missing():
    data = example()
    indicator = goal(data, "Z4")["kennzahlen"][0]
    del indicator["einheit"], indicator["quelle"]
    [finding] = [f for f in check(data) if f.rule == "KPI-02"]
    assert (finding.severity, finding.goal_id) == ("warning", "Z4")
    assert "fehlt: Einheit und Quelle" in finding.message


@pytest.mark.parametrize(
    ("direction", "base", "target", "fires"),
    [("steigend", 10, 11, False), ("steigend", 10, 10, True), ("steigend", 10, 9, True),
     ("sinkend", 10, 9, False), ("sinkend", 10, 10, True), (None, 10, 10, False)],
)  # fmt: skip
def test_kpi03_direction_boundaries(direction, base, target, fires):
    data = example()
    indicator = goal(data, "Z4")["kennzahlen"][0]
    indicator.update(richtung=direction, basiswert=base, zielwert=target)
    if direction is None:
        del indicator["richtung"]
    assert found(data, "KPI-03") == ([("error", "Z4")] if fires else [])


@pytest.mark.parametrize(("target_year", "fires"), [(2025, False), (2024, True), (2023, True)])
def test_kpi03_target_year_after_base_year(target_year, fires):
    data = example()
    goal(data, "Z4")["kennzahlen"][0]["zieljahr"] = target_year  # basisjahr 2024
    assert found(data, "KPI-03") == ([("error", "Z4")] if fires else [])


def test_kpi03_message_names_the_figures():
    data = example()
    goal(data, "Z1")["kennzahlen"][0]["zielwert"] = 8.0  # sinkend from 7.1
    [finding] = [f for f in check(data) if f.rule == "KPI-03"]
    assert "Zielwert 8" in finding.message and "Basiswert 7,1" in finding.message


def test_kpi04_impact_goal_needs_an_impact_indicator_when_types_are_stated():
    data = example()
    goal(data, "Z2")["kennzahlen"][0]["typ"] = "leistung"
    assert found(data, "KPI-04") == [("warning", "Z2")]
    del goal(data, "Z2")["kennzahlen"][0]["typ"]  # types not stated: nothing to judge
    assert found(data, "KPI-04") == []
    goal(data, "Z5")["kennzahlen"][0]["typ"] = "input"  # Z5 is a process goal
    assert found(data, "KPI-04") == []


def test_trc01_orphans_and_references_to_other_strategy_goals():
    data = example()
    goal(data, "BW2")["beitrag_zu"] = []
    goal(data, "WI1")["beitrag_zu"] = ["BW1"]
    goal(data, "ZS2")["beitrag_zu"] = ["R1"]  # a constraint is an entry of ziele too
    findings = [f for f in check(data) if f.rule == "TRC-01"]
    assert [(f.severity, f.goal_id) for f in findings] == [("error", "BW2"), ("error", "WI1")]
    assert "BW1" in findings[1].message


def test_trc02_uncovered_goals_only_when_strategies_exist():
    data = example()
    goal(data, "WI1")["beitrag_zu"] = ["Z1"]
    assert found(data, "TRC-02") == [("warning", "Z4")]
    data["fachstrategien"] = []
    assert found(data, "TRC-02") == []


def test_trc03_company_needs_financial_goal_or_budget():
    data = example()
    goal(data, "WBG1")["art"] = "wirkung"
    [finding] = [f for f in check(data) if f.rule == "TRC-03"]
    assert (finding.goal_id, finding.location) == (None, "fachstrategien[2]")
    assert "Wohnungsbaugesellschaft" in finding.message
    goal(data, "WBG2")["ressourcen"] = {"budget_eur": 100000}
    assert found(data, "TRC-03") == []


def test_gov_rules():
    data = example()
    data["beteiligung"] = []
    data["analysen"] = [a for a in data["analysen"] if a["art"] not in ("trends", "haushalt")]
    findings = check(data)
    assert [(f.severity, f.goal_id) for f in findings if f.rule == "GOV-01"] == [("warning", None)]
    gov02 = [f.message for f in findings if f.rule == "GOV-02"]
    assert len(gov02) == 2 and "Haushaltssituation" in gov02[0] and "Trends" in gov02[1]
    data["status"] = "beschlossen"
    assert found(data, "GOV-03") == []


def test_rahmenbedingungen_are_optional():
    data = example()
    assert all(a["art"] != "rahmenbedingungen" for a in data["analysen"])
    assert found(data, "GOV-02") == []


def test_findings_are_sorted_by_severity_then_catalogue_and_every_text_is_german():
    data = example()
    del goal(data, "Z3")["prioritaet"]
    data["beteiligung"] = []
    goal(data, "Z4")["titel"] = "Ausbau der Wirtschaftsförderung"
    findings = check(data)
    assert [f.rule for f in findings] == ["PRI-01", "GQ-01", "GOV-01", "GOV-03"]
    for finding in findings:
        assert finding.message.endswith((".", "?")) and finding.suggestion.endswith(".")


def test_disabled_rules_are_skipped():
    assert found(example(), "GOV-03", regeln_aus=["GOV-03"]) == []
