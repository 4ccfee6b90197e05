"""Document titles users recognise, even when the file's metadata title is junk.

Published PDFs carry titles like „Microsoft Word - HH19-G.docx“, „PowerPoint-Präsentation“, a bare date or
table debris („| | 03.11.2025“). The order of preference follows what a reader would call the document:
a metadata title that is not junk, the largest print on the first page, the first heading, a letter's
subject line, the name of the Office file it was exported from, the cleaned file name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

MAX_TITLE_CHARS = 160
"""Longer candidates are body text, not a title (the longest real-dev title has 96 characters)."""

TITLE_SIZE_RATIO = 0.9
"""Lines at least this share of the largest font size on page 1 belong to the title (real-dev: titles set
over two or three lines differ by < 2 %, the subtitle or date below by ≥ 15 %)."""

PROMINENT_SIZE_RATIO = 1.25
"""The largest print counts as a title only if it is this much larger than the body text; letters and
minutes set in one size have no typographic title (real-dev letters: ratio 1.0–1.1, title pages ≥ 1.3)."""

TITLE_POINT_SIZE = 20.0
"""Print this large is a title whatever the rest of the page (title slides have no body text to compare)."""

MAX_TITLE_LINES = 3

_OFFICE_EXPORT = re.compile(
    r"^\(?\s*(?:Microsoft\s+)?(?:Word|PowerPoint|Excel|Office)\s*-\s*(?P<rest>.*?)\)?\s*$", re.IGNORECASE
)
_FILE_EXTENSION = re.compile(r"\.(?:docx?|pptx?|xlsx?|odt|odp|ods|pdf|rtf|txt|indd)\s*$", re.IGNORECASE)
_GENERIC_TITLES = frozenset(
    {
        "powerpoint-präsentation", "powerpoint präsentation", "präsentation", "präsentationstitel", "folie",
        "titel", "dokument", "untitled", "unbenannt", "ohne titel", "inhaltsverzeichnis", "inhalt", "deckblatt",
        "vorlage", "neues dokument", "document", "presentation", "microsoft word", "microsoft powerpoint",
    }
)  # fmt: skip
# the kind of a document without its subject: „Niederschrift“ alone does not tell which one
_KIND_ONLY = frozenset(
    {
        "niederschrift", "protokoll", "ergebnisprotokoll", "einladung", "tagesordnung", "beschlussvorlage",
        "vorlage", "bericht", "präsentation", "antrag", "anfrage", "stellungnahme", "anlage", "mitteilung",
        "sitzungsvorlage", "informationsvorlage", "beschluss",
    }
)  # fmt: skip
_LETTERHEAD = re.compile(
    r"^(?:(?:Große\s+)?Kreisstadt|Stadt|Gemeinde|Markt|Landkreis|Kreis|Landeshauptstadt|Hansestadt|"
    r"Universitätsstadt|Stadtverwaltung|Magistrat(?:\s+der\s+Stadt)?|Der\s+(?:Ober)?[Bb]ürgermeister(?:in)?)"
    r"(?:\s+[\wÄÖÜäöüß.-]+){1,2}$",
    re.IGNORECASE,
)
_SUBJECT_LABEL = re.compile(r"^(?:Thema|Betreff|Betr\.|Gegenstand|Anlass|Titel)\s*:\s*(?P<subject>.+)$")
_LETTER_SUBJECT = re.compile(r"^(?:Antrag|Anfrage|Stellungnahme|Beschlussvorlage|Mitteilung)\b.{8,}")
_DATE_OR_NUMBER = re.compile(
    r"\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}|\bUhr\b|[\d\s.,:;|/–+-]+"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffd\uf000-\uf8ff]")


class SizedLine(Protocol):
    text: str
    size: float


def normalise(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split()).strip(" -–|·•")


def office_export_name(title: str) -> str | None:
    """„Microsoft Word - Niederschrift 1. Sitzung.docx“ → „Niederschrift 1. Sitzung“ (None if no export)."""
    match = _OFFICE_EXPORT.match(title.strip())
    if not match:
        return None
    return normalise(_FILE_EXTENSION.sub("", match.group("rest")))


def is_junk(title: str | None) -> bool:
    """True for titles a user would not recognise the document by."""
    if not title or _CONTROL.search(title):
        return True
    text = normalise(title)
    if office_export_name(text) is not None:
        return True
    if text.lower().rstrip(".: ") in _GENERIC_TITLES or text.startswith("|"):
        return True
    if len(re.findall(r"[A-Za-zÄÖÜäöüß]", _DATE_OR_NUMBER.sub(" ", text))) < 3:
        return True  # a date, a page number, table debris
    if _looks_like_file_name(text) or _LETTERHEAD.match(text):
        return True
    return len(text) > MAX_TITLE_CHARS


def _looks_like_file_name(text: str) -> bool:
    if _FILE_EXTENSION.search(text):
        return True
    if "_" in text or re.match(r"^\d{4}-\d{2}-\d{2}[ _]", text):
        return True
    # one token of letters, digits and dashes with digits in it („HH19-G“, „0180A82E“)
    return " " not in text and bool(re.search(r"\d", text)) and len(text) < 30


def title_from_lines(lines: Sequence[SizedLine]) -> str | None:
    """The largest print of a first page (joined over up to three lines), with the subject added when the
    print only names the kind of document („Niederschrift“ + „Thema: 2. Sitzung …“)."""
    usable = [line for line in lines if not _is_line_junk(line.text)]
    if not usable:
        return None
    sizes = sorted(line.size for line in usable)
    largest, body = sizes[-1], sizes[len(sizes) // 2]
    if largest < body * PROMINENT_SIZE_RATIO and largest < TITLE_POINT_SIZE and len(usable) > 3:
        return _subject_line(usable)
    # a year or a date range set in the title size belongs to it („Gesamtabschluss“ / „2021“)
    title_lines = [
        line for line in lines
        if line.size >= largest * TITLE_SIZE_RATIO and (line in usable or _is_year_line(line.text))
    ][:MAX_TITLE_LINES]  # fmt: skip
    title = _join(line.text for line in title_lines)
    if title.lower().rstrip(".:") in _KIND_ONLY:
        subject = _subject_line(usable)
        if subject:
            title = f"{title}: {subject}"
    return title if not is_junk(title) else None


def prominent_lines(lines: Sequence[SizedLine]) -> list[str]:
    """The texts printed clearly larger than the body of the page (title, subtitle, date of a title slide)."""
    if not lines:
        return []
    sizes = sorted(line.size for line in lines)
    body = sizes[len(sizes) // 2]
    return [line.text for line in lines if line.size >= min(body * PROMINENT_SIZE_RATIO, TITLE_POINT_SIZE)]


def _is_year_line(text: str) -> bool:
    return bool(re.fullmatch(r"\s*(?:19|20)\d{2}(?:\s*[-–/]\s*(?:19|20)?\d{2})?\s*", text))


def _subject_line(lines: Sequence[SizedLine]) -> str | None:
    for line in lines:
        match = _SUBJECT_LABEL.match(line.text)
        if match:
            return normalise(match.group("subject"))[:MAX_TITLE_CHARS]
    for line in lines:
        if _LETTER_SUBJECT.match(line.text):
            return normalise(line.text)[:MAX_TITLE_CHARS]
    return None


def _is_line_junk(text: str) -> bool:
    text = normalise(text)
    if text.endswith(":") or re.match(r"^Seite\s+\d", text):
        return True  # a label („Ergebnis:“) or a page number
    return is_junk(text) and not _SUBJECT_LABEL.match(text) and text.lower() not in _KIND_ONLY


def _join(parts) -> str:
    from assistant.ingest.loaders.common import join_wrapped

    title = ""
    for part in parts:
        title = join_wrapped(title, normalise(part))
    return title


def title_from_file_name(path: Path) -> str:
    """„SBR_2021-04-14_Anhang_Massnahmenplan_2035“ → „SBR 2021-04-14 Anhang Massnahmenplan 2035“."""
    stem = re.sub(r"[_]+", " ", path.stem)
    stem = re.sub(r"\s+-\s+-\s+", " – ", stem)
    return normalise(stem) or path.name


def choose_title(
    path: Path,
    *,
    metadata_title: str | None = None,
    first_page_lines: Sequence[SizedLine] = (),
    first_heading: str | None = None,
    first_text_lines: Sequence[str] = (),
) -> str:
    """The first good candidate in the order a reader would name the document."""
    candidates = [
        metadata_title,
        title_from_lines(first_page_lines) if first_page_lines else None,
        first_heading,
        _subject_line([_Plain(t) for t in first_text_lines]),
        office_export_name(metadata_title or ""),
        first_text_lines[0] if first_text_lines else None,
    ]
    for candidate in candidates:
        if candidate and not is_junk(candidate):
            return normalise(candidate)[:MAX_TITLE_CHARS]
    return title_from_file_name(path)


class _Plain:
    size = 0.0

    def __init__(self, text: str) -> None:
        self.text = text
