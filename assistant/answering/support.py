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


def _numbers(text: str) -> set[str]:
    return {n.replace(".", "").replace(",", ".") for n in FIGURE.findall(text)}


def check_sentences(
    answer: str,
    citations: list[Citation],
    analyse: Callable[[str], list[str]],
    embedder: Embedder,
    min_support: float,
) -> list[SentenceCheck]:
    """Lexical overlap (share of the sentence's terms found in its passages) and embedding similarity;
    a sentence citing nothing, or stating a number its passages do not contain, is unsupported."""
    by_number = {c.n: c for c in citations}
    sentences = [s for s in split_sentences(answer) if s.strip()]
    if not sentences:
        return []
    cited_texts = []
    for sentence in sentences:
        numbers = [n for n in markers_in(sentence) if n in by_number]
        cited_texts.append(" ".join(by_number[n].text for n in numbers))
    plain = [re.sub(r"\[[\d, ]+\]", "", s).strip() for s in sentences]
    sentence_vectors = embedder.embed_documents(plain)
    passage_vectors = embedder.embed_documents([t or " " for t in cited_texts])
    checks = []
    for index, sentence in enumerate(sentences):
        cited = cited_texts[index]
        numbers = [n for n in markers_in(sentence) if n in by_number]
        if not cited:
            checks.append(SentenceCheck(text=sentence, citations=numbers, supported=False, support=0.0))
            continue
        terms = set(analyse(plain[index]))
        passage_terms = set(analyse(cited))
        lexical = len(terms & passage_terms) / len(terms) if terms else 0.0
        dense = float(np.clip(sentence_vectors[index] @ passage_vectors[index], 0.0, 1.0))
        support = 0.6 * lexical + 0.4 * dense
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
