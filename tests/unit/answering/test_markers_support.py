"""``[n]`` markers: invalid ones are removed and reported; sentences are checked against their sources."""

from __future__ import annotations

import pytest

from assistant.answering.fakes import FakeChatModel
from assistant.answering.markers import drop_invalid_markers, markers_in
from assistant.answering.models import Citation
from assistant.answering.support import check_sentences
from assistant.index.embedders import HashEmbedder
from tests.unit.answering.corpus import FEHLBETRAG_2025, FEHLBETRAG_2026
from tests.unit.answering.helpers import fenced_sources, number_of


def test_markers_in_reads_single_and_grouped_markers():
    assert markers_in("A [1]. B [2, 3]. C [4,5]. D [x] und [].") == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    ("text", "cleaned", "removed"),
    [
        ("Der Wert ist 4 [1]. Er steigt [7].", "Der Wert ist 4 [1]. Er steigt.", [7]),
        ("Der Wert ist 4 [1, 7].", "Der Wert ist 4 [1].", [7]),
        ("Der Wert ist 4 [9, 8] und bleibt [2].", "Der Wert ist 4 und bleibt [2].", [9, 8]),
        ("Ohne Verweis.", "Ohne Verweis.", []),
        ("Nur [0].", "Nur.", [0]),
    ],
)
def test_drop_invalid_markers(text, cleaned, removed):
    assert drop_invalid_markers(text, {1, 2}) == (cleaned, removed)


def _citation(n: int, text: str) -> Citation:
    return Citation(n=n, doc_id="haushalt", title="Haushaltsplan 2026", page=3, text=text)


def test_check_sentences_flags_numbers_missing_from_the_cited_passage(indexed):
    passage = f"{FEHLBETRAG_2026} {FEHLBETRAG_2025}"
    answer = (
        "Der Ergebnishaushalt 2026 weist einen Fehlbetrag von 4,2 Mio. Euro aus [1]. "
        "Der Fehlbetrag 2026 beträgt 9,9 Mio. Euro [1]. "
        "Im Jahr 2025 betrug der Fehlbetrag 3,1 Mio. Euro."
    )
    checks = check_sentences(answer, [_citation(1, passage)], indexed.keyword_index.analyse, HashEmbedder(), 0.35)
    assert [(c.citations, c.supported) for c in checks] == [([1], True), ([1], False), ([], False)]
    assert checks[0].support >= 0.6
    assert checks[2].support == 0.0  # cites nothing


def test_check_sentences_a_matching_sentence_citing_the_wrong_passage_is_unsupported(indexed):
    checks = check_sentences(
        "Der Stellenplan umfasst 812 Vollzeitäquivalente [2].",
        [_citation(1, "Der Stellenplan umfasst 812 Vollzeitäquivalente."), _citation(2, "Radverkehr 18 Prozent.")],
        indexed.keyword_index.analyse,
        HashEmbedder(),
        0.35,
    )
    assert [c.supported for c in checks] == [False]


def test_a_sentence_quoted_from_its_passage_is_supported_without_embedding(indexed):
    embedded: list[str] = []

    class CountingEmbedder(HashEmbedder):
        def embed_documents(self, texts):
            embedded.extend(texts)
            return super().embed_documents(texts)

    embedder = CountingEmbedder()
    passage = "Die Bücherei hat\n12.000 Medien. Sie öffnet um 9 Uhr."
    answer = "Die Bücherei hat 12.000 Medien [1]. Sie hat 14.000 Medien [1]."
    checks = check_sentences(answer, [_citation(1, passage)], indexed.keyword_index.analyse, embedder, 0.35)
    assert [(c.supported, c.support) for c in checks[:1]] == [(True, 1.0)]
    assert not checks[1].supported  # not quoted: compared, and its number is not in the passage
    assert embedded == ["Sie hat 14.000 Medien.", passage]


def test_each_bullet_is_checked_on_its_own_and_a_list_introduction_is_no_statement(indexed):
    answer = "Am besten passen diese Stellen:\n- Die Bücherei hat 12.000 Medien [1].\n- Das Bad hat 25 Meter [2]."
    citations = [_citation(1, "Die Bücherei hat 12.000 Medien."), _citation(2, "Das Bad hat 25 Meter.")]
    checks = check_sentences(answer, citations, indexed.keyword_index.analyse, HashEmbedder(), 0.35)
    assert [(c.text, c.citations, c.support) for c in checks] == [
        ("- Die Bücherei hat 12.000 Medien [1].", [1], 1.0), ("- Das Bad hat 25 Meter [2].", [2], 1.0),
    ]  # fmt: skip


