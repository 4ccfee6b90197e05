"""Gradio's own strings in German: the English labels Gradio writes are replaced (also those with a
variable part), German labels stay as they are, and the installed Gradio still writes exactly these
English labels and i18n keys (an upgrade that renames one fails here, not silently in the app)."""

from pathlib import Path

import gradio
import pytest

from assistant.app.gradio_german import LABEL_JS, LABELS, PATTERNS, TRANSLATIONS, german_label
from assistant.app.main import ON_LOAD_JS

ASSETS = Path(gradio.__file__).parent / "templates" / "frontend" / "assets"


@pytest.fixture(scope="module")
def frontend() -> str:
    return "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in ASSETS.glob("*.js"))


def test_english_labels_become_german():
    assert german_label("Select example 1: Wie hoch ist der Fehlbetrag?") == (
        "Beispiel 1 auswählen: Wie hoch ist der Fehlbetrag?"
    )
    assert german_label("Select example 12: Zeile 1\nZeile 2") == "Beispiel 12 auswählen: Zeile 1\nZeile 2"
    assert german_label("bot's message: Der Haushalt …") == "Antwort des Assistenten: Der Haushalt …"
    assert german_label("user's message: Frage") == "Ihre Nachricht: Frage"
    assert german_label("File: haushalt.pdf") == "Datei: haushalt.pdf"
    assert german_label("Copy message") == "Nachricht kopieren"
    assert german_label("chatbot conversation") == "Gesprächsverlauf"


def test_german_labels_are_left_alone_so_the_observer_cannot_loop():
    for german in [*LABELS.values(), "Beispiel 1 auswählen: Frage", "Ihre Frage", "Antwort des Assistenten: x"]:
        assert german_label(german) is None, german
    assert german_label("Select example one") is None  # only what Gradio writes


def test_installed_gradio_still_writes_these_english_labels(frontend):
    missing = [label for label in LABELS if f"`{label}`" not in frontend and f'"{label}"' not in frontend]
    assert not missing, f"Gradio schreibt diese Beschriftungen nicht mehr: {missing}"
    for literal in ("`Select example ${", "`'s message: `", "`File: ${"):
        assert literal in frontend, literal
    assert len(PATTERNS) == 4


def test_translations_are_keys_of_gradios_english_dictionary(frontend):
    core = next(ASSETS.glob("core-*.js")).read_text(encoding="utf-8")
    german = next(ASSETS.glob("de-*.js")).read_text(encoding="utf-8")
    for namespace, keys in TRANSLATIONS.items():
        assert f"{namespace}:" in core, namespace
        for key in keys:
            assert f"{key}:`" in core, f"{namespace}.{key}"
    assert "copy_message:`" not in german  # the reason for TRANSLATIONS: Gradio's German lacks it


def test_the_label_script_runs_on_load():
    assert LABEL_JS in ON_LOAD_JS and "MutationObserver" in LABEL_JS
    assert "document.documentElement.lang = 'de'" in ON_LOAD_JS
    assert "__" not in LABEL_JS  # every placeholder filled
