"""Split a loaded document into chunks that follow headings, paragraphs and pages.

Rules: a chunk never crosses a page (citations name one page) or a section heading; paragraphs are
packed up to ``max_chars``; an over-long paragraph is cut at sentence ends with a small overlap;
a long table is cut by rows and every piece repeats the header row.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from assistant.models import Block, Chunk, LoadedDocument
from assistant.settings import ChunkingSettings
from assistant.text.sentences import split_sentences


@dataclass
class _Piece:
    page: int | None
    section: str
    texts: list[str] = field(default_factory=list)

    @property
    def length(self) -> int:
        return sum(len(t) for t in self.texts) + 2 * max(len(self.texts) - 1, 0)


def _split_long_text(text: str, max_chars: int, overlap: int) -> list[str]:
    sentences = split_sentences(text)
    pieces: list[str] = []
    current = ""
    for sentence in sentences:
        while len(sentence) > max_chars:  # a "sentence" without ends (lists, tables): hard cut
            cut = sentence.rfind(" ", 0, max_chars) if " " in sentence[:max_chars] else max_chars
            cut = cut if cut > max_chars // 2 else max_chars
            if current:
                pieces.append(current)
                current = ""
            pieces.append(sentence[:cut].strip())
            sentence = sentence[cut:].strip()
        if current and len(current) + 1 + len(sentence) > max_chars:
            pieces.append(current)
            tail = current[-overlap:] if overlap else ""
            # start the overlap at a word boundary
            tail = tail[tail.find(" ") + 1 :] if " " in tail else tail
            current = f"{tail} {sentence}".strip() if tail else sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        pieces.append(current)
    return pieces


def _split_table(text: str, max_chars: int) -> list[str]:
    rows = text.splitlines()
    if len(text) <= max_chars or len(rows) < 3:
        return [text]
    header, body = rows[0], rows[1:]
    pieces: list[str] = []
    current = [header]
    for row in body:
        if len(current) > 1 and sum(len(r) + 1 for r in current) + len(row) > max_chars:
            pieces.append("\n".join(current))
            current = [header]
        current.append(row)
    if len(current) > 1:
        pieces.append("\n".join(current))
    return pieces


def _section_path(stack: list[tuple[int, str]]) -> str:
    return " > ".join(title for _, title in stack)


def chunk_document(document: LoadedDocument, doc_id: str, version: str, settings: ChunkingSettings) -> list[Chunk]:
    """Chunks with ids ``{doc_id}:{version[:10]}:{n}``: stable for the same content."""
    max_chars = settings.max_chars
    pieces: list[_Piece] = []
    headings: list[tuple[int, str]] = []
    current: _Piece | None = None

    def start(page: int | None) -> _Piece:
        piece = _Piece(page=page, section=_section_path(headings))
        pieces.append(piece)
        return piece

    for block in document.blocks:
        if block.kind == "heading":
            level = block.level or 1
            headings[:] = [(lvl, title) for lvl, title in headings if lvl < level]
            headings.append((level, block.text))
            current = None
            continue
        if current is None or current.page != block.page:
            current = start(block.page)
        for text in _block_texts(block, max_chars, settings.overlap_chars):
            if current.texts and current.length + 2 + len(text) > max_chars:
                current = start(block.page)
            current.texts.append(text)

    # a section heading with no body text still deserves to be findable
    if not pieces and headings:
        pieces.append(_Piece(page=None, section="", texts=[h for _, h in headings]))

    chunks: list[Chunk] = []
    for position, piece in enumerate(p for p in pieces if p.texts):
        chunks.append(
            Chunk(
                chunk_id=f"{doc_id}:{version[:10]}:{position}",
                doc_id=doc_id,
                text="\n\n".join(piece.texts),
                title=document.title,
                doc_type=document.doc_type,
                page=piece.page,
                section=piece.section,
                position=position,
                stand=document.stand,
                path=document.source_path,
                ocr=piece.page in document.ocr_pages,
            )
        )
    return chunks


def _block_texts(block: Block, max_chars: int, overlap: int) -> list[str]:
    if len(block.text) <= max_chars:
        return [block.text]
    if block.kind == "table":
        return _split_table(block.text, max_chars)
    return _split_long_text(block.text, max_chars, overlap)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def indexed_text(chunk: Chunk) -> str:
    """The text that is embedded and keyword-indexed: section path gives the passage its context."""
    return f"{chunk.section}\n{chunk.text}" if chunk.section else chunk.text
