"""Builds the labelled eval goal sets (evals/checks/sets + labels.yaml) and the example goal sets in
knowledge/zielsysteme from three clean base sets (evals/checks/basis) and hand-written flaws.

Every case states by hand which findings a correct check gives: the base's own findings (only GOV-03
for a draft) plus those of the flaws, as ``RULE`` (set level) or ``RULE@GOAL_ID``; ``RULE*n`` for n
set-level findings. The labels are not taken from the checker's output.

    .venv/bin/python evals/checks/build_sets.py
"""

# ruff: noqa: E501  (case tables read better unwrapped)
from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
BASES = {name: yaml.safe_load((HERE / "basis" / f"{name}.yaml").read_text(encoding="utf-8"))
         for name in ("musterstadt", "nordheide", "talheim")}  # fmt: skip
BASE_FINDINGS = {"musterstadt": ["GOV-03"], "nordheide": [], "talheim": ["GOV-03"]}

Data = dict[str, Any]


# ---------------------------------------------------------------- helpers to edit a goal set
def find(data: Data, goal_id: str) -> Data:
    for goal in data["ziele"]:
        if goal["id"] == goal_id:
            return goal
    for strategy in data.get("fachstrategien", []):
        for goal in strategy.get("ziele", []):
            if goal["id"] == goal_id:
                return goal
    raise KeyError(goal_id)


def kpi(name: str, *, typ: str = "wirkung", richtung: str = "steigend", basis: float = 10, ziel: float = 20,
        einheit: str = "%", jahr: int = 2030, quelle: str = "Kommunalstatistik") -> Data:  # fmt: skip
    return {"name": name, "typ": typ, "einheit": einheit, "richtung": richtung, "basiswert": basis,
            "basisjahr": 2024, "zielwert": ziel, "zieljahr": jahr, "quelle": quelle}  # fmt: skip


def goal(goal_id: str, titel: str, feld: str, produkt: str, *, prio: str = "C", art: str = "wirkung",
         jahr: int = 2030, kennzahl: str | None = None) -> Data:  # fmt: skip
    """A complete strategic goal without budget (so no resource rule applies)."""
    return {"id": goal_id, "titel": titel, "handlungsfeld": feld, "art": art, "prioritaet": prio,
            "zieljahr": jahr, "kennzahlen": [kpi(kennzahl or f"Kennzahl zu {goal_id}", jahr=jahr)],
            "ressourcen": {"produkte": [produkt]}}  # fmt: skip


def serve(data: Data, sub_goal_id: str, *goal_ids: str) -> None:
    """Let a Fachstrategie goal also contribute to ``goal_ids`` (keeps TRC-02 quiet)."""
    find(data, sub_goal_id)["beitrag_zu"] += list(goal_ids)


# ---------------------------------------------------------------- the flaws, one function each
def measures_musterstadt(d: Data) -> None:
    find(d, "Z2")["titel"] = "Bis 2030 werden 1.000 geförderte Wohnungen errichtet."
    find(d, "Z4")["titel"] = "Ausbau der Wirtschaftsförderung und Erschließung neuer Gewerbeflächen"
    find(d, "Z5")["titel"] = "Ein Personalentwicklungskonzept für die Stadtverwaltung erarbeiten."


def measures_nordheide(d: Data) -> None:
    find(d, "K4")["titel"] = "Der Busverkehr ist bis 2029 in allen Dörfern auszubauen."
    find(d, "K5")["titel"] = "Einführung der E-Akte in der gesamten Kreisverwaltung"
    find(d, "K2")["titel"] = "Modernisierung der Pflegeberatung"


def states_talheim(d: Data) -> None:
    find(d, "T1")["titel"] = (
        "Der Anteil der Kinder unter drei Jahren mit Betreuungsplatz steigt bis 2027 auf 60 Prozent."
    )
    find(d, "T2")["titel"] = "Der Anteil der sanierten Gebäude im Ortskern steigt auf 80 Prozent."
    find(d, "T3")["titel"] = "Die Zahl der Vereinsmitglieder hat sich bis 2030 auf hohem Niveau stabilisiert."


