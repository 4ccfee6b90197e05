"""The ask use case: question → (follow-up resolution) → hybrid retrieval → evidence → generator →
answer with checked citations. Both the CLI and the app call :class:`AnswerService`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Protocol

from assistant.answering.evidence import Evidence, gather_evidence
from assistant.answering.extractive import ExtractiveGenerator, answers_type
from assistant.answering.followup import history_aware_query, looks_like_follow_up
from assistant.answering.markers import drop_invalid_markers, markers_in
from assistant.answering.models import Answer, ChatTurn, Citation
from assistant.answering.relevance import RelevanceScorer, split_question
from assistant.answering.support import check_sentences
from assistant.errors import UserError
from assistant.models import SearchFilters
from assistant.settings import AnswerSettings

NOT_IN_DOCUMENTS = "Dazu enthalten die Dokumente keine Angaben."


class Generator(Protocol):
    name: str

    def generate(self, question: str, evidence: Evidence, history: list[ChatTurn]) -> Iterator[str]: ...


class AnswerService:
    def __init__(self, retriever, keyword_index, embedder, generator: Generator, settings: AnswerSettings) -> None:
        self._retriever = retriever
        self._keyword = keyword_index
        self._embedder = embedder
        self._generator = generator
        self._settings = settings
        self._scorer = RelevanceScorer(keyword_index.analyse, keyword_index.idf, embedder)

    @property
    def scorer(self) -> RelevanceScorer:
        return self._scorer

    @property
    def generator_name(self) -> str:
        return self._generator.name

    def validate(self, question: str) -> str:
        question = (question or "").strip()
        if not question:
            raise UserError("Die Frage ist leer; bitte eine Frage eingeben.")
        if len(question) > self._settings.max_question_chars:
            raise UserError(
                f"Die Frage ist mit {len(question):,} Zeichen zu lang (höchstens "
                f"{self._settings.max_question_chars:,}); bitte kürzer fassen.".replace(",", ".")
            )
        return question

    def search_query(self, question: str, history: list[ChatTurn]) -> str:
        rewrite = getattr(self._generator, "rewrite_question", None)
        if rewrite is not None and history and looks_like_follow_up(question):
            try:
                return rewrite(question, history)
            except UserError:
                raise  # the endpoint is unusable (down, timed out, refused): answering would wait for it again
            except Exception:
                pass  # rewriting is an aid; the heuristic below still resolves most follow-ups
        return history_aware_query(question, history)

    def ask(self, question: str, history: list[ChatTurn] | None = None, filters: SearchFilters | None = None) -> Answer:
        answer = None
        for item in self.stream(question, history, filters):
            if isinstance(item, Answer):
                answer = item
        assert answer is not None
        return answer

    def stream(
        self, question: str, history: list[ChatTurn] | None = None, filters: SearchFilters | None = None
    ) -> Iterator[str | Answer]:
        """Yield text deltas while the answer is written, then the final :class:`Answer`."""
        question = self.validate(question)
        history = list(history or [])
        query = self.search_query(question, history)
        hits = self._retriever.search(query, self._settings.passages, filters)
        evidence = gather_evidence(query, hits, self._scorer)
        if not hits or not self._answerable(query, evidence):
            # nothing relevant: say so, and never ask an LLM to make something up
            yield NOT_IN_DOCUMENTS
            yield Answer(question=question, answer=NOT_IN_DOCUMENTS, answered=False, citations=[],
                         generator=self._generator.name, search_query=query,
                         relevance=round(evidence.best_score, 4))  # fmt: skip
            return
        parts: list[str] = []
        for delta in self._generator.generate(question, evidence, history):
            parts.append(delta)
            yield delta
        yield self._finish(question, query, "".join(parts), evidence)

    def _answerable(self, query: str, evidence: Evidence) -> bool:
        """Relevant enough, and the best units contain what the question hinges on."""
        if evidence.best_score < self._settings.min_relevance or _asked_year_missing(query, evidence):
            return False
        if all(_YEAR.fullmatch(word) for word in evidence.word_weights):
            return False  # „Und wie hoch war er 2025?“ without a conversation: a year alone names no topic
        chosen = ExtractiveGenerator(self._settings.max_sentences).select(evidence)
        # for each part of the question, one unit (a sentence, two neighbouring sentences or a table
        # row) must hold its key words: „Stadtwerke“ in one sentence and „Beschäftigte“ in another
        # answer nothing
        # the first part is the question proper; a later part („… und ab welcher Projektgröße?“) that
        # the documents phrase differently does not make the whole question unanswerable
        main_part = split_question(query)[0]
        keys = self._scorer.key_words(main_part)
        if not any(self._scorer.holds_key_words(keys, u.covers) for u in evidence.units):
            return False
        text = " ".join(u.unit.text for u in chosen)  # the answer itself, not its title or heading
        return answers_type(main_part, text)

    def _finish(self, question: str, query: str, text: str, evidence: Evidence) -> Answer:
        cleaned, removed = drop_invalid_markers(text, evidence.citable())
        cited = sorted(set(markers_in(cleaned)))
        citations = [
            Citation(n=n, doc_id=h.doc_id, title=h.title, page=h.page, text=h.text, section=h.section, path=h.path)
            for n in cited
            for h in [evidence.hits[n - 1]]
        ]
        refused = NOT_IN_DOCUMENTS.rstrip(".") in cleaned or not cleaned.strip()
        checks = [] if refused else check_sentences(
            cleaned, citations, self._keyword.analyse, self._embedder, self._settings.min_support
        )  # fmt: skip
        warnings = []
        if removed:
            warnings.append(f"Quellenverweise ohne Textstelle entfernt: {', '.join(f'[{n}]' for n in removed)}.")
        unsupported = [c.text for c in checks if not c.supported]
        if unsupported:
            count = "1 Satz ist" if len(unsupported) == 1 else f"{len(unsupported)} Sätze sind"
            warnings.append(f"{count} nicht ausreichend durch die zitierte Quelle belegt.")
        return Answer(
            question=question,
            answer=cleaned if not refused else NOT_IN_DOCUMENTS,
            answered=not refused and bool(citations),
            citations=[] if refused else citations,
            generator=self._generator.name,
            sentences=checks,
            unsupported_sentences=unsupported,
            removed_markers=removed,
            search_query=query,
            relevance=round(evidence.best_score, 4),
            warnings=warnings,
        )


_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def _asked_year_missing(question: str, evidence: Evidence) -> bool:
    """A question about a year the best passages never mention („… im Jahr 2019?“) is not answered
    by them, however well the topic matches."""
    years = set(_YEAR.findall(question))
    if not years:
        return False
    top = [u for u in evidence.units if u.score >= evidence.best_score * 0.8]
    return not any(years & set(_YEAR.findall(u.unit.context)) for u in top)


def build_generator(settings, services) -> Generator:
    """The generator chosen in settings (``llm.provider``)."""
    from assistant.answering.extractive import ExtractiveGenerator

    if settings.llm.provider == "extractive":
        return ExtractiveGenerator(settings.answer.max_sentences)
    from assistant.answering.chat_models import build_chat_model, explain_llm_error
    from assistant.answering.llm import LLMGenerator

    return LLMGenerator(
        build_chat_model(settings.llm),
        name=f"{settings.llm.provider}:{settings.llm.model}",
        municipality=settings.kommune,
        max_context_tokens=settings.llm.max_context_tokens,
        threshold=settings.answer.min_relevance,
        explain_error=lambda exc: explain_llm_error(exc, settings.llm),
    )
