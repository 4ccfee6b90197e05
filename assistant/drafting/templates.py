"""Leitbild sentences by field of action: present tense, the achieved state, the municipality as subject.

Keyed by words in the field's name; a field that matches nothing gets a neutral target-state sentence.
"""

from __future__ import annotations

# (keywords in the field name, vision sentence, guiding sentences with the words of what each is about)
_FIELDS: list[tuple[tuple[str, ...], str, tuple[tuple[str, tuple[str, ...]], ...]]] = [
    (("bildung", "familie", "jugend", "kinder", "schule", "kita"),
     "In {kommune} haben alle Kinder und Jugendlichen faire Chancen auf Bildung und einen guten Start ins Leben.",
     (("Familien finden in {kommune} wohnortnah einen Betreuungsplatz.",
       ("kita", "betreuung", "krippe", "familie", "kinder", "u3", "tages")),
      ("Jede Schülerin und jeder Schüler verlässt die Schule mit einem Abschluss und einer Perspektive.",
       ("schul", "abschluss", "schüler", "bildung", "ganztag")),
      ("Jugendliche finden in {kommune} Orte, Angebote und Gehör.", ("jugend", "freizeit", "sozialarbeit")))),
    (("wohnen", "bauen", "wohnraum", "stadtentwicklung", "quartier"),
     "{kommune} hat bezahlbaren Wohnraum für alle Generationen.",
     (("Neue Quartiere sind gemischt, klimafreundlich und gut angebunden.",
       ("quartier", "neubau", "fläche", "entwicklung", "bau")),
      ("Haushalte mit kleinem Einkommen finden in {kommune} eine Wohnung.",
       ("sozial", "gefördert", "bezahlbar", "miete", "wohnung", "belegung")))),
    (("klima", "mobilität", "umwelt", "energie", "verkehr"),
     "{kommune} ist auf dem Weg zur Klimaneutralität und bietet klimafreundliche Mobilität für alle.",
     (("Der Ausstoß von Treibhausgasen sinkt Jahr für Jahr.", ("klima", "co2", "energie", "wärme", "strom")),
      ("Bus, Bahn, Rad und Fußwege sind die erste Wahl für alltägliche Wege.",
       ("mobilität", "verkehr", "rad", "bus", "bahn", "nahverkehr", "fuß")))),
    (("wirtschaft", "arbeit", "fachkräfte", "standort"),
     "{kommune} ist ein gefragter Standort für Unternehmen und Fachkräfte.",
     (("Unternehmen finden in {kommune} Flächen, Fachkräfte und eine schnelle Verwaltung.",
       ("unternehmen", "gewerbe", "fläche", "standort", "ansiedlung")),
      ("Mehr Menschen haben in {kommune} eine sichere Arbeit.", ("arbeit", "beschäftig", "fachkräfte")))),
    (("finanz", "verwaltung", "haushalt", "personal", "digital"),
     "{kommune} hat einen ausgeglichenen Haushalt und eine leistungsfähige, digitale Verwaltung.",
     (("Neue Leistungen sind gegenfinanziert.", ("haushalt", "finanz", "ausgleich", "konsolidierung", "schulden")),
      ("Die Verwaltung besetzt freie Stellen schnell und ist ein attraktiver Arbeitgeber.",
       ("personal", "stellen", "fachkräfte", "arbeitgeber")),
      ("Anliegen lassen sich in {kommune} digital und ohne Wege erledigen.", ("digital", "online", "service")))),
    (("sozial", "gesundheit", "pflege", "teilhabe", "integration", "senioren"),
     "In {kommune} gehören alle Menschen dazu, in jedem Alter und jeder Lebenslage.",
     (("Hilfe kommt früh und wohnortnah an.", ("sozial", "hilfe", "prävention", "beratung", "armut")),
      ("Ältere Menschen leben selbstbestimmt in ihrem Quartier.", ("senioren", "älter", "pflege", "alter")))),
    (("kultur", "sport", "freizeit", "ehrenamt"),
     "{kommune} ist eine lebendige Stadt mit Kultur-, Sport- und Freizeitangeboten für alle.",
     (("Vereine und Ehrenamt finden gute Bedingungen.", ("verein", "ehrenamt", "sport", "kultur")),)),
]  # fmt: skip


def vision_sentences(field_name: str, kommune: str, focus: list[str] | None = None) -> tuple[str, list[str]]:
    """The vision sentence of a field and the guiding sentences that fit its focus points: chosen by what
    the field and each focus is about, never by position. A focus no template sentence fits gets a neutral
    sentence that names it."""
    lowered = field_name.lower()
    focus = [f for f in focus or [] if f.strip()]
    for keywords, vision, guiding in _FIELDS:
        if any(k in lowered for k in keywords):
            return vision.format(kommune=kommune), _guiding_for(guiding, focus, kommune)
    return (
        f"{kommune} ist im Handlungsfeld {field_name} gut aufgestellt.",
        [f"Die Ziele im Handlungsfeld {field_name} sind messbar und mit Ressourcen hinterlegt."]
        + [_neutral(f, kommune) for f in focus],
    )


def _guiding_for(guiding, focus: list[str], kommune: str) -> list[str]:
    if not focus:
        return [sentence.format(kommune=kommune) for sentence, _ in guiding]
    chosen: list[str] = []
    for point in focus:
        lowered = point.lower()
        fitting = [sentence for sentence, about in guiding if any(word in lowered for word in about)]
        for sentence in fitting or [_neutral(point, kommune)]:
            text = sentence.format(kommune=kommune)
            if text not in chosen:
                chosen.append(text)
    return chosen


def _neutral(point: str, kommune: str) -> str:
    return f"Im Schwerpunkt {point} erreicht {kommune} Jahr für Jahr die vereinbarten Kennzahlen."


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