def generic_musterstadt(d: Data) -> None:
    z4 = find(d, "Z4")
    z4["titel"] = "Musterstadt ist eine attraktive und lebenswerte Stadt für alle."
    del z4["kennzahlen"][0]["zielwert"]
    find(d, "Z3")["titel"] = (
        "Musterstadt ist zukunftsfähig und nachhaltig."  # generic, but with a target value
    )


def dates_nordheide(d: Data) -> None:
    del find(d, "K2")["zieljahr"]  # still dated by its indicator
    find(d, "K4")["zieljahr"] = 2036
    k5 = find(d, "K5")
    del k5["zieljahr"]
    del k5["kennzahlen"][0]["zieljahr"]


def kinds_talheim(d: Data) -> None:
    del find(d, "T2")["art"]
    del find(d, "T3")["art"]


def no_financial_goal(d: Data) -> None:
    find(d, "Z6")["art"] = "prozess"
    d["ziele"] = [g for g in d["ziele"] if g["id"] != "R1"]
    find(d, "WBG1")["art"] = "wirkung"


def duplicate_nordheide(d: Data) -> None:
    d["ziele"].insert(6, goal("K7", "Die medizinische Versorgung durch Hausärzte ist in jeder Gemeinde des Kreises "
                              "sichergestellt.", "SOZ", "41.20 Gesundheitsdienste"))  # fmt: skip
    serve(d, "GES1", "K7")


def same_field_other_outcome(d: Data) -> None:
    d["ziele"].insert(6, goal("Z7", "Der Anteil des Radverkehrs an allen Wegen steigt bis 2030 auf 25 Prozent.",
                              "HF3", "54.10 Radverkehr"))  # fmt: skip
    d["fachstrategien"].append({"id": "FS-MOB", "name": "Mobilitätsstrategie", "art": "fachstrategie", "ziele": [
        {"id": "MOB1", "titel": "Radwege verbinden alle Stadtteile lückenlos.", "beitrag_zu": ["Z7"],
         "art": "leistung", "prioritaet": "A"}]})  # fmt: skip


def many_goals_nordheide(d: Data) -> None:
    d["ziele"][6:6] = [
        goal("K7", "Die Zahl der Menschen in Wohnungslosigkeit sinkt auf unter 20.", "SOZ", "31.50 Wohnungslosenhilfe"),
        goal("K8", "Kinder aus Familien mit Sozialleistungen nehmen an Sport und Kultur teil.", "SOZ",
             "31.60 Bildung und Teilhabe"),
        goal("K9", "Der Anteil der Erwachsenen in Weiterbildung steigt auf 20 Prozent.", "BIL", "27.10 Volkshochschule"),
        goal("K10", "Der CO2-Ausstoß des Kreisgebiets sinkt bis 2032 um 30 Prozent.", "MOB", "56.10 Klimaschutz",
             jahr=2032),
    ]  # fmt: skip
    serve(d, "GES2", "K7", "K8")
    serve(d, "BIL1", "K9")
    serve(d, "VB1", "K10")


def too_many_goals_talheim(d: Data) -> None:
    d["ziele"][4:4] = [
        goal("T5", "Jedes Grundschulkind hat einen Platz in der Nachmittagsbetreuung.", "H1", "21.10 Grundschule"),
        goal("T6", "Ältere Menschen leben selbstbestimmt in ihrer eigenen Wohnung.", "H1", "31.20 Seniorenarbeit"),
        goal("T7", "Jugendliche treffen sich in einem eigenen Jugendraum mit offenen Angeboten.", "H1",
             "36.20 Jugendarbeit"),
        goal("T8", "Alle Haushalte haben einen Glasfaseranschluss.", "H2", "51.30 Breitband"),
        goal("T9", "Der Bus fährt werktags mindestens stündlich in die Kreisstadt.", "H2", "54.70 ÖPNV"),
        goal("T10", "Junge Familien finden Bauland zu tragbaren Preisen.", "H2", "51.20 Bauleitplanung"),
        goal("T11", "Der Stromverbrauch der gemeindlichen Gebäude sinkt um ein Viertel.", "H2", "11.40 Gebäude"),
        goal("T12", "Die Grundsteuer bleibt bis 2030 auf dem Hebesatz von 2024.", "H3", "61.10 Steuern", art="finanz"),
        goal("T13", "Die Gemeinde erzielt jährlich 50.000 Euro Pachteinnahmen aus eigenen Flächen.", "H3",
             "11.50 Liegenschaften", art="finanz"),
    ]  # fmt: skip


