"""Reading a draft request file (YAML or JSON) with German messages for every mistake."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from pydantic import ValidationError

from assistant.drafting.models import DraftRequest
from assistant.errors import UserError

_FIELD_NAMES = {
    "kommune": "kommune", "zeithorizont": "zeithorizont", "handlungsfelder": "handlungsfelder",
    "werte": "werte", "zielsystem": "zielsystem", "titel": "titel", "von": "von", "bis": "bis",
    "name": "name", "schwerpunkte": "schwerpunkte",
}  # fmt: skip


def _describe(error: dict) -> str:
    path = ".".join(str(p) for p in error["loc"])
    kind = error["type"]
    if kind == "missing":
        return f"{path}: fehlt"
    if kind == "extra_forbidden":
        import difflib

        key = str(error["loc"][-1])
        close = difflib.get_close_matches(key, list(_FIELD_NAMES), n=1)
        hint = f" (meinten Sie „{close[0]}“?)" if close else ""
        return f"{path}: unbekannter Schlüssel{hint}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        example = _MAPPING_EXAMPLES.get(str(error["loc"][0]), "„schlüssel: wert“")
        return f"{path}: Zuordnung erwartet (z. B. {example})"
    german = _GERMAN.get(kind)
    if german is not None:
        return f"{path}: {german.format(**(error.get('ctx') or {}))}"
    if kind == "value_error":
        return f"{path}: {error['ctx']['error']}"
    return f"{path}: {error['msg']}"


# pydantic's error types in the words of the request file (ctx values fill the braces)
_GERMAN = {
    "string_type": "Text erwartet",
    "string_too_short": "zu kurz (mindestens {min_length} Zeichen)",
    "int_type": "ganze Zahl erwartet (z. B. 2035)",
    "int_parsing": "ganze Zahl erwartet (z. B. 2035)",
    "int_from_float": "ganze Zahl erwartet (z. B. 2035)",
    "greater_than_equal": "muss mindestens {ge} sein",
    "less_than_equal": "darf höchstens {le} sein",
    "list_type": "Liste erwartet (Einträge je Zeile mit „- “)",
    "too_short": "mindestens {min_length} Eintrag nötig",
    "too_long": "höchstens {max_length} Einträge erlaubt",
    "path_type": "Dateipfad erwartet",
}
_MAPPING_EXAMPLES = {
    "zeithorizont": "„von: 2026“ und „bis: 2035“ eingerückt darunter",
    "handlungsfelder": "„- name: Bildung“ mit „schwerpunkte: […]“ darunter",
}


def parse_request(data: object, source: str, base_dir: Path | None = None) -> DraftRequest:
    if not isinstance(data, dict):
        raise UserError(
            f"{source}: Die Entwurfsanfrage muss eine Zuordnung mit Schlüsseln wie „kommune“ sein."
        )
    try:
        request = DraftRequest.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(_describe(e) for e in exc.errors()[:5])
        raise UserError(f"{source}: Die Entwurfsanfrage ist fehlerhaft – {problems}.") from exc
    if request.zielsystem is not None and base_dir is not None and not request.zielsystem.is_absolute():
        request = request.model_copy(update={"zielsystem": (base_dir / request.zielsystem).resolve()})
    if request.zielsystem is not None and not request.zielsystem.is_file():
        raise UserError(f"{source}: Das Zielsystem {request.zielsystem} wurde nicht gefunden.")
    return request


def load_request(path: Path) -> DraftRequest:
    if not path.is_file():
        raise UserError(f"Die Entwurfsanfrage {path} wurde nicht gefunden.")
    text = path.read_text(encoding="utf-8-sig")
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        line = line + 1 if line is not None else getattr(exc, "lineno", None)
        where = f", Zeile {line}" if line else ""
        raise UserError(f"{path}{where}: Die Datei ist kein gültiges YAML/JSON.") from exc
    return parse_request(data, str(path), path.parent)
