"""Fragen: a chat over the knowledge base with streamed answers and their sources."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from assistant.answering.markers import markers_in, renumber_markers
from assistant.answering.models import Answer, ChatTurn, Citation
from assistant.app.handlers.common import document_url, parse_german_date
from assistant.errors import UserError
from assistant.models import SearchFilters
from assistant.text.sentences import split_sentences

EXAMPLE_QUESTIONS = [
    "Wie hoch ist der Fehlbetrag im Ergebnishaushalt 2025?",
    "Welche strategischen Ziele hat der Entwurf der Gesamtstrategie?",
    "Wie viele Betreuungsplätze für Kinder unter drei Jahren fehlen?",
    "Was wurde in der Bürgerbeteiligung am häufigsten vorgeschlagen?",
]

SOURCES_HEADING = "\n\n---\n**Quellen**\n\n"
NOT_ANSWERED_HINT = (
    "Formulieren Sie die Frage anders, lockern Sie die Filter oder laden Sie das passende Dokument "
    "im Reiter „Wissensbasis“ hoch."
)
PASSAGE_CHARS = 320


def parse_filters(
    doc_types: Sequence[str] | None, stand_from: str | None, stand_to: str | None
) -> SearchFilters | None:
    """Filter values of the form → SearchFilters (None when nothing is set)."""
    start = parse_german_date(stand_from, "„Stand ab“")
    end = parse_german_date(stand_to, "„Stand bis“")
    if start and end and end < start:
        raise UserError("„Stand bis“ liegt vor „Stand ab“; bitte die Datumsangaben tauschen.")
    filters = SearchFilters(doc_types=list(doc_types or []) or None, stand_from=start, stand_to=end)
    return None if filters.is_empty() else filters


def message_text(content) -> str:
    """Text of a chat message, whether Gradio hands it over as a string or as a list of parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or "")
    if isinstance(content, list | tuple):
        return "".join(message_text(part) for part in content)
    return ""


def history_from_messages(messages: Sequence[dict] | None) -> list[ChatTurn]:
    """The conversation so far as the answer service wants it: answers without their source lists."""
    turns = []
    for message in messages or []:
        role = message.get("role")
        if role in ("user", "assistant"):
            text = message_text(message.get("content")).split(SOURCES_HEADING)[0]
            if text.strip():
                turns.append(ChatTurn(role=role, content=text))
    return turns


_WORD = re.compile(r"\w{4,}")


def _sentences(text: str) -> list[str]:
    return split_sentences(text)


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def passage_excerpt(passage: str, claim: str = "", limit: int = PASSAGE_CHARS) -> str:
    """The part of a cited passage that backs the claim: its best-matching sentence with neighbours."""
    passage = " ".join(passage.split())
    if len(passage) <= limit:
        return passage
    sentences = _sentences(passage)
    wanted = _words(claim)
    best = max(range(len(sentences)), key=lambda i: (len(_words(sentences[i]) & wanted), -i))
    start = end = best
    length = len(sentences[best])
    while True:  # grow around the best sentence while it fits
        grown = False
        for candidate in (end + 1, start - 1):
            if 0 <= candidate < len(sentences) and length + len(sentences[candidate]) + 1 <= limit:
                length += len(sentences[candidate]) + 1
                start, end = min(start, candidate), max(end, candidate)
                grown = True
        if not grown:
            break
    text = " ".join(sentences[start : end + 1])
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0]
        end = len(sentences)  # cut inside: mark the end
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(sentences) - 1 or len(text) < len(" ".join(sentences[start:])) else ""
    return prefix + text + suffix


def claims_citing(answer_text: str, number: int) -> str:
    """The answer sentences that carry the marker [number]."""
    return " ".join(s for s in _sentences(answer_text) if f"[{number}]" in s)


def citation_markdown(citation: Citation, claim: str = "") -> str:
    heading = f"**[{citation.n}] {citation.source_label()}**"
    url = document_url(citation.doc_id, citation.path, citation.page, citation.section)
    if url:
        if citation.page:
            target = f"Seite {citation.page} öffnen"
        else:  # a Markdown source opens in its reading view at the cited section
            target = "Abschnitt öffnen" if "#abschnitt-" in url else "Dokument öffnen"
        heading += f" – [{target}]({url})"
    elif citation.path:
        heading += f" – {Path(citation.path).name}"
    excerpt = passage_excerpt(citation.text, claim or citation.highlight)
    highlight = " ".join(citation.highlight.split())
    if highlight and highlight in excerpt:  # the sentence that backs the answer, in bold
        excerpt = excerpt.replace(highlight, f"**{highlight}**", 1)
    return f"{heading}\n\n> {excerpt}"


def sources_markdown(answer: Answer) -> str:
    parts = [citation_markdown(c, claims_citing(answer.answer, c.n)) for c in answer.citations]
    parts.extend(f"**Hinweis:** {warning}" for warning in answer.warnings)
    return "\n\n".join(parts)


def answer_text(answer: Answer) -> str:
    if not answer.answered:
        return f"**Nicht in den Dokumenten:** {answer.answer}\n\n{NOT_ANSWERED_HINT}"
    return answer.answer


def numbered_in_order(answer: Answer) -> Answer:
    """Sources numbered 1, 2, 3 … in the order the answer cites them (the service numbers them by search
    rank, so an answer could read [1], [4]); sources the text does not cite follow."""
    cited = list(dict.fromkeys(n for n in markers_in(answer.answer) if any(c.n == n for c in answer.citations)))
    order = cited + [c.n for c in sorted(answer.citations, key=lambda c: c.n) if c.n not in cited]
    mapping = {old: new for new, old in enumerate(order, start=1)}
    citations = sorted((c.model_copy(update={"n": mapping[c.n]}) for c in answer.citations), key=lambda c: c.n)
    return answer.model_copy(update={"answer": renumber_markers(answer.answer, mapping), "citations": citations})


def answer_message(answer: Answer) -> dict:
    """The answer with its sources below it."""
    answer = numbered_in_order(answer)
    text = answer_text(answer)
    if answer.citations or answer.warnings:
        text += SOURCES_HEADING + sources_markdown(answer)
    return {"role": "assistant", "content": text}


def ask_stream(
    services, question: str, messages: Sequence[dict] | None, filters: SearchFilters | None = None
) -> Iterator[list[dict]]:
    """Yield the whole conversation after each text delta; the last one carries the sources."""
    question = (question or "").strip()
    if not question:
        raise UserError("Bitte geben Sie eine Frage ein.")
    conversation = list(messages or [])
    history = history_from_messages(conversation)
    conversation.append({"role": "user", "content": question})
    yield [*conversation, {"role": "assistant", "content": "Suche in den Dokumenten …"}]
    written = ""
    for item in services.answers.stream(question, history, filters):
        if isinstance(item, Answer):
            yield [*conversation, answer_message(item)]
            return
        written += item
        yield [*conversation, {"role": "assistant", "content": written + " ▌"}]
    raise UserError("Es kam keine Antwort zustande; bitte versuchen Sie es erneut.")
