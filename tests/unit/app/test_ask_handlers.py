from datetime import date

import pytest

from assistant.answering.models import Answer, Citation
from assistant.app.handlers import ask
from assistant.errors import UserError
from assistant.models import SearchFilters


class ScriptedAnswers:
    """Stands in for the answer service where the test is about the chat mechanics, not the answer."""

    def __init__(self, answer: Answer, deltas: list[str]):
        self.answer, self.deltas, self.calls = answer, deltas, []

    def stream(self, question, history, filters):
        self.calls.append((question, history, filters))
        yield from self.deltas
        yield self.answer


class Scripted:
    def __init__(self, answers):
        self.answers = answers


def _answer(**changes) -> Answer:
    citation = Citation(
        n=1, doc_id="haushalt", title="Haushaltsplan 2026", page=3, text="Fehlbetrag 4,2 Mio. EUR " * 40,
        path="/daten/haushaltsplan.pdf",
    )  # fmt: skip
    values = dict(question="F?", answer="Der Fehlbetrag beträgt 4,2 Mio. EUR [1].", answered=True,
                  citations=[citation], generator="extractive")  # fmt: skip
    return Answer(**(values | changes))


def test_answer_streams_then_shows_sources_with_page_link_and_passage():
    service = ScriptedAnswers(_answer(), ["Der Fehlbetrag ", "beträgt 4,2 Mio. EUR [1]."])
    states = list(ask.ask_stream(Scripted(service), "  Wie hoch ist der Fehlbetrag?  ", []))
    assert states[0][-1]["content"] == "Suche in den Dokumenten …"
    assert states[1][-1]["content"] == "Der Fehlbetrag  ▌"  # streamed, with a cursor
    final = states[-1]
    assert [m["role"] for m in final] == ["user", "assistant"]
    assert final[0]["content"] == "Wie hoch ist der Fehlbetrag?"
    text = final[1]["content"]
    answer, sources = text.split(ask.SOURCES_HEADING)
    assert answer == "Der Fehlbetrag beträgt 4,2 Mio. EUR [1]."
    assert "**[1] Haushaltsplan 2026, S. 3**" in sources
    assert "[Seite 3 öffnen](/dokumente/haushalt#page=3)" in sources
    assert "> Fehlbetrag 4,2 Mio. EUR" in sources and sources.endswith(" …")  # long passages shortened


def test_follow_up_questions_get_the_conversation_without_source_lists():
    first = ScriptedAnswers(_answer(), [])
    conversation = list(ask.ask_stream(Scripted(first), "Wie hoch ist der Fehlbetrag?", []))[-1]
    second = ScriptedAnswers(_answer(), [])
    list(ask.ask_stream(Scripted(second), "Und 2026?", conversation))
    question, history, _ = second.calls[0]
    assert question == "Und 2026?"
    assert [(t.role, t.content) for t in history] == [
        ("user", "Wie hoch ist der Fehlbetrag?"),
        ("assistant", "Der Fehlbetrag beträgt 4,2 Mio. EUR [1]."),
    ]


def test_history_accepts_gradio_content_parts():
    messages = [
        {"role": "user", "content": [{"type": "text", "text": "Frage"}]},
        {
            "role": "assistant",
            "content": [{"type": "text", "text": "Antwort" + ask.SOURCES_HEADING + "[1] …"}],
        },
    ]
    assert [t.content for t in ask.history_from_messages(messages)] == ["Frage", "Antwort"]


def test_not_in_the_documents_is_said_clearly():
    refused = _answer(answer="Dazu enthalten die Dokumente keine Angaben.", answered=False, citations=[])
    final = list(ask.ask_stream(Scripted(ScriptedAnswers(refused, [])), "Wie heißt der Bürgermeister?", []))[-1]
    text = final[-1]["content"]
    assert text.startswith("**Nicht in den Dokumenten:** Dazu enthalten die Dokumente keine Angaben.")
    assert "Wissensbasis" in text and ask.SOURCES_HEADING not in text


def test_empty_question_is_a_user_error():
    with pytest.raises(UserError, match="Frage ein"):
        list(ask.ask_stream(Scripted(None), "   ", []))


def test_filters_from_the_form():
    assert ask.parse_filters([], "", "") is None
    filters = ask.parse_filters(["haushalt"], "1.1.2025", "2026-12-31")
    assert filters == SearchFilters(doc_types=["haushalt"], stand_from=date(2025, 1, 1), stand_to=date(2026, 12, 31))
    with pytest.raises(UserError, match=r"TT\.MM\.JJJJ"):
        ask.parse_filters([], "März 2025", "")
    with pytest.raises(UserError, match="vor „Stand ab“"):
        ask.parse_filters([], "01.01.2026", "01.01.2025")


