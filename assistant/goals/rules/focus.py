"""FOC: focus on few, essential goals."""

from __future__ import annotations

from assistant.goals.rules.base import Rule, join_ids

_FEW_GOALS = (
    "Praxis – KGSt: die vielen möglichen Ziele „auf wenige wichtige“ reduzieren; Mannheim 7 (+1 "
    "Finanzziel), Villingen-Schwenningen 4, Duderstadt 3 strategische Ziele; Gegenbeispiel Lörrach mit 98 "
    "Zielaussagen."
)


class TooManyGoals(Rule):
    id = "FOC-01"
    title = "Anzahl strategischer Ziele"
    text = "Eine Gesamtstrategie konzentriert sich auf wenige strategische Ziele (Warnung über 8, Fehler über 12)."
    severity = "warning"
    basis = _FEW_GOALS

    def check(self, view):
        count = len(view.strategic)
        warn, error = self.settings.max_ziele_warnung, self.settings.max_ziele_fehler
        if count <= warn:
            return
        severity = "error" if count > error else "warning"
        limit = f"empfohlen sind höchstens {warn}" + (
            f", mehr als {error} gelten als Fehler" if severity == "error" else ""
        )
        yield self.finding(
            "ziele",
            f"Das Zielsystem hat {count} strategische Ziele; {limit}.",
            f"Verdichten Sie auf höchstens {warn} wesentliche Ziele: fassen Sie verwandte Ziele zusammen "
            "und verlagern Sie Detailziele in die Fachstrategien.",
            severity=severity,
        )


class FieldCount(Rule):
    id = "FOC-02"
    title = "Anzahl der Handlungsfelder"
    text = "Die Strategie gliedert sich in 3 bis 8 Handlungsfelder."
    severity = "info"
    basis = "Praxis – typische Gesamtstrategien haben 4 bis 8 Handlungsfelder (Wedel: 8)."

    def check(self, view):
        count = len(view.goal_set.fields)
        low, high = self.settings.min_handlungsfelder, self.settings.max_handlungsfelder
        if count < low:
            yield self.finding(
                "handlungsfelder",
                f"Das Zielsystem hat nur {count} Handlungsfeld{'er' if count != 1 else ''}; üblich sind "
                f"{low} bis {high}.",
                "Prüfen Sie, ob wesentliche Aufgabenbereiche (z. B. Bildung, Wohnen, Klima, Wirtschaft, "
                "Finanzen) als eigene Handlungsfelder fehlen.",
            )
        elif count > high:
            yield self.finding(
                "handlungsfelder",
                f"Das Zielsystem hat {count} Handlungsfelder; üblich sind {low} bis {high}.",
                f"Fassen Sie verwandte Handlungsfelder zusammen, sodass höchstens {high} bleiben.",
            )


class GoalsPerField(Rule):
    id = "FOC-03"
    title = "Ziele je Handlungsfeld"
    text = "Je Handlungsfeld stehen höchstens 3 strategische Ziele."
    severity = "warning"
    basis = "Praxis – KGSt-Materialien zu Wirkungszielen (zwei bis drei je Produktgruppe); Wedel: höchstens 3 je Feld."

    def check(self, view):
        per_field: dict[str, list[str]] = {}
        for ref in view.strategic:
            if ref.goal.field:
                per_field.setdefault(ref.goal.field, []).append(ref.id)
        limit = self.settings.max_ziele_je_feld
        for index, field in enumerate(view.goal_set.fields):
            ids = per_field.get(field.id, [])
            if len(ids) > limit:
                label = view.field_label(field.id)
                yield self.finding(
                    f"handlungsfelder[{index}]",
                    f"Im Handlungsfeld {label} stehen {len(ids)} strategische Ziele ({join_ids(ids)}); "
                    f"empfohlen sind höchstens {limit}.",
                    f"Fassen Sie Ziele im Handlungsfeld {field.id} zusammen oder verlagern Sie Detailziele "
                    "in die Fachstrategie des Feldes.",
                )


class IndicatorsPerGoal(Rule):
    id = "FOC-04"
    title = "Kennzahlen je Ziel"
    text = "Jedes strategische Ziel hat mindestens eine Kennzahl (sonst Fehler) und höchstens 3 (sonst Warnung)."
    severity = "error"
    basis = (
        "Recht für die wesentlichen Produkte – Haushaltsverordnungen verlangen Ziele und Kennzahlen (z. B. "
        "GemHVO Rheinland-Pfalz § 4 Abs. 6, KommHV-Doppik Bayern § 4 Abs. 3); für die Gesamtstrategie gute "
        "Praxis."
    )

    def check(self, view):
        limit = self.settings.max_kennzahlen_je_ziel
        for ref in view.strategic:
            count = len(ref.goal.indicators)
            if count == 0:
                yield self.finding(
                    ref.at("kennzahlen"),
                    f"Ziel {ref.id} hat keine Kennzahl; die Zielerreichung ist so nicht messbar.",
                    f"Ergänzen Sie für Ziel {ref.id} mindestens eine Wirkungskennzahl mit Basiswert, "
                    "Zielwert, Zieljahr und Quelle.",
                    goal=ref,
                )
            elif count > limit:
                yield self.finding(
                    ref.at("kennzahlen"),
                    f"Ziel {ref.id} hat {count} Kennzahlen; empfohlen sind höchstens {limit}.",
                    f"Beschränken Sie Ziel {ref.id} auf die {limit} aussagekräftigsten Kennzahlen, "
                    f"vorrangig Wirkungskennzahlen; die übrigen {count - limit} gehören in die "
                    "Fachstrategie.",
                    goal=ref,
                    severity="warning",
                )


RULES = [TooManyGoals, FieldCount, GoalsPerField, IndicatorsPerGoal]
