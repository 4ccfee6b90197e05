"""Word lists for the goal-quality rules (GQ-01 measure vs. goal, GQ-03 generic phrasing, GQ-06 concepts).

Reviewed like code: add a word here, and a test case in ``tests/unit/goals/test_goals_german.py``.
Verbs are infinitives; a separable prefix is marked with ``|`` („aus|bauen“ gives „auszubauen“,
„ausgebaut“, „baut … aus“). Nominalisations on -ung are derived from the verbs („Errichtung“,
„Modernisierung“); other project nouns are listed.
"""

from __future__ import annotations

# GQ-01: verbs that describe an activity of the administration (a measure), not a state
ACTIVITY_VERBS = (
    "bauen", "aus|bauen", "auf|bauen", "um|bauen", "an|bauen", "neu|bauen", "errichten", "sanieren",
    "renovieren", "modernisieren", "erneuern", "ertüchtigen", "instand|setzen", "ein|führen", "erstellen",
    "erarbeiten", "aus|arbeiten", "entwickeln", "weiter|entwickeln", "konzipieren", "beschaffen",
    "an|schaffen", "schaffen", "durch|führen", "prüfen", "überprüfen", "untersuchen", "organisieren",
    "optimieren", "um|setzen", "ein|richten", "planen", "implementieren", "installieren", "digitalisieren",
    "realisieren", "initiieren", "starten", "gründen", "beauftragen", "beantragen", "aus|schreiben",
    "erweitern", "aus|weiten", "fördern", "forcieren", "voran|treiben", "aus|statten", "her|stellen",
    "bereit|stellen", "an|legen", "veranstalten", "erwerben", "an|kaufen", "erschließen", "ab|reißen",
    "um|gestalten", "neu|gestalten", "beschließen", "verabschieden", "auf|legen", "ein|setzen",
)  # fmt: skip

# participles and finite forms the suffix rules cannot derive (strong verbs)
IRREGULAR_VERB_FORMS = {
    "ausgeschrieben": "aus|schreiben",
    "schreibt": "aus|schreiben",  # only together with the particle „aus“ at the end of the clause
    "erworben": "erwerben",
    "erwirbt": "erwerben",
    "erschlossen": "erschließen",
    "beschlossen": "beschließen",
    "abgerissen": "ab|reißen",
    "reißt": "ab|reißen",
    "vorangetrieben": "voran|treiben",
    "treibt": "voran|treiben",
}

# verbs that describe a change of state when used reflexively („entwickelt sich positiv“)
REFLEXIVE_STATE_VERBS = {"entwickeln", "weiterentwickeln", "erneuern", "erweitern", "gründen", "einsetzen"}

# „gut ausgebaut“, „hoch entwickelt“: a participle after a degree adverb is an adjective (a state)
DEGREE_ADVERBS = {
    "gut", "sehr", "hoch", "bestens", "weit", "besser", "optimal", "modern", "zeitgemäß", "ausreichend",
    "hervorragend", "vorbildlich", "solide",
}  # fmt: skip

# project nouns that make a goal a measure wherever they head the goal statement
PROJECT_NOUNS = (
    "neubau", "ausbau", "umbau", "anbau", "aufbau", "konzept", "projekt", "leitprojekt", "machbarkeitsstudie",
    "studie", "gutachten", "masterplan", "aktionsplan", "maßnahmenplan", "handlungsplan", "maßnahme",
    "kampagne", "sanierung", "modernisierung", "errichtung", "einführung", "erstellung", "erarbeitung",
    "umsetzung", "durchführung", "beschaffung", "optimierung", "realisierung", "implementierung",
    "digitalisierung", "erschließung", "bereitstellung", "ertüchtigung", "umgestaltung", "neugestaltung",
    "renovierung", "erneuerung", "installation", "anschaffung",
)  # fmt: skip
# nouns that are measures only in headline style („Förderung des Ehrenamts“), not as a sentence subject
# („Die Entwicklung der Einwohnerzahl ist stabil“)
HEADLINE_PROJECT_NOUNS = (
    "bau", "entwicklung", "einrichtung", "planung", "förderung", "prüfung", "überprüfung", "ausstattung",
    "gründung", "herstellung", "organisation", "strategie", "programm", "initiative", "untersuchung",
    "erweiterung",
)  # fmt: skip

# separable prefixes recognised at the end of a clause („Die Stadt baut das Netz aus“)
SEPARABLE_PARTICLES = (
    "aus", "auf", "um", "an", "ein", "durch", "her", "ab", "neu", "weiter", "bereit", "voran", "instand",
)  # fmt: skip

