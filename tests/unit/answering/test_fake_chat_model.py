"""The shipped FakeChatModel behaves like a LangChain chat model and records what it was sent."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage, SystemMessage

from assistant.answering.fakes import DEFAULT_REPLY, FakeChatModel


def test_replies_in_order_then_default_and_records_invoke_and_stream():
    fake = FakeChatModel(responses=["Erste Antwort [1].", "Zweite Antwort mit mehreren Wörtern [2]."])
    messages = [SystemMessage(content="Regeln"), HumanMessage(content="Frage?")]

    assert fake.invoke(messages).content == "Erste Antwort [1]."
    chunks = [chunk.content for chunk in fake.stream(messages) if chunk.content]
    assert len(chunks) == 6  # streamed word by word, not in one piece
    assert "".join(chunks) == "Zweite Antwort mit mehreren Wörtern [2]."
    assert fake.invoke([HumanMessage(content="noch eine")]).content == DEFAULT_REPLY

    assert [c.kind for c in fake.calls] == ["invoke", "stream", "invoke"]
    assert fake.calls[0].system == "Regeln" and fake.calls[0].human == "Frage?"
    assert fake.calls[2].system == "" and fake.calls[2].human == "noch eine"
    assert len(fake.calls_of("stream")) == 1


def test_respond_callable_sees_the_messages():
    fake = FakeChatModel(respond=lambda messages: f"{len(messages)} Nachrichten: {messages[-1].content}")
    assert fake.invoke([HumanMessage(content="Hallo")]).content == "1 Nachrichten: Hallo"


def test_error_is_raised_and_the_call_still_recorded():
    fake = FakeChatModel(error=ConnectionError("kaputt"))
    with pytest.raises(ConnectionError):
        list(fake.stream([HumanMessage(content="x")]))
    with pytest.raises(ConnectionError):
        fake.invoke([HumanMessage(content="y")])
    assert [c.kind for c in fake.calls] == ["stream", "invoke"]


def test_two_instances_do_not_share_recordings():
    first, second = FakeChatModel(), FakeChatModel()
    first.invoke([HumanMessage(content="a")])
    assert len(first.calls) == 1 and second.calls == []
