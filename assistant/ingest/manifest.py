"""Optional ``manifest.yaml`` in a folder: metadata that overrides what loaders find."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel, ValidationError

from assistant.errors import UserError


class ManifestEntry(BaseModel):
    datei: str
    titel: str | None = None
    typ: str | None = None
    stand: date | None = None
    beschreibung: str | None = None


MANIFEST_NAMES = ("manifest.yaml", "manifest.yml")


def read_manifest(folder: Path) -> dict[Path, ManifestEntry]:
    """Entries keyed by resolved file path; empty if the folder has no manifest."""
    import yaml

    for name in MANIFEST_NAMES:
        path = folder / name
        if path.is_file():
            break
    else:
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if isinstance(data, dict):
            data = data.get("dokumente", [])
        entries = [ManifestEntry.model_validate(item) for item in data]
    except (yaml.YAMLError, ValidationError, TypeError) as exc:
        raise UserError(f"Das Manifest {path} ist fehlerhaft und wurde nicht gelesen ({exc}).") from exc
    return {(folder / entry.datei).resolve(): entry for entry in entries}
