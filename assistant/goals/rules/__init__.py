"""The rule registry: every rule of the catalogue, in catalogue order."""

from __future__ import annotations

from assistant.goals.rules import (
    duplicates,
    focus,
    governance,
    indicators,
    measurements,
    priorities,
    quality,
    resources,
    tracing,
)
from assistant.goals.rules.base import Finding, Rule, Severity
from assistant.index.base import Embedder
from assistant.settings import PruefungSettings

RULE_CLASSES: list[type[Rule]] = [
    *focus.RULES,
    *priorities.RULES,
    *resources.RULES,
    *quality.RULES,
    *duplicates.RULES,
    *indicators.RULES,
    *measurements.RULES,
    *tracing.RULES,
    *governance.RULES,
]
RULE_IDS = [cls.id for cls in RULE_CLASSES]


def build_rules(settings: PruefungSettings, embedder: Embedder | None) -> list[Rule]:
    """All enabled rules. Without an embedder GQ-06 judges on words alone."""
    rules: list[Rule] = []
    for cls in RULE_CLASSES:
        if cls.id in settings.regeln_aus:
            continue
        if cls is duplicates.NearDuplicates:
            rules.append(duplicates.NearDuplicates(settings, embedder))
        else:
            rules.append(cls(settings))
    return rules


__all__ = ["RULE_CLASSES", "RULE_IDS", "Finding", "Rule", "Severity", "build_rules"]
