"""Zip containers (DOCX, XLSX): their unpacked size is checked before anything is read.

A 300 KB DOCX can unpack to 300 MB of XML; the central directory states each member's size
(``ZipInfo.file_size``) and Python's zipfile never returns more than that, so checking it is enough.
"""

from __future__ import annotations

import zipfile
from pathlib import Path


def unpacked_size_problem(path: Path, max_mb: float, setting: str) -> str | None:
    """A German reason if a member of the zip file at ``path`` or all together unpack to more than
    ``max_mb``; None if within the budget or not a zip file (its own reader reports that)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return None
    limit = max_mb * 1_000_000
    for member in members:
        if member.file_size > limit:
            return (
                f"Die Datei ist gepackt; ihr Bestandteil „{member.filename}“ ist entpackt "
                f"{member.file_size / 1_000_000:.0f} MB groß, erlaubt sind {max_mb:g} MB (Einstellung {setting})."
            )
    total = sum(member.file_size for member in members)
    if total > limit:
        return (
            f"Die Datei ist gepackt und entpackt {total / 1_000_000:.0f} MB groß, erlaubt sind {max_mb:g} MB "
            f"(Einstellung {setting})."
        )
    return None
