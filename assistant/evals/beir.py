"""Reading a BEIR folder: corpus.jsonl, queries.jsonl, qrels.tsv."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import UserError


@dataclass
class BeirSet:
    name: str
    corpus: list[dict]
    queries: list[dict]
    qrels: dict[str, dict[str, int]]


def _read_jsonl(path: Path) -> list[dict]:
    items = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise UserError(f"{path}, Zeile {number}: kein gültiges JSON ({exc.msg}).") from exc
    return items


def load_beir(folder: Path) -> BeirSet:
    needed = ["corpus.jsonl", "queries.jsonl", "qrels.tsv"]
    missing = [n for n in needed if not (folder / n).is_file()]
    if missing:
        raise UserError(f"Im BEIR-Ordner {folder} fehlen: {', '.join(missing)}.")
    qrels: dict[str, dict[str, int]] = {}
    with (folder / "qrels.tsv").open(encoding="utf-8") as handle:
        reader = csv.reader(handle, delimiter="\t")
        header = next(reader, None)
        if header and header[0] != "query-id":
            handle.seek(0)
            reader = csv.reader(handle, delimiter="\t")
        for row in reader:
            if len(row) >= 3 and int(row[2]) > 0:
                qrels.setdefault(row[0], {})[row[1]] = int(row[2])
    queries = [q for q in _read_jsonl(folder / "queries.jsonl") if q["_id"] in qrels]
    return BeirSet(folder.name, _read_jsonl(folder / "corpus.jsonl"), queries, qrels)
