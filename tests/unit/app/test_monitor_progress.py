"""The Zielerreichung tab shows its status where the results appear and locks its buttons while it runs
(as the draft tab does), even though the work is quick; an error clears the status and frees the buttons."""

import gradio as gr
import pytest

from assistant.app import tab_monitor
from assistant.app.errors import guarded
from assistant.app.handlers.monitor import WORKING
from assistant.errors import UserError
from tests.conftest import KNOWLEDGE

EXAMPLE = KNOWLEDGE / "zielsysteme" / "beispiel-zielsystem.yaml"


@pytest.fixture(scope="module")
def tab():
    from assistant.settings import load_settings
    from assistant.wiring import build_services

    with gr.Blocks() as blocks:
        tab_monitor.build(build_services(load_settings()))
    functions = {fn.api_name: fn.fn for fn in blocks.fns.values()}
    components = {c.elem_id: c for c in blocks.blocks.values() if getattr(c, "elem_id", None)}
    return functions, components


def _interactive(update, button) -> bool | None:
    return update.get(button, {}).get("interactive")


def test_status_first_then_results_with_the_buttons_locked_meanwhile(tab):
    functions, c = tab
    steps = list(functions["zielerreichung"](str(EXAMPLE), 2026))
    first, last = steps[0], steps[-1]
    assert first[c["monitor-status"]] == WORKING and "wird ausgewertet" in WORKING
    assert _interactive(first, c["monitor-run"]) is False and _interactive(first, c["monitor-example"]) is False
    assert c["monitor-summary"] not in first  # nothing of the result yet
    assert last[c["monitor-status"]] == ""
    assert _interactive(last, c["monitor-run"]) is True and _interactive(last, c["monitor-example"]) is True
    assert "Stand 2026" in last[c["monitor-summary"]]


def test_the_example_is_copied_then_evaluated_the_same_way(tab):
    functions, c = tab
    steps = list(functions["beispiel_zielerreichung"]("beispiel-zielsystem.yaml", 2026))
    assert steps[0][c["monitor-upload"]].endswith("beispiel-zielsystem.yaml")
    assert steps[1][c["monitor-status"]] == WORKING
    assert steps[-1][c["monitor-status"]] == "" and _interactive(steps[-1], c["monitor-run"]) is True


def test_a_broken_file_frees_the_buttons_and_says_why(tab, tmp_path):
    functions, c = tab
    broken = tmp_path / "leer.yaml"
    broken.write_text("kommune: X\n", encoding="utf-8")
    last = list(functions["zielerreichung"](str(broken), 2026))[-1]
    assert "Die Auswertung ist nicht möglich." in last[c["monitor-message"]]
    assert last[c["monitor-status"]] == "" and _interactive(last, c["monitor-run"]) is True


def test_guarded_clears_a_status_when_a_generator_fails():
    with gr.Blocks():
        notice, status, button = gr.Markdown(), gr.Markdown(), gr.Button()

    @guarded(notice=notice, enable=[button], clear=[status])
    def work():
        yield {status: "⏳ läuft", button: gr.update(interactive=False)}
        raise UserError("Das ging nicht.")

    steps = list(work())
    assert steps[-1][status] == "" and "Das ging nicht." in steps[-1][notice]
    assert steps[-1][button]["interactive"] is True
