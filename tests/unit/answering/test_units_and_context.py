"""Answer units cut from chunk text, hedged extractive answers and the LLM's neighbouring context."""

from __future__ import annotations

import numpy as np

from assistant.answering.answerability import Decision
from assistant.answering.context import NeighbourContext, continues_after, continues_before
from assistant.answering.evidence import Evidence, PassageEvidence, ScoredUnit
from assistant.answering.extractive import HEDGE, ExtractiveGenerator
from assistant.answering.question import QuestionAnalysis
from assistant.models import Block, LoadedDocument, SearchHit
from assistant.text.units import MAX_UNIT_CHARS, split_units


def test_sentences_rows_with_header_and_short_pieces():
    text = "Die Bücherei hat 12.000 Medien. Sie öffnet um 9 Uhr.\n\nSeite 3.\n\n| Jahr | Ausleihen |\n| 2023 | 41.000 |"
    units = split_units(text, "Bücherei > Bestand")
    assert [u.text for u in units] == [
        "Die Bücherei hat 12.000 Medien.", "Sie öffnet um 9 Uhr.", "Jahr: 2023; Ausleihen: 41.000",
    ]  # fmt: skip
    assert units[0].context.startswith("Bücherei > Bestand\n")
    assert units[0].block == units[1].block != units[2].block
    assert units[2].kind == "row" and units[2].row_label == "2023" and "| Jahr | Ausleihen |" in units[2].context


def test_an_overlong_sentence_is_shortened_at_a_word():
    [unit] = split_units("Wort " * 200 + "Ende.")
    assert len(unit.text) <= MAX_UNIT_CHARS + 2 and unit.text.endswith(" …")


def _hits(count: int) -> list[SearchHit]:
    return [SearchHit(rank=i + 1, chunk_id=f"c{i}", doc_id="d", title="T", page=1, score=1.0, text="x")
            for i in range(count)]  # fmt: skip


def _unit(hit: int, position: int, text: str, score: float) -> ScoredUnit:
    return ScoredUnit(hit, position, text, score, 0.5, 0.5, frozenset(), True)


def test_a_hedged_answer_says_so_and_quotes_the_best_passages():
    asked = "Wann öffnet das Bad?"
    question = QuestionAnalysis(asked, [], [asked], [set()], "zeit", set(), np.zeros(2))
    hits = _hits(4)
    units = [_unit(0, 0, "Das Bad öffnet 2027.", 0.6), _unit(0, 1, "Es hat 25 Meter.", 0.55),
             _unit(1, 0, "Das Freibad öffnet im Mai.", 0.5), _unit(2, 0, "Das Bad öffnet 2027.", 0.45),
             _unit(3, 0, "Die Sauna bleibt zu.", 0.4)]  # fmt: skip
    evidence = Evidence(question, hits, units, [PassageEvidence(0.5, frozenset(), True)] * 4)
    text = "".join(ExtractiveGenerator().generate("Wann öffnet das Bad?", evidence, [], Decision("unsicher", 0.6, "")))
    # the plain answer's sentences of the best passage first, then one sentence of each further passage
    assert text == (
        f"{HEDGE}\n- Das Bad öffnet 2027 [1]. Es hat 25 Meter [1].\n- Das Freibad öffnet im Mai [2]."
        "\n- Die Sauna bleibt zu [4]."
    )
    why = Decision("unsicher", 0.6, "", weakness="das gefragte Jahr kommt in den besten Textstellen nicht vor")
    text = "".join(ExtractiveGenerator().generate("Wann öffnet das Bad?", evidence, [], why))
    assert text.startswith(
        "Eine sichere Antwort geben die Dokumente nicht (das gefragte Jahr kommt in den besten Textstellen nicht "
        "vor); am besten passen diese Stellen:\n- Das Bad öffnet 2027 [1]."
    )