def many_fields(d: Data) -> None:
    d["handlungsfelder"] += [
        {"id": "HF6", "name": "Kultur"}, {"id": "HF7", "name": "Sport"}, {"id": "HF8", "name": "Sicherheit"},
        {"id": "HF9", "name": "Gesundheit"},
    ]  # fmt: skip


def indicator_counts(d: Data) -> None:
    find(d, "K2")["kennzahlen"] = []
    find(d, "K3")["kennzahlen"] += [
        kpi("Ausbildungsverträge je 100 Schulabgänger", typ="leistung"),
        kpi(
            "Teilnehmende an Berufsorientierungstagen", typ="leistung", einheit="Anzahl", basis=900, ziel=1200
        ),
        kpi("Betriebe mit Ausbildungsberechtigung", typ="leistung", einheit="Anzahl", basis=310, ziel=340),
    ]


def priorities_musterstadt(d: Data) -> None:
    del find(d, "Z4")["prioritaet"]
    find(d, "Z5")["rang"] = 1
    find(d, "BW1")["rang"] = 1
    find(d, "BW2")["rang"] = 1
    del d["nachrangig"][1]["konsequenz"]


def all_top_talheim(d: Data) -> None:
    for goal_id in ("T1", "T2", "T3", "T4"):
        find(d, goal_id)["prioritaet"] = "A"


def half_top_nordheide(d: Data) -> None:
    find(d, "K4")["prioritaet"] = "A"


def consolidation_without_low_priorities(d: Data) -> None:
    d["kontext"] = "konsolidierung"
    d["nachrangig"] = []
    del d["ausnahmen"]


def no_low_priorities(d: Data) -> None:
    del d["nachrangig"]


def resources_musterstadt(d: Data) -> None:
    del find(d, "Z4")["ressourcen"]["produkte"]
    del find(d, "Z2")["ressourcen"]["produkte"]  # still served by the housing company (art: beteiligung)
    del find(d, "Z1")["ressourcen"]["budget_eur"]
    del find(d, "Z3")["ressourcen"]["stellen_vzae"]


def money_against_priority(d: Data) -> None:
    find(d, "K5")["ressourcen"]["budget_eur"] = 3000000
    find(d, "K1")["ressourcen"]["produkte"].append("25.10 Archiv")


def indicators_musterstadt(d: Data) -> None:
    del find(d, "Z3")["kennzahlen"][0]["basiswert"]
    z4 = find(d, "Z4")["kennzahlen"][0]
    del z4["quelle"]
    del z4["einheit"]
    find(d, "Z1")["kennzahlen"][0]["zielwert"] = 8.0
    find(d, "Z5")["kennzahlen"][0]["zieljahr"] = 2023
    find(d, "Z2")["kennzahlen"][0]["typ"] = "leistung"
    bw1 = kpi("Fertiggestellte Wohnungen je Jahr", typ="leistung", einheit="Anzahl", basis=180)
    del bw1["zielwert"]
    find(d, "BW1")["kennzahlen"] = [bw1]


def roof_nordheide(d: Data) -> None:
    find(d, "GES2")["beitrag_zu"] = ["GES1"]
    find(d, "IT1")["beitrag_zu"] = []
    find(d, "VB1")["art"] = "leistung"


