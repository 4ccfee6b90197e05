"""Draft exports (Markdown, Word, goal set) and ``assistant draft``: JSON contract, files, exit codes."""

from __future__ import annotations

import json
import re

import docx
import pytest
import yaml

from assistant.cli.main import main
from assistant.drafting.export import goalset_dict, goalset_yaml, origin_note, to_docx, to_markdown
from assistant.drafting.request import parse_request
from assistant.goals.loading import load_goal_set
from tests.unit.drafting.conftest import GOAL_SET, REQUEST


@pytest.fixture
def run(indexed, capsys):
    """``run(*args)`` → (exit code, stdout, stderr); the CLI is given the services of ``indexed``."""

    def invoke(*args: str) -> tuple[int, str, str]:
        code = main([*map(str, args), "--data-dir", str(indexed.settings.data_dir)], services=indexed)
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


@pytest.fixture
def request_file(tmp_path):
    path = tmp_path / "anfrage.yaml"
    path.write_text(yaml.safe_dump(REQUEST, allow_unicode=True), encoding="utf-8")
    return path


# -- Markdown and Word ----------------------------------------------------------------------------


def test_markdown_has_title_sections_sources_and_notes(draft):
    text = to_markdown(draft)
    assert text.startswith(f"# {draft.title}\n")
    for section in draft.sections:
        note = "" if section.origin == "dokumente" else f"*{origin_note(section.origin)}*\n\n"
        assert f"\n{'#' * section.level} {section.heading}\n\n{note}{section.text}\n" in text
    assert "*Formulierungsvorschlag (Vorlage)*" in text
    sources = text.split("\n## Quellen\n\n")[1].split("\n## ")[0]
    citations = {c.n: c for s in draft.sections for c in s.citations}
    for n, citation in citations.items():
        assert f"- [{n}] {citation.source_label()}\n" in sources
    assert "## Hinweise der Prüfung" in text and all(w in text for w in draft.warnings)


def test_word_export_opens_with_headings_and_sources(draft, tmp_path):
    path = to_docx(draft, tmp_path / "out" / "entwurf.docx")
    document = docx.Document(str(path))
    assert document.core_properties.title == draft.title
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == ("Title", draft.title)
    texts = [text for _, text in headings]
    for section in draft.sections:
        assert section.heading in texts
    assert "Quellen" in texts and "Hinweise der Prüfung" in texts
    paragraphs = [p.text for p in document.paragraphs]
    start = paragraphs.index("Quellen")
    sources = paragraphs[start + 1 : paragraphs.index("Hinweise der Prüfung")]
    assert sources and all(s.startswith("[") for s in sources)
    assert any(s.startswith("[1] ") for s in sources)
    assert not any("**" in p for p in paragraphs)  # bold markup became bold runs
    assert any(run.bold and run.text == "Leitsätze." for p in document.paragraphs for run in p.runs)
    assert any(p.style.name == "List Bullet" for p in document.paragraphs)


# -- goal-set export --------------------------------------------------------------------------------


@pytest.mark.parametrize("with_goal_set", [False, True])
def test_goal_set_export_loads_and_passes_the_check_command(indexed, run, tmp_path, with_goal_set):
    data = {**REQUEST, "zielsystem": str(GOAL_SET)} if with_goal_set else REQUEST
    request = parse_request(data, "Test")
    draft = indexed.drafts.draft(request)
    path = tmp_path / "ziele.yaml"
    path.write_text(goalset_yaml(draft, request), encoding="utf-8")

    loaded = load_goal_set(path).goal_set
    assert [g.id for g in loaded.goals] == [g.id for g in draft.goals]
    assert {f.id for f in loaded.fields} == {g.handlungsfeld_id for g in draft.goals}
    assert loaded.municipality == "Musterstadt" and loaded.status == "entwurf"
    assert (loaded.horizon.start, loaded.horizon.end) == (2026, 2035)
    code, out, err = run("check", path, "--format", "json")
    assert code in (0, 1), err
    result = json.loads(out)
    assert result["file"] == str(path) and "Traceback" not in err


