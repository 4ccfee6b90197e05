"""Zielerreichung in the app: evaluation, filters, the status table (colour and word), charts with text,
the downloads and German errors."""

import docx
import pytest

from assistant.app.handlers import monitor
from assistant.errors import UserError
from tests.conftest import KNOWLEDGE

EXAMPLE = KNOWLEDGE / "zielsysteme" / "beispiel-zielsystem.yaml"


@pytest.fixture(scope="module")
def outcome():
    from assistant.settings import load_settings
    from assistant.wiring import build_services

    return monitor.monitor_file(build_services(load_settings()), EXAMPLE, 2026)


def test_evaluation_with_downloads(outcome):
    assert outcome.monitoring.result.year == 2026
    assert outcome.markdown_path.read_text(encoding="utf-8").startswith("# Strategiebericht 2026")
    document = docx.Document(str(outcome.docx_path))
    assert len(document.inline_shapes) == len(outcome.charts) == 9
    assert outcome.docx_path.name == "strategiebericht-2026-beispiel-zielsystem.docx"


def test_table_shows_status_as_colour_and_word(outcome):
    table = monitor.goals_html(outcome.monitoring.goals)
    assert '<span class="badge status-nicht_im_plan">nicht im Plan</span>' in table
    assert '<span class="badge status-gefaehrdet">gefährdet</span>' in table
    assert "Z2 liegt im Plan: 6,7 % im Jahr 2025, erwartet 6,9 %." in table
    assert "<caption>" in table and 'scope="col"' in table
    assert "(Fachstrategie Bauen und Wohnen)" in table
    summary = monitor.summary_html(outcome.monitoring)
    assert "Stand 2026" in summary and '<span class="badge status-im_plan">im Plan</span> 4' in summary


def test_filters(outcome):
    monitoring = outcome.monitoring
    assert ("HF1 Bildung, Familien und Jugend", "HF1") in monitor.field_choices(monitoring)
    assert (monitor.NO_FIELD, monitor.NO_FIELD) in monitor.field_choices(monitoring)  # Fachstrategie goals
    assert [c[1] for c in monitor.priority_choices(monitoring)] == ["A", "B", "C"]
    hf5 = monitor.filter_goals(monitoring, fields=["HF5"])
    assert [g.ref.id for g in hf5] == ["Z5", "Z6"]
    off = monitor.filter_goals(monitoring, statuses=["nicht_im_plan"])
    assert [g.ref.id for g in off] == ["Z5"]
    unknown = monitor.filter_goals(monitoring, statuses=["unknown"], priorities=["C"])
    assert [g.ref.id for g in unknown] == ["Z6"]
    a_goals = monitor.filter_goals(monitoring, priorities=["A"])
    assert {g.ref.id for g in a_goals} >= {"Z1", "Z2", "BFJ1", "BW1"}
    summary, table, charts = monitor.refilter(outcome, ["HF5"], [], [])
    assert "Angezeigt: 2 von 15 Zielen." in summary
    assert table.count('<tr class="goal-row">') == 2
    assert charts.count("<figure") == 2  # Z5 and Z6, one indicator each
    with pytest.raises(UserError):
        monitor.refilter(None, [], [], [])


def test_charts_have_their_text_as_alt_and_caption(outcome):
    charts = monitor.charts_html(outcome, outcome.monitoring.goals)
    assert charts.count("<figure") == 9 and charts.count('src="data:image/png;base64,') == 9
    assert 'alt="Anteil Schulabgänger ohne Abschluss (Ziel Z1): im Plan.' in charts
    assert "<figcaption>CO2-Emissionen je Einwohner (Ziel Z3): im Plan." in charts


def test_german_errors(fake_services, tmp_path):
    with pytest.raises(UserError, match="Bitte laden Sie zuerst ein Zielsystem hoch"):
        monitor.monitor_file(fake_services, None, 2026)
    with pytest.raises(UserError, match="Jahr zwischen 1990 und 2100"):
        monitor.monitor_file(fake_services, EXAMPLE, 1850)
    with pytest.raises(UserError, match="Jahr zwischen"):
        monitor.parse_year("zwanzig")
    assert monitor.parse_year(None) >= 2026 and monitor.parse_year(2025.0) == 2025
    plain = KNOWLEDGE / "zielsysteme" / "fehler-fokus.yaml"
    with pytest.raises(UserError, match="enthält keine Messwerte"):
        monitor.monitor_file(fake_services, plain, 2026)
    broken = tmp_path / "kaputt.yaml"
    broken.write_text("kommune: X\ntitel: T\nhandlungsfelder: []\nziele:\n  - {id: Z1, titel: T, kennzahlen: "
                      "[{name: K, messwerte: {2025: viel}}]}\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(UserError, match="Zeile 5"):
        monitor.monitor_file(fake_services, broken, 2026)


def test_examples_with_measurements():
    names = monitor.example_choices()
    assert names[0] == "beispiel-zielsystem.yaml" and "fehler-messwerte.yaml" in names
    assert "fehler-fokus.yaml" not in names