def process_talheim(d: Data) -> None:
    del d["beteiligung"]
    d["analysen"] = [a for a in d["analysen"] if a["art"] == "haushalt"]


def draft_nordheide(d: Data) -> None:
    d["status"] = "entwurf"
    d["analysen"].append({"art": "rahmenbedingungen", "quelle": "Landesentwicklungsplan"})


def constraints_not_counted(d: Data) -> None:
    d["ziele"] += [
        {"id": "R2", "titel": "Neue freiwillige Leistungen werden nur mit Gegenfinanzierung übernommen.",
         "handlungsfeld": "HF5", "art": "restriktion"},
        {"id": "R3", "titel": "Der Stellenplan wächst nicht.", "handlungsfeld": "HF5", "art": "restriktion"},
        {"id": "R4", "titel": "Die Hebesätze der Realsteuern bleiben unverändert.", "art": "restriktion"},
    ]  # fmt: skip


def duplicate_talheim(d: Data) -> None:
    d["ziele"].append(goal("T5", "Für jedes Kind ab dem ersten Lebensjahr steht in Talheim ein Kita-Platz bereit.",
                           "H1", "36.50 Kindertagesbetreuung", jahr=2028))  # fmt: skip


def unchanged(d: Data) -> None:
    pass


# held-out cases, labelled before the checker was run on them (see docs/pruefung.md)
def measure_variants_talheim(d: Data) -> None:
    find(d, "T2")["titel"] = "Das Dorfgemeinschaftshaus soll bis 2028 umgebaut werden."
    find(d, "T3")["titel"] = "Wir stärken die Vereine durch eine jährliche Ehrenamtsgala."
    find(d, "T4")["titel"] = "Die Gemeinde schließt ihre Haushalte bis 2030 ohne neue Kassenkredite ab."


def state_variants_nordheide(d: Data) -> None:
    find(d, "K1")["titel"] = "In jeder Gemeinde des Kreises praktiziert mindestens eine Hausärztin oder ein Hausarzt."
    find(d, "K3")["titel"] = ("Ausbildungsbetriebe und Jugendliche finden im Kreis zueinander; kein Ausbildungsplatz "
                              "bleibt unbesetzt.")  # fmt: skip
    find(d, "K4")["titel"] = "Der öffentliche Nahverkehr ist so ausgebaut, dass jedes Dorf stündlich erreichbar ist."


def paraphrase_musterstadt(d: Data) -> None:
    d["ziele"][4:4] = [
        goal("Z7", "Unternehmen und Fachkräfte wählen Musterstadt als Standort.", "HF4", "57.10 Wirtschaftsförderung"),
        goal("Z8", "Die Zahl der Gewerbeanmeldungen übersteigt die der Abmeldungen.", "HF4", "57.10 Wirtschaftsförderung"),
    ]  # fmt: skip
    serve(d, "WI1", "Z7", "Z8")


def climate_variants_nordheide(d: Data) -> None:
    d["ziele"][4:4] = [
        goal("K7", "Die Treibhausgasemissionen im Kreis gehen bis 2032 um ein Drittel zurück.", "MOB",
             "56.10 Klimaschutz", jahr=2032),
        goal("K8", "Der Anteil der Pendlerinnen und Pendler, die mit Bus oder Bahn fahren, steigt auf 15 Prozent.",
             "MOB", "54.70 ÖPNV"),
    ]  # fmt: skip
    serve(d, "VB1", "K7", "K8")


def decimal_commas_talheim(d: Data) -> None:
    d["_excel_text"] = {("Kennzahlen", "T1", "basiswert"): "61,5", ("Kennzahlen", "T2", "zielwert"): "3,0",
                        ("Ziele", "T1", "budget_eur"): "650.000"}  # fmt: skip


def string_year_keys_nordheide(d: Data) -> None:
    find(d, "K1")["ressourcen"]["budget_eur"] = {"2026": 100000, "2027": 100000}


