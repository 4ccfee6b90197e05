"""``assistant ask``: JSON contract, German errors with exit code 2, no traceback (hash embedder, in-process)."""

from __future__ import annotations

import json
import re

import pytest

from assistant.cli.main import main
from assistant.errors import UserError
from tests.unit.answering.test_llm_errors import closed_port


@pytest.fixture
def run(indexed, capsys):
    """``run(*args)`` → (exit code, stdout, stderr); the CLI is given services over the index of ``indexed``
    (hash embedder), with the settings of the moment (environment included)."""
    from assistant.settings import load_settings
    from assistant.wiring import build_services

    data = ["--data-dir", str(indexed.settings.data_dir)]

    def invoke(*args: str) -> tuple[int, str, str]:
        try:
            settings = load_settings(data_dir=indexed.settings.data_dir)
            services = build_services(settings, embedder=indexed.embedder, vector_index=indexed.vector_index)
        except UserError:
            services = None  # invalid settings: the CLI itself must report them
        code = main([*args, *data], services=services)
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def test_json_contract(run):
    code, out, err = run("ask", "Wie hoch ist die Betreuungsquote der unter Dreijährigen?", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert {"question", "answer", "answered", "citations", "generator"} <= set(result)
    assert result["answered"] is True and result["generator"] == "extractive"
    assert "38 Prozent" in result["answer"]
    [citation] = result["citations"]
    assert {"n", "doc_id", "title", "page", "text"} <= set(citation)
    assert citation["title"] == "Kitabericht 2025" and citation["page"] == 2
    assert [int(n) for n in re.findall(r"\[(\d+)\]", result["answer"])] == [citation["n"]]


def test_json_without_answer_in_the_documents(run):
    code, out, _ = run("ask", "Wie viele Feuerwehrleute hat die Stadt?", "--json")
    result = json.loads(out)
    assert code == 0
    assert result["answered"] is False and result["citations"] == []
    assert result["answer"] == "Dazu enthalten die Dokumente keine Angaben."


def test_text_output_lists_the_sources(run):
    code, out, _ = run("ask", "Wie hoch ist die Betreuungsquote der unter Dreijährigen?")
    assert code == 0
    answer, sources = out.split("\nQuellen:\n")
    assert "38 Prozent" in answer
    assert re.search(r"\[\d+\] Kitabericht 2025, S\. 2", sources)


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "Fehler: Die Frage ist leer; bitte eine Frage eingeben.\n"),
        ("   ", "Fehler: Die Frage ist leer; bitte eine Frage eingeben.\n"),
        ("x" * 20_000, "Fehler: Die Frage ist mit 20.000 Zeichen zu lang (höchstens 2.000); bitte kürzer fassen.\n"),
    ],
)
@pytest.mark.parametrize("as_json", [True, False])
def test_bad_questions_exit_2_with_one_german_sentence(run, question, message, as_json):
    code, out, err = run("ask", question, *(["--json"] if as_json else []))
    assert code == 2
    assert err == message and out == ""
    assert "Traceback" not in err


@pytest.mark.parametrize("as_json", [True, False])
def test_unreachable_endpoint_exit_2_naming_it(run, monkeypatch, as_json):
    url = f"http://127.0.0.1:{closed_port()}/v1"
    monkeypatch.setenv("ASSISTANT_LLM__PROVIDER", "openai")
    monkeypatch.setenv("ASSISTANT_LLM__BASE_URL", url)
    monkeypatch.setenv("ASSISTANT_LLM__MODEL", "test-model")
    code, out, err = run("ask", "Wie hoch ist der Fehlbetrag 2026?", *(["--json"] if as_json else []))
    assert code == 2
    assert err.strip().splitlines()[-1] == (
        f"Fehler: Das Sprachmodell unter {url} ist nicht erreichbar; läuft der Server und stimmt "
        "ASSISTANT_LLM__BASE_URL?"
    )
    assert "Traceback" not in err and "Unerwarteter Fehler" not in err
    if as_json:
        assert out == ""  # no half JSON document


def test_openai_without_model_name_exit_2(run, monkeypatch):
    monkeypatch.setenv("ASSISTANT_LLM__PROVIDER", "openai")
    monkeypatch.setenv("ASSISTANT_LLM__BASE_URL", "http://127.0.0.1:1/v1")
    code, _, err = run("ask", "Wie hoch ist der Fehlbetrag 2026?", "--json")
    assert code == 2
    assert err == "Fehler: Für den LLM-Anbieter fehlt der Modellname (ASSISTANT_LLM__MODEL).\n"


def test_unknown_provider_exit_2(run, monkeypatch):
    monkeypatch.setenv("ASSISTANT_LLM__PROVIDER", "gpt5")
    code, _, err = run("ask", "Wie hoch ist der Fehlbetrag 2026?")
    assert code == 2 and err.startswith("Fehler: Ungültige Einstellung") and "Traceback" not in err


def test_debug_shows_the_traceback(run, monkeypatch):
    from assistant.errors import UserError

    with pytest.raises(UserError):
        run("ask", "", "--debug")
