"""Hostile and careless goal-set files: refused quickly with a German message and exit code 2, never
expanded, executed or parsed without bound. Time limits here only guard against runaway."""

from __future__ import annotations

import json
import time
import zipfile

import pytest
import yaml

from assistant.goals.loading import GoalSetSchemaError, load_goal_set
from assistant.settings import GoalFileLimits
from tests.unit.goals.helpers import example, new_goal, write
from tests.unit.goals.test_goals_cli_reports import run

# 366 bytes: nine levels of ten aliases each, 10^9 strings when expanded
BILLION_LAUGHS = """kommune: Musterstadt
titel: Lachen
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def _refused(path, limits: GoalFileLimits | None = None) -> str:
    started = time.perf_counter()
    with pytest.raises(GoalSetSchemaError) as caught:
        load_goal_set(path, limits=limits)
    assert time.perf_counter() - started < 20
    return str(caught.value)


def test_nested_aliases_are_refused_without_expanding_them(tmp_path, capsys):
    path = tmp_path / "lachen.yaml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    message = _refused(path)
    assert "zu groß" in message and "Anker" in message and "Zeile 3" in message
    code, out, err = run(capsys, path)
    assert code == 2 and out == ""
    assert err.startswith("Fehler: Die Datei") and "pruefung.grenzen.max_knoten" in err


def test_ordinary_anchors_and_merge_keys_still_work(tmp_path):
    data = example()
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    text = "vorlage: &kennzahl\n  einheit: '%'\n" + text
    path = tmp_path / "anker.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GoalSetSchemaError, match="vorlage"):  # an unknown key, not a size problem
        load_goal_set(path)


def test_python_tags_are_refused_as_tags(tmp_path, capsys):
    path = tmp_path / "tag.yaml"
    path.write_text('kommune: Musterstadt\ntitel: !!python/object/apply:os.system ["echo boom"]\n', encoding="utf-8")
    message = _refused(path)
    assert "Zeile 2" in message and "„!!python/object/apply:os.system“ ist nicht erlaubt" in message
    assert "Tags" in message and "Liste" not in message
    code, _, err = run(capsys, path)
    assert code == 2 and "boom" not in err


def test_json_nested_100000_deep_gets_a_german_message(tmp_path, capsys):
    path = tmp_path / "tief.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert "zu tief verschachtelt" in _refused(path)
    code, _, err = run(capsys, path)
    assert code == 2 and "RecursionError" not in err and "Unerwarteter Fehler" not in err


def test_a_json_string_with_brackets_is_not_nesting(tmp_path):
    data = example()
    data["titel"] = "[" * 200 + " Strategie"
    path = tmp_path / "klammern.json"
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    assert load_goal_set(path).goal_set.title.startswith("[[[")


def test_a_file_over_the_size_limit_is_not_parsed(tmp_path, capsys):
    path = tmp_path / "gross.yaml"
    path.write_text("kommune: Musterstadt\nnotiz: |\n" + ("  " + "x" * 99 + "\n") * 210_000, encoding="utf-8")
    message = _refused(path)
    assert "größer als die erlaubten 5 MB" in message and "pruefung.grenzen.max_datei_mb" in message
    code, _, _ = run(capsys, path)
    assert code == 2


def test_more_goals_than_the_limit_are_refused(tmp_path):
    data = example()
    data["ziele"] += [new_goal(f"X{i}", f"Zusatzziel Nummer {i}") for i in range(30)]
    path = write(tmp_path, "viele.yaml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    limit = len(data["ziele"]) - 1
    message = _refused(path, GoalFileLimits(max_ziele=limit))
    assert f"höchstens {limit}" in message and "pruefung.grenzen.max_ziele" in message
    assert load_goal_set(path).goal_set  # the default limit (2,000) allows it


def test_excel_members_are_measured_before_they_are_read(tmp_path):
    from assistant.goals.template import write_workbook

    path = tmp_path / "ziele.xlsx"
    write_workbook(path, None)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet99.xml", b"<a>" + b" " * 3_000_000 + b"</a>")
    message = _refused(path, GoalFileLimits(max_entpackt_mb=2))
    assert "sheet99.xml" in message and "entpackt 3 MB" in message


def test_the_check_tab_refuses_nested_aliases_in_german(fake_services, tmp_path):
    from assistant.app.handlers import check

    path = tmp_path / "lachen.yaml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(GoalSetSchemaError, match="zu groß"):
        check.check_file(fake_services, path)
    assert time.perf_counter() - started < 20
