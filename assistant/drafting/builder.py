"""The draft use case: request → facts per field of action → Leitbild sections and proposed goals →
style, goal-quality and citation checks → :class:`Draft`. Template-based without an LLM; with an LLM
the guiding sentences are written by the model from the same retrieved facts."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.answering.markers import markers_in
from assistant.drafting import templates
from assistant.drafting.facts import Fact, FactFinder
from assistant.drafting.models import Draft, DraftGoal, DraftRequest, DraftSection, FieldRequest, Origin
from assistant.drafting.sources import SourceRegistry
from assistant.drafting.style import style_warnings
from assistant.goals.model import GoalSet

# (label, search query, words one of which a fact under the label must name)
STARTING_POSITION_QUERIES = [
    ("Bevölkerung", "Einwohnerinnen und Einwohner Bevölkerungsprognose Entwicklung",
     "Einwohner Einwohnerinnen Bevölkerung Bevölkerungszahl Bewohner"),
    ("Belegschaft", "Beschäftigte der Stadtverwaltung Altersabgänge Ruhestand",
     "Beschäftigte Mitarbeitende Mitarbeiter Belegschaft Personal Stellen Vollzeitäquivalente"),
    ("Haushalt", "Jahresergebnis Ergebnishaushalt Fehlbetrag Haushaltsausgleich",
     "Haushalt Jahresergebnis Ergebnishaushalt Fehlbetrag Defizit Überschuss Ergebnis Steuer Erträge"),
]  # fmt: skip


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 3}


# the rule families the draft's own notes report: what a draft can already get right (the app says so next
# to the full check of „Diese Ziele prüfen“)
OWN_CHECK_FAMILIES = ("GQ", "KPI")


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

    def draft(self, request: DraftRequest, on_progress: Callable[[int, int, str], None] | None = None) -> Draft:
        """``on_progress(done, total, field name)`` before each field of action (for the app's progress)."""
        registry = SourceRegistry()
        goal_set = self._load_goal_set(request)
        kommune = request.kommune
        title = request.titel or f"Gesamtstrategie {kommune} {request.zeithorizont.bis} – Entwurf"
        sections: list[DraftSection] = []
        warnings: list[str] = []
        used: set[str] = set()

        werte = ", ".join(request.werte) if request.werte else "Verlässlichkeit, Beteiligung, Nachhaltigkeit"
        preamble = templates.PREAMBLE.format(kommune=kommune, bis=request.zeithorizont.bis, werte=werte)
        sections.append(DraftSection(heading="Präambel", text=preamble, origin="vorlage"))

        start_lines = []
        for label, query, about in STARTING_POSITION_QUERIES:
            for fact in self._facts.find(query, limit=1, exclude=used, about=about):
                used.add(" ".join(fact.text.lower().split()))
                start_lines.append(f"- {label}: {_sentence(fact.text)} [{registry.cite(fact.hit)}]")
            if not start_lines or not start_lines[-1].startswith(f"- {label}:"):
                start_lines.append(f"- {label}: Die Dokumente enthalten dazu keine Angaben mit Zahlen.")
        if not any("[" in line for line in start_lines):
            warnings.append(
                "Ausgangslage: In der Wissensbasis wurden keine Zahlen zu Bevölkerung und Haushalt gefunden."
            )
        sections.append(self._section("Ausgangslage", "\n".join(start_lines), registry, origin="dokumente"))

        vision_lines = [templates.vision_sentences(f.name, kommune)[0] for f in request.handlungsfelder]
        sections.append(
            DraftSection(
                heading=f"Leitbild {kommune} {request.zeithorizont.bis}", text=" ".join(vision_lines),
                origin="vorlage",
            )
        )  # fmt: skip

        goals: list[DraftGoal] = []
        writer = self._writer
        for number, field in enumerate(request.handlungsfelder, start=1):
            if on_progress is not None:
                on_progress(number - 1, len(request.handlungsfelder), field.name)
            field_facts: list[tuple[int, Fact]] = []
            for topic in field.schwerpunkte or [field.name]:
                for fact in self._facts.find(f"{topic} {field.name}", limit=1, exclude=used, about=topic):
                    used.add(" ".join(fact.text.lower().split()))
                    field_facts.append((registry.cite(fact.hit), fact))
            vision, guiding = templates.vision_sentences(field.name, kommune, field.schwerpunkte)
            guiding_origin = "vorlage"
            if writer is not None:
                try:
                    written = writer(kommune, field, request, field_facts)
                    if written:
                        guiding, guiding_origin = written, "llm"
                except Exception as exc:  # the template draft stays usable when the model fails
                    warnings.append(
                        f"Handlungsfeld {field.name}: Das Sprachmodell war nicht nutzbar ({exc}); die Leitsätze "
                        "dieses und der folgenden Handlungsfelder stammen aus den Vorlagen."
                    )
                    writer = None  # an unreachable or slow endpoint would fail (and wait) for every field
            # the guiding sentences are Leitbild text too (and an LLM may write „Wir wollen …“)
            warnings.extend(style_warnings(f"Handlungsfeld {number}: {field.name}", " ".join([vision, *guiding])))
            heading = f"Handlungsfeld {number}: {field.name}"
            sections.append(
                self._section(heading, f"**Leitsätze.** {vision} " + " ".join(guiding), registry,
                              origin=guiding_origin)
            )  # fmt: skip
            if field_facts:
                situation = "\n".join(f"- {_sentence(f.text)} [{n}]" for n, f in field_facts)
            else:
                situation = "Die Dokumente enthalten zu diesem Handlungsfeld keine Angaben mit Zahlen."
                warnings.append(f"Handlungsfeld {field.name}: keine Zahlen in der Wissensbasis gefunden.")
            sections.append(self._section("Ausgangslage", situation, registry, level=3, origin="dokumente"))
            field_goals = self._goals_for(number, field, goal_set)
            goals.extend(field_goals)
            if field_goals:
                sections.append(
                    DraftSection(heading="Strategische Ziele", text="\n".join(_goal_line(g) for g in field_goals),
                                 level=3, origin="anfrage")
                )  # fmt: skip
            else:
                questions = "\n".join(_open_question(f, field_facts) for f in field.schwerpunkte or [field.name])
                sections.append(
                    self._section("Offene Fragen an das Strategieteam", questions, registry, level=3, origin="vorlage")
                )

        sections.append(
            DraftSection(heading="Prioritäten und Nachrangigkeiten", text=templates.PRIORITIES_INTRO, origin="vorlage")
        )
        low_priorities, low_origin = self._priorities(goal_set, registry, used)
        if low_priorities:
            sections.append(self._section("Nachrangig", low_priorities, registry, level=3, origin=low_origin))
        sections.append(DraftSection(heading="Umsetzung und Steuerung", text=templates.STEERING, origin="vorlage"))

        for section in sections:
            if section.heading.startswith(("Präambel", "Leitbild")):
                warnings.extend(style_warnings(section.heading, section.text))
            known = {c.n for c in section.citations}
            missing = set(markers_in(section.text)) - known
            if missing:
                warnings.append(f"{section.heading}: Quellenverweise ohne Quelle: {sorted(missing)}.")
        warnings.extend(self._goal_warnings(goals, request))
        return Draft(title=title, sections=sections, warnings=warnings, goals=goals, generator=self._generator_name)

    # -- parts -------------------------------------------------------------------------------
    @staticmethod
    def _section(
        heading: str, text: str, registry: SourceRegistry, *, level: int = 2, origin: Origin = "dokumente"
    ) -> DraftSection:
        citations = registry.subset(set(markers_in(text)))
        return DraftSection(heading=heading, text=text, citations=citations, level=level, origin=origin)

    @staticmethod
    def _load_goal_set(request: DraftRequest) -> GoalSet | None:
        if request.zielsystem is None:
            return None
        from assistant.goals.loading import load_goal_set

        return load_goal_set(request.zielsystem).goal_set

    def _goals_for(self, number, field, goal_set) -> list[DraftGoal]:
        """Goals only where the request's goal set states them; without one the draft asks for the missing
        indicators instead of filling a template with a figure that happens to be near."""
        if goal_set is None:
            return []
        matching = _matching_field(field.name, goal_set)
        if matching is None:
            return []
        chosen = [g for g in goal_set.goals if g.field == matching and g.is_strategic_kind]
        return [_goal_from_set(g, field, f"HF{number}") for g in chosen[:3]]

    def _priorities(self, goal_set, registry, used) -> tuple[str, Origin]:
        """The low priorities: from the goal set, else what the documents say was deferred or cut."""
        if goal_set is not None and goal_set.low_priorities:
            lines = [f"- {item.title}" + (f" ({item.area})" if item.area else "") for item in goal_set.low_priorities]
            return "\n".join(lines), "anfrage"
        facts = self._facts.find("nachrangig zurückgestellt Vorhaben Einsparung", limit=2, exclude=used)
        return "\n".join(f"- {_sentence(f.text)} [{registry.cite(f.hit)}]" for f in facts), "dokumente"

    def _goal_warnings(self, goals: list[DraftGoal], request: DraftRequest) -> list[str]:
        if not goals or self._goal_checker is None:
            return []
        from assistant.drafting.export import goalset_dict

        goal_set = GoalSet.model_validate(goalset_dict(goals, request))
        findings = self._goal_checker(goal_set)
        return [
            f"{f.rule} ({f.goal_id or 'gesamt'}): {f.message}"
            for f in findings
            if f.rule.startswith(OWN_CHECK_FAMILIES)
        ]


def _sentence(text: str) -> str:
    text = " ".join(text.split()).lstrip("•–-▪ ")
    return text if text.endswith((".", "!", "?")) else text + "."


def _open_question(topic: str, facts: list[tuple[int, Fact]]) -> str:
    """What the strategy team has to settle before ``topic`` becomes a goal."""
    cited = [n for n, fact in facts if None not in fact.figure()[::2]]  # a value and its year
    hint = f"; ein möglicher Ausgangswert steht in [{cited[0]}]" if cited else "; die Dokumente nennen keinen"
    return f"- Für *{topic}* fehlt eine Kennzahl mit Ausgangswert und Zielwert{hint}."


def _goal_line(goal: DraftGoal) -> str:
    indicator = f"Kennzahl: {goal.kennzahl}"
    if goal.basiswert is not None:
        unit = f" {goal.einheit}" if goal.einheit else ""
        year = f" ({goal.basisjahr})" if goal.basisjahr else ""
        indicator += f", Ausgangswert {_number(goal.basiswert)}{unit}{year}"
    indicator += f", Zielwert {_number(goal.zielwert)}" if goal.zielwert is not None else ", Zielwert: festzulegen"
    markers = "".join(f" [{n}]" for n in goal.citations)
    return f"- {goal.id} (Priorität {goal.prioritaet}, bis {goal.zieljahr}): {goal.titel} {indicator}.{markers}"


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
