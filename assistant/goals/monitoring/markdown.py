"""The Strategiebericht as Markdown. Charts appear as their text (Markdown has no place for images that
travels with the file); the Word export embeds them."""

from __future__ import annotations

from assistant.goals.monitoring.report import Bericht, Chart, Heading, Paragraph, Table


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _table(table: Table) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in table.header) + " |"]
    lines.append("|" + "|".join("---:" if i in table.numeric else "---" for i in range(len(table.header))) + "|")
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    return lines


def render(bericht: Bericht) -> str:
    lines: list[str] = []
    blocks = bericht.blocks
    for index, block in enumerate(blocks):
        if isinstance(block, Heading):
            lines += [f"{'#' * block.level} {block.text}", ""]
        elif isinstance(block, Paragraph):
            lines += [block.text, ""]
        elif isinstance(block, Table):
            lines += [*_table(block), ""] if block.rows else ["Keine Einträge.", ""]
        elif isinstance(block, Chart):
            lines.append(f"- {block.caption}")
            if index + 1 == len(blocks) or not isinstance(blocks[index + 1], Chart):
                lines.append("")  # the list of charts ends
    return "\n".join(lines).rstrip() + "\n"
