"""``assistant eval answers``: fact, citation and refusal accuracy on evals/answers/questions.jsonl.

The knowledge folder is indexed into a fresh temporary store through the product pipeline.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from assistant.errors import UserError
from assistant.settings import Settings
from assistant.wiring import build_services


def _normalise(text: str) -> str:
    text = text.replace("\u2212", "-").replace("\u2013", "-").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).lower()


def load_questions(path: Path) -> list[dict]:
    if not path.is_file():
        raise UserError(f"Die Fragendatei {path} fehlt.")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def fact_correct(answer_text: str, key_facts: list[str]) -> bool:
    text = _normalise(answer_text)
    return all(_normalise(fact) in text for fact in key_facts)


def citation_correct(citations: list[dict], sources: list[dict]) -> bool:
    for citation in citations:
        name = Path(citation.get("path") or "").name
        for source in sources:
            if name == Path(source["file"]).name and (source.get("page") in (None, citation.get("page"))):
                return True
    return False


def best_threshold(scores: list[tuple[float, bool]]) -> float:
    """Threshold that maximises correct decisions (answer answerable, refuse the rest)."""
    candidates = sorted({round(s, 3) for s, _ in scores})
    best, best_correct = 0.0, -1
    for threshold in candidates:
        correct = sum((s >= threshold) == answerable for s, answerable in scores)
        if correct > best_correct:
            best, best_correct = threshold, correct
    # midpoint to the next lower score: the least arbitrary cut between the two groups
    lower = [s for s, _ in scores if round(s, 3) < best]
    return round((best + max(lower)) / 2, 3) if lower else best


def evaluate_answers(
    questions_file: Path, knowledge: Path, settings: Settings, *, calibrate: bool = False
) -> dict:
    questions = load_questions(questions_file)
    with tempfile.TemporaryDirectory(prefix="assistant-answers-") as temporary:
        run_settings = settings.model_copy(update={"data_dir": Path(temporary)})
        services = build_services(run_settings)
        report = services.ingestor.ingest([knowledge], progress=False)
        if report.failed:
            raise UserError(f"Die Wissensbasis {knowledge} ließ sich nicht vollständig einlesen.")
        rows = []
        for question in questions:
            answer = services.answers.ask(question["question"])
            citations = [c.model_dump() for c in answer.citations]
            rows.append(
                {
                    "id": question["id"],
                    "answerable": question["answerable"],
                    "answered": answer.answered,
                    "relevance": answer.relevance,
                    "fact": question["answerable"]
                    and answer.answered
                    and fact_correct(answer.answer, question["key_facts"]),
                    "citation": question["answerable"] and citation_correct(citations, question["sources"]),
                    "answer": answer.answer,
                }
            )
        services.catalog.close()
    answerable = [r for r in rows if r["answerable"]]
    unanswerable = [r for r in rows if not r["answerable"]]
    result = {
        "questions": len(rows),
        "generator": services.generator.name,
        "fact_accuracy": round(sum(r["fact"] for r in answerable) / max(len(answerable), 1), 4),
        "citation_accuracy": round(sum(r["citation"] for r in answerable) / max(len(answerable), 1), 4),
        "refusal_accuracy": round(
            sum(not r["answered"] for r in unanswerable) / max(len(unanswerable), 1), 4
        ),
        "false_refusals": sum(not r["answered"] for r in answerable),
        "threshold": settings.answer.min_relevance,
        "failures": [
            {k: r[k] for k in ("id", "answerable", "answered", "relevance", "answer")}
            for r in rows
            if (r["answerable"] and not (r["fact"] and r["citation"]))
            or (not r["answerable"] and r["answered"])
        ],
    }
    if calibrate:
        result["calibration"] = {
            "best_threshold": best_threshold([(r["relevance"], r["answerable"]) for r in rows]),
            "scores": sorted(((r["relevance"], r["answerable"], r["id"]) for r in rows), reverse=True),
        }
    return result
