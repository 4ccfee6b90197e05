import pytest
import yaml

from assistant.app.handlers import check
from assistant.errors import UserError
from tests.conftest import KNOWLEDGE

EXAMPLE = KNOWLEDGE / "zielsysteme" / "beispiel-zielsystem.yaml"


@pytest.fixture
def weak_goal_set(tmp_path):
    """The example with problems: an uncovered goal, a goal without priority, a crowded field."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["fachstrategien"] = [s for s in data["fachstrategien"] if s["id"] != "FS-WI"]  # Z4 uncovered
    del data["ziele"][2]["prioritaet"]
    for goal in data["ziele"][:4]:
        goal["handlungsfeld"] = "HF1"
    path = tmp_path / "schwach.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_example_goal_set_has_no_errors(fake_services):
    outcome = check.check_file(fake_services, EXAMPLE)
    assert outcome.result.summary.error == 0 and outcome.result.summary.warning == 0
    assert check.summary_line(outcome.result).startswith("**beispiel-zielsystem.yaml:** 0 Fehler, 0 Warnungen")
    report = outcome.report_path.read_text(encoding="utf-8")
    assert report.startswith("# Prüfbericht: Gesamtstrategie Musterstadt 2035")


def test_findings_filters_and_table(fake_services, weak_goal_set):
    outcome = check.check_file(fake_services, weak_goal_set, display_name="schwach.yaml")
    findings = outcome.result.findings
    rules = {f.rule for f in findings}
    assert {"PRI-01", "FOC-03", "TRC-02"} <= rules
    assert ("PRI – Prioritäten", "PRI") in check.family_choices(findings)
    assert check.goal_choices(findings)[0] == check.WHOLE_SET
    assert {f.rule for f in check.filter_findings(findings, families=["PRI"])} <= {
        r for r in rules if r.startswith("PRI")
    }
    errors = check.filter_findings(findings, severities=["error"])
    assert errors and all(f.severity == "error" for f in errors)
    only_z4 = check.filter_findings(findings, goals=["Z4"])
    assert only_z4 and {f.goal_id for f in only_z4} == {"Z4"}
    whole = check.filter_findings(findings, goals=[check.WHOLE_SET])
    assert whole and all(f.goal_id is None for f in whole)

    table = check.findings_html(findings)
    assert table.count('<tr class="finding') == len(findings)
    assert '<span class="badge severity-error">Fehler</span>' in table
    assert "<caption>" in table and 'scope="col"' in table
    assert check.findings_html([]).startswith("<p")


def test_refilter_from_state_counts_what_is_shown(fake_services, weak_goal_set):
    outcome = check.check_file(fake_services, weak_goal_set)
    state = outcome.result.model_dump(mode="json")
    summary, _table = check.refilter(state, ["TRC"], [], [])
    shown = len(check.filter_findings(outcome.result.findings, ["TRC"]))
    assert f"Angezeigt: {shown} von {len(outcome.result.findings)} Befunden." in summary
    with pytest.raises(UserError, match="zuerst"):
        check.refilter(None, [], [], [])


def test_markup_in_goal_texts_is_escaped(fake_services, tmp_path):
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["ziele"][0]["titel"] = "<script>alert(1)</script> Wir wollen bauen."
    del data["ziele"][0]["prioritaet"]
    path = tmp_path / "x.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    table = check.findings_html(check.check_file(fake_services, path).result.findings)
    assert "<script>" not in table


def test_unreadable_files_give_german_messages(fake_services, tmp_path):
    with pytest.raises(UserError, match="zuerst ein Zielsystem"):
        check.check_file(fake_services, None)
    with pytest.raises(UserError, match=r"\.yaml, \.yml, \.json oder \.xlsx"):
        check.check_file(fake_services, tmp_path / "ziele.txt")
    broken = tmp_path / "kaputt.yaml"
    broken.write_text("kommune: [\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"kaputt\.yaml"):
        check.check_file(fake_services, broken)


def test_excel_template_and_example_workbook_load_again(fake_services, tmp_path):
    files = check.template_files(tmp_path)
    assert files["vorlage"].is_file()
    outcome = check.check_file(fake_services, files["beispiel"])
    assert outcome.result.summary.error == 0
    assert outcome.goal_set.municipality == "Musterstadt"


def test_plots_for_a_goal_set(fake_services, weak_goal_set):
    outcome = check.check_file(fake_services, weak_goal_set)
    budget, fields, tree = check.goal_set_plots(fake_services, outcome.goal_set)
    assert "Priorität A" in budget.description
    assert "Über der Schwelle: HF1." in fields.description
    assert "Nicht abgedeckt: Z4." in tree.description
    for plot in (budget, fields, tree):
        assert plot.figure.axes
    charts = check.goal_set_charts(fake_services, outcome.goal_set)
    assert [text for _, text in charts] == [budget.description, fields.description, tree.description]
    assert [markup.count("<img") for markup, _ in charts] == [1, 1, 2]  # the tree: desktop and phone layout
    assert all('alt="' in markup and "Beschreibung im Text darunter" in markup for markup, _ in charts)


def test_shipped_examples_are_offered_by_name():
    names = check.example_goal_sets()
    assert names[0] == "beispiel-zielsystem.yaml" and "labels.yaml" not in names
    assert check.example_path(names[0]).is_file()
    with pytest.raises(UserError, match="mitgelieferten Beispiele"):
        check.example_path("../../etc/passwd")
