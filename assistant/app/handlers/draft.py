"""Entwurf: a form or a request file → DraftRequest → draft with sources and warnings → Markdown/Word,
and the proposed goals as a goal set for the check."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.app.handlers.check import KNOWLEDGE, RULE_FAMILIES, check_file, family
from assistant.app.handlers.common import ProgressCallback
from assistant.drafting.builder import OWN_CHECK_FAMILIES
from assistant.drafting.models import Draft, DraftRequest, FieldRequest
from assistant.drafting.request import parse_request
from assistant.errors import UserError
from assistant.goals.report.common import counts_text

EXAMPLE_REQUEST = KNOWLEDGE / "entwurf-anfrage.yaml"
REQUEST_SUFFIXES = [".yaml", ".yml", ".json"]
HORIZON_YEARS = 10  # the form's default Zeithorizont: this year to ten years on

FIELDS_INFO = (
    "Ein Handlungsfeld je Zeile; Schwerpunkte nach einem Doppelpunkt, mit Semikolon getrennt, z. B. "
    "„Bauen und Wohnen: geförderter Mietwohnungsbau; Wohnen im Alter“."
)


@dataclass
class FormValues:
    """The form fields of the tab, as plain values."""

    kommune: str
    von: int
    bis: int
    titel: str
    fields: str
    values: str
    goal_set: str | None
    notes: list[str]


@dataclass
class DraftOutcome:
    draft: Draft
    request: DraftRequest
    markdown: str
    markdown_path: Path
    docx_path: Path


def parse_fields(text: str | None) -> list[FieldRequest]:
    """„Name: Schwerpunkt; Schwerpunkt“ per line → fields of action (Produkt names may contain commas)."""
    fields = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip().lstrip("-•*").strip()
        if not line:
            continue
        name, _, rest = line.partition(":")
        name = name.strip()
        if len(name) < 2:
            raise UserError(
                f"Zeile {number} der Handlungsfelder hat keinen Namen vor dem Doppelpunkt; schreiben Sie "
                "z. B. „Bauen und Wohnen: Wohnen im Alter“."
            )
        fields.append(FieldRequest(name=name, schwerpunkte=[p.strip() for p in rest.split(";") if p.strip()]))
    if not fields:
        raise UserError("Bitte nennen Sie mindestens ein Handlungsfeld (eines je Zeile).")
    return fields


def format_fields(fields: list[FieldRequest]) -> str:
    return "\n".join(f"{f.name}: {'; '.join(f.schwerpunkte)}" if f.schwerpunkte else f.name for f in fields)


def parse_values(text: str | None) -> list[str]:
    return [v.strip() for v in re.split(r"[;\n,]", text or "") if v.strip()]


def build_request(
    kommune: str | None,
    von: float | int | None,
    bis: float | int | None,
    fields_text: str | None,
    values_text: str | None = "",
    titel: str | None = "",
    goal_set: str | Path | None = None,
) -> DraftRequest:
    """The form → a validated DraftRequest; problems come back as one German sentence."""
    data = {
        "kommune": (kommune or "").strip(),
        "zeithorizont": {"von": von, "bis": bis},
        "handlungsfelder": [f.model_dump() for f in parse_fields(fields_text)],
        "werte": parse_values(values_text),
        "titel": (titel or "").strip() or None,
        "zielsystem": str(goal_set) if goal_set else None,
    }
    if not data["kommune"]:
        raise UserError("Bitte geben Sie den Namen der Kommune ein.")
    if von is None or bis is None:
        raise UserError("Bitte geben Sie den Zeithorizont an (von und bis, z. B. 2026 bis 2035).")
    return parse_request(data, "Formular")


def load_request_file(path: str | Path | None, display_name: str | None = None) -> FormValues:
    """A request file (YAML or JSON, as for ``assistant draft``) → form values.

    A goal set named in the file is looked up beside the file and in the shipped knowledge folder; if it is
    not found, a note says to upload it."""
    if not path:
        raise UserError("Bitte laden Sie eine Entwurfsanfrage hoch (YAML oder JSON).")
    path = Path(path)
    name = display_name or path.name
    if path.suffix.lower() not in REQUEST_SUFFIXES:
        raise UserError(f"„{name}“ ist keine Entwurfsanfrage: erwartet wird eine YAML- oder JSON-Datei.")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))  # JSON is YAML too
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        where = f" (Zeile {line + 1})" if line is not None else ""
        raise UserError(f"„{name}“ ist kein gültiges YAML{where}; prüfen Sie Einrückung und Doppelpunkte.") from None
    except UnicodeDecodeError:
        raise UserError(f"„{name}“ ist nicht UTF-8-kodiert; speichern Sie die Datei als UTF-8.") from None
    if not isinstance(data, dict):
        raise UserError(f"„{name}“ enthält keine Entwurfsanfrage (erwartet: kommune, zeithorizont, handlungsfelder).")
    notes = []
    goal_set = data.pop("zielsystem", None)
    if goal_set:
        found = next(
            (c for c in (path.parent / str(goal_set), KNOWLEDGE / str(goal_set)) if c.is_file()),
            None,
        )
        if found is None:
            notes.append(
                f"Das in der Anfrage genannte Zielsystem „{goal_set}“ liegt nicht vor; laden Sie es im Feld "
                "„Zielsystem“ hoch, wenn der Entwurf dessen Ziele und Kennzahlen nutzen soll."
            )
        goal_set = str(found) if found else None
    request = parse_request(data, f"„{name}“")
    return FormValues(
        kommune=request.kommune,
        von=request.zeithorizont.von,
        bis=request.zeithorizont.bis,
        titel=request.titel or "",
        fields=format_fields(request.handlungsfelder),
        values="; ".join(request.werte),
        goal_set=goal_set,
        notes=notes,
    )


def make_draft(
    services, request: DraftRequest, out_dir: Path | None = None, on_progress: ProgressCallback | None = None
) -> DraftOutcome:
    """Draft, render and write the downloads (Markdown and Word)."""
    from assistant.drafting.export import to_docx, to_markdown

    draft = services.drafts.draft(request, on_progress=on_progress)
    out_dir = out_dir or Path(tempfile.mkdtemp(prefix="entwurf-"))
    stem = _file_stem(request)
    markdown = to_markdown(draft)
    markdown_path = out_dir / f"{stem}.md"
    markdown_path.write_text(markdown, encoding="utf-8")
    docx_path = out_dir / f"{stem}.docx"
    to_docx(draft, docx_path)
    return DraftOutcome(draft, request, markdown, markdown_path, docx_path)


WARNINGS_SECTION = "\n## Hinweise der Prüfung\n"


def displayed_markdown(markdown: str) -> str:
    """The draft as shown in the tab: its warnings are shown above it, so not twice."""
    return markdown.split(WARNINGS_SECTION)[0].rstrip() + "\n"


def warnings_markdown(draft: Draft) -> str:
    if not draft.warnings:
        return ""
    lines = [f"**Hinweise zum Entwurf ({len(draft.warnings)}):**", ""]
    lines += [f"- {warning}" for warning in draft.warnings]
    return "\n".join(lines)


def check_note(services, goals_path: Path) -> str:
    """What „Diese Ziele prüfen“ will show, from the same checker and settings as the tab „Prüfung“.

    The draft's own notes report only some rule families (``OWN_CHECK_FAMILIES``); the rest of the catalogue
    also judges what a draft leaves open (budgets, Fachstrategien, Beschlüsse), so the note says so instead
    of surprising the user."""
    result = check_file(services, goals_path).result
    others = sorted({family(f.rule) for f in result.findings} - set(OWN_CHECK_FAMILIES))
    line = f"**Prüfung nach dem Regelkatalog** („Diese Ziele prüfen“): {counts_text(result)}."
    if others:
        own = ", ".join(RULE_FAMILIES[name] for name in OWN_CHECK_FAMILIES)
        named = ", ".join(RULE_FAMILIES.get(name, name) for name in others)
        line += (
            f" Der Entwurf selbst wird nur auf {own} geprüft; die übrigen Befunde betreffen, was ein Entwurf "
            f"noch offen lässt und vor dem Beschluss ergänzt wird ({named})."
        )
    return line


def goals_for_check(draft: Draft, request: DraftRequest, out_dir: Path | None = None) -> Path:
    """The proposed goals as a goal-set file the check accepts."""
    from assistant.drafting.export import goalset_yaml

    if not draft.goals:
        raise UserError("Der Entwurf enthält keine vorgeschlagenen Ziele, die geprüft werden könnten.")
    out_dir = out_dir or Path(tempfile.mkdtemp(prefix="entwurf-ziele-"))
    path = out_dir / f"{_file_stem(request)}-ziele.yaml"
    path.write_text(goalset_yaml(draft, request), encoding="utf-8")
    return path


def _file_stem(request: DraftRequest) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", request.kommune.lower().translate(str.maketrans("äöüß", "aous")))
    return f"entwurf-{slug.strip('-') or 'kommune'}-{request.zeithorizont.bis}"
