"""TRC: the Gesamtstrategie as the roof and the Fachstrategien below it."""

from __future__ import annotations

from assistant.goals.rules.base import Rule, join_ids

_ROOF = "Praxis – Leitidee: die Gesamtstrategie ist das Dach; Fachstrategien und Beteiligungen leiten sich aus ihr ab"


class ContributesToRoof(Rule):
    id = "TRC-01"
    title = "Fachstrategieziel unter dem Dach"
    text = "Jedes Ziel einer Fachstrategie nennt in beitrag_zu mindestens ein Ziel der Gesamtstrategie."
    severity = "error"
    basis = _ROOF + "."

    def check(self, view):
        for ref in view.strategy_goals:
            if any(target in view.top_level_ids for target in ref.goal.contributes_to):
                continue
            owner = f" der Fachstrategie {ref.strategy.id or ref.strategy.label}" if ref.strategy else ""
            if ref.goal.contributes_to:
                message = (
                    f"Ziel {ref.id}{owner} verweist in beitrag_zu nur auf Ziele von Fachstrategien "
                    f"({join_ids(ref.goal.contributes_to)}), nicht auf ein Ziel der Gesamtstrategie."
                )
            else:
                message = f"Ziel {ref.id}{owner} nennt kein Ziel der Gesamtstrategie, zu dem es beiträgt."
            examples = join_ids([r.id for r in view.strategic[:3]]) if view.strategic else "Z1"
            yield self.finding(
                ref.at("beitrag_zu"),
                message,
                f"Tragen Sie in beitrag_zu das strategische Ziel ein, dem Ziel {ref.id} dient (z. B. {examples}).",
                goal=ref,
            )


class GoalCovered(Rule):
    id = "TRC-02"
    title = "Strategisches Ziel abgeleitet"
    text = (
        "Zu jedem strategischen Ziel trägt mindestens ein Ziel einer Fachstrategie bei (wenn es Fachstrategien gibt)."
    )
    severity = "warning"
    basis = _ROOF + "."

    def check(self, view):
        if not view.goal_set.strategies:
            return
        for ref in view.strategic:
            if not view.contributors.get(ref.id):
                yield self.finding(
                    ref.location,
                    f"Zum strategischen Ziel {ref.id} trägt kein Ziel einer Fachstrategie bei.",
                    f"Leiten Sie Ziel {ref.id} in mindestens eine Fachstrategie ab (dort beitrag_zu: [{ref.id}]).",
                    goal=ref,
                )


class CompanyFinancialGoal(Rule):
    id = "TRC-03"
    title = "Finanzziel der Beteiligungen"
    text = "Jede Beteiligung (kommunales Unternehmen) hat mindestens ein Finanzziel oder ein Ziel mit Budget."
    severity = "warning"
    basis = _ROOF + "; Beteiligungssteuerung braucht finanzielle Vorgaben."

    def check(self, view):
        for index, strategy in enumerate(view.goal_set.strategies):
            if strategy.kind != "beteiligung":
                continue
            if any(
                goal.kind == "finanz" or (goal.resources is not None and goal.resources.annual_budget is not None)
                for goal in strategy.goals
            ):
                continue
            name = f"„{strategy.name}“ ({strategy.id})" if strategy.name and strategy.id else f"„{strategy.label}“"
            yield self.finding(
                f"fachstrategien[{index}]",
                f"Die Beteiligung {name} hat weder ein Finanzziel noch ein Ziel mit Budget.",
                "Vereinbaren Sie mit dem Unternehmen ein Finanzziel (z. B. Eigenkapitalrendite, "
                "Ergebnisabführung, Verlustausgleich) oder beziffern Sie das Budget eines Ziels.",
            )


RULES = [ContributesToRoof, GoalCovered, CompanyFinancialGoal]
