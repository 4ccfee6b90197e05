"""``assistant check``: JSON contract, exit codes, text and Markdown reports, template; ``eval checks``."""

from __future__ import annotations

import json

import pytest

from assistant.cli.main import main
from tests.conftest import KNOWLEDGE
from tests.unit.goals.helpers import EXAMPLE, example, goal, write

EXAMPLES = KNOWLEDGE / "zielsysteme"


def run(capsys, *args) -> tuple[int, str, str]:
    """The check command is given services with the deterministic hash embedder instead of the real model."""
    from assistant.index.embedders import HashEmbedder
    from assistant.settings import load_settings
    from assistant.wiring import build_services

    code = main(["check", *map(str, args)], services=build_services(load_settings(), embedder=HashEmbedder()))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_contract_for_the_good_example(capsys):
    code, out, _ = run(capsys, EXAMPLE, "--format", "json")
    result = json.loads(out)
    assert code == 0
    assert set(result) == {"file", "findings", "summary"}
    assert result["file"] == str(EXAMPLE)
    assert result["summary"] == {"error": 0, "warning": 0, "info": 1}
    [finding] = result["findings"]
    assert set(finding) == {"rule", "severity", "goal_id", "location", "message", "suggestion"}
    assert finding["rule"] == "GOV-03" and finding["goal_id"] is None


def test_exit_code_one_with_error_findings(tmp_path, capsys):
    import yaml

    data = example()
    del goal(data, "Z3")["ressourcen"]["produkte"]
    path = write(tmp_path, "ziele.yaml", yaml.safe_dump(data, allow_unicode=True))
    code, out, _ = run(capsys, path, "--format", "json")
    result = json.loads(out)
    assert code == 1 and result["summary"]["error"] == 1
    assert {
        "rule": "RES-01", "severity": "error", "goal_id": "Z3", "location": "ziele[2].ressourcen",
        "message": "Ziel Z3 ist keinem Produkt des Haushalts zugeordnet.",
        "suggestion": "Ordnen Sie das Ziel mindestens einem Produkt oder einer Beteiligung zu.",
    } in result["findings"]  # fmt: skip


def test_exit_code_two_for_unreadable_files_with_a_german_message(tmp_path, capsys):
    path = write(
        tmp_path,
        "ziele.yaml",
        "kommune: X\ntitel: T\nhandlungsfelder: []\nziele:\n  - {id: Z1, prioritat: A}\n",
    )
    code, out, err = run(capsys, path, "--format", "json")
    assert code == 2 and out == ""
    assert err.startswith("Fehler: Die Datei") and "Zeile 5" in err and "prioritaet" in err and "Traceback" not in err
    assert run(capsys, tmp_path / "fehlt.yaml")[0] == 2
    assert run(capsys)[0] == 2  # no file given


@pytest.mark.parametrize("name", ["fehler-prioritaeten.json", "fehler-dach-und-prozess.xlsx", "fehler-fokus.yaml"])
def test_all_three_input_forms(capsys, name):
    code, out, _ = run(capsys, EXAMPLES / name, "--format", "json")
    assert code == 1 and json.loads(out)["summary"]["error"] > 0


def test_text_report_groups_by_severity(capsys):
    code, out, _ = run(capsys, EXAMPLES / "fehler-fokus.yaml")
    assert code == 1
    assert out.index("Fehler (") < out.index("Warnungen (") < out.index("Hinweise (")
    assert "FOC-01" in out and "Ergebnis:" in out and "\x1b[" not in out  # no colour when not a terminal


def test_text_report_is_coloured_on_a_terminal():
    from assistant.goals.check import GoalSetChecker
    from assistant.goals.report import render
    from assistant.index.embedders import HashEmbedder
    from assistant.settings import PruefungSettings

    goal_set, result = GoalSetChecker(PruefungSettings(), HashEmbedder()).check_file(EXAMPLES / "fehler-fokus.yaml")
    assert "\x1b[" in render(result, goal_set, "text", color=True, width=100)


def test_markdown_report_to_a_file(tmp_path, capsys):
    out_file = tmp_path / "bericht.md"
    code, out, err = run(capsys, EXAMPLES / "fehler-ressourcen.yaml", "--format", "markdown", "--out", out_file)
    report = out_file.read_text(encoding="utf-8")
    assert code == 1 and out == "" and "bericht.md" in err
    assert report.startswith("# Prüfbericht: Kreisstrategie Nordheide 2032")
    for section in ("## Zusammenfassung", "## Befunde nach Ziel", "### Zielsystem insgesamt", "## Regeln"):
        assert section in report
    assert "### Ziel K1: Die hausärztliche Versorgung" in report and "*Vorschlag:*" in report
    assert "| RES-04 Geld folgt der Priorität |" in report and "Produktheuristik" in report
    assert "GemHVO Rheinland-Pfalz" in report  # the basis note: law vs. practice


def test_same_findings_in_every_format(capsys):
    _, as_json, _ = run(capsys, EXAMPLES / "fehler-kennzahlen.json", "--format", "json")
    _, as_text, _ = run(capsys, EXAMPLES / "fehler-kennzahlen.json", "--format", "text")
    _, as_markdown, _ = run(capsys, EXAMPLES / "fehler-kennzahlen.json", "--format", "markdown")
    for finding in json.loads(as_json)["findings"]:
        assert finding["message"] in as_markdown
        assert finding["rule"] in as_text


def test_template_option_writes_a_loadable_workbook(tmp_path, capsys):
    from assistant.goals.loading import load_goal_set

    target = tmp_path / "export.xlsx"
    code, _, err = run(capsys, EXAMPLE, "--template", target)
    assert code == 0 and "Excel-Vorlage geschrieben" in err
    assert load_goal_set(target).goal_set == load_goal_set(EXAMPLE).goal_set


def test_every_example_gives_its_labelled_findings_and_together_every_rule():
    from assistant.goals.evaluation import evaluate_checks
    from assistant.index.embedders import HashEmbedder
    from assistant.settings import PruefungSettings

    result = evaluate_checks(EXAMPLES, PruefungSettings(), HashEmbedder())
    # GQ-06 needs the real model for the paraphrase (tests/integration); everything else is exact
    assert [m for m in result["mismatches"] if m["missing"] != ["GQ-06@Z7"] or m["unexpected"]] == []
    assert [rule for rule, m in result["rules"].items() if m["tp"] == 0] in ([], ["GQ-06"])


def test_eval_checks_command(tmp_path, capsys):
    (tmp_path / "a.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "labels.yaml").write_text("cases:\n  - {file: a.yaml, expected: [GOV-03, GQ-01@Z1]}\n")
    assert main(["eval", "checks", "--data", str(tmp_path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["cases"] == 1
    assert result["rules"]["GOV-03"] == {"tp": 1, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0}
    assert result["rules"]["GQ-01"]["recall"] == 0.0 and result["rules"]["GQ-01"]["precision"] is None
    assert result["mismatches"] == [{"case": "a.yaml", "missing": ["GQ-01@Z1"], "unexpected": []}]
    assert main(["eval", "checks", "--data", str(tmp_path)]) == 0
    assert "GQ-01" in capsys.readouterr().out


def test_label_parsing():
    from assistant.errors import UserError
    from assistant.goals.evaluation import parse_label

    assert parse_label("GOV-02*3") == {("GOV-02", None): 3}
    assert parse_label("GQ-01@Z3") == {("GQ-01", "Z3"): 1}
    with pytest.raises(UserError):
        parse_label("irgendwas")
