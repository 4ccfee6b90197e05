"""Typed draft requests and drafts (the JSON contract of ``assistant draft``)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.models import Citation


class FieldRequest(BaseModel):
    """A field of action (Handlungsfeld) the draft must cover, with its emphases."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    name: str = Field(min_length=2)
    schwerpunkte: list[str] = Field(default_factory=list)


class Horizon(BaseModel):
    model_config = ConfigDict(extra="forbid")

    von: int = Field(ge=2000, le=2100)
    bis: int = Field(ge=2000, le=2100)


class DraftRequest(BaseModel):
    """What a strategy officer asks for; German keys as staff write them in YAML."""

    model_config = ConfigDict(extra="forbid")

    kommune: str = Field(min_length=2)
    zeithorizont: Horizon
    handlungsfelder: list[FieldRequest] = Field(min_length=1, max_length=12)
    werte: list[str] = Field(default_factory=list)
    zielsystem: Path | None = None
    titel: str | None = None

    @field_validator("zeithorizont")
    @classmethod
    def _ordered(cls, value: Horizon) -> Horizon:
        if value.bis < value.von:
            raise ValueError("zeithorizont.bis liegt vor zeithorizont.von")
        return value


Origin = Literal["dokumente", "vorlage", "llm", "anfrage"]
"""Where a text comes from: quoted or rendered from cited passages, template wording, written by the
configured LLM from cited passages, or taken from the request or its goal set."""

ORIGIN_LABELS: dict[str, str] = {
    "dokumente": "aus den Dokumenten",
    "vorlage": "Formulierungsvorschlag (Vorlage)",
    "llm": "Formulierungsvorschlag (Sprachmodell, aus den zitierten Stellen)",
    "anfrage": "aus der Anfrage bzw. ihrem Zielsystem",
}


class DraftGoal(BaseModel):
    """A proposed strategic goal with an indicator suggestion (exportable as a goal set)."""

    id: str
    titel: str
    handlungsfeld: str
    handlungsfeld_id: str
    prioritaet: str = "B"
    art: str = "wirkung"
    zieljahr: int
    kennzahl: str
    einheit: str | None = None
    richtung: str | None = None
    basiswert: float | None = None
    basisjahr: int | None = None
    zielwert: float | None = None
    quelle: str | None = None
    citations: list[int] = Field(default_factory=list)
    origin: Origin = "anfrage"


class DraftSection(BaseModel):
    heading: str
    text: str
    citations: list[Citation] = Field(default_factory=list)
    level: int = 2
    origin: Origin = "vorlage"

    @property
    def is_proposal(self) -> bool:
        """Template or LLM wording: shown as a proposal, not as what the documents say."""
        return self.origin in ("vorlage", "llm")


class Draft(BaseModel):
    title: str
    sections: list[DraftSection]
    warnings: list[str] = Field(default_factory=list)
    goals: list[DraftGoal] = Field(default_factory=list)
    generator: str = "extractive"
