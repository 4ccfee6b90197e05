"""The Excel layout of a goal set, derived from the model so the loader and the template agree.

One sheet per list (``Ziele`` holds Gesamtstrategie and Fachstrategie goals, ``Kennzahlen`` one row per
indicator), ``Allgemein`` holds the top-level scalars as ``schluessel`` / ``wert`` rows.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from assistant.goals.model import (
    Analyse,
    Ausnahme,
    Beteiligung,
    Fachstrategie,
    Goal,
    GoalSet,
    Handlungsfeld,
    Horizon,
    Indicator,
    Measurement,
    Nachrangigkeit,
    Resources,
)

GENERAL_SHEET = "Allgemein"
EXPLANATION_SHEET = "Erläuterungen"
KEY_COLUMN, VALUE_COLUMN = "schluessel", "wert"
STRATEGY_COLUMN, GOAL_COLUMN, INDICATOR_COLUMN = "fachstrategie", "ziel", "kennzahl"
MEASUREMENTS_SHEET = "Messwerte"
HORIZON_PREFIX = "zeithorizont_"


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    required: bool = False
    allowed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sheet:
    name: str
    description: str
    columns: tuple[Column, ...]
    required: bool = False

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _allowed_values(annotation: Any) -> tuple[str, ...]:
    """The values of a ``Literal`` inside ``Annotated``/``Optional``, else ()."""
    origin = typing.get_origin(annotation)
    if origin is Literal:
        return tuple(str(v) for v in typing.get_args(annotation))
    for arg in typing.get_args(annotation):
        found = _allowed_values(arg)
        if found:
            return found
    return ()


def _column(alias: str, info: FieldInfo, *, prefix: str = "", required: bool | None = None) -> Column:
    return Column(
        name=prefix + alias,
        description=info.description or "",
        required=info.is_required() if required is None else required,
        allowed=_allowed_values(info.annotation),
    )


def model_columns(model: type[BaseModel], *, exclude: tuple[str, ...] = (), prefix: str = "") -> list[Column]:
    return [
        _column(info.alias or name, info, prefix=prefix)
        for name, info in model.model_fields.items()
        if (info.alias or name) not in exclude
    ]


# the lists of a goal set below the top level, each on its own sheet
NESTED_LISTS = {"handlungsfelder": "Handlungsfelder", "fachstrategien": "Fachstrategien"}
SIMPLE_LISTS = {
    "nachrangig": (
        "Nachrangig",
        Nachrangigkeit,
        "ausdrücklich nachrangige Aufgaben, Produkte oder Standards",
    ),
    "ausnahmen": ("Ausnahmen", Ausnahme, "geschützte oder von Kürzungen ausgenommene Bereiche"),
    "beteiligung": ("Beteiligung", Beteiligung, "Beteiligung von Bürgerschaft und Partnern"),
    "analysen": ("Analysen", Analyse, "Analysen, auf denen die Strategie beruht"),
}
LIST_KEYS_ON_GENERAL = (
    "handlungsfelder",
    "ziele",
    "nachrangig",
    "ausnahmen",
    "fachstrategien",
    "beteiligung",
    "analysen",
    "zeithorizont",
)


def general_keys() -> list[Column]:
    """Rows of the ``Allgemein`` sheet: the top-level scalars and the two years of ``zeithorizont``."""
    rows = []
    for name, info in GoalSet.model_fields.items():
        alias = info.alias or name
        if alias == "zeithorizont":
            rows += model_columns(Horizon, prefix=HORIZON_PREFIX)
        elif alias not in LIST_KEYS_ON_GENERAL:
            rows.append(_column(alias, info))
    return rows


@cache
def sheets() -> tuple[Sheet, ...]:
    """All data sheets in template order."""
    general = Sheet(
        GENERAL_SHEET,
        "Angaben zur Strategie: je Zeile ein Schlüssel aus Spalte „schluessel“ und sein Wert.",
        (
            Column(KEY_COLUMN, "Name der Angabe (vorgegeben)", True),
            Column(VALUE_COLUMN, "Wert der Angabe", True),
        ),
        required=True,
    )
    fields = Sheet("Handlungsfelder", "je Zeile ein Handlungsfeld", tuple(model_columns(Handlungsfeld)), True)
    goals = Sheet(
        "Ziele",
        "je Zeile ein Ziel; Ziele einer Fachstrategie tragen deren Kennung in Spalte „fachstrategie“",
        (
            Column(STRATEGY_COLUMN, "Kennung der Fachstrategie; leer bei Zielen der Gesamtstrategie"),
            *model_columns(Goal, exclude=("kennzahlen", "ressourcen")),
            *model_columns(Resources),
        ),
        True,
    )
    indicators = Sheet(
        "Kennzahlen",
        "je Zeile eine Kennzahl; Spalte „ziel“ nennt die Kennung des Ziels",
        (
            Column(GOAL_COLUMN, "Kennung des Ziels, zu dem die Kennzahl gehört", True),
            *model_columns(Indicator, exclude=("messwerte",)),
        ),
    )
    measurements = Sheet(
        MEASUREMENTS_SHEET,
        "je Zeile ein gemessener Wert einer Kennzahl in einem Jahr; „ziel“ und „kennzahl“ (deren Name) "
        "nennen die Kennzahl aus dem Blatt „Kennzahlen“",
        (
            Column(GOAL_COLUMN, "Kennung des Ziels, zu dem die Kennzahl gehört", True),
            Column(INDICATOR_COLUMN, "Name der Kennzahl, wie im Blatt „Kennzahlen“", True),
            *model_columns(Measurement),
        ),
    )
    strategies = Sheet(
        "Fachstrategien",
        "je Zeile eine Fachstrategie, Beteiligung oder ein Servicebereich (Ziele im Blatt „Ziele“)",
        tuple(model_columns(Fachstrategie, exclude=("ziele",))),
    )
    simple = [Sheet(name, text, tuple(model_columns(model))) for name, model, text in SIMPLE_LISTS.values()]
    return (general, fields, goals, indicators, measurements, strategies, *simple)


def sheet(name: str) -> Sheet:
    return next(s for s in sheets() if s.name == name)
