"""German wording for the most common YAML and JSON syntax errors (the parsers speak English)."""

from __future__ import annotations

_PHRASES = {
    # JSON (json module)
    "Expecting ',' delimiter": "Komma fehlt",
    "Expecting ':' delimiter": "Doppelpunkt fehlt",
    "Expecting property name enclosed in double quotes": "Schlüssel in doppelten Anführungszeichen erwartet",
    "Expecting value": "Wert erwartet",
    "Extra data": "weitere Daten nach dem Ende des Dokuments",
    "Unterminated string starting at": "Text ohne schließendes Anführungszeichen",
    "Invalid control character at": "ungültiges Steuerzeichen",
    "Invalid \\escape": "ungültige Escape-Sequenz",
    # YAML (PyYAML / libyaml)
    "mapping values are not allowed": "Doppelpunkt an unerwarteter Stelle (fehlen Anführungszeichen?)",
    "could not find expected ':'": "Doppelpunkt nach dem Schlüssel fehlt",
    "did not find expected key": "Schlüssel erwartet (Einrückung prüfen)",
    "did not find expected '-' indicator": "Listeneintrag mit „-“ erwartet (Einrückung prüfen)",
    "did not find expected ',' or ']'": "Komma oder „]“ fehlt",
    "did not find expected ',' or '}'": "Komma oder „}“ fehlt",
    "found a tab character": "Tabulator in der Einrückung; bitte Leerzeichen verwenden",
    "found character that cannot start any token": "Zeichen an unerwarteter Stelle (Tabulator?)",
    "found unexpected end of stream": "unerwartetes Dateiende (Anführungszeichen oder Klammer offen?)",
    "found undefined alias": "unbekannter Anker-Verweis",
    "exceeded maximum nesting depth": "zu tief verschachtelt",
    "block sequence entries are not allowed": "Listeneintrag an unerwarteter Stelle (Einrückung prüfen)",
    "expected <block end>, but found": "Einrückung passt nicht",
    "while scanning a quoted scalar": "Anführungszeichen nicht geschlossen",
    "while scanning a simple key": "Doppelpunkt nach dem Schlüssel fehlt",
}


def german_syntax_message(problem: str) -> str:
    """The German phrase for a parser message, or the message itself when none is known."""
    for phrase, german in _PHRASES.items():
        if problem.startswith(phrase) or phrase in problem:
            return german
    return problem
