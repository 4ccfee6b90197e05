"""The draft use case: request → facts per field of action → Leitbild sections and proposed goals →
style, goal-quality and citation checks → :class:`Draft`. Template-based without an LLM; with an LLM
the guiding sentences are written by the model from the same retrieved facts."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.answering.markers import markers_in
from assistant.drafting import templates
from assistant.drafting.facts import Fact, FactFinder
from assistant.drafting.models import Draft, DraftGoal, DraftRequest, DraftSection, FieldRequest
from assistant.drafting.sources import SourceRegistry
from assistant.drafting.style import style_warnings
from assistant.goals.model import GoalSet

STARTING_POSITION_QUERIES = [
    ("Bevölkerung", "Einwohnerinnen und Einwohner Bevölkerungsprognose Entwicklung"),
    ("Belegschaft", "Beschäftigte der Stadtverwaltung Altersabgänge Ruhestand bis 2035"),
    ("Haushalt", "Jahresergebnis Ergebnishaushalt Fehlbetrag Haushaltsausgleich"),
]


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 3}


class DraftService:
    def __init__(
        self,
        fact_finder: FactFinder,
        goal_checker: Callable[[GoalSet], list] | None = None,
        writer: Callable[[str, FieldRequest, DraftRequest, list[tuple[int, Fact]]], list[str]] | None = None,
        generator_name: str = "extractive",
    ) -> None:
        self._facts = fact_finder
        self._goal_checker = goal_checker
        self._writer = writer
        self._generator_name = generator_name

    def draft(self, request: DraftRequest) -> Draft:
        registry = SourceRegistry()
        goal_set = self._load_goal_set(request)
        kommune = request.kommune
        title = request.titel or f"Gesamtstrategie {kommune} {request.zeithorizont.bis} – Entwurf"
        sections: list[DraftSection] = []
        warnings: list[str] = []
        used: set[str] = set()

        werte = ", ".join(request.werte) if request.werte else "Verlässlichkeit, Beteiligung, Nachhaltigkeit"
        preamble = templates.PREAMBLE.format(kommune=kommune, bis=request.zeithorizont.bis, werte=werte)
        sections.append(DraftSection(heading="Präambel", text=preamble))

        start_lines = []
        for label, query in STARTING_POSITION_QUERIES:
            for fact in self._facts.find(query, limit=1, exclude=used):
                used.add(" ".join(fact.text.lower().split()))
                start_lines.append(f"- {label}: {_sentence(fact.text)} [{registry.cite(fact.hit)}]")
        if not start_lines:
            warnings.append(
                "Ausgangslage: In der Wissensbasis wurden keine Zahlen zu Bevölkerung und Haushalt gefunden."
            )
        sections.append(
            self._section("Ausgangslage", "\n".join(start_lines) or "Keine Angaben gefunden.", registry)
        )

        vision_lines = [templates.vision_sentences(f.name, kommune)[0] for f in request.handlungsfelder]
        sections.append(
            DraftSection(
                heading=f"Leitbild {kommune} {request.zeithorizont.bis}", text=" ".join(vision_lines)
            )
        )

        goals: list[DraftGoal] = []
        writer = self._writer
        for number, field in enumerate(request.handlungsfelder, start=1):
            field_facts: list[tuple[int, Fact]] = []
            for topic in field.schwerpunkte or [field.name]:
                for fact in self._facts.find(f"{topic} {field.name}", limit=1, exclude=used):
                    used.add(" ".join(fact.text.lower().split()))
                    field_facts.append((registry.cite(fact.hit), fact))
            vision, guiding = templates.vision_sentences(field.name, kommune)
            if writer is not None:
                try:
                    guiding = writer(kommune, field, request, field_facts) or guiding
                except Exception as exc:  # the template draft stays usable when the model fails
                    warnings.append(
                        f"Handlungsfeld {field.name}: Das Sprachmodell war nicht nutzbar ({exc}); die Leitsätze "
                        "dieses und der folgenden Handlungsfelder stammen aus den Vorlagen."
                    )
                    writer = None  # an unreachable or slow endpoint would fail (and wait) for every field
            # the guiding sentences are Leitbild text too (and an LLM may write „Wir wollen …“)
            warnings.extend(style_warnings(f"Handlungsfeld {number}: {field.name}", " ".join([vision, *guiding])))
            field_goals = self._goals_for(number, field, request, goal_set, field_facts)
            goals.extend(field_goals)
            lines = [f"**Leitsätze.** {vision} " + " ".join(guiding)]
            if field_facts:
                lines.append("**Ausgangslage.**")
                lines.extend(f"- {_sentence(f.text)} [{n}]" for n, f in field_facts)
            else:
                warnings.append(f"Handlungsfeld {field.name}: keine Zahlen in der Wissensbasis gefunden.")
            lines.append("**Strategische Ziele (Vorschlag).**")
            lines.extend(_goal_line(g) for g in field_goals)
            sections.append(
                self._section(f"Handlungsfeld {number}: {field.name}", "\n".join(lines), registry)
            )

        priorities = self._priorities(goal_set, registry, used)
        sections.append(self._section("Prioritäten und Nachrangigkeiten", priorities, registry))
        sections.append(DraftSection(heading="Umsetzung und Steuerung", text=templates.STEERING))

        for section in sections:
            if section.heading.startswith(("Präambel", "Leitbild")):
                warnings.extend(style_warnings(section.heading, section.text))
            known = {c.n for c in section.citations}
            missing = set(markers_in(section.text)) - known
            if missing:
                warnings.append(f"{section.heading}: Quellenverweise ohne Quelle: {sorted(missing)}.")
        warnings.extend(self._goal_warnings(goals, request))
        return Draft(
            title=title, sections=sections, warnings=warnings, goals=goals, generator=self._generator_name
        )

    # -- parts -------------------------------------------------------------------------------
    @staticmethod
    def _section(heading: str, text: str, registry: SourceRegistry) -> DraftSection:
        return DraftSection(heading=heading, text=text, citations=registry.subset(set(markers_in(text))))

    @staticmethod
    def _load_goal_set(request: DraftRequest) -> GoalSet | None:
        if request.zielsystem is None:
            return None
        from assistant.goals.loading import load_goal_set

        return load_goal_set(request.zielsystem).goal_set

    def _goals_for(self, number, field, request, goal_set, facts) -> list[DraftGoal]:
        field_id = f"HF{number}"
        if goal_set is not None:
            matching = _matching_field(field.name, goal_set)
            if matching is not None:
                chosen = [g for g in goal_set.goals if g.field == matching and g.is_strategic_kind]
                return [_goal_from_set(g, field, field_id) for g in chosen[:3]]
        goals = []
        for index, (n, fact) in enumerate(facts[:3], start=1):
            value, unit, year = fact.figure()
            topic = (field.schwerpunkte or [field.name])[
                min(index - 1, len(field.schwerpunkte or [field.name]) - 1)
            ]
            goals.append(
                DraftGoal(
                    id=f"Z{number}.{index}",
                    titel=f"{topic}: {request.kommune} erreicht bis {request.zeithorizont.bis} den Zielwert.",
                    handlungsfeld=field.name,
                    handlungsfeld_id=field_id,
                    prioritaet="B",
                    zieljahr=request.zeithorizont.bis,
                    kennzahl=topic,
                    einheit=unit,
                    basiswert=value,
                    basisjahr=year,
                    quelle=fact.hit.title,
                    citations=[n],
                )
            )
        return goals

    def _priorities(self, goal_set, registry, used) -> str:
        lines = [templates.PRIORITIES_INTRO, ""]
        if goal_set is not None and goal_set.low_priorities:
            lines += ["**Nachrangig:**", ""]
            lines.extend(
                f"- {item.title}" + (f" ({item.area})" if item.area else "")
                for item in goal_set.low_priorities
            )
            return "\n".join(lines)
        for fact in self._facts.find("nachrangig zurückgestellt Vorhaben Einsparung", limit=2, exclude=used):
            lines.append(f"- {_sentence(fact.text)} [{registry.cite(fact.hit)}]")
        return "\n".join(lines)

    def _goal_warnings(self, goals: list[DraftGoal], request: DraftRequest) -> list[str]:
        if not goals or self._goal_checker is None:
            return []
        from assistant.drafting.export import goalset_dict

        goal_set = GoalSet.model_validate(goalset_dict(goals, request))
        findings = self._goal_checker(goal_set)
        return [
            f"{f.rule} ({f.goal_id or 'gesamt'}): {f.message}" for f in findings if f.rule.startswith("GQ")
        ]


def _sentence(text: str) -> str:
    text = " ".join(text.split()).lstrip("•–-▪ ")
    return text if text.endswith((".", "!", "?")) else text + "."


def _goal_line(goal: DraftGoal) -> str:
    indicator = f"Kennzahl: {goal.kennzahl}"
    if goal.basiswert is not None:
        unit = f" {goal.einheit}" if goal.einheit else ""
        year = f" ({goal.basisjahr})" if goal.basisjahr else ""
        indicator += f", Ausgangswert {_number(goal.basiswert)}{unit}{year}"
    indicator += (
        f", Zielwert {_number(goal.zielwert)}" if goal.zielwert is not None else ", Zielwert: festzulegen"
    )
    markers = "".join(f" [{n}]" for n in goal.citations)
    return (
        f"- {goal.id} (Priorität {goal.prioritaet}, bis {goal.zieljahr}): {goal.titel} {indicator}.{markers}"
    )


def _number(value: float) -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def _matching_field(name: str, goal_set: GoalSet) -> str | None:
    wanted = _words(name)
    best, best_overlap = None, 0
    for field in goal_set.fields:
        overlap = len(wanted & _words(field.name or field.id))
        if overlap > best_overlap:
            best, best_overlap = field.id, overlap
    return best


def _goal_from_set(goal, field: FieldRequest, field_id: str) -> DraftGoal:
    indicator = goal.indicators[0] if goal.indicators else None
    return DraftGoal(
        id=goal.id,
        titel=goal.title,
        handlungsfeld=field.name,
        handlungsfeld_id=field_id,
        prioritaet=goal.priority or "B",
        art=goal.kind or "wirkung",
        zieljahr=goal.target_year or (indicator.target_year if indicator else None) or 0,
        kennzahl=indicator.name if indicator else "festzulegen",
        einheit=getattr(indicator, "unit", None),
        richtung=getattr(indicator, "direction", None),
        basiswert=getattr(indicator, "baseline", None),
        basisjahr=getattr(indicator, "baseline_year", None),
        zielwert=getattr(indicator, "target", None),
        quelle=getattr(indicator, "source", None),
    )
