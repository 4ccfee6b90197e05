"""``assistant eval answers``: answer quality on a question set over a document folder, or on XQuAD-de.

Question sets (``questions.jsonl``): facts in the answer, the right document and page cited, refusals of
unanswerable questions, per split (``tune`` / ``test``; sets without splits are one ``alle`` split).
XQuAD-de: "answer contains a gold answer" with every paragraph indexed, and leave-one-out
unanswerables (the question's own paragraph filtered out of retrieval: it must be refused). XQuAD is
split once by article: even-numbered articles (in corpus order) tune, odd ones test.

Each row keeps the answerability features, so ``evals/calibrate_answers.py`` can fit on tuning rows.
"""

from __future__ import annotations

import json
import random
import re
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant.errors import UserError
from assistant.evals.beir import load_beir
from assistant.models import SearchFilters
from assistant.settings import Settings
from assistant.wiring import Services, build_services

LOO_SAMPLE_PER_SPLIT = 150  # leave-one-out questions drawn per XQuAD split (fixed seed)
LOO_SEED = 20261201


def _normalise(text: str) -> str:
    text = text.replace("\u2212", "-").replace("\u2013", "-").replace("\u00a0", " ").replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).lower()


def load_questions(path: Path) -> list[dict]:
    if not path.is_file():
        raise UserError(f"Die Fragendatei {path} fehlt.")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def fact_correct(answer_text: str, key_facts: list[str]) -> bool:
    text = _normalise(answer_text)
    return all(_normalise(fact) in text for fact in key_facts)


def _source_matches(citation: dict, source: dict, *, page: bool) -> bool:
    if Path(citation.get("path") or "").name != Path(source["file"]).name:
        return False
    return not page or source.get("page") in (None, citation.get("page"))


def citation_correct(citations: list[dict], sources: list[dict], *, page: bool = True) -> bool:
    return any(_source_matches(c, s, page=page) for c in citations for s in sources)


@contextmanager
def _services(settings: Settings, index_dir: Path | None) -> Iterator[Services]:
    """Services over ``index_dir`` (kept, incremental) or a fresh temporary folder."""
    if index_dir is not None:
        services = build_services(settings.model_copy(update={"data_dir": index_dir}))
        try:
            yield services
        finally:
            services.catalog.close()
        return
    with tempfile.TemporaryDirectory(prefix="assistant-answers-") as temporary:
        services = build_services(settings.model_copy(update={"data_dir": Path(temporary)}))
        try:
            yield services
        finally:
            services.catalog.close()


def _row(services: Services, question: str, filters: SearchFilters | None = None) -> dict:
    started = time.perf_counter()
    answer = services.answers.ask(question, filters=filters)
    return {
        "answered": answer.answered,
        "status": answer.status,
        "confidence": answer.confidence,
        "features": answer.features,
        "answer": answer.answer,
        "citations": [c.model_dump(include={"path", "page", "doc_id"}) for c in answer.citations],
        "ms": round((time.perf_counter() - started) * 1000, 1),
    }


def evaluate_question_set(
    questions_file: Path, knowledge: Path, settings: Settings, *, index_dir: Path | None = None
) -> dict:
    questions = load_questions(questions_file)
    with _services(settings, index_dir) as services:
        # the folder's own README describes the documents; it is not one of them
        sources = [p for p in sorted(knowledge.iterdir()) if p.name.lower() != "readme.md"] if knowledge.is_dir() else [
            knowledge
        ]  # fmt: skip
        report = services.ingestor.ingest(sources, progress=False, prune_missing=False)
        if report.failed and not any(q.get("answerable") for q in questions if q.get("sources")):
            raise UserError(f"Die Wissensbasis {knowledge} ließ sich nicht einlesen.")
        rows = []
        for question in questions:
            row = _row(services, question["question"])
            answerable = bool(question["answerable"])
            row.update(
                id=question["id"],
                split=question.get("split", "alle"),
                answerable=answerable,
                fact=answerable and row["answered"] and fact_correct(row["answer"], question["key_facts"]),
                document=answerable and citation_correct(row["citations"], question["sources"], page=False),
                page=answerable and citation_correct(row["citations"], question["sources"]),
            )
            rows.append(row)
        generator = services.generator.name
    return _summary(questions_file.parent.name, generator, rows, failed_files=[f.path for f in report.failed])