def generic_variants_talheim(d: Data) -> None:
    find(d, "T3")["titel"] = "Talheim ist eine lebendige und familienfreundliche Gemeinde."
    t2 = find(d, "T2")
    t2["titel"] = "Talheim bleibt ein liebenswerter Ort für alle Generationen."
    del t2["kennzahlen"][0]["zielwert"]


# ---------------------------------------------------------------- the eval cases
def measurements_nordheide(d: Data) -> None:
    """Messwerte up to 2027: an A goal against its direction (KPI-05), a B goal against it (no finding, that
    is the status report's business), an A goal back at its baseline (no finding), an indicator without any
    value since 2024 (KPI-06) and one with a value in its base year only (KPI-06)."""
    find(d, "K1")["kennzahlen"][0]["messwerte"] = {2025: 1870, 2026: 1905}  # sinkend, A: up
    find(d, "K2")["kennzahlen"][0]["messwerte"] = [{"jahr": 2026, "wert": 69}]  # steigend, B: down
    find(d, "K3")["kennzahlen"][0]["messwerte"] = {2025: 120, 2027: 140}  # A, back at the baseline
    find(d, "K5")["kennzahlen"][0]["messwerte"] = {2024: 35}  # only the base year: no value since
    find(d, "K6")["kennzahlen"][0]["messwerte"] = {2025: -1.9, 2026: "-1,2"}
    # K4 has no Messwerte at all


def measurements_on_time_talheim(d: Data) -> None:
    """Messwerte that reveal nothing: within three years of the base year, in the goals' directions."""
    for item in d["ziele"]:
        for indicator in item.get("kennzahlen", []):
            if indicator.get("basiswert") is not None and indicator.get("zielwert") is not None:
                step = (indicator["zielwert"] - indicator["basiswert"]) / 4
                indicator["messwerte"] = {(indicator.get("basisjahr") or 2024) + 1: indicator["basiswert"] + step}


