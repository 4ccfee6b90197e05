"""The ask use case: question → (follow-up resolution) → hybrid retrieval → evidence → generator →
answer with checked citations. Both the CLI and the app call :class:`AnswerService`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from assistant.answering.answerability import Decision, decide
from assistant.answering.evidence import Evidence, EvidenceEngine
from assistant.answering.extractive import ExtractiveGenerator
from assistant.answering.followup import history_aware_query, looks_like_follow_up
from assistant.answering.markers import drop_invalid_markers, markers_in
from assistant.answering.models import Answer, ChatTurn, Citation
from assistant.answering.params import AnswerParams
from assistant.answering.question import QuestionAnalyser
from assistant.answering.support import check_sentences
from assistant.errors import UserError
from assistant.index.unit_store import UnitStore
from assistant.models import SearchFilters, SearchHit
from assistant.settings import AnswerSettings

NOT_IN_DOCUMENTS = "Dazu enthalten die Dokumente keine Angaben."


class Generator(Protocol):
    name: str
    # the extractive generator answers from the evidence alone; an LLM reads paraphrases and may
    # decline itself, so it is called from a lower confidence on
    calls_llm: bool

    def generate(
        self, question: str, evidence: Evidence, history: list[ChatTurn], decision: Decision
    ) -> Iterator[str]: ...


class AnswerService:
    def __init__(
        self,
        retriever,
        keyword_index,
        embedder,
        generator: Generator,
        settings: AnswerSettings,
        units: UnitStore,
        params: AnswerParams | None = None,
    ) -> None:
        self._retriever = retriever
        self._keyword = keyword_index
        self._embedder = embedder
        self._generator = generator
        self._settings = settings
        self.params = params or AnswerParams()
        self._analyser = QuestionAnalyser(keyword_index.analyse, keyword_index.idf, embedder.embed_query, self.params)
        self._engine = EvidenceEngine(units, keyword_index.analyse_terms, self.params)

    @property
    def generator_name(self) -> str:
        return self._generator.name

    def evidence(self, query: str, hits: list[SearchHit]) -> Evidence:
        """The evidence engine for other use cases (draft facts): the same scoring as answers."""
        return self._engine.gather(self._analyser.analyse(query), hits)

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
        evidence = self.evidence(query, hits)
        decision = self.decide(evidence)
        if not decision.answerable:
            # nothing relevant: say so, and never ask an LLM to make something up
            yield NOT_IN_DOCUMENTS
            yield Answer(question=question, answer=NOT_IN_DOCUMENTS, answered=False, citations=[],
                         generator=self._generator.name, search_query=query, status=decision.status,
                         confidence=round(decision.confidence, 4), reason=decision.reason,
                         features=_features(decision), relevance=round(evidence.best_score, 4))  # fmt: skip
            return
        parts: list[str] = []
        for delta in self._generator.generate(question, evidence, history, decision):
            parts.append(delta)
            yield delta
        yield self._finish(question, query, "".join(parts), evidence, decision)

    def decide(self, evidence: Evidence) -> Decision:
        """The answerability decision; a generator that calls an LLM gets the passages from a lower confidence on."""
        llm = getattr(self._generator, "calls_llm", False)
        return decide(evidence, self.params, refuse_below=self.params.llm_refuse_below if llm else None)

    def _finish(self, question: str, query: str, text: str, evidence: Evidence, decision: Decision) -> Answer:
        cleaned, removed = drop_invalid_markers(text, evidence.citable())
        cited = sorted(set(markers_in(cleaned)))
        citations = [
            Citation.from_hit(n, evidence.hits[n - 1], highlight=_highlight(evidence, n - 1)) for n in cited
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
            status="nicht_gefunden" if refused else decision.status,
            confidence=round(decision.confidence, 4),
            reason=decision.reason,
            features=_features(decision),
            warnings=warnings,
        )


def _features(decision: Decision) -> dict[str, float]:
    return {k: round(v, 4) for k, v in decision.features.as_dict().items()} if decision.features else {}


def _highlight(evidence: Evidence, hit_index: int) -> str:
    """The sentence of a cited passage that answers best: shown highlighted with the source."""
    unit = evidence.best_unit_of(hit_index)
    return unit.text if unit is not None else ""


def build_generator(settings, services) -> Generator:
    """The generator chosen in settings (``llm.provider``)."""

    if settings.llm.provider == "extractive":
        return ExtractiveGenerator(settings.answer.max_sentences)
    from assistant.answering.chat_models import build_chat_model, explain_llm_error
    from assistant.answering.context import NeighbourContext
    from assistant.answering.llm import LLMGenerator

    return LLMGenerator(
        build_chat_model(settings.llm),
        name=f"{settings.llm.provider}:{settings.llm.model}",
        municipality=settings.kommune,
        max_context_tokens=settings.llm.max_context_tokens,
        context=NeighbourContext(services.catalog) if services is not None else None,
        explain_error=lambda exc: explain_llm_error(exc, settings.llm),
    )
