"""Context recall of the LLM path: is the question's fact in the request the LLM receives?

Runs the real-document question set with ``llm.provider = openai`` against a local OpenAI-compatible HTTP
server (the test suite's recording server) and checks, for every answerable question, whether all its
key facts occur in the messages sent. Usage:

    .venv/bin/python evals/context_recall.py [--split test] [--index-dir DIR]

Writes ``evals/results/context-recall-<split>.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.evals.answers import _normalise, load_questions  # noqa: E402
from assistant.settings import load_settings  # noqa: E402
from assistant.wiring import build_services  # noqa: E402
from tests.integration.openai_server import Reply, ScriptedOpenAI  # noqa: E402

QUESTIONS = ROOT / "evals" / "real-dev" / "questions.jsonl"
KNOWLEDGE = ROOT.parent / "shared" / "data" / "real-dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="test")
    parser.add_argument("--index-dir", type=Path, default=Path("/tmp/context-recall-index"))
    args = parser.parse_args()
    server = ScriptedOpenAI(default=Reply("Dazu enthalten die Dokumente keine Angaben.")).start()
    try:
        settings = load_settings().model_copy(
            update={
                "data_dir": args.index_dir,
                "llm": load_settings().llm.model_copy(
                    update={"provider": "openai", "base_url": server.base_url, "model": "recorder", "api_key": "x"}
                ),
            }
        )
        services = build_services(settings)
        sources = [p for p in sorted(KNOWLEDGE.iterdir()) if p.name.lower() != "readme.md"]  # as eval answers does
        services.ingestor.ingest(sources, progress=False, prune_missing=False)
        rows = []
        for question in load_questions(QUESTIONS):
            if question.get("split") != args.split or not question["answerable"]:
                continue
            before = len(server.requests)
            services.answers.ask(question["question"])
            sent = " ".join(m.get("content", "") for r in server.requests[before:] for m in r.messages)
            text = _normalise(sent)
            rows.append({
                "id": question["id"],
                "llm_called": len(server.requests) > before,
                "recall": all(_normalise(f) in text for f in question["key_facts"]),
                "request_chars": len(sent),
            })  # fmt: skip
        services.catalog.close()
    finally:
        server.stop()
    result = {
        "split": args.split,
        "answerable_questions": len(rows),
        "llm_called": round(sum(r["llm_called"] for r in rows) / max(len(rows), 1), 4),
        "context_recall": round(sum(r["recall"] for r in rows) / max(len(rows), 1), 4),
        "misses": [r["id"] for r in rows if not r["recall"]],
        "rows": rows,
    }
    out = ROOT / "evals" / "results" / f"context-recall-{args.split}.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k != "rows"}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
