"""Gradio's own strings in German, for screen readers too.

Two ways, as Gradio allows:

- ``TRANSLATIONS``: keys of Gradio's i18n that its German locale lacks (``chatbot.copy_message`` …), given
  to ``launch(i18n=gr.I18n(de=…))``; Gradio merges them into its German dictionary, which the app switches
  on for every browser language (``main.ON_LOAD_JS``).
- ``LABELS`` and ``PATTERNS``: labels Gradio writes in English into its components (``aria-label``,
  ``title``, ``alt``: „Select example 1: …“, „chatbot conversation“, „Copy table data“ …). ``LABEL_JS``
  replaces them once on load and again whenever Gradio adds or re-renders an element (MutationObserver);
  a German value matches no English pattern, so the observer never loops. ``german_label`` does the same
  in Python for the unit tests, and ``tests/unit/app/test_gradio_german.py`` checks that the installed
  Gradio still writes these English labels (an upgrade that renames one shows there, and in the browser
  test).

Checked against Gradio 6.31 (its ``templates/frontend/assets``)."""

from __future__ import annotations

import json
import re

TRANSLATIONS = {
    "chatbot": {
        "copy_message": "Nachricht kopieren",
        "copied_message": "Nachricht kopiert",
        "complete": "Fertig",
    },
    "chat_interface": {
        "new_chat": "Neues Gespräch",
        "message_placeholder": "Nachricht eingeben …",
        "additional_inputs": "Weitere Eingaben",
        "chatbot": "Chat",
        "conversation": "Gespräch",
    },
    "common": {
        "download_all": "Alle herunterladen",
        "progress": "Fortschritt",
        "record": "Aufnehmen",
        "stop_recording": "Aufnahme beenden",
        "run": "Ausführen",
        "runs": "Läufe",
        "runs_description": "In diesem Browser gespeicherte Läufe ansehen",
        "back_to_app": "App",
        "back_to_app_description": "Zurück zur App",
    },
    "dataframe": {
        "filter": "Filtern",
        "clear_filter": "Filter entfernen",
        "import_empty_file": "Die abgelegte Datei ist leer.",
        "import_no_column_names": "Die abgelegte Datei hat keine Spaltennamen.",
    },
    "status": {"queue_position": "In der Warteschlange: {position} von {size}"},
    "errors": {"use_via_api_or_mcp": "Über API oder MCP verwenden"},
    "audio": {"recording_error": "Die Aufnahme über das Mikrofon konnte nicht starten."},
}

# whole labels Gradio writes in English
LABELS = {
    "chatbot conversation": "Gesprächsverlauf",
    "Gradio footer navigation": "Fußzeile",
    "Copy conversation": "Inhalt kopieren",
    "Copied conversation": "Inhalt kopiert",
    "Copy message": "Nachricht kopieren",
    "Copied message": "Nachricht kopiert",
    "Table actions": "Tabellenaktionen",
    "Copy table data": "Tabelle kopieren",
    "Copied to clipboard": "In die Zwischenablage kopiert",
    "Fullscreen": "Vollbild",
    "Exit fullscreen mode": "Vollbild beenden",
    "Open cell menu": "Zellenmenü öffnen",
    "Click to upload or drop files": "Zum Hochladen klicken oder Datei hier ablegen",
    "File upload": "Datei hochladen",
    "Scroll down": "Nach unten scrollen",
    "Stop Recording": "Aufnahme beenden",
}
# labels with a variable part: (JavaScript regular expression, replacement with $1 …)
PATTERNS = [
    (r"^Select example (\d+): ", "Beispiel $1 auswählen: "),
    (r"^user's message: ", "Ihre Nachricht: "),
    (r"^bot's message: ", "Antwort des Assistenten: "),
    (r"^File: ", "Datei: "),
]
ATTRIBUTES = ("aria-label", "title", "alt")


def german_label(value: str) -> str | None:
    """The German label for one of Gradio's English ones, else None (what ``LABEL_JS`` does, in Python)."""
    if value in LABELS:
        return LABELS[value]
    for pattern, replacement in PATTERNS:
        if re.search(pattern, value, re.DOTALL):
            return re.sub(pattern, replacement.replace("$", "\\"), value, count=1, flags=re.DOTALL)
    return None


LABEL_JS = (
    """() => {
  const exact = new Map(Object.entries(__LABELS__));
  const patterns = __PATTERNS__.map(([source, to]) => [new RegExp(source, 's'), to]);
  const attributes = __ATTRIBUTES__;
  const german = value => {
    if (exact.has(value)) return exact.get(value);
    for (const [pattern, to] of patterns) if (pattern.test(value)) return value.replace(pattern, to);
    return null;
  };
  const fix = element => {
    for (const name of attributes) {
      const value = element.getAttribute(name);
      const translated = value && german(value);
      if (translated && translated !== value) element.setAttribute(name, translated);
    }
  };
  const sweep = node => {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    fix(node);
    node.querySelectorAll('[aria-label], [title], [alt]').forEach(fix);
  };
  sweep(document.body);
  new MutationObserver(records => {
    for (const record of records) {
      if (record.type === 'attributes') fix(record.target);
      else record.addedNodes.forEach(sweep);
    }
  }).observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: attributes});
}""".replace("__LABELS__", json.dumps(LABELS, ensure_ascii=False))
    .replace("__PATTERNS__", json.dumps(PATTERNS, ensure_ascii=False))
    .replace("__ATTRIBUTES__", json.dumps(ATTRIBUTES))
)
