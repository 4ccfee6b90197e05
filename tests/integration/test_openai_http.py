"""The LLM path against a real OpenAI-compatible HTTP server on loopback: the request that leaves the
assistant (model, system prompt, question, fenced sources, streaming) and the answer that comes back
(text, citations, removed markers), HTTP errors and timeouts as German messages, and one CLI run."""

from __future__ import annotations

import json
import re
import time

import pytest

from assistant.answering.models import Answer, ChatTurn
from assistant.answering.prompts import load_prompt
from assistant.drafting.request import parse_request
from assistant.errors import UserError
from assistant.index.embedders import HashEmbedder
from assistant.index.vector_stores import InMemoryVectorIndex
from assistant.settings import load_settings
from assistant.wiring import build_services
from tests.integration.conftest import run_cli
from tests.integration.openai_server import Reply, ScriptedOpenAI, Status
from tests.unit.answering.corpus import FEHLBETRAG_2025, FEHLBETRAG_2026, HAUSHALT, KLIMA, PARKEN

pytestmark = pytest.mark.integration

FENCE = re.compile(r'<quelle nr="(\d+)" dokument="([^"]*)"(?: seite="\d+")?>\n(.*?)\n</quelle>', re.S)
QUESTION = "Wie hoch ist der Fehlbetrag 2026?"


