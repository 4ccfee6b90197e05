"""RES: resources follow the goals (Produkte, budget, follow-up costs, staff)."""

from __future__ import annotations

import itertools
import re

from assistant.goals.rules.base import Rule, euro, join_ids, quote
from assistant.goals.view import GoalRef

_KGST = "Praxis – KGSt: Wirkung im Verhältnis zu den eingesetzten Ressourcen steuern"
_PRODUCT_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)*)")


def annual_budget(ref: GoalRef) -> float | None:
    resources = ref.goal.resources
    return resources.annual_budget if resources else None


class ProductAssigned(Rule):
    id = "RES-01"
    title = "Zuordnung zum Produkthaushalt"
    text = (
        "Jedes strategische Ziel nennt mindestens ein Produkt des Haushalts oder wird von einer "
        "Beteiligung (Fachstrategie der Art beteiligung) verfolgt."
    )
    severity = "error"
    basis = (
        "Recht für die wesentlichen Produkte – Haushaltsverordnungen verknüpfen Ziele mit den Produkten "
        "der Teilhaushalte; Leitidee: Fachstrategien mit dem Produkthaushalt verknüpfen."
    )

    def check(self, view):
        for ref in view.strategic:
            if ref.goal.resources and ref.goal.resources.products:
                continue
            if any(c.strategy and c.strategy.kind == "beteiligung" for c in view.contributors.get(ref.id, [])):
                continue
            yield self.finding(
                ref.at("ressourcen"),
                f"Ziel {ref.id} ist keinem Produkt des Haushalts zugeordnet.",
                "Ordnen Sie das Ziel mindestens einem Produkt oder einer Beteiligung zu.",
                goal=ref,
            )


class BudgetForTopGoals(Rule):
    id = "RES-02"
    title = "Budget und Folgekosten der A-Ziele"
    text = (
        "Jedes Ziel der Priorität A nennt ein Budget (sonst Fehler) und bei einem Budget auch die "
        "Folgekosten (sonst Warnung)."
    )
    severity = "error"
    basis = f"{_KGST}; altes § 12 GemHVO NRW; Wedel: Fokusziele mit festem Budget und Folgekosten."

    def check(self, view):
        for ref in view.strategic:
            if ref.goal.priority != "A":
                continue
            budget = annual_budget(ref)
            if ref.goal.resources is None or ref.goal.resources.budget_eur is None or budget is None:
                yield self.finding(
                    ref.at("ressourcen", "budget_eur"),
                    f"Ziel {ref.id} hat Priorität A, nennt aber kein Budget (budget_eur).",
                    f"Beziffern Sie das jährliche Budget für Ziel {ref.id}, damit die Ressourcen der Priorität folgen.",
                    goal=ref,
                )
            elif ref.goal.resources.follow_up_costs_eur is None:
                yield self.finding(
                    ref.at("ressourcen", "folgekosten_eur"),
                    f"Ziel {ref.id} (Priorität A) nennt ein Budget von {euro(budget)} je Jahr, aber keine "
                    "Folgekosten (folgekosten_eur).",
                    f"Geben Sie die jährlichen Folgekosten von Ziel {ref.id} an (0, wenn keine entstehen).",
                    goal=ref,
                    severity="warning",
                )


class StaffForBudget(Rule):
    id = "RES-03"
    title = "Personal zum Budget"
    text = "Jedes Ziel mit Budget nennt auch den Personaleinsatz in Vollzeitäquivalenten (0 ist zulässig)."
    severity = "warning"
    basis = f"{_KGST}; Stellenplan und Budget gehören zusammen."

    def check(self, view):
        for ref in view.strategic:
            budget = annual_budget(ref)
            if budget is not None and ref.goal.resources.staff_fte is None:
                yield self.finding(
                    ref.at("ressourcen", "stellen_vzae"),
                    f"Ziel {ref.id} nennt ein Budget von {euro(budget)} je Jahr, aber keine Stellen (stellen_vzae).",
                    f"Geben Sie den Personaleinsatz für Ziel {ref.id} in Vollzeitäquivalenten an (0 ist "
                    "eine gültige Angabe).",
                    goal=ref,
                )


