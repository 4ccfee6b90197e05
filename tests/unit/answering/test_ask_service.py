"""AnswerService: refusals without calling the LLM, follow-ups, the context budget, streaming, bad input."""

from __future__ import annotations

import pytest

from assistant.answering.fakes import FakeChatModel
from assistant.answering.llm import budget_sources, estimate_tokens, fence
from assistant.answering.models import Answer, ChatTurn
from assistant.answering.service import NOT_IN_DOCUMENTS
from assistant.errors import UserError
from assistant.models import SearchHit
from tests.unit.answering.corpus import FEHLBETRAG_2026
from tests.unit.answering.helpers import fenced_sources, number_of

UNKNOWN = [
    "Wie viele Feuerwehrleute hat die Stadt?",
    "Wann wurde das Hallenbad eröffnet?",
]
WRONG_YEAR = "Wie hoch war der Fehlbetrag im Jahr 2019?"  # the topic is there, the year is not

FEHLBETRAG = [
    ChatTurn(role="user", content="Wie hoch ist der Fehlbetrag 2026?"),
    ChatTurn(role="assistant", content=f"{FEHLBETRAG_2026[:-1]} [1]."),
]


@pytest.mark.parametrize("question", UNKNOWN)
def test_nothing_relevant_means_no_llm_call_and_no_answer(llm_services, question):
    fake = FakeChatModel(responses=["Erfunden: 17 Feuerwehrleute [1]."])
    answer = llm_services(fake).answers.ask(question)
    assert fake.calls == []
    assert not answer.answered
    assert answer.answer == NOT_IN_DOCUMENTS and answer.citations == []
    assert answer.generator == "fake:test-model"


def test_a_year_the_documents_do_not_name_reaches_the_llm_which_may_decline(llm_services, indexed):
    fake = FakeChatModel(responses=[NOT_IN_DOCUMENTS])
    answer = llm_services(fake).answers.ask(WRONG_YEAR)
    assert len(fake.calls) == 1  # plausible evidence: the LLM reads it and declines
    assert not answer.answered and answer.status == "nicht_gefunden"
    extractive = indexed.answers.ask(WRONG_YEAR)
    # no plain answer without an LLM: refused, or hedged with the missing year named
    assert extractive.status != "beantwortet" and "Jahr" in extractive.reason
    assert not extractive.answered or "gefragte Jahr" in extractive.answer


@pytest.mark.parametrize("question", UNKNOWN)
def test_extractive_refuses_the_same_questions(indexed, question):
    answer = indexed.answers.ask(question)
    assert (answer.answered, answer.answer, answer.citations) == (False, NOT_IN_DOCUMENTS, [])


def test_refusal_in_an_empty_knowledge_base(fake_services):
    fake = FakeChatModel()
    answer = fake_services.answers.ask("Wie hoch ist der Fehlbetrag 2026?")
    assert not answer.answered and answer.answer == NOT_IN_DOCUMENTS
    assert fake.calls == []


def test_the_model_saying_it_does_not_know_is_a_refusal(llm_services):
    fake = FakeChatModel(responses=[NOT_IN_DOCUMENTS])
    answer = llm_services(fake).answers.ask("Wie hoch ist der Fehlbetrag 2026?")
    assert len(fake.calls) == 1
    assert (answer.answered, answer.answer, answer.citations, answer.sentences) == (False, NOT_IN_DOCUMENTS, [], [])


def test_stream_yields_deltas_then_the_answer(llm_services):
    def respond(messages):
        n = number_of(messages[-1].content, "Fehlbetrag")
        return f"Der Ergebnishaushalt 2026 weist einen Fehlbetrag von 4,2 Mio. Euro aus [{n}]."

    fake = FakeChatModel(respond=respond)
    items = list(llm_services(fake).answers.stream("Wie hoch ist der Fehlbetrag 2026?"))
    *deltas, answer = items
    assert isinstance(answer, Answer) and all(isinstance(d, str) for d in deltas)
    assert len(deltas) > 5  # word by word, as the model streamed it
    assert "".join(deltas) == answer.answer
    assert answer.answered and answer.citations[0].text.startswith(FEHLBETRAG_2026)
    assert answer.generator == "fake:test-model"
    assert [c.kind for c in fake.calls] == ["stream"]