@pytest.fixture
def server():
    scripted = ScriptedOpenAI().start()
    yield scripted
    scripted.stop()


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "dokumente"
    folder.mkdir()
    for name, text in (("haushalt.md", HAUSHALT), ("klima.md", KLIMA), ("parken.md", PARKEN)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def services_for(tmp_path, docs):
    """``services_for(server, **llm_settings)``: the real stack with provider openai at the server."""

    def build(server: ScriptedOpenAI, **llm):
        settings = load_settings(
            data_dir=tmp_path / "data",
            llm={"provider": "openai", "base_url": server.base_url, "model": "test-model", **llm},
        )
        services = build_services(settings, embedder=HashEmbedder(), vector_index=InMemoryVectorIndex())
        assert services.ingestor.ingest([docs], progress=False).added == 3
        return services

    return build


def cite(needle: str, extra: str = "") -> callable:
    """A reply that cites the source whose passage contains ``needle`` (numbers as the server saw them)."""

    def text(body: dict) -> str:
        prompt = body["messages"][-1]["content"]
        [number] = [int(n) for n, _, passage in FENCE.findall(prompt) if needle in passage]
        return f"{FEHLBETRAG_2026[:-1]} [{number}].{extra}"

    return text


def test_streamed_answer_request_and_result(server, services_for):
    services = services_for(server)
    server.script = [Reply(cite("Fehlbetrag von 4,2", extra=" Das bestätigt der Rat [42]."))]
    items = list(services.answers.stream(QUESTION))
    *deltas, answer = items

    [request] = server.requests
    assert request.path == "/v1/chat/completions"
    assert request.body["model"] == "test-model" and request.body["stream"] is True
    assert request.body["temperature"] == pytest.approx(0.1)
    assert request.headers["authorization"] == "Bearer nicht-gesetzt"
    system, user = request.messages
    assert system == {"role": "system", "content": load_prompt("antwort_system").render(kommune="Musterstadt")}
    assert user["role"] == "user"
    prompt = user["content"]
    assert f"Frage: {QUESTION}" in prompt
    sources = FENCE.findall(prompt)
    assert sources and any(FEHLBETRAG_2026 in passage for _, _, passage in sources)
    assert all(title for _, title, _ in sources)
    assert "Fehlbetrag" not in FENCE.sub("", prompt).replace(QUESTION, "")  # document text only in fences

    assert isinstance(answer, Answer) and len(deltas) > 3  # streamed in pieces
    assert "".join(deltas).endswith("Das bestätigt der Rat [42].")
    assert answer.generator == "openai:test-model" and answer.answered
    [citation] = answer.citations
    assert citation.title == "Haushaltsplan 2026" and FEHLBETRAG_2026 in citation.text
    assert answer.answer == f"{FEHLBETRAG_2026[:-1]} [{citation.n}]. Das bestätigt der Rat."
    assert answer.removed_markers == [42]
    assert answer.sentences[0].supported


def test_api_key_is_sent_as_bearer_token(server, services_for):
    services = services_for(server, api_key="geheim-123")
    server.script = [Reply(cite("Fehlbetrag von 4,2"))]
    assert services.answers.ask(QUESTION).answered
    assert server.requests[0].headers["authorization"] == "Bearer geheim-123"


def test_nothing_relevant_sends_no_request(server, services_for):
    services = services_for(server)
    answer = services.answers.ask("Wie viele Feuerwehrleute hat die Stadt?")
    assert not answer.answered and server.requests == []


def test_follow_up_is_rewritten_by_the_model_then_answered(server, services_for):
    services = services_for(server)

    def answer_2025(body: dict) -> str:
        prompt = body["messages"][-1]["content"]
        [number] = [int(n) for n, _, passage in FENCE.findall(prompt) if FEHLBETRAG_2025 in passage]
        return f"{FEHLBETRAG_2025[:-1]} [{number}]."

    server.script = [Reply("„Wie hoch war der Fehlbetrag 2025?“"), Reply(answer_2025)]
    history = [ChatTurn(role="user", content=QUESTION), ChatTurn(role="assistant", content="4,2 Mio. Euro [1].")]
    answer = services.answers.ask("Und wie hoch war er 2025?", history)

    rewrite, answering = server.requests
    [message] = rewrite.messages
    assert message["role"] == "user" and message["content"].startswith("Formuliere die letzte Frage")
    assert (
        f"Frage: {QUESTION}" in message["content"] and "Letzte Frage: Und wie hoch war er 2025?" in message["content"]
    )
    assert answer.search_query == "Wie hoch war der Fehlbetrag 2025?"
    assert "Frage: Und wie hoch war er 2025?" in answering.messages[-1]["content"]
    assert answer.answered and "3,1 Mio. Euro" in answer.answer


def test_non_streaming_json_completion(server, services_for):
    """A chat model with streaming switched off gets one JSON completion per request (rewrite and answer)."""
    from assistant.answering.chat_models import build_chat_model
    from assistant.answering.llm import LLMGenerator

    base = services_for(server)
    model = build_chat_model(base.settings.llm).model_copy(update={"streaming": False})
    generator = LLMGenerator(model, name="json", municipality="Musterstadt", max_context_tokens=3000)
    services = build_services(
        base.settings, embedder=base.embedder, vector_index=base.vector_index, generator=generator
    )

    def answer_2025(body: dict) -> str:
        prompt = body["messages"][-1]["content"]
        [number] = [int(n) for n, _, passage in FENCE.findall(prompt) if FEHLBETRAG_2025 in passage]
        return f"{FEHLBETRAG_2025[:-1]} [{number}]."

    server.script = [Reply("Wie hoch war der Fehlbetrag 2025?"), Reply(answer_2025)]
    items = list(services.answers.stream("Und wie hoch war er 2025?", [ChatTurn(role="user", content=QUESTION)]))
    assert [r.body.get("stream", False) for r in server.requests] == [False, False]  # JSON, not SSE
    *deltas, answer = items
    assert deltas == [answer.answer]  # one piece
    assert answer.search_query == "Wie hoch war der Fehlbetrag 2025?"
    assert answer.answered and answer.citations[0].title == "Haushaltsplan 2026"


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (500, "meldet den Fehler HTTP 500"),
        (401, "lehnt die Anfrage ab (HTTP 401); prüfen Sie den Schlüssel in ASSISTANT_LLM__API_KEY."),
        (404, "kennt die Adresse oder das Modell „test-model“ nicht (HTTP 404)"),
    ],
)
def test_error_status_is_a_german_message(server, services_for, status, expected):
    services = services_for(server)
    server.script = [Status(status)]
    with pytest.raises(UserError) as error:
        services.answers.ask(QUESTION)
    assert str(error.value).startswith(f"Das Sprachmodell unter {server.base_url} ")
    assert expected in str(error.value)
    assert len(server.requests) == 1  # no retries


