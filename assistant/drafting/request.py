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
    return f"{path}: {error['msg']}"


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