def test_a_hedged_answer_without_the_asked_figure_adds_the_best_sentence_that_has_it():
    asked = "Wie viele Gäste kamen?"
    question = QuestionAnalysis(asked, [], [asked], [set()], "menge", set(), np.zeros(2))
    hits = _hits(4)
    untyped = [_unit(0, 0, "Die Gäste lobten das Fest.", 0.6), _unit(1, 0, "Gäste aus der Region kamen.", 0.55),
               _unit(2, 0, "Das Fest der Gäste war schön.", 0.5)]  # fmt: skip
    for unit in untyped:
        unit.has_type = False
    typed = _unit(3, 0, "Es kamen 1.200 Besucher.", 0.3)
    evidence = Evidence(question, hits, [*untyped, typed], [PassageEvidence(0.5, frozenset(), True)] * 4)
    text = "".join(ExtractiveGenerator().generate(asked, evidence, [], Decision("unsicher", 0.5, "")))
    assert text == (
        f"{HEDGE}\n- Die Gäste lobten das Fest [1].\n- Es kamen 1.200 Besucher [4].\n- Gäste aus der Region kamen [2]."
    )


def test_each_part_of_a_question_is_answered_with_its_own_kind_of_answer():
    asked = "Wie teuer ist die Sanierung und bis wann dauert sie?"
    question = QuestionAnalysis(asked, [], ["Wie teuer ist die Sanierung", "bis wann dauert sie?"],
                                [{"sanierung"}, {"dauert"}], "menge", set(), np.zeros(2))  # fmt: skip
    assert question.part_types == ["menge", "zeit"]
    hits = _hits(3)
    cost = ScoredUnit(0, 0, "Die Sanierung kostet 4 Mio. Euro.", 0.8, 0.5, 0.5, frozenset({"sanierung"}), True)
    vague = ScoredUnit(1, 0, "Sie dauert länger als gedacht.", 0.7, 0.5, 0.5, frozenset({"dauert"}), True)
    dated = ScoredUnit(2, 0, "Sie dauert bis Herbst 2027.", 0.6, 0.5, 0.5, frozenset({"dauert"}), True)
    evidence = Evidence(question, hits, [cost, vague, dated], [PassageEvidence(0.5, frozenset(), True)] * 3)
    chosen = ExtractiveGenerator(max_sentences=2).select(evidence)
    assert [u.text for u in chosen] == [cost.text, dated.text]


def test_the_answer_takes_further_sentences_down_to_the_relative_cutoff_of_its_params():
    from assistant.answering.params import AnswerParams

    asked = "Was kostet das Bad?"
    question = QuestionAnalysis(asked, [], [asked], [set()], "menge", set(), np.zeros(2))
    best = ScoredUnit(0, 0, "Das Bad kostet 3 Mio. Euro.", 1.0, 0.5, 0.5, frozenset({"bad"}), True)
    near = ScoredUnit(0, 1, "Der Kreis zahlt 1 Mio. Euro.", 0.75, 0.5, 0.5, frozenset({"kreis"}), True)
    evidence = Evidence(question, _hits(1), [best, near], [PassageEvidence(0.5, frozenset(), True)])

    def chosen(cutoff: float) -> list[str]:
        generator = ExtractiveGenerator(params=AnswerParams(relative_cutoff=cutoff))
        return [u.text for u in generator.select(evidence)]

    assert chosen(0.7) == [best.text, near.text]
    assert chosen(0.8) == [best.text]


def test_two_rows_of_one_table_are_no_duplicates_but_a_repeated_sentence_is():
    from assistant.answering.extractive import _similar

    def row(text):
        unit = _unit(0, 0, text, 0.5)
        unit.row_label = text.split(";")[0]
        return unit

    columns = "Träger: Stadt; Status: offen; Priorität: hoch"
    first = row(f"Nr: 1; Maßnahme: Hallenbad; Bereich: Sport; {columns}; Kosten: 12 Mio. EUR")
    second = row(f"Nr: 2; Maßnahme: Radweg; Bereich: Verkehr; {columns}; Kosten: 2 Mio. EUR")
    assert not _similar(first, second)
    assert _similar(_unit(0, 0, "Das Bad öffnet 2027.", 0.5), _unit(1, 0, "Das Bad öffnet 2027 wieder.", 0.4))


