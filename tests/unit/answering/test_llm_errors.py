"""LLM endpoint failures become one German sentence naming the endpoint (exit code 2), never a traceback."""

from __future__ import annotations

import socket

import httpx
import openai
import pytest

from assistant.answering.chat_models import build_chat_model, explain_llm_error
from assistant.answering.fakes import FakeChatModel
from assistant.answering.models import ChatTurn
from assistant.answering.service import build_generator
from assistant.errors import UserError
from assistant.settings import LLMSettings, load_settings
from assistant.wiring import build_services

URL = "http://127.0.0.1:9/v1"
LLM = LLMSettings(provider="openai", base_url=URL, model="test-model", timeout_s=2.5)
REQUEST = httpx.Request("POST", f"{URL}/chat/completions")


def _status_error(cls, status: int):
    return cls(f"Error code: {status}", response=httpx.Response(status, request=REQUEST), body=None)


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (openai.APIConnectionError(request=REQUEST), f"Das Sprachmodell unter {URL} ist nicht erreichbar"),
        (httpx.ConnectError("All connection attempts failed"), f"Das Sprachmodell unter {URL} ist nicht erreich"),
        (openai.APITimeoutError(request=REQUEST), "hat nicht innerhalb von 2.5 s geantwortet"),
        (httpx.ReadTimeout("timed out"), "ASSISTANT_LLM__TIMEOUT_S"),
        (
            _status_error(openai.AuthenticationError, 401),
            "(HTTP 401); prüfen Sie den Schlüssel in ASSISTANT_LLM__API_KEY",
        ),
        (_status_error(openai.PermissionDeniedError, 403), "(HTTP 403)"),
        (_status_error(openai.NotFoundError, 404), "das Modell „test-model“ nicht (HTTP 404)"),
        (_status_error(openai.InternalServerError, 500), "meldet den Fehler HTTP 500"),
        (ValueError("seltsam"), "ist fehlgeschlagen (ValueError)"),
    ],
)
def test_explain_llm_error(exc, expected):
    error = explain_llm_error(exc, LLM)
    assert isinstance(error, UserError) and error.exit_code == 2
    message = str(error)
    assert expected in message
    assert URL in message  # always names the endpoint
    assert "\n" not in message and message.endswith((".", "?"))


def test_explain_llm_error_names_the_ollama_default_address():
    error = explain_llm_error(httpx.ConnectError("refused"), LLMSettings(provider="ollama", model="m"))
    assert "http://127.0.0.1:11434" in str(error)


@pytest.mark.parametrize(
    ("llm", "message"),
    [
        (LLMSettings(provider="openai", base_url=URL), "fehlt der Modellname (ASSISTANT_LLM__MODEL)"),
        (LLMSettings(provider="openai", model="m"), "fehlt die Adresse des Endpunkts (ASSISTANT_LLM__BASE_URL)"),
    ],
)
def test_incomplete_llm_settings_are_user_errors(llm, message):
    with pytest.raises(UserError, match=message.replace("(", r"\(").replace(")", r"\)")):
        build_chat_model(llm)


def test_openai_chat_model_streams_without_retries():
    model = build_chat_model(LLM)
    assert type(model).__name__ == "ChatOpenAI"
    assert model.streaming is True and model.max_retries == 0
    assert model.model_name == "test-model" and model.request_timeout == 2.5
    assert str(model.openai_api_base) == URL


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nobody listens once the socket is closed


@pytest.fixture
def unreachable(indexed, tmp_path):
    """Services whose generator is the real ChatOpenAI pointed at a closed local port."""
    url = f"http://127.0.0.1:{closed_port()}/v1"
    settings = load_settings(
        data_dir=indexed.settings.data_dir, llm={"provider": "openai", "base_url": url, "model": "test-model"}
    )
    services = build_services(settings, embedder=indexed.embedder, vector_index=indexed.vector_index)
    return services, url


def test_unreachable_endpoint_is_a_german_user_error(unreachable):
    services, url = unreachable
    assert services.answers.generator_name == "openai:test-model"
    with pytest.raises(UserError) as error:
        services.answers.ask("Wie hoch ist der Fehlbetrag 2026?")
    assert str(error.value) == (
        f"Das Sprachmodell unter {url} ist nicht erreichbar; läuft der Server und stimmt ASSISTANT_LLM__BASE_URL?"
    )
    assert isinstance(error.value.__cause__, openai.APIConnectionError)


def test_unreachable_endpoint_for_a_follow_up(unreachable):
    services, _ = unreachable
    history = [ChatTurn(role="user", content="Wie hoch ist der Fehlbetrag 2026?")]
    with pytest.raises(UserError, match="nicht erreichbar"):
        list(services.answers.stream("Und wie hoch war er 2025?", history))


def test_a_refusal_needs_no_endpoint(unreachable):
    services, _ = unreachable
    assert not services.answers.ask("Wie viele Feuerwehrleute hat die Stadt?").answered


def test_generator_without_explanation_passes_errors_through(llm_services):
    fake = FakeChatModel(error=ConnectionError("kaputt"))
    with pytest.raises(ConnectionError):
        llm_services(fake).answers.ask("Wie hoch ist der Fehlbetrag 2026?")


def test_build_generator_explains_errors_of_any_chat_model(indexed, monkeypatch):
    import assistant.answering.chat_models as chat_models

    fake = FakeChatModel(error=_status_error(openai.InternalServerError, 500))
    monkeypatch.setitem(chat_models.PROVIDERS, "openai", lambda settings: fake)
    settings = load_settings(data_dir=indexed.settings.data_dir, llm=LLM.model_dump())
    generator = build_generator(settings, None)
    services = build_services(
        settings, embedder=indexed.embedder, vector_index=indexed.vector_index, generator=generator
    )
    with pytest.raises(UserError, match=f"Das Sprachmodell unter {URL} meldet den Fehler HTTP 500"):
        services.answers.ask("Wie hoch ist der Fehlbetrag 2026?")
    assert [c.kind for c in fake.calls] == ["stream"]
