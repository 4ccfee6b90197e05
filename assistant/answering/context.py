"""Neighbouring text for an LLM's sources: where a sentence, list or table continues across a chunk or
page boundary, the continuation is added, so the fact the question asks for is not cut off."""

from __future__ import annotations

from assistant.index.catalog import Catalog
from assistant.models import SearchHit
from assistant.text.sentences import split_sentences

CONTINUATION_CHARS = 600  # at most this much of a neighbour is added on each side
_ENDS = (".", "!", "?", ":", ";", "“", '"', ")")


def continues_after(text: str) -> bool:
    """Text that stops mid-sentence, or a table or list whose rows go on."""
    last = text.rstrip().splitlines()[-1] if text.strip() else ""
    return bool(last) and (not last.endswith(_ENDS) or "|" in last or last.lstrip().startswith(("-", "•")))


def continues_before(text: str) -> bool:
    first = text.lstrip()[:1]
    return bool(first) and (first.islower() or first in ",;")


def _head(text: str, limit: int) -> str:
    lines = text.strip().splitlines()
    if lines and "|" in lines[0]:  # a table goes on: its next rows
        return "\n".join(_take(lines, limit))
    sentences = split_sentences(" ".join(text.split()))
    return " ".join(_take(sentences, limit))


def _tail(text: str, limit: int) -> str:
    sentences = split_sentences(" ".join(text.split()))
    return " ".join(reversed(_take(list(reversed(sentences)), limit)))


def _take(pieces: list[str], limit: int) -> list[str]:
    taken, used = [], 0
    for piece in pieces:
        if taken and used + len(piece) > limit:
            break
        taken.append(piece[:limit])
        used += len(piece) + 1
    return taken


class NeighbourContext:
    def __init__(self, catalog: Catalog, limit: int = CONTINUATION_CHARS) -> None:
        self._catalog = catalog
        self._limit = limit

    def __call__(self, hit: SearchHit) -> str:
        text = hit.text
        chunk = self._catalog.chunks([hit.chunk_id]).get(hit.chunk_id)
        if chunk is None:
            return text
        if continues_before(text) and chunk.position > 0:
            previous = self._catalog.chunk_at(chunk.doc_id, chunk.position - 1)
            if previous is not None:
                text = f"[…] {_tail(previous.text, self._limit)}\n{text}"
        if continues_after(text):
            following = self._catalog.chunk_at(chunk.doc_id, chunk.position + 1)
            if following is not None:
                page = f"(Fortsetzung S. {following.page}) " if following.page and following.page != hit.page else ""
                text = f"{text}\n{page}{_head(following.text, self._limit)} […]"
        return text
