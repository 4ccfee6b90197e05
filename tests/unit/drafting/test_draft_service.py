"""DraftService on a small ingested corpus: sections, facts cited with [n], goals, goal sets, LLM writer."""

from __future__ import annotations

import re

import pytest

from assistant.answering.fakes import FakeChatModel
from assistant.answering.llm import LLMGenerator
from assistant.answering.markers import markers_in
from assistant.answering.prompts import load_prompt
from assistant.drafting.request import parse_request
from assistant.errors import UserError
from assistant.goals.loading import load_goal_set
from tests.unit.drafting.conftest import GOAL_SET, REQUEST


def test_every_section_has_heading_text_and_only_its_own_citations(draft):
    headings = [s.heading for s in draft.sections if s.heading != "Nachrangig"]  # only when documents name any
    field_parts = ["Ausgangslage", "Offene Fragen an das Strategieteam"]
    assert headings == [
        "Präambel",
        "Ausgangslage",
        "Leitbild Musterstadt 2035",
        "Handlungsfeld 1: Bildung, Familien und Jugend", *field_parts,
        "Handlungsfeld 2: Klima und Mobilität", *field_parts,
        "Handlungsfeld 3: Finanzen und Verwaltung", *field_parts,
        "Prioritäten und Nachrangigkeiten",
        "Umsetzung und Steuerung",
    ]  # fmt: skip
    origins = {s.heading: s.origin for s in draft.sections}
    assert origins["Präambel"] == origins["Handlungsfeld 1: Bildung, Familien und Jugend"] == "vorlage"
    assert origins["Ausgangslage"] == "dokumente" and origins["Umsetzung und Steuerung"] == "vorlage"
    for section in draft.sections:
        assert section.heading and section.text.strip()
        assert {c.n for c in section.citations} == set(markers_in(section.text)), section.heading
    assert draft.title == "Gesamtstrategie Musterstadt 2035 – Entwurf"
    assert draft.generator == "extractive"
    assert "Chancengleichheit, Verlässlichkeit" in draft.sections[0].text


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:[.,]\d+)*", text))


def test_facts_are_cited_and_their_figures_are_in_the_cited_passage(draft):
    cited = 0
    for section in draft.sections:
        by_number = {c.n: c for c in section.citations}
        for line in section.text.splitlines():
            if not line.startswith("- ") or line.startswith(("- Z", "- Für ")) or "keine Angaben" in line:
                continue  # facts are list items; goal lines and open questions are checked elsewhere
            [n] = markers_in(line)
            citation = by_number[n]
            assert citation.doc_id and citation.title
            figures = _numbers(re.sub(r"\[\d+\]", "", line))
            assert figures and figures <= _numbers(citation.text), (line, citation.text)
            cited += 1
    assert cited >= 4


def test_citations_carry_document_and_page(draft):
    citations = {c.n: c for s in draft.sections for c in s.citations}
    assert len(citations) >= 4
    numbers = sorted(citations)
    assert numbers == list(range(1, len(numbers) + 1))  # one numbering for the whole draft
    titles = {c.title for c in citations.values()}
    assert "Demografiebericht 2025" in titles
    for citation in citations.values():
        if citation.path.endswith(".pdf"):
            assert isinstance(citation.page, int) and citation.page >= 1
        else:
            assert citation.page is None


def test_starting_position_cites_population_from_the_demography_report(draft):
    start = draft.sections[1]
    population = next(line for line in start.text.splitlines() if line.startswith("- Bevölkerung:"))
    [n] = markers_in(population)
    [citation] = [c for c in start.citations if c.n == n]
    assert citation.title == "Demografiebericht 2025" and citation.page


def test_facts_are_whole_sentences_that_name_their_label(draft):
    from assistant.text.sentences import is_complete_sentence

    start = draft.sections[1]
    for line in start.text.splitlines():
        _label, _, fact = line[2:].partition(": ")
        fact = re.sub(r"\s*\[\d+\]$", "", fact)
        assert is_complete_sentence(fact) or fact.count(":") >= 1, line  # a sentence or a rendered table row
    population = next(line for line in start.text.splitlines() if line.startswith("- Bevölkerung:"))
    assert re.search(r"Einwohner|Bevölkerung", population)


def test_without_a_goal_set_no_template_goals_but_open_questions_per_focus(draft):
    assert draft.goals == []  # never „erreicht bis 2035 den Zielwert“ with a figure that happened to be near
    questions = [s for s in draft.sections if s.heading == "Offene Fragen an das Strategieteam"]
    text = "\n".join(s.text for s in questions)
    for focus in [point for field in REQUEST["handlungsfelder"] for point in field["schwerpunkte"]]:
        assert f"Für *{focus}* fehlt eine Kennzahl mit Ausgangswert und Zielwert" in text
    assert all(s.origin == "vorlage" for s in questions)


def test_goal_set_in_the_request_supplies_the_goals(indexed):
    request = parse_request({**REQUEST, "zielsystem": str(GOAL_SET)}, "Test")
    draft = indexed.drafts.draft(request)
    expected = load_goal_set(GOAL_SET).goal_set
    by_id = {g.id: g for g in expected.goals}
    assert [g.id for g in draft.goals] == ["Z1", "Z3", "Z5", "Z6"]  # the strategic goals of the three fields
    for goal in draft.goals:
        assert goal.titel == by_id[goal.id].title
    z1 = draft.goals[0]
    assert (z1.kennzahl, z1.basiswert, z1.zielwert, z1.prioritaet) == (
        "Anteil Schulabgänger ohne Abschluss",
        7.1,
        4.0,
        "A",
    )
    assert all(g.origin == "anfrage" for g in draft.goals)
    field_goals = next(s for s in draft.sections if s.heading == "Strategische Ziele")
    assert by_id["Z1"].title in field_goals.text and field_goals.origin == "anfrage"
    low = next(s for s in draft.sections if s.heading == "Nachrangig")
    assert low.origin == "anfrage"
    for item in expected.low_priorities:
        assert item.title in low.text


