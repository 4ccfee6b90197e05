"""``assistant monitor``: JSON contract, exit codes, ``--year``, the three input forms, the text output and
the Strategiebericht as Markdown and as a real Word file (opened and inspected with python-docx)."""

from __future__ import annotations

import json

import docx
import pytest

from assistant.cli.main import main
from assistant.goals.loading import load_goal_set
from assistant.goals.template import write_workbook
from tests.unit.goals.helpers import EXAMPLE, example, goal, write

INDICATORS = 9  # with Messwerte-capable indicators in the example: 7 of the Gesamtstrategie, 2 of Fachstrategien


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["monitor", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def monitor_json(capsys, *args, expect: int | None = None) -> dict:
    code, out, err = run(capsys, *args, "--format", "json")
    assert "Traceback" not in err
    if expect is not None:
        assert code == expect, err
    return json.loads(out)


def test_json_contract_for_the_example(capsys):
    result = monitor_json(capsys, EXAMPLE, "--year", "2026", expect=1)  # Z5 is not on track
    assert set(result) == {"file", "year", "indicators", "goals", "summary"}
    assert result["file"] == str(EXAMPLE) and result["year"] == 2026
    first = result["indicators"][0]
    assert first == {
        "goal_id": "Z1",
        "name": "Anteil Schulabgänger ohne Abschluss",
        "status": "im_plan",
        "latest": {"jahr": 2025, "wert": 6.4},
        "expected": 6.58,
        "progress": 0.23,
        "expected_share": 0.17,
    }  # fmt: skip — the spec's example
    statuses = {g["goal_id"]: g["status"] for g in result["goals"]}
    assert statuses == {
        "Z1": "gefaehrdet",
        "Z2": "im_plan",
        "Z3": "im_plan",
        "Z4": "im_plan",
        "Z5": "nicht_im_plan",
        "Z6": "keine_daten",
        "BFJ1": "gefaehrdet",
        "BFJ2": "unvollstaendig",
        "BW1": "im_plan",
        "BW2": "unvollstaendig",
        "WBG1": "unvollstaendig",
        "WBG2": "unvollstaendig",
        "WI1": "unvollstaendig",
        "ZS1": "unvollstaendig",
        "ZS2": "unvollstaendig",
    }  # fmt: skip — R1 (a constraint without indicators) is not reported
    z1 = next(g for g in result["goals"] if g["goal_id"] == "Z1")
    assert z1 == {"goal_id": "Z1", "status": "gefaehrdet", "indicators": 2, "unknown": 0, "strategy": None}
    assert next(g for g in result["goals"] if g["goal_id"] == "BW1")["strategy"] == "FS-BW"
    assert result["summary"] == {"erreicht": 0, "im_plan": 4, "gefaehrdet": 2, "nicht_im_plan": 1, "verfehlt": 0,
                                 "unknown": 8}  # fmt: skip
    assert len(result["indicators"]) == INDICATORS


def test_year_ignores_later_values_and_sets_the_exit_code(capsys):
    result = monitor_json(capsys, EXAMPLE, "--year", "2024", expect=0)
    assert result["year"] == 2024
    by_name = {i["name"]: i for i in result["indicators"]}
    assert by_name["CO2-Emissionen je Einwohner"]["latest"] == {"jahr": 2023, "wert": 7.1}
    assert by_name["Anteil Schulabgänger ohne Abschluss"]["status"] == "keine_daten"
    result = monitor_json(capsys, EXAMPLE, "--year", "2022", expect=0)
    assert {i["name"]: i for i in result["indicators"]}["CO2-Emissionen je Einwohner"]["latest"]["jahr"] == 2022
    assert main(["monitor", str(EXAMPLE), "--json", "--year", "2026"]) == 1  # --json is --format json
    capsys.readouterr()


def test_the_three_input_forms_give_the_same_statuses(tmp_path, capsys):
    goal_set = load_goal_set(EXAMPLE).goal_set
    as_json = write(tmp_path, "ziele.json", json.dumps(example(), default=str, ensure_ascii=False))
    as_xlsx = tmp_path / "ziele.xlsx"
    write_workbook(as_xlsx, goal_set)
    results = [monitor_json(capsys, path, "--year", "2026", expect=1) for path in (EXAMPLE, as_json, as_xlsx)]
    assert results[0]["indicators"] == results[1]["indicators"] == results[2]["indicators"]
    assert results[0]["goals"] == results[1]["goals"] == results[2]["goals"]


def test_verfehlt_and_erreicht_and_exit_codes(tmp_path, capsys):
    data = example()
    goal(data, "Z5")["kennzahlen"][0]["messwerte"] = {2025: 130, 2028: 95}  # target year passed, 90 not reached
    goal(data, "Z1")["kennzahlen"][1]["messwerte"] = {2026: 51}  # Betreuungsquote above 50: reached early
    import yaml

    path = write(tmp_path, "ziele.yaml", yaml.safe_dump(data, allow_unicode=True))
    result = monitor_json(capsys, path, "--year", "2030", expect=1)
    statuses = {g["goal_id"]: g["status"] for g in result["goals"]}
    assert statuses["Z5"] == "verfehlt" and statuses["Z1"] == "im_plan"
    assert {i["name"]: i["status"] for i in result["indicators"]}["Betreuungsquote unter Dreijähriger"] == "erreicht"
    goal(data, "Z5")["kennzahlen"][0]["messwerte"] = {2025: 120}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert monitor_json(capsys, path, "--year", "2026", expect=0)["summary"]["nicht_im_plan"] == 0


def test_unreadable_input_and_arguments_exit_two_in_german(tmp_path, capsys):
    bad = write(tmp_path, "ziele.yaml", "kommune: X\ntitel: T\nhandlungsfelder: []\nziele:\n  - {id: Z1, titel: T,"
                " kennzahlen: [{name: K, messwerte: {2025: viel}}]}\n")  # fmt: skip
    code, out, err = run(capsys, bad)
    assert code == 2 and out == "" and "Zeile 5" in err and "keine Zahl" in err and "Traceback" not in err
    code, _, err = run(capsys, EXAMPLE, "--out", tmp_path / "bericht.pdf")
    assert code == 2 and ".md oder .docx" in err
    with pytest.raises(SystemExit) as info:
        main(["monitor", str(EXAMPLE), "--year", "20x6"])
    assert info.value.code == 2 and "kein Jahr" in capsys.readouterr().err
    assert run(capsys, tmp_path / "fehlt.yaml")[0] == 2


def test_tolerances_come_from_the_settings(capsys, monkeypatch):
    monkeypatch.setenv("ASSISTANT_ZIELERREICHUNG__TOLERANZ_IM_PLAN", "0.2")
    result = monitor_json(capsys, EXAMPLE, "--year", "2026")
    # Betreuungsquote: p 0 ≥ e 0.17 − 0.2, so Z1 is on track with the wider tolerance
    assert {g["goal_id"]: g["status"] for g in result["goals"]}["Z1"] == "im_plan"
    monkeypatch.setenv("ASSISTANT_ZIELERREICHUNG__TOLERANZ_GEFAEHRDET", "0.1")
    code, _, err = run(capsys, EXAMPLE)
    assert code == 2 and "toleranz_gefaehrdet" in err


def test_text_output_has_the_sentences_and_no_colour_off_a_terminal(capsys):
    code, out, _ = run(capsys, EXAMPLE, "--year", "2026")
    assert code == 1
    assert "Z2 liegt im Plan: 6,7 % im Jahr 2025, erwartet 6,9 %." in out
    assert "Z5 liegt nicht im Plan: 151 Tage im Jahr 2025, erwartet 129 Tage." in out
    assert "Ohne Kennzahl, nicht bewertbar: BFJ2" in out and "\x1b[" not in out


def test_markdown_strategiebericht(tmp_path, capsys):
    target = tmp_path / "bericht.md"
    code, out, err = run(capsys, EXAMPLE, "--year", "2026", "--out", target)
    assert code == 1 and out == "" and "Strategiebericht geschrieben" in err
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Strategiebericht 2026: Gesamtstrategie Musterstadt 2035\n")
    for heading in ("## Überblick", "### Nach Handlungsfeld", "### Nach Priorität: Budget und Zielerreichung",
                    "### HF1 Bildung, Familien und Jugend", "## Fachstrategien",
                    "### Fachstrategie Bauen und Wohnen", "## Kennzahlen im Verlauf"):  # fmt: skip
        assert f"\n{heading}\n" in text
    assert "Anteil Schulabgänger ohne Abschluss 6,4 % im Jahr 2025, erwartet 6,6 % (im Plan)" in text
    # budget per priority class with how many of its goals are on track: A = Z1 (gefährdet), Z2 (im Plan)
    assert "| Priorität A | 2 | 4.400.000 EUR | 1 | 1 | 0 | 0 |" in text
    assert "| HF5 Finanzen und Verwaltung | 0 | 0 | 0 | 1 | 0 | 1 | 2 |" in text
    # Fachstrategie goals stand under their strategy
    assert text.index("### Fachstrategie Bauen und Wohnen") < text.index("| BW1 | im Plan |")
    assert text.index("## Fachstrategien") < text.index("| BFJ1 | gefährdet |")
    code, out, _ = run(capsys, EXAMPLE, "--year", "2026", "--format", "markdown")
    assert out == text


def test_word_strategiebericht_with_headings_tables_and_charts(tmp_path, capsys):
    target = tmp_path / "bericht.docx"
    code, _, err = run(capsys, EXAMPLE, "--year", "2026", "--out", target)
    assert code == 1, err
    document = docx.Document(str(target))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == ("Title", "Strategiebericht 2026: Gesamtstrategie Musterstadt 2035")
    assert ("Heading 1", "Überblick") in headings and ("Heading 1", "Fachstrategien") in headings
    assert ("Heading 2", "Fachstrategie Bildung, Familien und Jugend") in headings
    assert document.core_properties.title.startswith("Strategiebericht 2026")
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    priority = next(t for t in tables if t[0][0] == "Priorität")
    assert priority[1] == ["Priorität A", "2", "4.400.000 EUR", "1", "1", "0", "0"]
    assert any(row[:2] == ["Z5", "nicht im Plan"] for t in tables for row in t)
    # one chart per indicator, each with its text as alternative text and as caption
    assert len(document.inline_shapes) == INDICATORS
    descriptions = [s._inline.docPr.get("descr") for s in document.inline_shapes]
    assert descriptions[0].startswith("Anteil Schulabgänger ohne Abschluss (Ziel Z1): im Plan.")
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions == descriptions
    image = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert document.part.related_parts[image].blob[:8] == b"\x89PNG\r\n\x1a\n"
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert "Z5 liegt nicht im Plan: 151 Tage im Jahr 2025, erwartet 129 Tage." in paragraphs

    plain = tmp_path / "ohne.docx"
    assert run(capsys, EXAMPLE, "--year", "2026", "--out", plain, "--ohne-diagramme")[0] == 1
    assert len(docx.Document(str(plain)).inline_shapes) == 0
