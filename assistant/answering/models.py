"""Typed results of the ask use case (the JSON contract of ``assistant ask``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from assistant.models import Citation

__all__ = ["Answer", "ChatTurn", "Citation", "SentenceCheck"]


class ChatTurn(BaseModel):
    role: Literal["user", "assistant"]
    content: str


class SentenceCheck(BaseModel):
    """Support check of one answer sentence against the passages it cites."""

    text: str
    citations: list[int]
    supported: bool
    support: float = Field(description="0..1: lexical and embedding overlap with the cited passages")


class Answer(BaseModel):
    question: str
    answer: str
    answered: bool
    citations: list[Citation]
    generator: str
    sentences: list[SentenceCheck] = Field(default_factory=list)
    unsupported_sentences: list[str] = Field(default_factory=list)
    removed_markers: list[int] = Field(default_factory=list, description="[n] markers without a passage")
    search_query: str = Field("", description="the query actually searched (after follow-up resolution)")
    relevance: float = Field(0.0, description="score of the best answer unit (term coverage and cosine)")
    status: Literal["beantwortet", "unsicher", "nicht_gefunden"] = "beantwortet"
    confidence: float = Field(0.0, description="p(answerable) of the calibrated answerability model")
    reason: str = Field("", description="why the answer was given, hedged or refused (German)")
    features: dict[str, float] = Field(default_factory=dict, description="answerability features (evals, --debug)")
    warnings: list[str] = Field(default_factory=list)
