"""FOC and PRI rules: fire, stay silent, boundaries at the thresholds."""

from __future__ import annotations

import pytest

from tests.unit.goals.helpers import check, example, found, goal, new_goal


def test_good_example_gives_only_the_draft_hint():
    findings = check(example())
    assert [(f.rule, f.severity, f.goal_id) for f in findings] == [("GOV-03", "info", None)]


def _with_strategic_goals(count: int) -> dict:
    data = example()  # 6 strategic goals and one constraint
    for i in range(count - 6):
        data["ziele"].append(new_goal(f"N{i}", f"Neues Ziel Nummer {i} mit eigenem Inhalt {i}"))
    return data


@pytest.mark.parametrize(
    ("count", "expected"),
    [(8, []), (9, [("warning", None)]), (12, [("warning", None)]), (13, [("error", None)])],
)
def test_foc01_boundaries(count, expected):
    assert found(_with_strategic_goals(count), "FOC-01") == expected


def test_foc01_message_names_the_count_and_constraints_do_not_count():
    data = _with_strategic_goals(9)
    [finding] = [f for f in check(data) if f.rule == "FOC-01"]
    assert "9 strategische Ziele" in finding.message and "höchstens 8" in finding.message
    data = example()
    data["ziele"] += [{"id": f"R{i + 2}", "titel": f"Regel {i}", "art": "restriktion"} for i in range(10)]
    assert found(data, "FOC-01") == []


def test_foc01_threshold_is_configurable():
    assert found(example(), "FOC-01", max_ziele_warnung=5) == [("warning", None)]


def _fields(count: int) -> dict:
    data = example()
    data["handlungsfelder"] = [{"id": f"F{i}", "name": f"Feld {i}"} for i in range(count)]
    for item in data["ziele"]:
        item["handlungsfeld"] = "F0"
    return data


@pytest.mark.parametrize(("count", "expected"), [(2, [("info", None)]), (3, []), (8, []), (9, [("info", None)])])
def test_foc02_boundaries(count, expected):
    assert found(_fields(count), "FOC-02") == expected


def test_foc03_one_finding_per_crowded_field_with_field_location():
    data = example()
    assert found(data, "FOC-03") == []
    data["ziele"] += [
        new_goal("N1", "Der Tourismus wächst.", "HF5"),
        new_goal("N2", "Die Kultur blüht.", "HF5"),
    ]
    # HF5 now holds Z5, Z6, N1, N2 (the constraint R1 does not count)
    findings = [f for f in check(data) if f.rule == "FOC-03"]
    assert [(f.severity, f.goal_id, f.location) for f in findings] == [("warning", None, "handlungsfelder[4]")]
    assert "HF5" in findings[0].message and "4 strategische Ziele" in findings[0].message


def test_foc03_three_goals_are_fine():
    data = example()
    data["ziele"].append(new_goal("N1", "Der Tourismus wächst.", "HF5"))
    assert found(data, "FOC-03") == []


def test_foc04_no_indicator_is_an_error_more_than_three_a_warning():
    data = example()
    goal(data, "Z3")["kennzahlen"] = []
    indicator = goal(data, "Z4")["kennzahlen"][0]
    goal(data, "Z4")["kennzahlen"] = [dict(indicator, name=f"K{i}") for i in range(4)]
    goal(data, "Z2")["kennzahlen"] = [dict(indicator, name=f"K{i}") for i in range(3)]
    assert found(data, "FOC-04") == [("error", "Z3"), ("warning", "Z4")]


def test_foc04_constraints_need_no_indicators():
    assert goal(example(), "R1").get("kennzahlen") is None
    assert found(example(), "FOC-04") == []


def test_pri01_per_goal_without_priority_but_not_for_constraints():
    data = example()
    del goal(data, "Z3")["prioritaet"]
    del goal(data, "Z5")["prioritaet"]
    assert found(data, "PRI-01") == [("error", "Z3"), ("error", "Z5")]


def test_pri02_exactly_a_third_is_fine_more_is_a_warning():
    data = example()  # 2 of 6 are A
    assert found(data, "PRI-02") == []
    goal(data, "Z3")["prioritaet"] = "A"
    assert found(data, "PRI-02") == [("warning", None)]


def test_pri02_all_top_priority_is_an_error_from_three_goals():
    data = example()
    data["ziele"] = [g for g in data["ziele"] if g["id"] in ("Z1", "Z2", "Z3", "R1")]
    goal(data, "Z3")["prioritaet"] = "A"
    assert found(data, "PRI-02") == [("error", None)]
    data["ziele"] = [g for g in data["ziele"] if g["id"] != "Z3"]
    assert found(data, "PRI-02") == [("warning", None)]  # two of two: not "all" (< 3), but more than a third
    assert found(data, "PRI-02", min_ziele_fuer_alles_a=2) == [("error", None)]


def test_pri03_low_priorities_missing():
    data = example()
    data["nachrangig"] = []
    assert found(data, "PRI-03") == [("warning", None)]
    data["kontext"] = "konsolidierung"
    assert found(data, "PRI-03") == [("error", None)]
    assert found(example() | {"kontext": "konsolidierung"}, "PRI-03") == []


def test_pri04_ties_per_goal_in_the_roof_and_within_each_strategy():
    data = example()
    goal(data, "Z4")["rang"] = 3  # ties with Z3
    goal(data, "BW1")["rang"] = 1
    goal(data, "BW2")["rang"] = 1
    goal(data, "BFJ1")["rang"] = 1  # another strategy: no tie with BW1
    assert found(data, "PRI-04") == [("error", "Z3"), ("error", "Z4"), ("error", "BW1"), ("error", "BW2")]
    messages = [f.message for f in check(data) if f.rule == "PRI-04"]
    assert "Rang 3 mit Z4" in messages[0]


def test_pri04_unique_or_missing_ranks_are_fine():
    data = example()
    del goal(data, "Z1")["rang"]
    del goal(data, "Z2")["rang"]
    assert found(data, "PRI-04") == []


def test_pri05_and_pri06():
    data = example()
    data["ausnahmen"] = []
    del data["nachrangig"][1]["konsequenz"]
    assert found(data, "PRI-05") == [("info", None)]
    [finding] = [f for f in check(data) if f.rule == "PRI-06"]
    assert (finding.severity, finding.goal_id, finding.location) == (
        "warning",
        None,
        "nachrangig[1].konsequenz",
    )
    assert "Kunstrasenanlage" in finding.message
