"""Per-sentence support check: is each answer sentence backed by the passages it cites?"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from assistant.answering.markers import markers_in
from assistant.answering.models import SentenceCheck
from assistant.index.base import Embedder
from assistant.models import Citation
from assistant.text.numbers import FIGURE
from assistant.text.sentences import split_sentences

# support = LEXICAL_SHARE · share of the sentence's terms in its passages + (1 − LEXICAL_SHARE) · cosine; set by
# hand when the check was written (not fitted on any set): a paraphrase keeps most of its terms, and the cosine
# only breaks ties. The threshold is ``answer.min_support`` in the settings.
LEXICAL_SHARE = 0.6


def _numbers(text: str) -> set[str]:
    return {n.replace(".", "").replace(",", ".") for n in FIGURE.findall(text)}


def _comparable(text: str) -> str:
    """Whitespace collapsed, no space before punctuation, no list bullet, no final full stop: a quoted sentence
    with its marker removed („Es sind 4 % .“) compares equal to its source („Es sind 4 %.“)."""
    text = re.sub(r"\s+([.,;:!?])", r"\1", " ".join(text.split()))
    return text.lstrip("-•–▪ ").rstrip(".!?").strip()


def quoted(sentence: str, passage: str) -> bool:
    """The sentence stands word for word in the passage (what the extractive generator writes)."""
    wanted = _comparable(sentence)
    return bool(wanted) and wanted in _comparable(passage)


def _statements(answer: str) -> list[str]:
    """The answer's sentences, line by line (each bullet of a list is its own), without the lines that only
    introduce a list („… am besten passen diese Stellen:“ cites nothing and states nothing)."""
    found = []
    for line in answer.splitlines():
        for sentence in split_sentences(line):
            if sentence.strip() and not (sentence.rstrip().endswith(":") and not markers_in(sentence)):
                found.append(sentence.strip())
    return found


def check_sentences(
    answer: str,
    citations: list[Citation],
    analyse: Callable[[str], list[str]],
    embedder: Embedder,
    min_support: float,
) -> list[SentenceCheck]:
    """Lexical overlap (share of the sentence's terms found in its passages) and embedding similarity;
    a sentence citing nothing, or stating a number its passages do not contain, is unsupported. A sentence
    quoted word for word from its passages is supported as it stands (and costs no embedding)."""
    by_number = {c.n: c for c in citations}
    sentences = _statements(answer)
    if not sentences:
        return []
    cited_texts = []
    for sentence in sentences:
        numbers = [n for n in markers_in(sentence) if n in by_number]
        cited_texts.append(" ".join(by_number[n].text for n in numbers))
    plain = [re.sub(r"\s*\[[\d, ]+\]", "", s).strip() for s in sentences]
    verbatim = [bool(cited) and quoted(text, cited) for text, cited in zip(plain, cited_texts, strict=True)]
    compared = [i for i, cited in enumerate(cited_texts) if cited and not verbatim[i]]
    dense_of: dict[int, float] = {}
    if compared:
        sentence_vectors = embedder.embed_documents([plain[i] for i in compared])
        passage_vectors = embedder.embed_documents([cited_texts[i] for i in compared])
        for row, i in enumerate(compared):
            dense_of[i] = float(np.clip(sentence_vectors[row] @ passage_vectors[row], 0.0, 1.0))
    checks = []
    for index, sentence in enumerate(sentences):
        cited = cited_texts[index]
        numbers = [n for n in markers_in(sentence) if n in by_number]
        if not cited:
            checks.append(SentenceCheck(text=sentence, citations=numbers, supported=False, support=0.0))
            continue
        if verbatim[index]:
            checks.append(SentenceCheck(text=sentence, citations=numbers, supported=True, support=1.0))
            continue
        terms = set(analyse(plain[index]))
        passage_terms = set(analyse(cited))
        lexical = len(terms & passage_terms) / len(terms) if terms else 0.0
        dense = dense_of[index]
        support = LEXICAL_SHARE * lexical + (1 - LEXICAL_SHARE) * dense
        numbers_ok = _numbers(plain[index]) <= _numbers(cited)
        checks.append(
            SentenceCheck(
                text=sentence,
                citations=numbers,
                supported=support >= min_support and numbers_ok,
                support=round(support, 3),
            )
        )
    return checks
