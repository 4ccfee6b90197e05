"""Builds the services from settings; the CLI and the app receive them from here."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from assistant.index.base import Embedder, VectorIndex
from assistant.settings import Settings


class Services:
    """Lazily built collaborators: nothing heavy is created until first use."""

    def __init__(
        self,
        settings: Settings,
        *,
        embedder: Embedder | None = None,
        vector_index: VectorIndex | None = None,
        generator=None,
    ) -> None:
        self.settings = settings
        if embedder is not None:
            self.__dict__["embedder"] = embedder
        if vector_index is not None:
            self.__dict__["vector_index"] = vector_index
        if generator is not None:
            self.__dict__["generator"] = generator

    @property
    def data_dir(self) -> Path:
        return Path(self.settings.data_dir)

    @cached_property
    def embedder(self) -> Embedder:
        from assistant.index.embedders import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(self.settings.embedding)

    @cached_property
    def catalog(self):
        from assistant.index.catalog import Catalog

        return Catalog(self.data_dir / "catalog.sqlite3")

    @cached_property
    def vector_index(self) -> VectorIndex:
        from assistant.index.vector_stores import ChromaVectorIndex

        return ChromaVectorIndex.open(self.settings.chroma, self.data_dir)

    @cached_property
    def keyword_index(self):
        from assistant.index.keyword_store import CatalogKeywordIndex

        return CatalogKeywordIndex(self.catalog, snapshot_file=self.data_dir / "stichwortindex.npz")

    @cached_property
    def retriever(self):
        from assistant.index.identity import ensure_vectors_match
        from assistant.retrieval.hybrid import HybridRetriever

        # vectors of another model or backend are not compared with this one's: German refusal with the fix
        ensure_vectors_match(self.catalog, self.embedder, self.settings.embedding.model)
        return HybridRetriever(
            self.catalog, self.keyword_index, self.vector_index, self.embedder, self.settings.retrieval
        )

    @cached_property
    def ingestor(self):
        from assistant.ingest.pipeline import Ingestor

        return Ingestor(self.catalog, self.vector_index, self.embedder, self.settings)

    @cached_property
    def generator(self):
        from assistant.answering.service import build_generator

        return build_generator(self.settings, self)

    @cached_property
    def answers(self):
        from assistant.answering.service import AnswerService

        return AnswerService(
            self.retriever, self.keyword_index, self.embedder, self.generator, self.settings.answer, self.units
        )

    @cached_property
    def units(self):
        """Answer units of the index; an index from before units existed is upgraded here, once."""
        from assistant.index.unit_store import UnitStore

        store = UnitStore(self.catalog, self.embedder)
        store.ensure_current()
        return store

    @cached_property
    def goal_checker(self):
        from assistant.goals.check import GoalSetChecker

        return GoalSetChecker(self.settings.pruefung, self.embedder)

    @cached_property
    def drafts(self):
        from assistant.drafting.builder import DraftService
        from assistant.drafting.facts import FactFinder

        writer = None
        if self.settings.llm.provider != "extractive":
            from assistant.drafting.llm_writer import LLMFieldWriter

            writer = LLMFieldWriter(self.generator)
        finder = FactFinder(self.retriever, self.answers.evidence, self.answers.params.fact_min_score)
        return DraftService(
            finder,
            goal_checker=lambda goal_set: self.goal_checker.check_goal_set(goal_set, "entwurf").findings,
            writer=writer,
            generator_name=self.generator.name,
        )


def build_services(settings: Settings, **seams) -> Services:
    return Services(settings, **seams)
