"""Numbering of the sources a draft cites: one number per passage, shared by all sections."""

from __future__ import annotations

from assistant.models import Citation, SearchHit


class SourceRegistry:
    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self.citations: list[Citation] = []

    def cite(self, hit: SearchHit) -> int:
        number = self._numbers.get(hit.chunk_id)
        if number is None:
            number = len(self.citations) + 1
            self._numbers[hit.chunk_id] = number
            self.citations.append(Citation.from_hit(number, hit))
        return number

    def subset(self, numbers: set[int]) -> list[Citation]:
        return [c for c in self.citations if c.n in numbers]