def test_timeout_is_a_german_message(server, services_for):
    services = services_for(server, timeout_s=0.5)
    server.script = [Reply("zu spät", delay_s=3)]
    started = time.monotonic()
    with pytest.raises(UserError) as error:
        services.answers.ask(QUESTION)
    assert time.monotonic() - started < 2.5
    assert str(error.value) == (
        f"Das Sprachmodell unter {server.base_url} hat nicht innerhalb von 0.5 s geantwortet; "
        "erhöhen Sie ASSISTANT_LLM__TIMEOUT_S oder prüfen Sie die Auslastung des Servers."
    )


def test_draft_guiding_sentences_come_from_the_model(server, services_for):
    services = services_for(server)
    server.default = Reply("Musterstadt hat einen ausgeglichenen Haushalt. Neue Leistungen sind gegenfinanziert.")
    request = parse_request(
        {"kommune": "Musterstadt", "zeithorizont": {"von": 2026, "bis": 2035},
         "handlungsfelder": [{"name": "Finanzen und Verwaltung", "schwerpunkte": ["Fehlbetrag"]},
                             {"name": "Klima und Mobilität", "schwerpunkte": ["Radverkehr"]}]},
        "Test",
    )  # fmt: skip
    draft = services.drafts.draft(request)
    assert len(server.requests) == 2
    first = server.requests[0]
    assert first.messages[0] == {
        "role": "system",
        "content": load_prompt("entwurf_system").render(kommune="Musterstadt"),
    }
    assert "Handlungsfeld: Finanzen und Verwaltung" in first.messages[1]["content"]
    assert draft.generator == "openai:test-model"
    assert "Neue Leistungen sind gegenfinanziert." in draft.sections[3].text


def test_draft_survives_an_unusable_endpoint(server, services_for):
    services = services_for(server)
    server.default = Status(500)
    request = parse_request(
        {"kommune": "Musterstadt", "zeithorizont": {"von": 2026, "bis": 2035},
         "handlungsfelder": [{"name": "Finanzen und Verwaltung"}, {"name": "Klima und Mobilität"}]},
        "Test",
    )  # fmt: skip
    draft = services.drafts.draft(request)
    assert len(server.requests) == 1
    assert any("HTTP 500" in w for w in draft.warnings)
    assert "Neue Leistungen sind gegenfinanziert." in draft.sections[3].text  # the template


@pytest.mark.slow
def test_cli_ask_json_against_the_server(server, docs, tmp_path):
    """The installed command with environment settings: real embedding model and embedded Chroma."""
    data = ["--data-dir", str(tmp_path / "cli-data")]
    ingest = run_cli("ingest", str(docs), "--json", *data)
    assert ingest.returncode == 0, ingest.stderr
    env = {
        "ASSISTANT_LLM__PROVIDER": "openai",
        "ASSISTANT_LLM__BASE_URL": server.base_url,
        "ASSISTANT_LLM__MODEL": "test-model",
    }
    server.script = [Reply(cite("Fehlbetrag von 4,2", extra=" Siehe auch [17]."))]
    result = run_cli("ask", QUESTION, "--json", *data, env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    answer = json.loads(result.stdout)
    assert answer["generator"] == "openai:test-model" and answer["answered"] is True
    [citation] = answer["citations"]
    assert citation["title"] == "Haushaltsplan 2026" and FEHLBETRAG_2026 in citation["text"]
    assert answer["answer"] == f"{FEHLBETRAG_2026[:-1]} [{citation['n']}]. Siehe auch."
    assert answer["removed_markers"] == [17]
    [request] = server.requests
    assert request.body["model"] == "test-model" and request.body["stream"] is True
    assert request.messages[0]["content"] == load_prompt("antwort_system").render(kommune="Musterstadt")

    server.default = Status(401)
    failed = run_cli("ask", QUESTION, "--json", *data, env=env)
    assert failed.returncode == 2 and failed.stdout == ""
    assert "Traceback" not in failed.stderr
    assert failed.stderr.strip().splitlines()[-1] == (
        f"Fehler: Das Sprachmodell unter {server.base_url} lehnt die Anfrage ab (HTTP 401); "
        "prüfen Sie den Schlüssel in ASSISTANT_LLM__API_KEY."
    )