CASES: list[tuple[str, str, str, list[Callable[[Data], None]], list[str]]] = [
    # name, base, format, flaws, expected findings besides the base's own
    ("01-musterstadt-gut", "musterstadt", "yaml", [unchanged], []),
    ("02-nordheide-gut", "nordheide", "json", [unchanged], []),
    ("03-talheim-gut", "talheim", "xlsx", [unchanged], []),
    ("04-massnahmen-statt-ziele", "musterstadt", "yaml", [measures_musterstadt], ["GQ-01@Z2", "GQ-01@Z4", "GQ-01@Z5"]),
    ("05-massnahmen-kreis", "nordheide", "json", [measures_nordheide], ["GQ-01@K4", "GQ-01@K5", "GQ-01@K2"]),
    ("06-zustaende-sind-ziele", "talheim", "yaml", [states_talheim], []),
    ("07-zu-allgemein", "musterstadt", "yaml", [generic_musterstadt], ["GQ-03@Z4", "KPI-01@Z4"]),
    ("08-termine", "nordheide", "yaml", [dates_nordheide], ["GQ-02@K4", "GQ-02@K5", "KPI-02@K5"]),
    ("09-zielart-fehlt", "talheim", "yaml", [kinds_talheim], ["GQ-04@T2", "GQ-04@T3"]),
    ("10-kein-finanzziel", "musterstadt", "yaml", [no_financial_goal], ["GQ-05", "TRC-03"]),
    ("11-doppeltes-ziel", "nordheide", "yaml", [duplicate_nordheide], ["GQ-06@K7"]),
    ("12-gleiches-feld-andere-wirkung", "musterstadt", "yaml", [same_field_other_outcome], []),
    ("13-viele-ziele", "nordheide", "json", [many_goals_nordheide], ["FOC-01", "FOC-03"]),
    ("14-zu-viele-ziele", "talheim", "yaml", [too_many_goals_talheim], ["FOC-01", "FOC-03*2"]),
    ("15-zu-viele-handlungsfelder", "musterstadt", "yaml", [many_fields], ["FOC-02"]),
    ("16-kennzahlen-anzahl", "nordheide", "yaml", [indicator_counts], ["FOC-04@K2", "FOC-04@K3"]),
    ("17-prioritaeten-und-raenge", "musterstadt", "yaml", [priorities_musterstadt],
     ["PRI-01@Z4", "PRI-04@Z1", "PRI-04@Z5", "PRI-04@BW1", "PRI-04@BW2", "PRI-06"]),
    ("18-alles-ist-wichtig", "talheim", "yaml", [all_top_talheim], ["PRI-02", "RES-02@T2", "RES-02@T3", "RES-02@T4"]),
    ("19-zu-viele-a-ziele", "nordheide", "yaml", [half_top_nordheide], ["PRI-02", "RES-02@K4"]),
    ("20-konsolidierung", "musterstadt", "json", [consolidation_without_low_priorities], ["PRI-03", "PRI-05"]),
    ("21-keine-nachrangigkeit", "talheim", "yaml", [no_low_priorities], ["PRI-03"]),
    ("22-ressourcen", "musterstadt", "yaml", [resources_musterstadt], ["RES-01@Z4", "RES-02@Z1", "RES-03@Z3"]),
    ("23-geld-folgt-nicht", "nordheide", "yaml", [money_against_priority], ["RES-04", "RES-05@K1"]),
    ("24-kennzahlen-qualitaet", "musterstadt", "yaml", [indicators_musterstadt],
     ["KPI-01@Z3", "KPI-02@Z4", "KPI-03@Z1", "KPI-03@Z5", "KPI-04@Z2", "KPI-01@BW1"]),
    ("25-dach-und-fachstrategien", "nordheide", "xlsx", [roof_nordheide],
     ["TRC-01@GES2", "TRC-01@IT1", "TRC-02@K2", "TRC-02@K5", "TRC-03"]),
    ("26-prozess", "talheim", "yaml", [process_talheim], ["GOV-01", "GOV-02*4"]),
    ("27-entwurf", "nordheide", "yaml", [draft_nordheide], ["GOV-03"]),
    ("28-restriktionen-zaehlen-nicht", "musterstadt", "yaml", [constraints_not_counted], []),
    ("29-doppeltes-ziel-dorf", "talheim", "json", [duplicate_talheim], ["GQ-06@T5"]),
    # held out: labelled by hand before the first run; the baseline shows what the check gets wrong
    ("30-massnahmen-varianten", "talheim", "yaml", [measure_variants_talheim], ["GQ-01@T2", "GQ-01@T3"]),
    ("31-zustaende-kreis", "nordheide", "json", [state_variants_nordheide], []),
    ("32-doppelt-anders-formuliert", "musterstadt", "yaml", [paraphrase_musterstadt], ["GQ-06@Z7"]),
    ("33-klima-verschiedene-wirkungen", "nordheide", "yaml", [climate_variants_nordheide], []),
    ("34-excel-dezimalkomma", "talheim", "xlsx", [decimal_commas_talheim], ["KPI-03@T1"]),
    ("35-json-jahresbudget", "nordheide", "json", [string_year_keys_nordheide], ["RES-04"]),
    ("36-allgemein-mit-zielwert", "talheim", "yaml", [generic_variants_talheim], ["GQ-03@T2", "KPI-01@T2"]),
    ("37-messwerte-kreis", "nordheide", "yaml", [measurements_nordheide], ["KPI-05@K1", "KPI-06@K4", "KPI-06@K5"]),
    ("38-messwerte-im-plan", "talheim", "json", [measurements_on_time_talheim], []),
]  # fmt: skip


# ---------------------------------------------------------------- the examples in knowledge/zielsysteme
def focus_example(d: Data) -> None:
    too_many_goals_talheim(d)
    d["handlungsfelder"] += [{"id": f"H{i}", "name": name} for i, name in
                             enumerate(["Kultur", "Sport", "Feuerwehr", "Umwelt", "Tourismus", "Verwaltung"], start=4)]
    find(d, "T1")["kennzahlen"] = []
    find(d, "T2")["kennzahlen"] += [kpi("Passantenfrequenz samstags", einheit="Personen", basis=900, ziel=1100),
                                    kpi("Neue Geschäfte im Ortskern", einheit="Anzahl", basis=0, ziel=4),
                                    kpi("Sitzgelegenheiten im Ortskern", typ="leistung", einheit="Anzahl", basis=12, ziel=30)]