def evaluate_xquad(folder: Path, settings: Settings, *, index_dir: Path | None = None) -> dict:
    from assistant.evals.retrieval import index_beir

    dataset = load_beir(folder)
    gold = {item["_id"]: item["answers"] for item in _jsonl(folder / "answers.jsonl")}
    article_split = _article_splits(dataset.corpus)
    paragraph_split = {str(e["_id"]): article_split[str(e.get("title") or "")] for e in dataset.corpus}
    all_ids = [str(e["_id"]) for e in dataset.corpus]
    rng = random.Random(LOO_SEED)
    rows = []
    with _services(settings, index_dir) as services:
        index_beir(dataset, services)
        by_split: dict[str, list[dict]] = {"tune": [], "test": []}
        for query in dataset.queries:
            own = next(iter(dataset.qrels.get(query["_id"], {})), None)
            if own is None or query["_id"] not in gold:
                continue
            by_split[paragraph_split[own]].append(query)
            row = _row(services, str(query["text"]))
            row.update(id=query["_id"], split=paragraph_split[own], answerable=True,
                       fact=row["answered"] and _contains_gold(row["answer"], gold[query["_id"]]),
                       document=any(c["doc_id"] == own for c in row["citations"]))  # fmt: skip
            row["page"] = row["document"]
            rows.append(row)
        for split, queries in by_split.items():
            for query in rng.sample(queries, min(LOO_SAMPLE_PER_SPLIT, len(queries))):
                own = next(iter(dataset.qrels[query["_id"]]))
                others = SearchFilters(doc_ids=[d for d in all_ids if d != own])
                row = _row(services, str(query["text"]), others)
                row.update(id=f"{query['_id']}-ohne-{own}", split=split, answerable=False, fact=False,
                           document=False, page=False)  # fmt: skip
                rows.append(row)
        generator = services.generator.name
    return _summary(dataset.name, generator, rows)


def _contains_gold(answer: str, answers: list[str]) -> bool:
    text = _normalise(answer)
    return any(_normalise(a) in text for a in answers)


def _article_splits(corpus: list[dict]) -> dict[str, str]:
    titles = list(dict.fromkeys(str(e.get("title") or "") for e in corpus))
    return {title: "tune" if n % 2 == 0 else "test" for n, title in enumerate(titles)}


def _jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        raise UserError(f"{path} fehlt (Goldantworten für XQuAD).")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def split_metrics(rows: list[dict]) -> dict:
    answerable = [r for r in rows if r["answerable"]]
    unanswerable = [r for r in rows if not r["answerable"]]

    def share(items: list[dict], key) -> float | None:
        return round(sum(1 for r in items if key(r)) / len(items), 4) if items else None

    times = [r["ms"] for r in rows]
    return {
        "questions": len(rows),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "fact_accuracy": share(answerable, lambda r: r["fact"]),
        "document_cited": share(answerable, lambda r: r["document"]),
        "page_cited": share(answerable, lambda r: r["page"]),
        "false_refusal_rate": share(answerable, lambda r: not r["answered"]),
        "hedged_rate": share(answerable, lambda r: r["status"] == "unsicher"),
        "unanswerable_refused": share(unanswerable, lambda r: not r["answered"]),
        # the harmful error: an unanswerable question answered without the hedge
        "unanswerable_plain": share(unanswerable, lambda r: r["status"] == "beantwortet"),
        "answer_ms": {"p50": round(statistics.median(times), 1) if times else 0.0,
                      "p95": round(sorted(times)[int(0.95 * (len(times) - 1))], 1) if times else 0.0},
    }  # fmt: skip


def _summary(name: str, generator: str, rows: list[dict], failed_files: list[str] | None = None) -> dict:
    splits = sorted({r["split"] for r in rows})
    result = {
        "dataset": name,
        "generator": generator,
        "splits": {split: split_metrics([r for r in rows if r["split"] == split]) for split in splits},
        "rows": rows,
    }
    if failed_files:
        result["failed_files"] = failed_files
    return result