def test_html_and_markdown_sources_link_without_page():
    citation = Citation(n=2, doc_id="b", title="Bericht", page=None, text="Text", path="/d/bericht.html")
    assert "[2] Bericht**" in ask.citation_markdown(citation)
    assert "[Dokument öffnen](/dokumente/b)" in ask.citation_markdown(citation)


def test_real_answer_service_over_sample_documents(indexed):
    final = list(ask.ask_stream(indexed, "Wie hoch ist der Fehlbetrag im Ergebnishaushalt?", []))[-1]
    text = final[-1]["content"]
    assert ask.SOURCES_HEADING in text
    assert "Haushaltsplan 2026" in text.split(ask.SOURCES_HEADING)[1]
    assert "#page=" in text
    filtered = ask.parse_filters(["konzept"], "", "")
    final = list(ask.ask_stream(indexed, "Wie hoch ist der Fehlbetrag im Ergebnishaushalt?", [], filtered))[-1]
    assert "Haushaltsplan" not in final[-1]["content"]


def test_passage_excerpt_shows_the_part_that_backs_the_claim():
    passage = (
        "Der Ergebnishaushalt ist strukturell nicht ausgeglichen. Nach einem Fehlbetrag von 6,8 Mio. EUR im "
        "Jahr 2024 weist der Haushaltsplan für 2025 ein Jahresergebnis von −4,2 Mio. EUR aus. Für 2026 sind "
        "−3,1 Mio. EUR veranschlagt. Die Finanzplanung sieht ab 2028 einen Überschuss vor. Voraussetzung ist "
        "das Konsolidierungsprogramm. Außerdem sinkt die Dauer der Stellenbesetzung in der Verwaltung."
    )
    excerpt = ask.passage_excerpt(passage, "Für 2026 sind −3,1 Mio. EUR veranschlagt [1].", limit=160)
    assert "Für 2026 sind −3,1 Mio. EUR veranschlagt." in excerpt
    assert excerpt.startswith("… ") and excerpt.endswith(" …") and len(excerpt) <= 164
    tail = ask.passage_excerpt(passage, "Stellenbesetzung in der Verwaltung", limit=120)
    assert tail.endswith("Stellenbesetzung in der Verwaltung.") and tail.startswith("… ")
    assert ask.passage_excerpt("Kurz.", "x") == "Kurz."
    assert ask.claims_citing("Erster Satz [1]. Zweiter Satz [2]. Dritter [1].", 1) == "Erster Satz [1]. Dritter [1]."


def test_the_backing_sentence_is_highlighted_in_its_source():
    text = "Das Bad schließt im Mai. Die Sanierung kostet 4,8 Mio. Euro. Danach öffnet es wieder."
    citation = Citation(n=1, doc_id="b", title="Bäder", page=3, text=text, path="/d/baeder.pdf",
                        highlight="Die Sanierung kostet 4,8 Mio. Euro.")  # fmt: skip
    assert "**Die Sanierung kostet 4,8 Mio. Euro.**" in ask.citation_markdown(citation)
    plain = citation.model_copy(update={"highlight": ""})
    assert "**Die Sanierung" not in ask.citation_markdown(plain)


def test_sources_are_numbered_in_the_order_the_answer_cites_them():
    def cite(n, title):
        return Citation(n=n, doc_id=title.lower(), title=title, page=n, text=f"{title} Text.", path=f"/d/{title}.pdf")

    answer = _answer(
        answer="Der Fehlbetrag beträgt 4,2 Mio. EUR [4]. Die Erträge steigen [1, 4].",
        citations=[cite(1, "Haushalt"), cite(3, "Bericht"), cite(4, "Plan")],
    )
    text = ask.answer_message(answer)["content"]
    body, sources = text.split(ask.SOURCES_HEADING)
    assert body == "Der Fehlbetrag beträgt 4,2 Mio. EUR [1]. Die Erträge steigen [2, 1]."
    # first cited first, then the next, the uncited source last; each heading keeps its document and page
    headings = [line for line in sources.splitlines() if line.startswith("**[")]
    assert [h.split("]")[0] for h in headings] == ["**[1", "**[2", "**[3"]
    assert "Plan, S. 4" in headings[0] and "Haushalt, S. 1" in headings[1] and "Bericht, S. 3" in headings[2]
