"""The hybrid retrieval as a LangChain ``BaseRetriever``, for chains built on LangChain."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.models import SearchFilters


class HybridLangChainRetriever(BaseRetriever):
    """Wraps :class:`assistant.retrieval.hybrid.HybridRetriever`; filters by document type and date."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    retriever: Any
    k: int = 5
    mode: str = "hybrid"
    filters: SearchFilters | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, **kwargs: Any
    ) -> list[Document]:
        filters = kwargs.get("filters", self.filters)
        hits = self.retriever.search(query, kwargs.get("k", self.k), filters, mode=self.mode)
        return [
            Document(
                page_content=hit.text,
                metadata={
                    "chunk_id": hit.chunk_id, "doc_id": hit.doc_id, "title": hit.title, "page": hit.page,
                    "section": hit.section, "score": hit.score, "doc_type": hit.doc_type, "path": hit.path,
                    "rank": hit.rank,
                },
            )
            for hit in hits
        ]  # fmt: skip