def test_continuation_is_recognised():
    assert continues_after("Der Zuschuss beträgt im Jahr")
    assert continues_after("| Bad | Besuche |\n| Hallenbad | 81.000 |")
    assert not continues_after("Der Zuschuss beträgt 5.000 Euro.")
    assert continues_before("und wird 2027 fertig.")
    assert not continues_before("Das Bad wird 2027 fertig.")


def test_the_llm_context_adds_the_next_page_where_a_sentence_continues(fake_services):
    blocks = [
        Block(kind="paragraph", text="Einleitung zum Bäderkonzept. " * 3, page=1),
        Block(kind="paragraph", text="Die Sanierung des Hallenbads kostet nach der Schätzung", page=1),
        Block(kind="paragraph", text="rund 4,8 Mio. Euro und beginnt 2026. Danach folgt das Freibad.", page=2),
    ]
    document = LoadedDocument(source_path="/tmp/baeder.pdf", title="Bäder", blocks=blocks, pages=2)
    fake_services.ingestor.store_document("baeder", document, "v1")
    chunks = fake_services.catalog.document_chunks("baeder")
    first = next(c for c in chunks if c.page == 1)
    hit = SearchHit(rank=1, chunk_id=first.chunk_id, doc_id="baeder", title="Bäder", page=1, score=1.0,
                    text=first.text)  # fmt: skip
    text = NeighbourContext(fake_services.catalog)(hit)
    assert text.startswith(first.text)
    assert "(Fortsetzung S. 2) rund 4,8 Mio. Euro und beginnt 2026." in text


def test_a_sentence_pairs_with_the_next_only_when_that_adds_what_is_asked(fake_services, tmp_path):
    folder = tmp_path / "dokumente"
    folder.mkdir()
    (folder / "bad.md").write_text(
        "# Bäder\n\nDas Hallenbad wird ab Mai saniert. Die Arbeiten kosten 4,8 Mio. Euro.\n\n"
        "Das Freibad bleibt geöffnet. Der Kiosk wird neu verpachtet.\n",
        encoding="utf-8",
    )
    fake_services.ingestor.ingest([folder], progress=False)
    question = "Wie viel kostet die Sanierung des Hallenbads?"
    evidence = fake_services.answers.evidence(question, fake_services.retriever.search(question, 4))
    pairs = [u.text for u in evidence.units if u.span == 2]
    # the figure asked for is in the second sentence: the pair exists
    assert "Das Hallenbad wird ab Mai saniert. Die Arbeiten kosten 4,8 Mio. Euro." in pairs
    # the kiosk adds nothing the question asks for: no pair
    assert not any("Kiosk" in text for text in pairs)


def test_both_sentences_of_a_pair_carry_the_marker():
    question = QuestionAnalysis("Was kostet es?", [], ["Was kostet es?"], [set()], "menge", set(), np.zeros(2))
    hit = SearchHit(rank=1, chunk_id="c", doc_id="d", title="T", page=1, score=1.0, text="x")
    pair = ScoredUnit(0, 0, "Das Bad wird saniert. Es kostet 4,8 Mio. Euro.", 0.9, 1.0, 0.5, frozenset(), True, span=2)
    evidence = Evidence(question, [hit], [pair], [PassageEvidence(1.0, frozenset(), True)])
    text = "".join(ExtractiveGenerator().generate("Was kostet es?", evidence, [], Decision("beantwortet", 0.9, "")))
    assert text == "Das Bad wird saniert [1]. Es kostet 4,8 Mio. Euro [1]."
