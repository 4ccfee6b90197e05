"""LLM generator over any LangChain chat model: fenced sources, token budget, streaming."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from assistant.answering.evidence import Evidence
from assistant.answering.models import ChatTurn
from assistant.answering.prompts import load_prompt
from assistant.errors import UserError
from assistant.models import SearchHit

CHARS_PER_TOKEN = 3.5  # German text with a BPE tokenizer; an estimate that needs no tokenizer download


def estimate_tokens(text: str) -> int:
    return int(len(text) / CHARS_PER_TOKEN) + 1


def escape_source(text: str) -> str:
    """Angle brackets and double quotes of document text (passage or title) become look-alikes, so a
    document can neither close the fence nor leave the ``dokument="…"`` attribute."""
    return text.replace("<", "‹").replace(">", "›").replace('"', "'")


def fence(number: int, hit: SearchHit, text: str | None = None) -> str:
    """Retrieved text as data: escaped so a document cannot close the fence and speak as the system.
    ``text`` is the passage with its neighbouring continuation (default: the passage alone)."""
    body = (hit.text if text is None else text).replace("<", "‹").replace(">", "›")
    page = f' seite="{hit.page}"' if hit.page else ""
    stand = f' stand="{hit.stand.strftime("%d.%m.%Y")}"' if hit.stand else ""  # lets the LLM weigh old figures
    ocr = ' texterkennung="ja"' if hit.ocr else ""
    return f'<quelle nr="{number}" dokument="{escape_source(hit.title)}"{page}{stand}{ocr}>\n{body}\n</quelle>'


def budget_sources(
    hits: list[SearchHit], order: list[int], max_tokens: int, context: Callable[[SearchHit], str] | None = None
) -> tuple[str, list[int]]:
    """Fence passages in ``order`` until the token budget is used; returns text and included ranks."""
    parts, included, used = [], [], 0
    for index in order:
        block = fence(index + 1, hits[index], context(hits[index]) if context else None)
        cost = estimate_tokens(block)
        if included and used + cost > max_tokens:
            break
        parts.append(block)
        included.append(index)
        used += cost
    return "\n\n".join(parts), included


def format_history(history: list[ChatTurn], max_turns: int = 6) -> str:
    turns = history[-max_turns:]
    if not turns:
        return "(kein Verlauf)"
    return "\n".join(f"{'Frage' if t.role == 'user' else 'Antwort'}: {t.content.strip()[:600]}" for t in turns)


class LLMGenerator:
    calls_llm = True
    def __init__(
        self,
        chat_model,
        *,
        name: str,
        municipality: str,
        max_context_tokens: int,
        context: Callable[[SearchHit], str] | None = None,
        explain_error: Callable[[Exception], Exception] | None = None,
    ):
        """``explain_error`` turns an SDK exception (connection, timeout, HTTP status) into a German
        :class:`~assistant.errors.UserError`; without it, exceptions pass through unchanged."""
        self._model = chat_model
        self._explain_error = explain_error
        self.name = name
        self._municipality = municipality
        self._max_context_tokens = max_context_tokens
        self._context = context
        self._system = load_prompt("antwort_system")
        self._user = load_prompt("antwort_nutzer")
        self._rewrite = load_prompt("frage_umformulieren")

    def rewrite_question(self, question: str, history: list[ChatTurn]) -> str:
        from langchain_core.messages import HumanMessage

        prompt = self._rewrite.render(verlauf=format_history(history), frage=question)
        result = self.invoke([HumanMessage(content=prompt)])
        lines = [line.strip().strip('"„“').strip() for line in str(result.content or "").splitlines()]
        return next((line for line in lines if line), question)  # the first line is the question

    def generate(self, question: str, evidence: Evidence, history: list[ChatTurn], decision=None) -> Iterator[str]:
        from langchain_core.messages import HumanMessage, SystemMessage

        # most relevant passage first (by its best unit), each with its continuation, within the budget
        order = evidence.passage_order(require_overlap=True) or evidence.passage_order()
        sources, included = budget_sources(evidence.hits, order, self._max_context_tokens, self._context)
        evidence.shown = included
        messages = [
            SystemMessage(content=self._system.render(kommune=self._municipality)),
            HumanMessage(content=self._user.render(frage=question, quellen=sources, verlauf=format_history(history))),
        ]
        try:
            for chunk in self._model.stream(messages):
                if chunk.content:
                    yield str(chunk.content)
        except Exception as exc:
            error = self._explained(exc)
            if error is None:
                raise
            raise error from exc

    def invoke(self, messages: list) -> object:
        """One non-streaming call of the chat model (follow-up rewrite, draft sentences)."""
        try:
            return self._model.invoke(messages)
        except Exception as exc:
            error = self._explained(exc)
            if error is None:
                raise
            raise error from exc

    def _explained(self, exc: Exception) -> Exception | None:
        """The German error for ``exc``, or None to re-raise it as it is."""
        if self._explain_error is None or isinstance(exc, UserError):
            return None
        return self._explain_error(exc)
