"""Numbering of the sources a draft cites: one number per passage, shared by all sections."""

from __future__ import annotations

from assistant.answering.models import Citation
from assistant.models import SearchHit


class SourceRegistry:
    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self.citations: list[Citation] = []

    def cite(self, hit: SearchHit) -> int:
        number = self._numbers.get(hit.chunk_id)
        if number is None:
            number = len(self.citations) + 1
            self._numbers[hit.chunk_id] = number
            self.citations.append(
                Citation(
                    n=number,
                    doc_id=hit.doc_id,
                    title=hit.title,
                    page=hit.page,
                    text=hit.text,
                    section=hit.section,
                    path=hit.path,
                )
            )
        return number

    def subset(self, numbers: set[int]) -> list[Citation]:
        return [c for c in self.citations if c.n in numbers]
