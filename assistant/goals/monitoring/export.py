"""Write the Strategiebericht to a file: Markdown (.md) or Word (.docx), chosen by the suffix."""

from __future__ import annotations

from pathlib import Path

from assistant.errors import UserError
from assistant.goals.monitoring import markdown
from assistant.goals.monitoring.docx_export import write_docx
from assistant.goals.monitoring.evaluate import Monitoring
from assistant.goals.monitoring.report import build_report

REPORT_SUFFIXES = (".md", ".docx")


def check_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise UserError(f"Der Strategiebericht kann als .md oder .docx geschrieben werden, nicht als „{path.name}“.")
    return suffix


def write_report(monitoring: Monitoring, path: Path, *, charts: bool = True) -> Path:
    """The Strategiebericht as Markdown (.md) or Word (.docx)."""
    suffix = check_suffix(path)
    try:
        if suffix == ".docx":
            return write_docx(build_report(monitoring, charts=charts), path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown.render(build_report(monitoring, charts=True)), encoding="utf-8")
        return path
    except OSError as exc:
        raise UserError(f"Der Bericht kann nicht nach {path} geschrieben werden ({exc.strerror}).") from exc
