"""The default generator: no LLM. Picks the passage sentences that answer the question and cites them."""

from __future__ import annotations

from collections.abc import Iterator

from assistant.answering.evidence import Evidence
from assistant.answering.models import ChatTurn


class ExtractiveGenerator:
    name = "extractive"

    def __init__(self, max_sentences: int = 3, relative_cutoff: float = 0.8) -> None:
        self._max_sentences = max_sentences
        self._relative_cutoff = relative_cutoff

    def generate(self, question: str, evidence: Evidence, history: list[ChatTurn]) -> Iterator[str]:
        """Yield the answer sentence by sentence, each with its ``[n]`` marker (n = passage rank)."""
        if not evidence.units:
            return
        best = evidence.best_score
        chosen = []
        seen_texts: set[str] = set()
        for scored in evidence.units:
            if len(chosen) >= self._max_sentences or scored.score < best * self._relative_cutoff:
                break
            key = " ".join(scored.unit.text.lower().split())
            if key in seen_texts:
                continue
            seen_texts.add(key)
            chosen.append(scored)
        # read in document order within a passage, best passage first
        passage_order = list(dict.fromkeys(s.unit.hit_index for s in chosen))
        chosen.sort(key=lambda s: (passage_order.index(s.unit.hit_index), s.unit.position))
        for number, scored in enumerate(chosen):
            yield ("" if number == 0 else " ") + with_marker(scored.unit.text, scored.unit.hit_index + 1)


def with_marker(sentence: str, number: int) -> str:
    """„Der Anteil sinkt auf 4 Prozent [2].“: the marker goes before the final punctuation."""
    text = sentence.rstrip()
    ending = text[-1] if text and text[-1] in ".!?" else "."
    core = text[:-1].rstrip() if text and text[-1] in ".!?" else text
    return f"{core} [{number}]{ending}"
