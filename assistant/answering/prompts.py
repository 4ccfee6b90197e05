"""Prompt templates as files in ``prompts/``: a front matter declares the variables; rendering is strict.

Why ``string.Template`` (``$frage``): prompts contain braces and quotes; ``$`` placeholders keep them
readable for reviewers, and a missing or undeclared variable is an error, not a silent gap.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.errors import UserError

DEFAULT_PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"


@dataclass(frozen=True)
class PromptTemplate:
    name: str
    variables: tuple[str, ...]
    text: str

    def render(self, **values: str) -> str:
        missing = [v for v in self.variables if v not in values]
        extra = [v for v in values if v not in self.variables]
        if missing or extra:
            raise ValueError(f"Prompt {self.name}: fehlend {missing}, nicht deklariert {extra}")
        return string.Template(self.text).substitute(values)


def load_prompt(name: str, directory: Path | None = None) -> PromptTemplate:
    path = (directory or DEFAULT_PROMPTS_DIR) / f"{name}.md"
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"Die Prompt-Datei {path} fehlt.") from exc
    if not raw.startswith("---\n"):
        raise UserError(f"Die Prompt-Datei {path} hat keinen Kopf mit „variablen“.")
    header, body = raw[4:].split("\n---\n", 1)
    meta = yaml.safe_load(header) or {}
    variables = tuple(meta.get("variablen", []))
    used = set(string.Template(body).get_identifiers())
    if used != set(variables):
        raise UserError(
            f"Prompt {path.name}: deklarierte Variablen {sorted(variables)} passen nicht zu den "
            f"verwendeten {sorted(used)}."
        )
    return PromptTemplate(name, variables, body.strip() + "\n")


def available_prompts(directory: Path | None = None) -> list[str]:
    return sorted(p.stem for p in (directory or DEFAULT_PROMPTS_DIR).glob("*.md"))
