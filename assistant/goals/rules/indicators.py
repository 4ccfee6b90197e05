"""KPI: indicators make achievement transparent. Every indicator anywhere is checked."""

from __future__ import annotations

from assistant.goals.rules.base import Rule, number, quote

_CONTROLLING = (
    "Praxis – kommunales Controlling: erst Basis- und Zielwert machen eine Kennzahl steuerungsfähig "
    "(Mannheim: Hausmüll 178 kg je Kopf, Ziel 140 kg bis 2030)"
)
_KPI02_FIELDS = (
    ("unit", "Einheit"),
    ("direction", "Richtung"),
    ("baseline_year", "Basisjahr"),
    ("target_year", "Zieljahr"),
    ("source", "Quelle"),
)


def _indicators(view):
    for ref in view.all_goals:
        for index, indicator in enumerate(ref.goal.indicators):
            yield ref, ref.at(f"kennzahlen[{index}]"), indicator


def _missing_list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " und " + names[-1]


class BaselineAndTarget(Rule):
    id = "KPI-01"
    title = "Basis- und Zielwert"
    text = "Jede Kennzahl hat einen Basiswert und einen Zielwert."
    severity = "error"
    basis = _CONTROLLING + "; Haushaltsverordnungen verlangen Kennzahlen für die wesentlichen Produkte."

    def check(self, view):
        for ref, location, indicator in _indicators(view):
            missing = [
                label
                for label, value in (("Basiswert", indicator.baseline), ("Zielwert", indicator.target))
                if value is None
            ]
            if missing:
                what = "keinen " + " und keinen ".join(missing)
                yield self.finding(
                    location,
                    f"Die Kennzahl {quote(indicator.name)} von Ziel {ref.id} hat {what}.",
                    "Ergänzen Sie Ausgangswert (basiswert) und angestrebten Wert (zielwert); erst beide "
                    "machen die Kennzahl steuerungsfähig.",
                    goal=ref,
                )


class IndicatorProfile(Rule):
    id = "KPI-02"
    title = "Vollständiger Kennzahlensteckbrief"
    text = "Jede Kennzahl nennt Einheit, Richtung, Basisjahr, Zieljahr und Quelle."
    severity = "warning"
    basis = _CONTROLLING + "."

    def check(self, view):
        for ref, location, indicator in _indicators(view):
            missing = [label for attr, label in _KPI02_FIELDS if getattr(indicator, attr) is None]
            if missing:
                yield self.finding(
                    location,
                    f"Bei der Kennzahl {quote(indicator.name)} von Ziel {ref.id} fehlt: {_missing_list(missing)}.",
                    f"Ergänzen Sie {_missing_list(missing)}, damit die Kennzahl eindeutig erhoben und "
                    "berichtet werden kann.",
                    goal=ref,
                )


class Plausibility(Rule):
    id = "KPI-03"
    title = "Plausible Kennzahl"
    text = (
        "Bei Richtung „steigend“ liegt der Zielwert über dem Basiswert, bei „sinkend“ darunter; das "
        "Zieljahr liegt nach dem Basisjahr."
    )
    severity = "error"
    basis = _CONTROLLING + "."

    def check(self, view):
        for ref, location, indicator in _indicators(view):
            problems = []
            base, target = indicator.baseline, indicator.target
            if base is not None and target is not None:
                if indicator.direction == "steigend" and not target > base:
                    problems.append(
                        f"Richtung „steigend“, aber der Zielwert {number(target, 2)} liegt nicht über dem "
                        f"Basiswert {number(base, 2)}"
                    )
                elif indicator.direction == "sinkend" and not target < base:
                    problems.append(
                        f"Richtung „sinkend“, aber der Zielwert {number(target, 2)} liegt nicht unter dem "
                        f"Basiswert {number(base, 2)}"
                    )
            start, end = indicator.baseline_year, indicator.target_year
            if start is not None and end is not None and not end > start:
                problems.append(f"das Zieljahr {end} liegt nicht nach dem Basisjahr {start}")
            if problems:
                yield self.finding(
                    location,
                    f"Die Kennzahl {quote(indicator.name)} von Ziel {ref.id} ist unplausibel: {'; '.join(problems)}.",
                    "Prüfen Sie Richtung, Basis- und Zielwert sowie Basis- und Zieljahr der Kennzahl.",
                    goal=ref,
                )


class ImpactIndicator(Rule):
    id = "KPI-04"
    title = "Wirkungsziel mit Wirkungskennzahl"
    text = (
        "Ein strategisches Wirkungsziel, dessen Kennzahlen ihren Typ angeben, hat mindestens eine Kennzahl "
        "vom Typ wirkung."
    )
    severity = "warning"
    basis = "Praxis – KGSt-Materialien zu Wirkungszielen: Wirkungen werden mit Wirkungskennzahlen gemessen."

    def check(self, view):
        for ref in view.strategic:
            indicators = ref.goal.indicators
            if ref.goal.kind != "wirkung" or not indicators or any(i.kind is None for i in indicators):
                continue
            if not any(i.kind == "wirkung" for i in indicators):
                kinds = ", ".join(sorted({i.kind for i in indicators}))
                which = (
                    "seine einzige Kennzahl misst keine"
                    if len(indicators) == 1
                    else f"keine seiner {len(indicators)} Kennzahlen misst eine"
                )
                yield self.finding(
                    ref.at("kennzahlen"),
                    f"Ziel {ref.id} ist ein Wirkungsziel, aber {which} Wirkung (Typ: {kinds}).",
                    f"Ergänzen Sie für Ziel {ref.id} eine Wirkungskennzahl, die die angestrebte Veränderung "
                    "bei den Menschen oder in der Stadt misst.",
                    goal=ref,
                )


RULES = [BaselineAndTarget, IndicatorProfile, Plausibility, ImpactIndicator]
