"""GQ-01 … GQ-05: the quality of each goal statement (GQ-06, near duplicates, lives in duplicates.py)."""

from __future__ import annotations

from assistant.goals.german import generic_phrase, measure_signal
from assistant.goals.rules.base import Rule, join_ids, quote

_KGST_GOAL = "Praxis – KGSt: Ziele beschreiben Wirkungen, „ohne dabei konkrete Pläne und Projekte zu enthalten“"


class GoalNotMeasure(Rule):
    id = "GQ-01"
    title = "Ziel statt Maßnahme"
    text = (
        "Ein strategisches Ziel beschreibt einen angestrebten Zustand oder eine Wirkung, keine Maßnahme "
        "(Tätigkeitsverben wie bauen, errichten, sanieren, einführen, erarbeiten; Projektbegriffe wie "
        "Neubau, Konzept, Sanierung als Kern der Aussage)."
    )
    severity = "warning"
    basis = (
        f"{_KGST_GOAL}; Kritik an Zielen wie „Bildungssystem modernisieren“; Sondershausen formuliert Ziele "
        "„als Ist-Zustand“."
    )

    def check(self, view):
        town = view.goal_set.municipality
        for ref in view.strategic:
            signal = measure_signal(ref.goal.title)
            if signal is None:
                continue
            yield self.finding(
                ref.at("titel"),
                f"Ziel {ref.id} {quote(ref.goal.title)} beschreibt eine Maßnahme ({signal.describe()}), "
                "keinen angestrebten Zustand.",
                f"Formulieren Sie den Zustand oder die Wirkung, die erreicht werden soll (z. B. „{town} hat "
                "…“, „Der Anteil … sinkt bis 2030 auf …“), und führen Sie die Maßnahme als Projekt in der "
                "zuständigen Fachstrategie.",
                goal=ref,
            )


def _years(ref) -> list[int]:
    """The years a goal is dated by: its own ``zieljahr``, else those of all its indicators."""
    if ref.goal.target_year is not None:
        return [ref.goal.target_year]
    years = [i.target_year for i in ref.goal.indicators]
    return years if years and all(y is not None for y in years) else []


class GoalDated(Rule):
    id = "GQ-02"
    title = "Terminiertes Ziel"
    text = (
        "Jedes strategische Ziel hat ein Zieljahr (am Ziel oder an allen seinen Kennzahlen), und es liegt "
        "im Zeithorizont der Strategie."
    )
    severity = "warning"
    basis = "Praxis – kommunales Controlling: nur ein terminiertes Ziel lässt sich nachhalten."

    def check(self, view):
        horizon = view.goal_set.horizon
        start = horizon.start if horizon else None
        end = horizon.end if horizon else None
        span = f"{start or '…'}–{end or '…'}"
        for ref in view.strategic:
            years = _years(ref)
            if not years:
                yield self.finding(
                    ref.at("zieljahr"),
                    f"Ziel {ref.id} ist nicht terminiert: weder das Ziel noch alle seine Kennzahlen nennen "
                    "ein Zieljahr.",
                    f"Geben Sie an, bis wann Ziel {ref.id} erreicht sein soll (zieljahr)"
                    + (f", innerhalb des Zeithorizonts {span}." if horizon else "."),
                    goal=ref,
                )
                continue
            outside = sorted({y for y in years if (start is not None and y < start) or (end is not None and y > end)})
            if outside:
                whose = "von Ziel" if ref.goal.target_year is not None else "der Kennzahlen von Ziel"
                label = "Das Zieljahr" if len(outside) == 1 else "Die Zieljahre"
                verb = "liegt" if len(outside) == 1 else "liegen"
                yield self.finding(
                    ref.at("zieljahr"),
                    f"{label} {join_ids([str(y) for y in outside])} {whose} {ref.id} {verb} außerhalb des "
                    f"Zeithorizonts {span}.",
                    f"Legen Sie ein Zieljahr im Zeithorizont {span} fest oder passen Sie den Zeithorizont an.",
                    goal=ref,
                )


class SpecificEnough(Rule):
    id = "GQ-03"
    title = "Steuerbar konkret"
    text = (
        "Ein Ziel mit allgemeiner Formulierung („Stadt für alle“, „lebenswert“, „attraktiv“, "
        "„zukunftsfähig“) braucht eine Kennzahl mit Zielwert."
    )
    severity = "warning"
    basis = (
        "Praxis – Leitbild-Stil: „Musterstadt ist eine Stadt für alle“ ist ohne Kennzahl zu allgemein, um zu steuern."
    )

    def check(self, view):
        for ref in view.strategic:
            phrase = generic_phrase(ref.goal.title)
            if phrase is None or any(i.target is not None for i in ref.goal.indicators):
                continue
            yield self.finding(
                ref.at("titel"),
                f"Ziel {ref.id} {quote(ref.goal.title)} ist zu allgemein, um zu steuern („{phrase}“), und "
                "keine Kennzahl nennt einen Zielwert.",
                f"Machen Sie Ziel {ref.id} messbar: Beschreiben Sie, woran „{phrase}“ erkennbar ist, und "
                "ergänzen Sie eine Kennzahl mit Basis- und Zielwert.",
                goal=ref,
            )


class KindStated(Rule):
    id = "GQ-04"
    title = "Zielart angegeben"
    text = (
        "Bei jedem strategischen Ziel ist die Zielart angegeben (wirkung, leistung, prozess, finanz oder restriktion)."
    )
    severity = "info"
    basis = "Praxis – KGSt-Zielsystematik: Wirkungs-, Leistungs-, Prozess- und Finanzziele unterscheiden."

    def check(self, view):
        for ref in view.strategic:
            if ref.goal.kind is None:
                yield self.finding(
                    ref.at("art"),
                    f"Bei Ziel {ref.id} ist die Zielart (art) nicht angegeben.",
                    f"Geben Sie an, ob Ziel {ref.id} ein Wirkungs-, Leistungs-, Prozess- oder Finanzziel "
                    "ist (art: wirkung, leistung, prozess oder finanz).",
                    goal=ref,
                )


class FinancialGoalExists(Rule):
    id = "GQ-05"
    title = "Finanzziel oder Restriktion"
    text = "Das Zielsystem enthält mindestens ein Finanzziel (auf jeder Ebene) oder eine Restriktion."
    severity = "warning"
    basis = "Praxis – Mannheim ergänzte 2015 ein achtes, finanzielles Ziel; Leitidee: Restriktionen festlegen."

    def check(self, view):
        if any(ref.goal.kind in ("finanz", "restriktion") for ref in view.all_goals):
            return
        yield self.finding(
            "ziele",
            "Das Zielsystem enthält weder ein Finanzziel (art: finanz) noch eine Restriktion (art: restriktion).",
            "Ergänzen Sie ein Finanzziel (z. B. „Der Ergebnishaushalt ist ab 2028 ausgeglichen.“) oder "
            "eine Restriktion (z. B. „Leistungserweiterungen sind gegenfinanziert.“).",
        )


RULES = [GoalNotMeasure, GoalDated, SpecificEnough, KindStated, FinancialGoalExists]