# GQ-03: phrasing too general to steer without a target value
GENERIC_WORDS = (
    "lebenswert", "liebenswert", "lebensqualität", "attraktiv", "attraktivität", "zukunftsfähig",
    "zukunftsfähigkeit", "zukunftsorientiert", "zukunftsgerichtet", "zukunftssicher", "modern", "innovativ",
    "nachhaltig", "lebendig", "vielfältig", "vielfalt", "weltoffen", "bunt", "exzellent", "hervorragend",
    "bestmöglich", "optimal", "hochwertig", "leistungsfähig", "wohlfühlen", "wohlbefinden",
    "zusammenhalt", "miteinander", "heimat", "zuhause", "spitzenreiter", "vorreiter", "vorbildlich",
    "lebensfroh", "liebenswürdig", "erfolgreich", "stark",
)  # fmt: skip
GENERIC_SUFFIXES = ("freundlich",)  # familienfreundlich, bürgerfreundlich, …
GENERIC_GROUPS = {"menschen", "generationen", "bürgerinnen", "bürger", "einwohnerinnen", "einwohner", "alle"}

# GQ-06: words nearly every goal statement uses; they say nothing about *which* outcome is meant
GOAL_FILLER_WORDS = (
    "anteil", "anzahl", "zahl", "quote", "prozent", "prozentpunkte", "jahr", "jahre", "jährlich", "jahrlich",
    "bis", "ab", "stadt", "gemeinde", "kommune", "landkreis", "kreis", "ziel", "ziele", "steigt", "steigen",
    "sinkt", "sinken", "liegt", "liegen", "erreicht", "erreichen", "mehr", "weniger", "unter", "über",
    "mindestens", "höchstens", "gegenüber", "je", "pro", "einwohner", "einwohnerin", "einwohnerinnen",
    "hat", "haben", "ist", "sind", "wird", "werden", "bleibt", "bleiben", "neue", "neuen", "alle", "jede",
    "jeder", "jedes", "gesamt", "insgesamt", "deutlich", "spürbar", "weiter", "weiterhin", "dauerhaft",
    "erhöht", "erhöhen", "gesenkt", "senken", "reduziert", "reduzieren", "verringert", "verringern",
    "zurück", "gehen", "geht", "nimmt", "nehmen", "zu", "ab", "wächst", "wachsen", "halbiert", "verdoppelt",
    "rund", "etwa", "circa", "ca", "innerhalb", "heute", "künftig", "zukünftig", "mio", "eur", "euro",
    "steht", "stehen", "bereit", "verfügung", "verfügbar", "gibt", "vorhanden", "erste", "ersten", "zweite",
    "dritte", "können", "kann", "sollen", "soll", "stammen", "stammt", "kommen", "kommt", "erfolgt",
    "erfolgen", "finden", "findet", "erhalten", "erhält", "bekommen", "bekommt", "beträgt", "betragen",
    # quantities
    "hälfte", "halb", "drittel", "viertel", "fünftel", "zehntel", "doppelt", "null", "mal", "prozentpunkt",
    # benchmarks a goal is measured against, not the outcome itself
    "landesdurchschnitt", "bundesdurchschnitt", "durchschnitt", "vergleichsstädte", "vergleichskommunen",
    "vergleich", "niveau", "beste", "besten", "spitzengruppe", "wert", "werte", "vorjahr", "basisjahr",
)  # fmt: skip

