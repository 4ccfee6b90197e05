"""``--format json``: exactly the contract of zielsystem-format.md."""

from __future__ import annotations

import json

from assistant.goals.check import CheckResult


def render(result: CheckResult) -> str:
    return json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
