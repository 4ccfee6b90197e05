"""GOV: process and basis of the strategy."""

from __future__ import annotations

from assistant.goals.rules.base import Rule

ANALYSIS_LABELS = {
    "demografie_bevoelkerung": "Demografie der Bevölkerung",
    "demografie_belegschaft": "Demografie der Belegschaft",
    "haushalt": "Haushaltssituation",
    "trends": "Trends",
    "chancen_risiken": "Chancen-/Risiko-Analyse",
}
_PROCESS = "Praxis – Leitidee: Prozess der Gesamtstrategie"


class ParticipationDocumented(Rule):
    id = "GOV-01"
    title = "Beteiligung dokumentiert"
    text = "Die Beteiligung von Bürgerschaft und Partnern ist dokumentiert."
    severity = "warning"
    basis = f"{_PROCESS}: Bürgerengagement und Partner (Unternehmen, Verbände, Vereine, Jobcenter) einbeziehen."

    def check(self, view):
        if not view.goal_set.participation:
            yield self.finding(
                "beteiligung",
                "Die Beteiligung von Bürgerschaft und Partnern ist nicht dokumentiert (beteiligung ist leer).",
                "Dokumentieren Sie Formate, Zielgruppen, Zeitraum und Zahl der Teilnehmenden, z. B. "
                "Zukunftswerkstätten, Online-Beteiligung, Fachgespräche mit Unternehmen und Vereinen.",
            )


class AnalysesPresent(Rule):
    id = "GOV-02"
    title = "Analysen als Grundlage"
    text = (
        "Die Analysen liegen vor: Demografie der Bevölkerung und der Belegschaft, Haushalt, Trends, "
        "Chancen und Risiken (Rahmenbedingungen sind optional)."
    )
    severity = "warning"
    basis = (
        f"{_PROCESS}: Demografie (Bevölkerung und Belegschaft), Haushaltssituation, Trends, Chancen/Risiken "
        "analysieren."
    )

    def check(self, view):
        present = {analysis.kind for analysis in view.goal_set.analyses}
        for kind, label in ANALYSIS_LABELS.items():
            if kind not in present:
                yield self.finding(
                    "analysen",
                    f"Die Analyse „{label}“ (art: {kind}) fehlt.",
                    f"Ergänzen Sie die Analyse „{label}“ mit Quelle und Stand oder verweisen Sie auf das "
                    "vorhandene Dokument.",
                )


class Adopted(Rule):
    id = "GOV-03"
    title = "Beschluss"
    text = "Das Zielsystem ist vom Rat beschlossen; ein Entwurf wird als Hinweis gemeldet."
    severity = "info"
    basis = f"{_PROCESS}: Ziele werden von Politik und Verwaltung gemeinsam formuliert und beschlossen."

    def check(self, view):
        if view.goal_set.status != "beschlossen":
            yield self.finding(
                "status",
                "Das Zielsystem ist ein Entwurf (status: entwurf) und noch nicht vom Rat beschlossen.",
                "Legen Sie das Zielsystem nach der Überarbeitung dem Rat zum Beschluss vor und setzen Sie "
                "danach status: beschlossen.",
            )


RULES = [ParticipationDocumented, AnalysesPresent, Adopted]
