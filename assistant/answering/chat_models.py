"""LangChain chat models for the configured provider: a small registry instead of an if/elif chain."""

from __future__ import annotations

from collections.abc import Callable

from assistant.errors import UserError
from assistant.settings import LLMSettings


def _openai(settings: LLMSettings):
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        base_url=settings.base_url,
        api_key=settings.api_key or "nicht-gesetzt",  # local servers accept any key
        model=settings.model,
        temperature=settings.temperature,
        timeout=settings.timeout_s,
        max_retries=0,
        streaming=True,
    )


def _ollama(settings: LLMSettings):
    from langchain_ollama import ChatOllama

    return ChatOllama(
        base_url=settings.base_url or "http://127.0.0.1:11434",
        model=settings.model,
        temperature=settings.temperature,
        client_kwargs={"timeout": settings.timeout_s},
    )


PROVIDERS: dict[str, Callable[[LLMSettings], object]] = {"openai": _openai, "ollama": _ollama}


def build_chat_model(settings: LLMSettings):
    factory = PROVIDERS.get(settings.provider)
    if factory is None:
        raise UserError(f"Unbekannter LLM-Anbieter „{settings.provider}“; möglich: {', '.join(PROVIDERS)}.")
    if not settings.model:
        raise UserError("Für den LLM-Anbieter fehlt der Modellname (ASSISTANT_LLM__MODEL).")
    if settings.provider == "openai" and not settings.base_url:
        raise UserError(
            "Für den Anbieter „openai“ fehlt die Adresse des Endpunkts (ASSISTANT_LLM__BASE_URL)."
        )
    return factory(settings)


def explain_llm_error(exc: Exception, settings: LLMSettings) -> UserError:
    """One German sentence for what went wrong at the endpoint."""
    name = type(exc).__name__
    text = str(exc)
    where = settings.base_url or "Standardadresse"
    if "Timeout" in name or "timed out" in text.lower():
        return UserError(
            f"Das Sprachmodell unter {where} hat nicht innerhalb von {settings.timeout_s:g} s geantwortet."
        )
    if "Connect" in name or "connection" in text.lower():
        return UserError(f"Das Sprachmodell unter {where} ist nicht erreichbar; läuft der Server?")
    status = getattr(exc, "status_code", None) or getattr(getattr(exc, "response", None), "status_code", None)
    if status:
        return UserError(f"Das Sprachmodell unter {where} meldet den Fehler HTTP {status}.")
    return UserError(f"Das Sprachmodell unter {where} ist fehlgeschlagen ({name}).")
