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
        raise UserError("Für den Anbieter „openai“ fehlt die Adresse des Endpunkts (ASSISTANT_LLM__BASE_URL).")
    return factory(settings)


def explain_llm_error(exc: Exception, settings: LLMSettings) -> UserError:
    """One German sentence for what went wrong at the endpoint, naming it and saying what to check."""
    name = type(exc).__name__
    text = str(exc).lower()
    where = settings.base_url or ("http://127.0.0.1:11434" if settings.provider == "ollama" else "Standardadresse")
    status = getattr(exc, "status_code", None) or getattr(getattr(exc, "response", None), "status_code", None)
    if status in (401, 403):
        return UserError(
            f"Das Sprachmodell unter {where} lehnt die Anfrage ab (HTTP {status}); "
            "prüfen Sie den Schlüssel in ASSISTANT_LLM__API_KEY."
        )
    if status == 404:
        return UserError(
            f"Das Sprachmodell unter {where} kennt die Adresse oder das Modell „{settings.model}“ nicht (HTTP 404); "
            "prüfen Sie ASSISTANT_LLM__BASE_URL und ASSISTANT_LLM__MODEL."
        )
    if status:
        return UserError(
            f"Das Sprachmodell unter {where} meldet den Fehler HTTP {status}; "
            "versuchen Sie es später erneut oder prüfen Sie das Protokoll des Servers."
        )
    if "timeout" in name.lower() or "timed out" in text:
        return UserError(
            f"Das Sprachmodell unter {where} hat nicht innerhalb von {settings.timeout_s:g} s geantwortet; "
            "erhöhen Sie ASSISTANT_LLM__TIMEOUT_S oder prüfen Sie die Auslastung des Servers."
        )
    if "connect" in name.lower() or "connection" in text:
        return UserError(
            f"Das Sprachmodell unter {where} ist nicht erreichbar; läuft der Server und stimmt ASSISTANT_LLM__BASE_URL?"
        )
    return UserError(f"Das Sprachmodell unter {where} ist fehlgeschlagen ({name}); mit --debug sehen Sie Details.")
