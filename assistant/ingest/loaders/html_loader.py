"""HTML loader (BeautifulSoup): headings, paragraphs, list items and tables in document order."""

from __future__ import annotations

from pathlib import Path

from assistant.ingest.loaders.common import build_document, clean, table_to_text
from assistant.ingest.loaders.text_loader import read_text
from assistant.models import Block, LoadedDocument

_BLOCK_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "table", "blockquote", "pre", "dd", "dt"]


def load(path: Path) -> LoadedDocument:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(read_text(path), "html.parser")
    for tag in soup(["script", "style", "nav", "noscript", "template", "svg"]):
        tag.decompose()
    title_tag = soup.find("title")
    title = clean(title_tag.get_text()) if title_tag else None
    blocks: list[Block] = []
    body = soup.body or soup
    for element in body.find_all(_BLOCK_TAGS):
        # text inside a table or a nested list item is emitted by its outer element
        if element.name != "table" and element.find_parent("table") is not None:
            continue
        if element.name in {"p", "li"} and element.find_parent("li") is not None:
            continue
        if element.name == "table":
            rows = [
                [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
                for row in element.find_all("tr")
            ]
            text = table_to_text(rows)
            if text:
                blocks.append(Block(kind="table", text=text))
            continue
        text = clean(element.get_text(" ", strip=True))
        if not text:
            continue
        if element.name[0] == "h" and element.name[1:].isdigit():
            blocks.append(Block(kind="heading", text=text, level=int(element.name[1:])))
        else:
            blocks.append(Block(kind="paragraph", text=("• " + text) if element.name == "li" else text))
    if not blocks:  # HTML without block tags: fall back to its plain text
        text = clean(body.get_text(" ", strip=True))
        if text:
            blocks.append(Block(kind="paragraph", text=text))
    return build_document(path, blocks, title)