def priorities_example(d: Data) -> None:
    priorities_musterstadt(d)
    find(d, "Z3")["prioritaet"] = "A"


def resources_example(d: Data) -> None:
    money_against_priority(d)  # RES-04 (C budget above B), RES-05 (K1 funds the low-priority archive)
    del find(d, "K2")["ressourcen"]["produkte"]
    del find(d, "K3")["ressourcen"]["folgekosten_eur"]
    del find(d, "K4")["ressourcen"]["stellen_vzae"]
    find(d, "K6")["prioritaet"] = "A"  # an A goal without budget (and now 3 of 6 goals are A: PRI-02)


def quality_example(d: Data) -> None:
    find(d, "Z2")["titel"] = "Bis 2030 werden 1.000 geförderte Wohnungen errichtet."
    find(d, "Z5")["titel"] = "Ein Personalentwicklungskonzept für die Stadtverwaltung erarbeiten."
    z4 = find(d, "Z4")
    z4["titel"] = "Musterstadt ist eine attraktive und lebenswerte Stadt für alle."
    del z4["kennzahlen"][0]["zielwert"]
    find(d, "Z3")["zieljahr"] = 2040
    del find(d, "Z3")["art"]
    no_financial_goal(d)
    d["ziele"].insert(6, goal("Z7", "Bis 2030 verlassen weniger als 4 Prozent der Jugendlichen die Schule ohne "
                              "Abschluss.", "HF1", "21.01 Schulträgeraufgaben"))  # fmt: skip
    serve(d, "BFJ2", "Z7")


def roof_and_process_example(d: Data) -> None:
    roof_nordheide(d)
    del d["beteiligung"]
    d["analysen"] = [a for a in d["analysen"] if a["art"] in ("haushalt", "trends")]
    d["status"] = "entwurf"
    del d["nachrangig"]
    del d["ausnahmen"]


def measurements_example(d: Data) -> None:
    """Messwerte that a reviewer should see: an A goal moving away from its target (KPI-05) and an indicator
    without any value five years after its base year while the others report 2025 (KPI-06)."""
    z1 = find(d, "Z1")["kennzahlen"]
    z1[0]["messwerte"] = {2025: 7.6}  # sinkend from 7.1: up, on the town's first priority
    z1[1]["messwerte"] = [{"jahr": 2025, "wert": 41.5, "quelle": "Kita-Bedarfsplanung 2025"}]
    find(d, "Z2")["kennzahlen"][0]["messwerte"] = {2025: 6.8}
    find(d, "Z4")["kennzahlen"][0]["messwerte"] = {2025: 41500}
    find(d, "Z5")["kennzahlen"][0]["messwerte"] = {2025: 131}
    # Z3 (CO2, base year 2020) has no value since then; Z6 (base year 2025) is not due yet