class MoneyFollowsPriority(Rule):
    id = "RES-04"
    title = "Geld folgt der Priorität"
    text = (
        "Das durchschnittliche Budget je Ziel sinkt von Klasse A über B zu C (verglichen werden nur "
        "Klassen mit Budgetangaben)."
    )
    severity = "warning"
    basis = f"{_KGST}; die Monotonie A ≥ B ≥ C ist eine Produktheuristik."

    def check(self, view):
        budgets: dict[str, list[float]] = {}
        for ref in view.strategic:
            budget = annual_budget(ref)
            if budget is not None and ref.goal.priority:
                budgets.setdefault(ref.goal.priority, []).append(budget)
        means = {cls: sum(values) / len(values) for cls, values in sorted(budgets.items())}
        classes = list(means)
        breaks = [(a, b) for a, b in itertools.pairwise(classes) if means[a] < means[b]]
        if not breaks:
            return
        averages = ", ".join(f"{cls} {euro(means[cls])}" for cls in classes)
        inversions = "; ".join(f"Klasse {b} liegt über Klasse {a}" for a, b in breaks)
        yield self.finding(
            "ziele",
            f"Das Geld folgt nicht der Priorität: durchschnittliches Jahresbudget je Ziel {averages} ({inversions}).",
            "Schichten Sie Mittel zugunsten der höher priorisierten Ziele um oder überprüfen Sie die Prioritäten.",
        )


def product_key(text: str) -> tuple[tuple[str, ...], str]:
    """Produkt number segments („36.50“ → ("36", "50")) and the name in comparison form."""
    match = _PRODUCT_NUMBER.match(text)
    segments = tuple(match.group(1).split(".")) if match else ()
    name = " ".join(text[match.end() :].split()).casefold() if match else " ".join(text.split()).casefold()
    return segments, name


def same_product(area: str, product: str) -> bool:
    """A low-priority area matches a Produkt by number (a Produktbereich covers its Produkte) or by name."""
    area_number, area_name = product_key(area)
    product_number, product_name = product_key(product)
    if area_number and product_number:
        return product_number[: len(area_number)] == area_number
    return bool(area_name) and area_name == product_name


class LowPriorityFunded(Rule):
    id = "RES-05"
    title = "Nachrangiges ohne A-Budget"
    text = "Ein als nachrangig benanntes Produkt trägt kein Budget eines Ziels der Priorität A."
    severity = "warning"
    basis = "Praxis – Leitidee: Schwerpunktsetzungen bewirken Veränderungen in den Budgets."

    def check(self, view):
        areas = [(item, item.area) for item in view.goal_set.low_priorities if item.area]
        for ref in view.strategic:
            budget = annual_budget(ref)
            if ref.goal.priority != "A" or not budget:
                continue
            conflicts = [
                (product, item)
                for product in ref.goal.resources.products
                for item, area in areas
                if same_product(area, product)
            ]
            if conflicts:
                products = list(dict.fromkeys(p for p, _ in conflicts))
                items = join_ids([quote(t) for t in dict.fromkeys(i.title for _, i in conflicts)])
                what, relative = (
                    ("das Produkt", "das zugleich nachrangig ist")
                    if len(products) == 1
                    else ("die Produkte", "die zugleich nachrangig sind")
                )
                yield self.finding(
                    ref.at("ressourcen", "produkte"),
                    f"Ziel {ref.id} (Priorität A, {euro(budget)} je Jahr) finanziert {what} "
                    f"{join_ids([quote(p) for p in products])}, {relative} ({items}).",
                    f"Lösen Sie den Widerspruch: Nehmen Sie das Produkt aus Ziel {ref.id} heraus oder "
                    "streichen Sie die Nachrangigkeit.",
                    goal=ref,
                )


RULES = [ProductAssigned, BudgetForTopGoals, StaffForBudget, MoneyFollowsPriority, LowPriorityFunded]
