"""Typed model of a goal set („Zielsystem“). German keys in files (aliases), English names in code.

The schema is lenient: almost everything is optional, because a missing priority, indicator or budget
is a rule's finding, not a schema error. What the format calls required (``kommune``, ``titel``,
``handlungsfelder``, ``ziele``, a goal's ``id`` and ``titel``, an indicator's ``name``) is required here;
cross references and unique ids are checked in :mod:`assistant.goals.loading.references`.
Field descriptions are the column explanations of the Excel template.
"""

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from assistant.goals import coercion

Number = Annotated[float, BeforeValidator(coercion.number)]
Integer = Annotated[int, BeforeValidator(coercion.number)]
Year = Annotated[int, BeforeValidator(coercion.number)]
Flag = Annotated[bool, BeforeValidator(coercion.boolean)]
Date = Annotated[date, BeforeValidator(coercion.german_date)]


def _enum(*values: str) -> Any:
    return Annotated[Literal[values], BeforeValidator(coercion.enum_value)]  # type: ignore[valid-type]


def _list(item: Any) -> Any:
    """A list that may be left empty in the file (``produkte:`` with nothing behind it)."""
    return Annotated[list[item], BeforeValidator(coercion.none_as_empty_list)]


TextList = Annotated[list[str], BeforeValidator(coercion.text_list)]


GoalKind = _enum("wirkung", "leistung", "prozess", "finanz", "restriktion")
Priority = Annotated[Literal["A", "B", "C"], BeforeValidator(coercion.priority_value)]
IndicatorKind = _enum("wirkung", "leistung", "input")
Direction = _enum("steigend", "sinkend")
Consequence = _enum("reduzieren", "zurueckstellen", "einstellen")
ExceptionKind = _enum("geschuetzt", "ausgenommen")
StrategyKind = _enum("fachstrategie", "beteiligung", "servicebereich")
AnalysisKind = _enum(
    "demografie_bevoelkerung",
    "demografie_belegschaft",
    "haushalt",
    "trends",
    "chancen_risiken",
    "rahmenbedingungen",
)


def _budget(value: Any) -> Any:
    """One annual number or a map year → amount (keys may be strings, as in JSON, or
    „2026: 1.200.000; 2027: 1.500.000“ in an Excel cell)."""
    if isinstance(value, str) and ":" in value:
        pairs = [part.partition(":") for part in value.split(";") if part.strip()]
        value = {year: amount for year, _, amount in pairs}
    if isinstance(value, dict):
        result: dict[int, float] = {}
        for key, amount in value.items():
            year, number = coercion.number(key), coercion.number(amount)
            if isinstance(year, float) and year.is_integer():
                year = int(year)
            if not isinstance(year, int) or isinstance(year, bool):
                raise PydanticCustomError("budget_year", "Jahreszahl erwartet, gefunden „{key}“", {"key": key})
            if not isinstance(number, int | float) or isinstance(number, bool):
                raise PydanticCustomError(
                    "budget_amount",
                    "Betrag für {year} ist keine Zahl: „{amount}“",
                    {"year": year, "amount": amount},
                )
            result[year] = float(number)
        return result
    number = coercion.number(value)
    if number is None or (isinstance(number, int | float) and not isinstance(number, bool)):
        return number
    raise PydanticCustomError(
        "budget",
        "Betrag in Euro erwartet (eine Zahl oder je Jahr, z. B. 2026: 1200000), gefunden „{value}“",
        {"value": value},
    )


Budget = Annotated[float | dict[Year, Number], BeforeValidator(_budget)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, str_strip_whitespace=True, frozen=False)


class Handlungsfeld(_Model):
    id: str = Field(alias="id", description="Kennung des Handlungsfelds, z. B. HF1 (eindeutig)")
    name: str | None = Field(None, alias="name", description="Bezeichnung des Handlungsfelds")
    cross_cutting: Flag = Field(
        False, alias="querschnitt", description="ja, wenn das Handlungsfeld ein Querschnittsfeld ist"
    )


class Horizon(_Model):
    start: Year | None = Field(None, alias="von", description="erstes Jahr des Zeithorizonts")
    end: Year | None = Field(None, alias="bis", description="letztes Jahr des Zeithorizonts")


MIN_YEAR, MAX_YEAR = 1990, 2100  # a measured year outside this span is a typo, not a measurement


def _measurement_year(value: Any, key: Any = None) -> Any:
    year = coercion.number(value)
    if isinstance(year, float) and year.is_integer():
        year = int(year)
    if isinstance(year, int) and not isinstance(year, bool) and not MIN_YEAR <= year <= MAX_YEAR:
        context = {"year": year, "low": MIN_YEAR, "high": MAX_YEAR}
        raise PydanticCustomError(
            "messwert_jahr",
            "Unmögliches Jahr {year}; erwartet wird ein Jahr zwischen {low} und {high}",
            context if key is None else {**context, "key": key},
        )
    return year