def test_stream_refusal_yields_the_sentence_then_the_answer(indexed):
    items = list(indexed.answers.stream("Wie viele Feuerwehrleute hat die Stadt?"))
    assert items[0] == NOT_IN_DOCUMENTS and isinstance(items[1], Answer) and len(items) == 2


# -- follow-up questions ---------------------------------------------------------------------------


def test_extractive_follow_up_searches_with_the_earlier_topic(indexed):
    answer = indexed.answers.ask("Und wie hoch war er 2025?", history=FEHLBETRAG)
    assert "Fehlbetrag" in answer.search_query and "2025" in answer.search_query
    assert "2026" not in answer.search_query  # the new year replaces the old one
    assert answer.answered and "3,1 Mio. Euro" in answer.answer
    assert "4,2" not in answer.answer


def test_without_history_the_follow_up_alone_finds_nothing(indexed):
    answer = indexed.answers.ask("Und wie hoch war er 2025?")
    assert answer.search_query == "Und wie hoch war er 2025?"
    assert not answer.answered


def test_a_standalone_question_after_history_is_not_rewritten(indexed):
    question = "Wie hoch ist der Anteil des Radverkehrs an allen Wegen?"
    answer = indexed.answers.ask(question, history=FEHLBETRAG)
    assert answer.search_query == question and "18 Prozent" in answer.answer


def _rewrite_then_answer(rewritten: str):
    def respond(messages):
        prompt = messages[-1].content
        if "Eigenständige Frage:" in prompt:
            return f"„{rewritten}“\nErklärung: ersetzt „er“."
        n = number_of(prompt, "Fehlbetrag")
        return f"Im Jahr 2025 betrug der Fehlbetrag 3,1 Mio. Euro [{n}]."

    return respond


def test_llm_follow_up_uses_the_rewrite_prompt(llm_services):
    fake = FakeChatModel(respond=_rewrite_then_answer("Wie hoch war der Fehlbetrag 2025?"))
    answer = llm_services(fake).answers.ask("Und wie hoch war er 2025?", history=FEHLBETRAG)

    assert [c.kind for c in fake.calls] == ["invoke", "stream"]
    rewrite = fake.calls[0]
    assert rewrite.human.startswith("Formuliere die letzte Frage so um")
    assert "Frage: Wie hoch ist der Fehlbetrag 2026?" in rewrite.human  # the history
    assert "Letzte Frage: Und wie hoch war er 2025?" in rewrite.human
    assert answer.search_query == "Wie hoch war der Fehlbetrag 2025?"  # quotes and extra lines dropped
    # the answer prompt keeps the user's own words and the history
    answering = fake.calls[1].human
    assert "Frage: Und wie hoch war er 2025?" in answering
    assert "Frage: Wie hoch ist der Fehlbetrag 2026?" in answering.split("Quellen (Material")[0]
    assert answer.answered and "3,1 Mio. Euro" in answer.answer


def test_llm_rewrite_failure_falls_back_to_the_history_aware_query(llm_services):
    def respond(messages):
        if "Eigenständige Frage:" in messages[-1].content:
            raise TimeoutError("zu langsam")
        return _rewrite_then_answer("")(messages)

    fake = FakeChatModel(respond=respond)
    answer = llm_services(fake).answers.ask("Und wie hoch war er 2025?", history=FEHLBETRAG)
    assert "Fehlbetrag" in answer.search_query and "2025" in answer.search_query
    assert [c.kind for c in fake.calls] == ["invoke", "stream"] and answer.answered


def test_an_unusable_endpoint_during_the_rewrite_is_reported_at_once(llm_services):
    """No second attempt (and no second wait for a timeout) when the endpoint already failed."""
    fake = FakeChatModel(error=TimeoutError("timed out"))
    services = llm_services(fake, explain_error=lambda exc: UserError("Das Sprachmodell antwortet nicht."))
    with pytest.raises(UserError, match="antwortet nicht"):
        services.answers.ask("Und wie hoch war er 2025?", history=FEHLBETRAG)
    assert [c.kind for c in fake.calls] == ["invoke"]


