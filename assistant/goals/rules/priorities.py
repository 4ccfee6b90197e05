"""PRI: priorities and explicit low priorities (Nachrangigkeiten)."""

from __future__ import annotations

from collections import defaultdict

from assistant.goals.rules.base import Rule, join_ids, number, quote

_SEED = "Praxis – Leitidee der Gesamtstrategie: „Prioritäten und Nachrangigkeiten“ setzen"


class PriorityStated(Rule):
    id = "PRI-01"
    title = "Priorität angegeben"
    text = "Jedes strategische Ziel hat eine Prioritätsklasse (A, B oder C)."
    severity = "error"
    basis = f"{_SEED}; Mannheim: „Politische Prioritäten statt ‚alles ist wichtig‘“."

    def check(self, view):
        for ref in view.strategic:
            if ref.goal.priority is None:
                yield self.finding(
                    ref.at("prioritaet"),
                    f"Ziel {ref.id} hat keine Prioritätsklasse.",
                    f"Ordnen Sie Ziel {ref.id} der Prioritätsklasse A, B oder C zu (prioritaet).",
                    goal=ref,
                )


class NotEverythingTop(Rule):
    id = "PRI-02"
    title = "Nicht alles ist Priorität A"
    text = (
        "Nicht alle strategischen Ziele sind Priorität A (Fehler, ab 3 Zielen); höchstens ein Drittel ist "
        "A (sonst Warnung)."
    )
    severity = "error"
    basis = f"{_SEED}; der Anteil von einem Drittel ist eine Produktheuristik (einstellbar)."

    def check(self, view):
        total = len(view.strategic)
        top = [ref.id for ref in view.strategic if ref.goal.priority == "A"]
        share = self.settings.max_anteil_a
        if total == 0 or not top:
            return
        allowed, percent = int(share * total + 1e-9), number(share * 100, 0)
        if len(top) == total and total >= self.settings.min_ziele_fuer_alles_a:
            yield self.finding(
                "ziele",
                f"Alle {total} strategischen Ziele haben Priorität A – „alles ist wichtig“ setzt keine Prioritäten.",
                f"Stufen Sie Ziele in die Klassen B und C ab; höchstens {allowed} von {total} ({percent} %) "
                "sollten Priorität A haben.",
            )
        elif len(top) / total > share + 1e-9:
            yield self.finding(
                "ziele",
                f"{len(top)} von {total} strategischen Zielen haben Priorität A "
                f"({number(len(top) / total * 100, 0)} %: {join_ids(top)}); "
                f"empfohlen ist höchstens {percent} %.",
                f"Stufen Sie die weniger dringlichen A-Ziele in Klasse B oder C ab (höchstens {allowed} von "
                f"{total} Zielen in Klasse A).",
                severity="warning",
            )


class LowPrioritiesExist(Rule):
    id = "PRI-03"
    title = "Nachrangigkeiten benannt"
    text = (
        "Das Zielsystem benennt ausdrücklich nachrangige Aufgaben (Fehler in der Haushaltskonsolidierung, "
        "sonst Warnung)."
    )
    severity = "warning"
    basis = (
        f"{_SEED}; Difu zu Leipzig: festlegen, „welche der disponiblen Aufgaben vor- und besonders welche "
        "nachrangig“ sind."
    )

    def check(self, view):
        if view.goal_set.low_priorities:
            return
        consolidation = view.goal_set.context == "konsolidierung"
        message = "Das Zielsystem nennt keine Nachrangigkeiten (nachrangig ist leer)"
        if consolidation:
            message += "; in der Haushaltskonsolidierung sind ausdrückliche Nachrangigkeiten unverzichtbar"
        yield self.finding(
            "nachrangig",
            message + ".",
            "Benennen Sie Aufgaben, Produkte oder Standards, die reduziert, zurückgestellt oder "
            "eingestellt werden, jeweils mit Konsequenz, Begründung und Einsparung.",
            severity="error" if consolidation else "warning",
        )


class UniqueRanks(Rule):
    id = "PRI-04"
    title = "Eindeutige Rangfolge"
    text = (
        "Wo eine Rangfolge (rang) vergeben ist, hat jeder Rang nur ein Ziel – in der Gesamtstrategie und "
        "je Fachstrategie."
    )
    severity = "error"
    basis = f"{_SEED}; eine Rangfolge mit Gleichständen entscheidet keine Konflikte."

    def check(self, view):
        groups = [("", view.strategic)]
        groups += [
            (
                f" der Fachstrategie {strategy.id or strategy.label}",
                [r for r in view.strategy_goals if r.strategy is strategy],
            )
            for strategy in view.goal_set.strategies
        ]
        for scope, refs in groups:
            by_rank = defaultdict(list)
            for ref in refs:
                if ref.goal.rank is not None:
                    by_rank[ref.goal.rank].append(ref)
            for ref in refs:
                shared = by_rank.get(ref.goal.rank, []) if ref.goal.rank is not None else []
                if len(shared) > 1:
                    others = [r.id for r in shared if r is not ref]
                    yield self.finding(
                        ref.at("rang"),
                        f"Ziel {ref.id}{scope} teilt sich den Rang {ref.goal.rank} mit {join_ids(others)}.",
                        f"Vergeben Sie jeden Rang nur einmal; entscheiden Sie, ob {ref.id} vor oder nach "
                        f"{join_ids(others)} steht.",
                        goal=ref,
                    )


class ExceptionsDeclared(Rule):
    id = "PRI-05"
    title = "Geschützte und ausgenommene Bereiche"
    text = "Das Zielsystem nennt geschützte oder von Kürzungen ausgenommene Bereiche (ausnahmen)."
    severity = "info"
    basis = "Praxis – Leitidee: Zielvorgaben und Restriktionen festlegen, z. B. präventive Maßnahmen schützen."

    def check(self, view):
        if not view.goal_set.exceptions:
            yield self.finding(
                "ausnahmen",
                "Es sind keine geschützten oder ausgenommenen Bereiche angegeben (ausnahmen ist leer).",
                "Legen Sie fest, welche Bereiche von Kürzungen geschützt (z. B. Prävention) oder "
                "ausgenommen (z. B. Pflichtaufgaben wie der Brandschutz) sind, jeweils mit Begründung.",
            )


class ConsequenceStated(Rule):
    id = "PRI-06"
    title = "Konsequenz der Nachrangigkeit"
    text = "Jede Nachrangigkeit nennt ihre Konsequenz (reduzieren, zurückstellen oder einstellen)."
    severity = "warning"
    basis = f"{_SEED}; eine Nachrangigkeit ohne Konsequenz ändert kein Budget."

    def check(self, view):
        for index, item in enumerate(view.goal_set.low_priorities):
            if item.consequence is None:
                yield self.finding(
                    f"nachrangig[{index}].konsequenz",
                    f"Die Nachrangigkeit {quote(item.title)} nennt keine Konsequenz.",
                    "Geben Sie an, ob die Aufgabe reduziert, zurückgestellt oder eingestellt wird "
                    "(konsequenz), und beziffern Sie die Einsparung (einsparung_eur).",
                )


RULES = [
    PriorityStated,
    NotEverythingTop,
    LowPrioritiesExist,
    UniqueRanks,
    ExceptionsDeclared,
    ConsequenceStated,
]