EXAMPLES: list[tuple[str, str, str, list[Callable[[Data], None]], list[str]]] = [
    ("fehler-fokus", "talheim", "yaml", [focus_example],
     ["FOC-01", "FOC-02", "FOC-03*2", "FOC-04@T1", "FOC-04@T2"]),
    ("fehler-prioritaeten", "musterstadt", "json", [priorities_example],
     ["PRI-01@Z4", "PRI-02", "PRI-04@Z1", "PRI-04@Z5", "PRI-04@BW1", "PRI-04@BW2", "PRI-06"]),
    ("fehler-ressourcen", "nordheide", "yaml", [resources_example],
     ["RES-01@K2", "RES-02@K3", "RES-02@K6", "RES-03@K4", "RES-04", "RES-05@K1", "PRI-02"]),
    ("fehler-zielqualitaet", "musterstadt", "yaml", [quality_example],
     ["GQ-01@Z2", "GQ-01@Z5", "GQ-02@Z3", "GQ-03@Z4", "KPI-01@Z4", "GQ-04@Z3", "GQ-05", "TRC-03", "GQ-06@Z7"]),
    ("fehler-kennzahlen", "musterstadt", "json", [indicators_musterstadt],
     ["KPI-01@Z3", "KPI-02@Z4", "KPI-03@Z1", "KPI-03@Z5", "KPI-04@Z2", "KPI-01@BW1"]),
    ("fehler-messwerte", "musterstadt", "yaml", [measurements_example], ["KPI-05@Z1", "KPI-06@Z3"]),
    ("fehler-dach-und-prozess", "nordheide", "xlsx", [roof_and_process_example],
     ["TRC-01@GES2", "TRC-01@IT1", "TRC-02@K2", "TRC-02@K5", "TRC-03", "PRI-03", "PRI-05", "GOV-01",
      "GOV-02*3", "GOV-03"]),
]  # fmt: skip


def _write(data: Data, path: Path, fmt: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "yaml":
        path.write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110), encoding="utf-8"
        )
    elif fmt == "json":
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
    else:
        from assistant.goals.loading.errors import Origins
        from assistant.goals.loading.validate import validate_goal_set
        from assistant.goals.template import write_workbook

        text_cells = data.pop("_excel_text", {})
        write_workbook(path, validate_goal_set(data, str(path), Origins()))
        if text_cells:
            _put_text_cells(path, text_cells)


def _put_text_cells(path: Path, cells: dict[tuple[str, str, str], str]) -> None:
    """Overwrite cells with text as people type it in Excel („61,5“, „650.000“)."""
    from openpyxl import load_workbook

    from assistant.goals.template import _save_reproducibly

    workbook = load_workbook(path)
    for (sheet_name, goal_id, column), text in cells.items():
        sheet = workbook[sheet_name]
        header = [c.value for c in sheet[1]]
        key = header.index("ziel" if sheet_name == "Kennzahlen" else "id")
        row = next(r for r in sheet.iter_rows(min_row=2) if r[key].value == goal_id)
        row[header.index(column)].value = text
    _save_reproducibly(workbook, path)


def build(base: str, flaws: list[Callable[[Data], None]]) -> Data:
    data = copy.deepcopy(BASES[base])
    for flaw in flaws:
        flaw(data)
    return data


def main() -> None:
    labels = []
    for name, base, fmt, flaws, expected in CASES:
        path = HERE / "sets" / f"{name}.{fmt}"
        _write(build(base, flaws), path, fmt)
        labels.append({"file": f"sets/{path.name}", "expected": BASE_FINDINGS[base] + expected})
    header = "# Generated by build_sets.py: each case's expected findings (RULE, RULE@GOAL, RULE*n).\n"
    (HERE / "labels.yaml").write_text(
        header + yaml.safe_dump({"cases": labels}, allow_unicode=True, sort_keys=False, width=120),
        encoding="utf-8",
    )
    print(f"{len(labels)} Fälle geschrieben.")
    examples = [{"file": "beispiel-zielsystem.yaml", "expected": ["GOV-03"]}]  # the good example, kept as is
    for name, base, fmt, flaws, expected in EXAMPLES:
        path = ROOT / "knowledge" / "zielsysteme" / f"{name}.{fmt}"
        _write(build(base, flaws), path, fmt)
        examples.append({"file": path.name, "expected": BASE_FINDINGS[base] + expected})
    (ROOT / "knowledge" / "zielsysteme" / "labels.yaml").write_text(
        "# Generated by evals/checks/build_sets.py: the findings each example gives (RULE, RULE@GOAL, RULE*n).\n"
        + yaml.safe_dump({"cases": examples}, allow_unicode=True, sort_keys=False, width=120),
        encoding="utf-8",
    )
    print(f"{len(examples)} Beispiele geschrieben.")


if __name__ == "__main__":
    main()