@pytest.mark.parametrize("reply", ["", "   ", "\n\n"])
def test_an_empty_rewrite_keeps_the_question(llm_services, reply):
    from assistant.answering.llm import LLMGenerator

    generator = LLMGenerator(FakeChatModel(responses=[reply]), name="f", municipality="M", max_context_tokens=100)
    assert generator.rewrite_question("Und 2025?", FEHLBETRAG) == "Und 2025?"


# -- context budget ---------------------------------------------------------------------------------


def _hit(rank: int, words: int) -> SearchHit:
    text = " ".join(["Wort"] * words)
    return SearchHit(rank=rank, chunk_id=f"c{rank}", doc_id="d", title="T", page=None, score=1.0, text=text)


def test_budget_sources_stops_at_the_budget_in_the_given_order():
    hits = [_hit(i, 100) for i in range(1, 6)]
    cost = estimate_tokens(fence(1, hits[0]))
    assert budget_sources(hits, [4, 0, 2, 1, 3], 10_000)[1] == [4, 0, 2, 1, 3]
    text, included = budget_sources(hits, [4, 0, 2, 1, 3], 2 * cost)
    assert included == [4, 0]
    assert list(fenced_sources(text)) == [5, 1]
    assert budget_sources(hits, [2, 1], cost - 1)[1] == [2]  # one passage even over budget


def test_max_context_tokens_limits_the_passages_in_the_prompt(llm_services):
    question = "Wie hoch ist der Fehlbetrag 2026?"
    counts = {}
    for budget in (3000, 60, 1):
        fake = FakeChatModel()
        llm_services(fake, max_context_tokens=budget).answers.ask(question)
        prompt = fake.calls[0].human
        sources = fenced_sources(prompt)
        counts[budget] = len(sources)
        assert "Fehlbetrag von 4,2 Mio. Euro" in next(iter(sources.values()))  # the best passage first
        if budget == 60:
            block_tokens = sum(estimate_tokens(b) for b in prompt.split("\n\n") if b.startswith("<quelle"))
            assert block_tokens <= 60
    assert counts[3000] >= 2
    assert counts[1] == 1
    assert 1 <= counts[60] < counts[3000]


def test_only_passages_sharing_a_question_word_go_into_the_prompt_best_first(llm_services):
    fake = FakeChatModel()
    llm_services(fake).answers.ask("Wie hoch ist der Fehlbetrag 2026?")
    sources = list(fenced_sources(fake.calls[0].human).values())
    assert "Fehlbetrag von 4,2 Mio. Euro" in sources[0]
    # the budget's passages (their title names 2026) yes; climate and parking share no word with the question
    assert not any("Radverkehr" in text or "Parkgebühr" in text for text in sources)


# -- bad input --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "Die Frage ist leer; bitte eine Frage eingeben."),
        ("   \n\t ", "Die Frage ist leer; bitte eine Frage eingeben."),
        (None, "Die Frage ist leer; bitte eine Frage eingeben."),
        ("x" * 20_000, "Die Frage ist mit 20.000 Zeichen zu lang (höchstens 2.000); bitte kürzer fassen."),
    ],
)
def test_bad_questions_are_user_errors_before_anything_is_called(llm_services, question, message):
    fake = FakeChatModel()
    services = llm_services(fake)
    with pytest.raises(UserError) as error:
        services.answers.ask(question)
    assert str(error.value) == message
    with pytest.raises(UserError):
        next(iter(services.answers.stream(question)))
    assert fake.calls == []


def test_question_at_the_limit_is_accepted(indexed):
    limit = indexed.settings.answer.max_question_chars
    question = ("Fehlbetrag " * 400)[: limit - 1] + "?"
    assert len(question) == limit
    assert indexed.answers.ask(question).question == question