class Measurement(_Model):
    year: Annotated[int, BeforeValidator(_measurement_year)] = Field(
        alias="jahr", description="Jahr, für das der Wert gemessen wurde (1990–2100)"
    )
    value: Number = Field(alias="wert", description="gemessener Wert (eine Zahl, Dezimalkomma erlaubt)")
    source: str | None = Field(None, alias="quelle", description="Quelle des Messwerts")
    as_of: Annotated[date | str | None, BeforeValidator(coercion.german_date)] = Field(
        None, alias="stand", description="Stand des Messwerts (Datum)"
    )


def _measurements(value: Any) -> Any:
    """A map year → value (``{2024: 7.1, 2025: 6.4}``, keys may be strings as in JSON) or a list of
    ``{jahr, wert, quelle, stand}``; both become the list. Errors carry the year's key (``key``) so the
    loader can point at its line."""
    if value is None:
        return []
    if not isinstance(value, dict):
        return value
    result = []
    for key, amount in value.items():
        year = _measurement_year(key, key)
        if not isinstance(year, int) or isinstance(year, bool):
            raise PydanticCustomError("messwert_key", "Jahreszahl erwartet, gefunden „{key}“", {"key": key})
        number = coercion.number(amount)
        if not isinstance(number, int | float) or isinstance(number, bool):
            raise PydanticCustomError(
                "messwert_wert",
                "Messwert für {year} ist keine Zahl: „{amount}“",
                {"year": year, "amount": amount, "key": key},
            )
        result.append({"jahr": year, "wert": number})
    return result


def _unique_years(measurements: list[Measurement]) -> list[Measurement]:
    years = [m.year for m in measurements]
    doubled = sorted({y for y in years if years.count(y) > 1})
    if doubled:
        raise PydanticCustomError(
            "messwert_doppelt",
            "Für das Jahr {year} stehen mehrere Messwerte; je Jahr ist ein Wert erlaubt",
            {"year": doubled[0]},
        )
    return sorted(measurements, key=lambda m: m.year)


Measurements = Annotated[list[Measurement], BeforeValidator(_measurements), AfterValidator(_unique_years)]


class Indicator(_Model):
    name: str = Field(alias="name", description="Bezeichnung der Kennzahl (Pflicht)")
    kind: IndicatorKind | None = Field(None, alias="typ", description="Art der Kennzahl")
    unit: str | None = Field(None, alias="einheit", description="Einheit, z. B. %, Anzahl, EUR, Tage")
    direction: Direction | None = Field(None, alias="richtung", description="gewünschte Entwicklung")
    baseline: Number | None = Field(None, alias="basiswert", description="Ausgangswert")
    baseline_year: Year | None = Field(None, alias="basisjahr", description="Jahr des Ausgangswerts")
    target: Number | None = Field(None, alias="zielwert", description="angestrebter Wert")
    target_year: Year | None = Field(None, alias="zieljahr", description="Jahr, in dem der Zielwert gilt")
    source: str | None = Field(None, alias="quelle", description="Datenquelle der Kennzahl")
    measurements: Measurements = Field(
        default_factory=list,
        alias="messwerte",
        description="gemessene Werte je Jahr (im Excel-Blatt „Messwerte“)",
    )


class Resources(_Model):
    products: TextList = Field(
        default_factory=list,
        alias="produkte",
        description="Produkte des Produkthaushalts, z. B. „36.50 Kindertagesbetreuung“ (mit ; trennen)",
    )
    budget_eur: Budget | None = Field(
        None, alias="budget_eur", description="jährliches Budget in Euro (eine Zahl oder je Jahr)"
    )
    follow_up_costs_eur: Number | None = Field(
        None, alias="folgekosten_eur", description="jährliche Folgekosten in Euro"
    )
    staff_fte: Number | None = Field(
        None, alias="stellen_vzae", description="Stellen in Vollzeitäquivalenten (0 ist eine gültige Angabe)"
    )

    @property
    def annual_budget(self) -> float | None:
        """One number as is; a year map as the mean of its values; no or an empty map: None."""
        if isinstance(self.budget_eur, dict):
            values = list(self.budget_eur.values())
            return sum(values) / len(values) if values else None
        return self.budget_eur


class Goal(_Model):
    id: str = Field(alias="id", description="Kennung des Ziels, z. B. Z1 (eindeutig in der Datei)")
    title: str = Field(alias="titel", description="Zielaussage als angestrebter Zustand (Pflicht)")
    description: str | None = Field(None, alias="beschreibung", description="Erläuterung")
    field: str | None = Field(
        None, alias="handlungsfeld", description="Kennung des Handlungsfelds (Pflicht für strategische Ziele)"
    )
    kind: GoalKind | None = Field(
        None, alias="art", description="Zielart; restriktion = Rahmenbedingung, zählt nicht als Ziel"
    )
    priority: Priority | None = Field(None, alias="prioritaet", description="Prioritätsklasse")
    rank: Integer | None = Field(None, alias="rang", ge=1, description="optionale Rangfolge (1 = wichtigstes)")
    cross_cutting: Flag = Field(False, alias="querschnitt", description="ja bei Querschnittszielen")
    target_year: Year | None = Field(None, alias="zieljahr", description="Jahr, in dem das Ziel erreicht ist")
    responsible: str | None = Field(None, alias="verantwortlich", description="verantwortliche Stelle")
    contributes_to: TextList = Field(
        default_factory=list,
        alias="beitrag_zu",
        description="Ziele der Gesamtstrategie, zu denen das Ziel beiträgt (Kennungen, mit ; trennen)",
    )
    indicators: _list(Indicator) = Field(default_factory=list, alias="kennzahlen", description="Kennzahlen")
    resources: Resources | None = Field(None, alias="ressourcen", description="verknüpfte Ressourcen")

    @property
    def is_strategic_kind(self) -> bool:
        return self.kind != "restriktion"


