"""Typed results of the ask use case (the JSON contract of ``assistant ask``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class ChatTurn(BaseModel):
    role: Literal["user", "assistant"]
    content: str


class Citation(BaseModel):
    n: int
    doc_id: str
    title: str
    page: int | None
    text: str
    section: str = ""
    path: str = ""


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
    relevance: float = Field(0.0, description="best passage-unit relevance; below the threshold: refusal")
    warnings: list[str] = Field(default_factory=list)
