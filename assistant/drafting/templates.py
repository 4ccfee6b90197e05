"""Leitbild sentences by field of action: present tense, the achieved state, the municipality as subject.

Keyed by words in the field's name; a field that matches nothing gets a neutral target-state sentence.
"""

from __future__ import annotations

# (keywords in the field name, vision sentence, guiding sentences)
_FIELDS: list[tuple[tuple[str, ...], str, tuple[str, ...]]] = [
    (("bildung", "familie", "jugend", "kinder", "schule"),
     "In {kommune} haben alle Kinder und Jugendlichen faire Chancen auf Bildung und einen guten Start ins Leben.",
     ("Familien finden in {kommune} wohnortnah einen Betreuungsplatz.",
      "Jede Schülerin und jeder Schüler verlässt die Schule mit einem Abschluss und einer Perspektive.")),
    (("wohnen", "bauen", "wohnraum", "stadtentwicklung", "quartier"),
     "{kommune} hat bezahlbaren Wohnraum für alle Generationen.",
     ("Neue Quartiere sind gemischt, klimafreundlich und gut angebunden.",
      "Haushalte mit kleinem Einkommen finden in {kommune} eine Wohnung.")),
    (("klima", "mobilität", "umwelt", "energie", "verkehr"),
     "{kommune} ist auf dem Weg zur Klimaneutralität und bietet klimafreundliche Mobilität für alle.",
     ("Der Ausstoß von Treibhausgasen sinkt Jahr für Jahr.",
      "Bus, Bahn, Rad und Fußwege sind die erste Wahl für alltägliche Wege.")),
    (("wirtschaft", "arbeit", "fachkräfte", "standort"),
     "{kommune} ist ein gefragter Standort für Unternehmen und Fachkräfte.",
     ("Unternehmen finden in {kommune} Flächen, Fachkräfte und eine schnelle Verwaltung.",
      "Mehr Menschen haben in {kommune} eine sichere Arbeit.")),
    (("finanz", "verwaltung", "haushalt", "personal", "digital"),
     "{kommune} hat einen ausgeglichenen Haushalt und eine leistungsfähige, digitale Verwaltung.",
     ("Neue Leistungen sind gegenfinanziert.",
      "Die Verwaltung besetzt freie Stellen schnell und ist ein attraktiver Arbeitgeber.")),
    (("sozial", "gesundheit", "pflege", "teilhabe", "integration", "senioren"),
     "In {kommune} gehören alle Menschen dazu, in jedem Alter und jeder Lebenslage.",
     ("Hilfe kommt früh und wohnortnah an.", "Ältere Menschen leben selbstbestimmt in ihrem Quartier.")),
    (("kultur", "sport", "freizeit", "ehrenamt"),
     "{kommune} ist eine lebendige Stadt mit Kultur-, Sport- und Freizeitangeboten für alle.",
     ("Vereine und Ehrenamt finden gute Bedingungen.",)),
]  # fmt: skip


def vision_sentences(field_name: str, kommune: str) -> tuple[str, list[str]]:
    lowered = field_name.lower()
    for keywords, vision, guiding in _FIELDS:
        if any(k in lowered for k in keywords):
            return vision.format(kommune=kommune), [g.format(kommune=kommune) for g in guiding]
    return (
        f"{kommune} ist im Handlungsfeld {field_name} gut aufgestellt.",
        [f"Die Ziele im Handlungsfeld {field_name} sind messbar und mit Ressourcen hinterlegt."],
    )


PREAMBLE = (
    "Die Gesamtstrategie {kommune} {bis} ist das gemeinsame Dach von Rat und Verwaltung. "
    "Sie bündelt wenige, wesentliche Ziele bis {bis}. "
    "Sie sagt, was Vorrang hat und was zurückstehen muss. "
    "Die Ressourcen folgen diesen Zielen. "
    "Leitend sind unsere Werte: {werte}."
)

STEERING = (
    "Die Fachstrategien der Dezernate, der Beteiligungen und der zentralen Servicebereiche leiten sich aus "
    "den strategischen Zielen ab. "
    "Jedes Ziel ist mit Produkten des Haushalts verknüpft; der Haushalt weist die Mittel je Ziel aus. "
    "Der Rat erhält jährlich einen Strategiebericht mit den Kennzahlen. "
    "Nach drei Jahren überprüfen Rat und Verwaltung die Ziele gemeinsam."
)

PRIORITIES_INTRO = (
    "Nicht alles ist gleich wichtig. "
    "Die Prioritäten A, B und C ordnen die Ziele. "
    "Nachrangige Vorhaben geben Mittel für die Prioritäten frei."
)
