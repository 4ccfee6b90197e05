"""Draft exports: Markdown, Word (.docx with headings and a source list), and a goal-set file."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from assistant.drafting.models import ORIGIN_LABELS, Draft, DraftGoal, DraftRequest


def _sources(draft: Draft) -> list[str]:
    seen: dict[int, str] = {}
    for section in draft.sections:
        for citation in section.citations:
            seen[citation.n] = f"[{citation.n}] {citation.source_label()}"
    return [seen[n] for n in sorted(seen)]


def to_markdown(draft: Draft) -> str:
    lines = [f"# {draft.title}", ""]
    for section in draft.sections:
        lines += [f"{'#' * max(section.level, 2)} {section.heading}", ""]
        if section.origin != "dokumente":
            lines += [f"*{origin_note(section.origin)}*", ""]
        lines += [section.text, ""]
    sources = _sources(draft)
    if sources:
        lines += ["## Quellen", ""] + [f"- {s}" for s in sources] + [""]
    if draft.warnings:
        lines += ["## Hinweise der Prüfung", ""] + [f"- {w}" for w in draft.warnings] + [""]
    return "\n".join(lines)


def origin_note(origin: str) -> str:
    """The line under a heading that says where its text comes from (document text shows its citations)."""
    return ORIGIN_LABELS[origin]


_BOLD = re.compile(r"\*\*(.+?)\*\*")


def add_runs(paragraph, text: str) -> None:
    """Text with **bold** parts as Word runs."""
    position = 0
    for match in _BOLD.finditer(text):
        paragraph.add_run(text[position : match.start()])
        paragraph.add_run(match.group(1)).bold = True
        position = match.end()
    paragraph.add_run(text[position:])


def to_docx(draft: Draft, path: Path) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = draft.title
    document.add_heading(draft.title, level=0)
    for section in draft.sections:
        document.add_heading(section.heading, level=min(max(section.level - 1, 1), 3))
        if section.origin != "dokumente":
            document.add_paragraph().add_run(origin_note(section.origin)).italic = True
        for line in section.text.splitlines():
            if not line.strip():
                continue
            if line.startswith("- "):
                add_runs(document.add_paragraph(style="List Bullet"), line[2:])
            else:
                add_runs(document.add_paragraph(), line)
    sources = _sources(draft)
    if sources:
        document.add_heading("Quellen", level=1)
        for source in sources:
            document.add_paragraph(source)
    if draft.warnings:
        document.add_heading("Hinweise der Prüfung", level=1)
        for warning in draft.warnings:
            document.add_paragraph(warning, style="List Bullet")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def goalset_dict(goals: list[DraftGoal], request: DraftRequest) -> dict:
    """The proposed goals in the goal-set format that ``assistant check`` reads."""
    fields: dict[str, str] = {}
    for goal in goals:
        fields.setdefault(goal.handlungsfeld_id, goal.handlungsfeld)
    entries = []
    for goal in goals:
        indicator = {"name": goal.kennzahl}
        for key in ("einheit", "richtung", "basiswert", "basisjahr", "zielwert", "quelle"):
            value = getattr(goal, key)
            if value is not None:
                indicator[key] = value
        if goal.zieljahr:
            indicator["zieljahr"] = goal.zieljahr
        entry = {
            "id": goal.id, "titel": goal.titel, "handlungsfeld": goal.handlungsfeld_id, "art": goal.art,
            "prioritaet": goal.prioritaet, "kennzahlen": [indicator],
        }  # fmt: skip
        if goal.zieljahr:
            entry["zieljahr"] = goal.zieljahr
        entries.append(entry)
    return {
        "kommune": request.kommune,
        "titel": request.titel or f"Gesamtstrategie {request.kommune} {request.zeithorizont.bis}",
        "status": "entwurf",
        "zeithorizont": {"von": request.zeithorizont.von, "bis": request.zeithorizont.bis},
        "handlungsfelder": [{"id": fid, "name": name} for fid, name in fields.items()],
        "ziele": entries,
    }


def goalset_yaml(draft: Draft, request: DraftRequest) -> str:
    header = "# Zielvorschläge aus dem Entwurf; prüfen mit: assistant check DATEI\n"
    return header + yaml.safe_dump(goalset_dict(draft.goals, request), allow_unicode=True, sort_keys=False)