def test_a_field_without_facts_is_reported(indexed):
    request = parse_request(
        {**REQUEST, "handlungsfelder": [{"name": "Tourismus und Hafenkultur", "schwerpunkte": ["Kreuzfahrtschiffe"]}]},
        "Test",
    )
    draft = indexed.drafts.draft(request)
    assert "Handlungsfeld Tourismus und Hafenkultur: keine Zahlen in der Wissensbasis gefunden." in draft.warnings
    field = draft.sections[3]
    assert field.citations == [] and "Ausgangslage" not in field.text


def test_empty_knowledge_base_gives_a_usable_draft_with_warnings(fake_services, request_):
    draft = fake_services.drafts.draft(request_)
    assert all(s.citations == [] for s in draft.sections)
    assert any(w.startswith("Ausgangslage:") for w in draft.warnings)
    assert draft.sections[1].text.count("Die Dokumente enthalten dazu keine Angaben mit Zahlen.") == 3


def test_goal_set_goals_that_miss_indicator_parts_are_listed(indexed, tmp_path):
    weak = tmp_path / "ziele.yaml"
    weak.write_text(
        "kommune: Musterstadt\ntitel: Test\nzeithorizont: {von: 2026, bis: 2035}\n"
        "handlungsfelder: [{id: HF1, name: 'Bildung, Familien und Jugend'}]\n"
        "ziele:\n  - id: Z1\n    titel: Mehr Kinder gut betreut\n    handlungsfeld: HF1\n    prioritaet: A\n"
        "    kennzahlen: [{name: Betreuungsquote}]\n",
        encoding="utf-8",
    )
    request = parse_request({**REQUEST, "zielsystem": str(weak)}, "Test")
    draft = indexed.drafts.draft(request)
    assert [g.id for g in draft.goals] == ["Z1"]
    assert any(w.startswith(("GQ-", "KPI-")) and "(Z1)" in w for w in draft.warnings)


# -- LLM writer -------------------------------------------------------------------------------------


def _llm_drafts(indexed, fake, explain_error=None):
    from assistant.drafting.builder import DraftService
    from assistant.drafting.facts import FactFinder
    from assistant.drafting.llm_writer import LLMFieldWriter

    generator = LLMGenerator(
        fake,
        name="fake:m",
        municipality="Musterstadt",
        max_context_tokens=3000,
        explain_error=explain_error,
    )
    finder = FactFinder(indexed.retriever, indexed.answers.evidence, indexed.answers.params.fact_min_score)
    return DraftService(finder, writer=LLMFieldWriter(generator), generator_name=generator.name)


def test_llm_writer_gets_the_facts_fenced_and_writes_the_guiding_sentences(indexed, request_):
    def respond(messages):
        numbers = re.findall(r'<quelle nr="(\d+)">', messages[-1].content)
        return f"Musterstadt ist 2035 gut aufgestellt [{numbers[0]}]. Familien finden Hilfe.\nZu viel. Noch mehr."

    fake = FakeChatModel(respond=respond)
    draft = _llm_drafts(indexed, fake).draft(request_)
    assert len(fake.calls) == 3 and all(c.kind == "invoke" for c in fake.calls)
    call = fake.calls[0]
    assert call.system == load_prompt("entwurf_system").render(kommune="Musterstadt")
    assert "Handlungsfeld: Bildung, Familien und Jugend" in call.human
    assert "Schwerpunkte: Schulabgänger ohne Abschluss, Betreuungsplätze" in call.human
    assert "Werte der Stadt: Chancengleichheit, Verlässlichkeit" in call.human
    assert re.search(r'<quelle nr="\d+">\n.*7,1', call.human)
    field = draft.sections[3]
    assert field.origin == "llm"
    assert field.text.startswith("**Leitsätze.** In Musterstadt haben alle Kinder")
    assert "Musterstadt ist 2035 gut aufgestellt [" in field.text and "Familien finden Hilfe." in field.text
    assert "Noch mehr." not in field.text  # at most three sentences
    assert {c.n for c in field.citations} == set(markers_in(field.text))
    assert draft.generator == "fake:m"


def test_llm_writer_failure_falls_back_to_templates_and_is_tried_once(indexed, request_):
    from assistant.answering.chat_models import explain_llm_error
    from assistant.settings import LLMSettings

    fake = FakeChatModel(error=ConnectionError("Connection refused"))
    llm = LLMSettings(provider="openai", base_url="http://127.0.0.1:9/v1", model="m")
    service = _llm_drafts(indexed, fake, explain_error=lambda exc: explain_llm_error(exc, llm))
    draft = service.draft(request_)
    assert len(fake.calls) == 1  # not once per field: an unreachable endpoint would be waited for each time
    [warning] = [w for w in draft.warnings if "Sprachmodell" in w]
    assert warning.startswith("Handlungsfeld Bildung, Familien und Jugend: Das Sprachmodell war nicht nutzbar (")
    assert "http://127.0.0.1:9/v1 ist nicht erreichbar" in warning
    assert "Familien finden in Musterstadt wohnortnah einen Betreuungsplatz." in draft.sections[3].text


def test_draft_request_with_missing_goal_set_file(tmp_path):
    with pytest.raises(UserError, match="wurde nicht gefunden"):
        parse_request({**REQUEST, "zielsystem": "fehlt.yaml"}, "Test", tmp_path)
