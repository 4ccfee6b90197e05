"""Typed draft requests and drafts (the JSON contract of ``assistant draft``)."""

from __future__ import annotations

from pathlib import Path

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


class DraftSection(BaseModel):
    heading: str
    text: str
    citations: list[Citation] = Field(default_factory=list)
    level: int = 2


class Draft(BaseModel):
    title: str
    sections: list[DraftSection]
    warnings: list[str] = Field(default_factory=list)
    goals: list[DraftGoal] = Field(default_factory=list)
    generator: str = "extractive"