def test_goal_set_dict_carries_indicator_values(request_):
    from assistant.drafting.models import DraftGoal

    goal = DraftGoal(id="Z1", titel="Weniger Schulabgänger ohne Abschluss", handlungsfeld="Bildung",
                     handlungsfeld_id="HF1", zieljahr=2035, kennzahl="Schulabgänger ohne Abschluss", einheit="%",
                     basiswert=7.1, basisjahr=2024)  # fmt: skip
    data = goalset_dict([goal], request_)
    assert data["kommune"] == "Musterstadt" and data["status"] == "entwurf"
    assert data["zeithorizont"] == {"von": 2026, "bis": 2035}
    indicator = data["ziele"][0]["kennzahlen"][0]
    assert (indicator["basiswert"], indicator["einheit"], indicator["basisjahr"]) == (7.1, "%", 2024)
    assert "zielwert" not in indicator  # to be set by the user, not invented


# -- assistant draft --------------------------------------------------------------------------------


def test_draft_json_contract(run, request_file):
    code, out, err = run("draft", request_file, "--json")
    assert code == 0, err
    result = json.loads(out)
    assert {"title", "sections", "warnings"} <= set(result)
    assert result["title"] == "Gesamtstrategie Musterstadt 2035 – Entwurf"
    assert isinstance(result["warnings"], list) and all(isinstance(w, str) for w in result["warnings"])
    assert len(result["sections"]) >= 13
    for section in result["sections"]:
        assert {"heading", "text", "citations", "origin"} <= set(section)
        assert section["origin"] in {"dokumente", "vorlage", "llm", "anfrage"}
        for citation in section["citations"]:
            assert {"n", "doc_id", "title", "page", "text"} <= set(citation)
            assert f"[{citation['n']}]" in section["text"]
    assert any(c["page"] for s in result["sections"] for c in s["citations"])


def test_draft_writes_word_markdown_and_goal_files(run, request_file, tmp_path):
    with_goals = tmp_path / "mit-zielen.yaml"
    with_goals.write_text(yaml.safe_dump({**REQUEST, "zielsystem": str(GOAL_SET)}, allow_unicode=True), "utf-8")
    code, out, _ = run("draft", with_goals, "--out", tmp_path / "e.docx", "--goals-out", tmp_path / "z.yaml")
    assert code == 0 and re.match(rf"Entwurf geschrieben: {re.escape(str(tmp_path / 'e.docx'))} \(\d+ Abschnitte", out)
    assert "Quellen" in [p.text for p in docx.Document(str(tmp_path / "e.docx")).paragraphs]
    assert load_goal_set(tmp_path / "z.yaml").goal_set.goals
    code, _, _ = run("draft", request_file, "--out", tmp_path / "e.md")
    assert code == 0 and (tmp_path / "e.md").read_text(encoding="utf-8").startswith("# Gesamtstrategie Musterstadt")


def test_draft_without_out_prints_markdown(run, request_file):
    code, out, _ = run("draft", request_file)
    assert code == 0 and out.startswith("# Gesamtstrategie Musterstadt 2035 – Entwurf\n") and "## Quellen" in out


BAD = {
    "yaml": ("kommune: Musterstadt\nzeithorizont:\n  von: 2026\n  bis: [2035\n", "Zeile"),
    "unknown": (
        "kommune: Musterstadt\nzeithorizont: {von: 2026, bis: 2035}\nhandlungsfeld:\n  - name: Bildung\n",
        "handlungsfeld: unbekannter Schlüssel (meinten Sie „handlungsfelder“?)",
    ),
    "kommune": ("zeithorizont: {von: 2026, bis: 2035}\nhandlungsfelder:\n  - name: Bildung\n", "kommune: fehlt"),
    "order": (
        "kommune: Musterstadt\nzeithorizont: {von: 2035, bis: 2026}\nhandlungsfelder:\n  - name: Bildung\n",
        "zeithorizont.bis liegt vor zeithorizont.von",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_request_exit_2_with_a_german_message(run, tmp_path, case):
    text, expected = BAD[case]
    path = tmp_path / "anfrage.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = run("draft", path, "--json")
    assert code == 2 and out == ""
    assert err.startswith(f"Fehler: {path}") and expected in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_missing_request_file_and_wrong_out_suffix_exit_2(run, request_file, tmp_path):
    code, _, err = run("draft", tmp_path / "fehlt.yaml")
    assert code == 2 and err == f"Fehler: Die Entwurfsanfrage {tmp_path / 'fehlt.yaml'} wurde nicht gefunden.\n"
    code, _, err = run("draft", request_file, "--out", tmp_path / "e.pdf")
    assert code == 2 and err == "Fehler: --out muss auf .md oder .docx enden.\n"
    assert not (tmp_path / "e.pdf").exists()