def test_quoted_ignores_the_markers_spacing_and_list_bullets():
    from assistant.answering.support import quoted

    assert quoted("- Es sind 4 % .", "Vorher. Es sind 4 %. Danach.")
    assert quoted("Es sind 4 %", "Es sind\n4 %.")
    assert not quoted("Es sind 5 %.", "Es sind 4 %.") and not quoted(" . ", "Es sind 4 %.")


def _answer_with(template: str):
    """A fake whose reply cites the passage numbers it actually received (found by content)."""

    def respond(messages):
        prompt = messages[-1].content
        sources = fenced_sources(prompt)
        return template.format(fehlbetrag=number_of(prompt, "Fehlbetrag"), missing=max(sources) + 50)

    return FakeChatModel(respond=respond)


def test_marker_without_passage_is_removed_and_reported(llm_services):
    fake = _answer_with(
        "Der Ergebnishaushalt 2026 weist einen Fehlbetrag von 4,2 Mio. Euro aus [{fehlbetrag}, {missing}]. "
        "Das steht auch im Ratsbeschluss [{missing}]."
    )
    answer = llm_services(fake).answers.ask("Wie hoch ist der Fehlbetrag 2026?")
    number = answer.citations[0].n
    missing = answer.removed_markers[0]
    assert missing > 50
    assert answer.removed_markers == [missing, missing]
    assert f"[{missing}]" not in answer.answer and str(missing) not in answer.answer
    assert answer.answer == (
        f"Der Ergebnishaushalt 2026 weist einen Fehlbetrag von 4,2 Mio. Euro aus [{number}]. "
        "Das steht auch im Ratsbeschluss."
    )
    assert [c.n for c in answer.citations] == [number]
    assert answer.citations[0].title == "Haushaltsplan 2026" and FEHLBETRAG_2026 in answer.citations[0].text
    assert f"Quellenverweise ohne Textstelle entfernt: [{missing}], [{missing}]." in answer.warnings
    assert answer.answered


def test_marker_to_a_passage_not_shown_to_the_model_is_removed(llm_services):
    """The model only sees the passages in its prompt; a number outside them points to no passage for it,
    even if the retriever found more passages."""
    question = "Wie hoch ist der Fehlbetrag 2026?"

    def respond(messages):
        shown = set(fenced_sources(messages[-1].content))
        hidden = next(n for n in range(1, len(hits) + 1) if n not in shown)
        [first] = shown
        return f"Der Ergebnishaushalt 2026 weist einen Fehlbetrag von 4,2 Mio. Euro aus [{first}]. Dazu [{hidden}]."

    fake = FakeChatModel(respond=respond)
    services = llm_services(fake, max_context_tokens=1)  # room for one passage only
    hits = services.retriever.search(question, services.settings.answer.passages)
    assert len(hits) >= 3
    answer = services.answers.ask(question)
    [shown] = fenced_sources(fake.calls[0].human)
    assert [c.n for c in answer.citations] == [shown]
    assert len(answer.removed_markers) == 1 and answer.removed_markers[0] != shown
    assert answer.answer.endswith("Dazu.")


def test_unsupported_sentences_are_flagged(llm_services):
    fake = _answer_with(
        "Der Ergebnishaushalt 2026 weist einen Fehlbetrag von 4,2 Mio. Euro aus [{fehlbetrag}]. "
        "Der Fehlbetrag 2026 beträgt 9,9 Mio. Euro [{fehlbetrag}]."
    )
    answer = llm_services(fake).answers.ask("Wie hoch ist der Fehlbetrag 2026?")
    assert [s.supported for s in answer.sentences] == [True, False]
    assert answer.unsupported_sentences == [answer.sentences[1].text]
    assert "9,9 Mio. Euro" in answer.unsupported_sentences[0]
    assert "1 Satz ist nicht ausreichend durch die zitierte Quelle belegt." in answer.warnings
    assert answer.removed_markers == []


def test_extractive_answers_are_supported_and_cite_page_numbers(indexed):
    answer = indexed.answers.ask("Wie hoch ist die Betreuungsquote der unter Dreijährigen?")
    assert answer.answered and answer.generator == "extractive"
    assert "38 Prozent" in answer.answer
    [citation] = answer.citations
    assert citation.title == "Kitabericht 2025" and citation.page == 2
    assert f"[{citation.n}]" in answer.answer
    assert answer.sentences and all(s.supported for s in answer.sentences)
    assert answer.unsupported_sentences == [] and answer.removed_markers == [] and answer.warnings == []
