import pytest

from assistant.app.handlers import draft
from assistant.errors import UserError
from tests.conftest import KNOWLEDGE


def test_fields_one_per_line_with_emphases():
    fields = draft.parse_fields(
        "Bauen und Wohnen: geförderter Mietwohnungsbau; Wohnen im Alter\n\n- Klima und Mobilität\n"
        "Bildung, Familien und Jugend: Schulabgänger ohne Abschluss"
    )
    assert [(f.name, f.schwerpunkte) for f in fields] == [
        ("Bauen und Wohnen", ["geförderter Mietwohnungsbau", "Wohnen im Alter"]),
        ("Klima und Mobilität", []),
        ("Bildung, Familien und Jugend", ["Schulabgänger ohne Abschluss"]),
    ]
    assert draft.parse_fields(draft.format_fields(fields)) == fields


def test_field_problems_name_the_line():
    with pytest.raises(UserError, match="mindestens ein Handlungsfeld"):
        draft.parse_fields("  \n")
    with pytest.raises(UserError, match="Zeile 2"):
        draft.parse_fields("Wohnen\n: ohne Namen")


def test_request_from_the_form():
    request = draft.build_request(
        "Musterstadt",
        2026,
        2035.0,
        "Bauen und Wohnen: Wohnen im Alter",
        "Beteiligung; Verlässlichkeit",
        "",
        None,
    )
    assert request.kommune == "Musterstadt" and request.zeithorizont.bis == 2035
    assert request.werte == ["Beteiligung", "Verlässlichkeit"] and request.titel is None


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (("", 2026, 2035, "Wohnen"), "Namen der Kommune"),
        (("Musterstadt", None, 2035, "Wohnen"), "Zeithorizont an"),
        (("Musterstadt", 2035, 2026, "Wohnen"), "bis liegt vor"),
        (("Musterstadt", 1990, 2035, "Wohnen"), "mindestens 2000"),
    ],
)
def test_form_problems_are_german_sentences(values, message):
    with pytest.raises(UserError, match=message):
        draft.build_request(*values)


def test_the_example_request_file_fills_the_form_and_finds_its_goal_set():
    form = draft.load_request_file(KNOWLEDGE / "entwurf-anfrage.yaml")
    assert form.kommune == "Musterstadt" and (form.von, form.bis) == (2026, 2035)
    assert form.fields.splitlines()[0].startswith("Bildung, Familien und Jugend: Schulabgänger ohne Abschluss;")
    assert "Generationengerechtigkeit" in form.values
    assert form.goal_set == str(KNOWLEDGE / "zielsysteme" / "beispiel-zielsystem.yaml")
    assert form.notes == []


def test_an_uploaded_request_without_its_goal_set_says_so(tmp_path):
    upload = tmp_path / "anfrage.yaml"
    upload.write_text(
        "kommune: Talheim\nzeithorizont: {von: 2025, bis: 2030}\nhandlungsfelder:\n  - name: Wohnen\n"
        "zielsystem: ziele/talheim.yaml\n",
        encoding="utf-8",
    )
    form = draft.load_request_file(upload)
    assert form.goal_set is None and "ziele/talheim.yaml" in form.notes[0]


def test_broken_request_files(tmp_path):
    bad = tmp_path / "anfrage.yaml"
    bad.write_text("kommune: [Talheim\n", encoding="utf-8")
    with pytest.raises(UserError, match="kein gültiges YAML"):
        draft.load_request_file(bad)
    bad.write_text("kommune: Talheim\nzeithorizont: {von: 2025, bis: 2030}\nhandlungsfelder: []\nfarbe: rot\n")
    with pytest.raises(UserError, match="farbe: unbekannter Schlüssel"):
        draft.load_request_file(bad)
    with pytest.raises(UserError, match="YAML- oder JSON"):
        draft.load_request_file(tmp_path / "anfrage.docx")
