"""Typed records that cross module boundaries. Imports nothing internal."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field


class PageText(BaseModel):
    """Text of one page (paged formats) or of the whole document (page is None)."""

    page: int | None = None
    text: str


class Block(BaseModel):
    """A structural unit found by a loader: a heading, a paragraph or a table (as text)."""

    kind: str = Field(description="heading | paragraph | table")
    text: str
    page: int | None = None
    level: int = 0  # heading level, 0 for non-headings


class LoadedDocument(BaseModel):
    """What a loader returns: metadata plus blocks in reading order."""

    source_path: str
    title: str
    doc_type: str = "dokument"
    stand: date | None = None
    pages: int | None = None  # number of pages for paged formats
    blocks: list[Block]
    ocr_pages: list[int] = Field(default_factory=list, description="pages whose text comes from OCR")


class Chunk(BaseModel):
    chunk_id: str
    doc_id: str
    text: str
    title: str
    doc_type: str
    page: int | None
    section: str = ""
    position: int
    stand: date | None = None
    path: str = ""
    ocr: bool = False  # the text was recognised from a scan


class DocumentRecord(BaseModel):
    doc_id: str
    title: str
    path: str
    doc_type: str
    stand: date | None = None
    pages: int | None
    ocr_pages: int = 0  # pages whose text comes from OCR
    chunks: int
    content_hash: str
    ingested_at: datetime
    embedding: str | None = None  # what made its vectors (model, backend); None: an index from before it was kept


class DocumentOverride(BaseModel):
    """Title and Stand set by staff in the app; kept in the catalog and applied at every (re-)index, over
    what the file or ``manifest.yaml`` says."""

    title: str | None = None
    stand: date | None = None


class SearchHit(BaseModel):
    rank: int
    chunk_id: str
    doc_id: str
    title: str
    page: int | None
    section: str = ""
    score: float
    text: str
    doc_type: str = ""
    path: str = ""
    stand: date | None = None
    ocr: bool = False

    def source_label(self) -> str:
        return source_label(self.title, self.stand, self.page, self.ocr)


def source_label(title: str, stand: date | None, page: int | None, ocr: bool = False) -> str:
    """How a passage is cited everywhere: „Haushaltsrede 2019 (Stand 12.11.2019), S. 2 (Texterkennung)“."""
    label = title + (f" (Stand {stand.strftime('%d.%m.%Y')})" if stand else "")
    if page:
        label += f", S. {page}"
    return label + (" (Texterkennung)" if ocr else "")


class Citation(BaseModel):
    """A passage an answer or a draft cites; ``n`` matches its ``[n]`` marker."""

    n: int
    doc_id: str
    title: str
    page: int | None
    text: str
    section: str = ""
    path: str = ""
    highlight: str = Field("", description="the sentence of the passage that backs the statement")
    stand: date | None = None
    ocr: bool = Field(False, description="the passage was recognised from a scan (OCR)")

    @classmethod
    def from_hit(cls, n: int, hit: SearchHit, *, highlight: str = "") -> Citation:
        return cls(n=n, doc_id=hit.doc_id, title=hit.title, page=hit.page, text=hit.text, section=hit.section,
                   path=hit.path, highlight=highlight, stand=hit.stand, ocr=hit.ocr)  # fmt: skip

    def source_label(self) -> str:
        return source_label(self.title, self.stand, self.page, self.ocr)


class SearchFilters(BaseModel):
    """Metadata filters for retrieval."""

    doc_types: list[str] | None = None
    stand_from: date | None = None
    stand_to: date | None = None
    doc_ids: list[str] | None = None

    def is_empty(self) -> bool:
        return not (self.doc_types or self.stand_from or self.stand_to or self.doc_ids)


class FailedFile(BaseModel):
    path: str
    error: str


class SkippedFile(BaseModel):
    """A file in an ingested folder that is not read (an unsupported format), with the reason."""

    path: str
    reason: str


class IngestReport(BaseModel):
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[FailedFile] = Field(default_factory=list)
    skipped: list[SkippedFile] = Field(default_factory=list)
    chunks: int = 0