class Nachrangigkeit(_Model):
    title: str = Field(alias="titel", description="was nachrangig behandelt wird (Pflicht)")
    area: str | None = Field(None, alias="bereich", description="betroffenes Produkt, Aufgabe oder Standard")
    consequence: Consequence | None = Field(None, alias="konsequenz", description="Folge der Nachrangigkeit")
    reason: str | None = Field(None, alias="begruendung", description="Begründung")
    savings_eur: Number | None = Field(None, alias="einsparung_eur", description="jährliche Einsparung in Euro")


class Ausnahme(_Model):
    area: str | None = Field(None, alias="bereich", description="geschützter oder ausgenommener Bereich")
    kind: ExceptionKind | None = Field(None, alias="art", description="geschützt oder ausgenommen")
    reason: str | None = Field(None, alias="begruendung", description="Begründung")


class Fachstrategie(_Model):
    id: str | None = Field(None, alias="id", description="Kennung der Fachstrategie, z. B. FS-BW (eindeutig)")
    name: str | None = Field(None, alias="name", description="Bezeichnung")
    kind: StrategyKind | None = Field(
        None,
        alias="art",
        description="Fachstrategie, Beteiligung (kommunales Unternehmen) oder Servicebereich",
    )
    owner: str | None = Field(None, alias="traeger", description="zuständige Stelle oder Gesellschaft")
    field: str | None = Field(None, alias="handlungsfeld", description="Kennung des Handlungsfelds (optional)")
    goals: _list(Goal) = Field(default_factory=list, alias="ziele", description="Ziele der Fachstrategie")

    @property
    def label(self) -> str:
        return self.name or self.id or "(ohne Namen)"


class Beteiligung(_Model):
    format: str | None = Field(None, alias="format", description="Beteiligungsformat")
    target_group: str | None = Field(None, alias="zielgruppe", description="beteiligte Gruppen")
    participants: Integer | None = Field(None, alias="teilnehmende", description="Zahl der Teilnehmenden")
    period: str | None = Field(None, alias="zeitraum", description="Zeitraum")


class Analyse(_Model):
    kind: AnalysisKind | None = Field(None, alias="art", description="Art der Analyse")
    source: str | None = Field(None, alias="quelle", description="Quelle oder Dokument")
    as_of: Annotated[date | str | None, BeforeValidator(coercion.german_date)] = Field(
        None, alias="stand", description="Stand (Datum)"
    )


class GoalSet(_Model):
    municipality: str = Field(alias="kommune", description="Name der Kommune (Pflicht)")
    title: str = Field(alias="titel", description="Titel der Strategie (Pflicht)")
    as_of: Date | None = Field(None, alias="stand", description="Datum dieses Entwurfs")
    status: _enum("entwurf", "beschlossen") = Field(  # type: ignore[valid-type]
        "entwurf", alias="status", description="entwurf oder beschlossen (vom Rat)"
    )
    horizon: Annotated[Horizon | None, BeforeValidator(coercion.year_span)] = Field(
        None, alias="zeithorizont", description="Zeitraum der Strategie"
    )
    context: _enum("normal", "konsolidierung") = Field(  # type: ignore[valid-type]
        "normal", alias="kontext", description="normal oder konsolidierung (Haushaltskonsolidierung)"
    )
    fields: list[Handlungsfeld] = Field(alias="handlungsfelder", description="Handlungsfelder (Pflicht)")
    goals: list[Goal] = Field(alias="ziele", description="strategische Ziele der Gesamtstrategie (Pflicht)")
    low_priorities: _list(Nachrangigkeit) = Field(
        default_factory=list, alias="nachrangig", description="ausdrücklich nachrangige Aufgaben"
    )
    exceptions: _list(Ausnahme) = Field(
        default_factory=list, alias="ausnahmen", description="geschützte oder ausgenommene Bereiche"
    )
    strategies: _list(Fachstrategie) = Field(
        default_factory=list,
        alias="fachstrategien",
        description="Fachstrategien, Beteiligungen, Servicebereiche",
    )
    participation: _list(Beteiligung) = Field(
        default_factory=list, alias="beteiligung", description="Beteiligung von Bürgerschaft und Partnern"
    )
    analyses: _list(Analyse) = Field(
        default_factory=list, alias="analysen", description="Analysen, auf denen die Strategie beruht"
    )


def aliases(model: type[BaseModel]) -> list[str]:
    """The German keys of a model, in declaration order."""
    return [info.alias or name for name, info in model.model_fields.items()]
