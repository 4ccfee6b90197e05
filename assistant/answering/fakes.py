"""A deterministic LangChain chat model for tests and demos: scripted replies, recorded requests.

It is a real ``BaseChatModel``, so ``.invoke`` and ``.stream`` go through LangChain's own code paths
(message conversion, callbacks, chunk merging) exactly as they do with ``ChatOpenAI`` or ``ChatOllama``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, Field, PrivateAttr

DEFAULT_REPLY = "Dazu enthalten die Dokumente keine Angaben."


@dataclass(frozen=True)
class FakeCall:
    """One request the model received: ``kind`` is ``invoke`` or ``stream``."""

    kind: str
    messages: tuple[BaseMessage, ...]

    @property
    def system(self) -> str:
        return "\n".join(str(m.content) for m in self.messages if m.type == "system")

    @property
    def human(self) -> str:
        return "\n".join(str(m.content) for m in self.messages if m.type == "human")


class FakeChatModel(BaseChatModel):
    """Replies with ``responses`` in order (then ``default``), or with ``respond(messages)`` if given.

    Streaming yields the reply in word-sized chunks. ``error`` is raised on every call instead of a
    reply (to test failure handling). Every request is recorded in :attr:`calls`.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    responses: list[str] = Field(default_factory=list)
    default: str = DEFAULT_REPLY
    respond: Callable[[list[BaseMessage]], str] | None = None
    error: Exception | None = None
    _calls: list[FakeCall] = PrivateAttr(default_factory=list)
    _next: int = PrivateAttr(default=0)

    @property
    def _llm_type(self) -> str:
        return "fake-chat-model"

    @property
    def calls(self) -> list[FakeCall]:
        return self._calls

    def calls_of(self, kind: str) -> list[FakeCall]:
        return [c for c in self._calls if c.kind == kind]

    def _reply(self, kind: str, messages: list[BaseMessage]) -> str:
        self._calls.append(FakeCall(kind, tuple(messages)))
        if self.error is not None:
            raise self.error
        if self.respond is not None:
            return self.respond(list(messages))
        if self._next < len(self.responses):
            self._next += 1
            return self.responses[self._next - 1]
        return self.default

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        text = self._reply("invoke", messages)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        text = self._reply("stream", messages)
        for piece in _pieces(text):
            chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece))
            if run_manager is not None:
                run_manager.on_llm_new_token(piece, chunk=chunk)
            yield chunk


def _pieces(text: str) -> list[str]:
    """„Der Fehlbetrag beträgt“ → ["Der", " Fehlbetrag", " beträgt"]: joined, they give the text back."""
    words = text.split(" ")
    return [words[0], *(" " + w for w in words[1:])] if text else []