# GQ-06: words that name the same outcome (a small municipal thesaurus); terms match as whole stems or as
# the beginning or end of a compound („Treibhausgasemissionen“ ends in „emission“)
CONCEPTS: dict[str, tuple[str, ...]] = {
    "emission": ("co2", "kohlendioxid", "treibhausgas", "thg", "emission", "ausstoß", "klimaneutral",
                 "klimaneutralität", "klimagas"),
    "haushaltsausgleich": ("ausgeglichen", "ausgleich", "haushaltsausgleich", "defizit", "fehlbetrag",
                           "jahresfehlbetrag", "überschuss", "jahresergebnis", "schwarze null"),
    "verschuldung": ("schulden", "verschuldung", "kredit", "kassenkredit", "liquiditätskredit"),
    "wohnen": ("wohnraum", "wohnung", "wohnen", "mietwohnung", "miete", "mieten", "wohnungsmarkt"),
    "bezahlbar": ("bezahlbar", "erschwinglich", "preiswert", "preisgünstig", "leistbar", "günstig"),
    "kinderbetreuung": ("kita", "kindertagesstätte", "kindertagesbetreuung", "kinderbetreuung",
                        "betreuungsplatz", "betreuungsplätze", "krippe", "tagespflege", "betreuungsquote"),
    "schulabschluss": ("abschluss", "schulabschluss", "schulabbruch", "abbrecher"),
    "beschäftigung": ("arbeitsplatz", "arbeitsplätze", "beschäftigte", "beschäftigung", "erwerbstätige",
                      "jobs", "stellenangebot"),
    "arbeitslosigkeit": ("arbeitslos", "arbeitslosigkeit", "arbeitslose", "erwerbslos"),
    "unternehmen": ("unternehmen", "betrieb", "betriebe", "firmen", "gewerbe", "ansiedlung",
                    "wirtschaftsstandort"),
    "radverkehr": ("radverkehr", "fahrrad", "radweg", "radfahrer", "radfahrende", "radnetz"),
    "nahverkehr": ("öpnv", "nahverkehr", "personennahverkehr", "bus", "busse", "stadtbahn", "straßenbahn"),
    "onlinedienste": ("online", "digital", "onlinezugang", "e-government", "digitalisiert", "internet"),
    "stellenbesetzung": ("stellenbesetzung", "besetzt", "besetzen", "wiederbesetzung", "vakanz", "vakant"),
    "nachwuchs": ("auszubildende", "ausbildung", "nachwuchs", "nachwuchskräfte", "azubi"),
    "sicherheit": ("kriminalität", "straftaten", "sicherheitsgefühl", "sicher"),
    "hausarzt": ("hausarzt", "hausärzte", "hausärztlich", "hausärztliche", "arztpraxis", "hausarztpraxis",
                 "ärztlich", "ärztliche"),
    "pflege": ("pflege", "pflegebedürftig", "pflegeplätze"),
    "erneuerbar": ("erneuerbar", "photovoltaik", "solar", "windkraft", "ökostrom"),
    "leerstand": ("leerstand", "leerstehend", "leerstände"),
    "innenstadt": ("innenstadt", "stadtzentrum", "altstadt", "ortskern", "city"),
    "zufriedenheit": ("zufrieden", "zufriedenheit"),
    "ehrenamt": ("ehrenamt", "ehrenamtlich", "engagement", "freiwillig"),
    "verkehrssicherheit": ("verkehrstote", "verkehrsunfälle", "unfälle", "verletzte"),
    "fachkräfte": ("fachkräfte", "fachkräftemangel", "fachkraft"),
    "barrierefrei": ("barrierefrei", "barrierefreiheit", "inklusiv", "inklusion"),
    "dauer": ("dauer", "tage", "monate", "wochen", "minuten", "stunden", "viertelstunde", "wartezeit",
              "bearbeitungszeit", "frist", "warten", "wartet"),
    "senioren": ("senioren", "seniorinnen", "ältere", "älteren", "hochbetagte", "betagte", "altersgerecht"),
    "armut": ("armut", "arm", "armutsgefährdet", "armutsquote"),
    "breitband": ("glasfaser", "breitband", "gigabit", "internetanschluss", "glasfasernetz"),
}  # fmt: skip

# GQ-06: context words name where or for whom, rarely which outcome; they count half in the alignment
CONTEXT_WORDS = (
    "weg", "wege", "gebäude", "stadtteil", "stadtteile", "ortsteil", "ortsteile", "quartier", "quartiere",
    "verwaltung", "stadtverwaltung", "bürger", "bürgerinnen", "bürgerschaft", "menschen", "kinder", "kind",
    "familien", "bestand", "angebot", "angebote", "versorgung", "leistungen", "öffentlich", "öffentliche",
    "städtisch", "städtische", "region", "bereich", "bereiche", "gesamte", "gesamten", "neu", "gut",
    "kernstadt", "stadtgebiet", "gemeindegebiet", "kreisgebiet", "ortskern",
    # target groups: for whom, not which outcome
    "jugendliche", "jugendlichen", "schüler", "schülerinnen", "eltern", "frauen", "männer", "einwohnerschaft",
)  # fmt: skip

# GQ-06: compound heads too general to make two compounds the same kind of thing („Kita-Platz“ and
# „Pflegeplatz“ are both a „Platz“); they still match as whole words
GENERIC_HEADS = (
    "platz", "zahl", "quote", "anteil", "angebot", "leistung", "stelle", "system", "netz", "ort", "haus",
    "zentrum", "raum", "plan", "programm", "jahr", "mittel",
)  # fmt: skip
