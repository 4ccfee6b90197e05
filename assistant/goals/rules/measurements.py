"""KPI rules on measured values (``messwerte``): what the measurements reveal to a reviewer.

Both rules only speak when the file carries Messwerte; without them nothing changes. KPI-06 dates
„three years after the base year“ by the latest year measured anywhere in the file (the year the file
reports on), not by today's date, so the same file always gives the same findings.
"""

from __future__ import annotations

from assistant.goals.monitoring import wording  # module, not names: wording imports rules.base
from assistant.goals.monitoring.status import direction, latest_measurement
from assistant.goals.rules.base import Rule, quote
from assistant.goals.rules.indicators import _indicators

_TRANSPARENCY = (
    "Praxis – die Gesamtstrategie verspricht „Transparenz über die Zielerreichung“; Wirkungssteuerung "
    "(KGSt) prüft Ziele und Mittel an den gemessenen Ergebnissen"
)


class AgainstDirection(Rule):
    id = "KPI-05"
    title = "Messwerte gegen die Richtung eines A-Ziels"
    text = (
        "Bei einem Ziel der Priorität A entfernt sich der letzte Messwert einer Kennzahl vom Zielwert: er liegt "
        "gegen die angegebene Richtung jenseits des Basiswerts."
    )
    severity = "warning"
    basis = _TRANSPARENCY + "; Priorität A heißt, dass Mittel und Aufmerksamkeit dort zuerst wirken sollen."

    def check(self, view):
        for ref, location, indicator in _indicators(view):
            way = direction(indicator)
            latest = latest_measurement(indicator, None)
            if ref.goal.priority != "A" or way is None or latest is None or indicator.baseline is None:
                continue
            moved = latest.value - indicator.baseline
            if (way == "steigend" and moved < 0) or (way == "sinkend" and moved > 0):
                yield self.finding(
                    f"{location}.messwerte",
                    f"Die Kennzahl {quote(indicator.name)} von Ziel {ref.id} (Priorität A) entwickelt sich gegen "
                    f"die Richtung „{way}“: {wording.amount(latest.value, indicator)} im Jahr {latest.year} nach "
                    f"{wording.amount(indicator.baseline, indicator)} im Basisjahr {indicator.baseline_year}.",
                    f"Prüfen Sie für Ziel {ref.id}, ob Maßnahmen und Mittel wirken; passen Sie sonst Maßnahmen, "
                    "Ressourcen oder – mit Begründung – Zielwert oder Priorität an.",
                    goal=ref,
                )


class MeasurementGap(Rule):
    id = "KPI-06"
    title = "Messwert nach dem Basisjahr"
    text = (
        "Enthält die Datei Messwerte, hat jede Kennzahl spätestens drei Jahre (Einstellung "
        "messwerte_luecke_jahre) nach ihrem Basisjahr einen Messwert; maßgeblich ist das letzte Jahr mit "
        "Messwerten in der Datei."
    )
    severity = "warning"
    basis = _TRANSPARENCY + "; jährlicher Strategiebericht mit den Kennzahlen."

    def check(self, view):
        years = [m.year for _, _, indicator in _indicators(view) for m in indicator.measurements]
        if not years:
            return
        reported = max(years)
        gap = self.settings.messwerte_luecke_jahre
        for ref, location, indicator in _indicators(view):
            base_year = indicator.baseline_year
            if base_year is None or reported < base_year + gap:
                continue
            if latest_measurement(indicator, None) is None:
                yield self.finding(
                    location,
                    f"Die Kennzahl {quote(indicator.name)} von Ziel {ref.id} hat seit dem Basisjahr {base_year} "
                    f"keinen Messwert, andere Kennzahlen der Datei schon bis {reported}.",
                    f"Tragen Sie die Messwerte der Kennzahl nach (Quelle: {indicator.source or 'bitte angeben'}) "
                    "oder ersetzen Sie sie durch eine Kennzahl, die erhoben wird.",
                    goal=ref,
                )


RULES = [AgainstDirection, MeasurementGap]
