"""Benchmark: the keyword index against bm25s and SQLite FTS5 at scale (issue 14, item 4).

Runs on an index that ``bench_search_scale.py`` built (default: the 100k one in its work folder). All
three get the same analysed terms (our German analysis: stems and compound parts with the corpus'
vocabulary), so only the BM25 machinery differs:

- ``ours``: ``CatalogKeywordIndex`` as the product uses it (scipy CSC matrix, scores for every chunk);
- ``bm25s``: ``bm25s.BM25(method="lucene", k1=1.2, b=0.75)`` (the same formula as ours), eager sparse
  scores, top-k with its own selection;
- ``fts5``: an SQLite FTS5 table over the analysed terms (space-separated, ``unicode61`` without
  diacritic removal), ``MATCH 'a OR b …' ORDER BY bm25()``; FTS5 has its own IDF (it can go negative for
  terms in more than half the rows), so rankings differ.

Reports build seconds, resident MB of the built structure, p50/p95 of a top-50 query, and the overlap of
each top-10 with ours. Optional: ``bm25s`` is not a dependency of the product (``pip install bm25s``).
Writes ``benchmarks/results/keyword_alternatives.json``. Not a test: nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import gc
import json
import sqlite3
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.index.catalog import Catalog  # noqa: E402
from assistant.index.keyword_store import CatalogKeywordIndex  # noqa: E402
from benchmarks import scale_corpus  # noqa: E402
from benchmarks.bench_search_scale import _percentiles, _rss_mb  # noqa: E402

CANDIDATES = 50


def _timed(function, questions):
    times, results = [], []
    for question in questions:
        started = time.perf_counter()
        results.append(function(question))
        times.append((time.perf_counter() - started) * 1000)
    p50, p95 = _percentiles(times)
    return {"p50_ms": round(p50, 2), "p95_ms": round(p95, 2)}, results


def _overlap(ours: list[list[str]], theirs: list[list[str]]) -> float:
    shares = [len(set(a[:10]) & set(b[:10])) / max(len(a[:10]), 1) for a, b in zip(ours, theirs, strict=True)]
    return round(statistics.mean(shares), 3)


def run(data_dir: Path, queries: int) -> dict:
    catalog = Catalog(data_dir / "catalog.sqlite3")
    keyword = CatalogKeywordIndex(catalog)
    gc.collect()
    before = _rss_mb()
    started = time.perf_counter()
    keyword.search("Haushalt", 5)
    ours_build = time.perf_counter() - started
    gc.collect()
    ours_mb = _rss_mb() - before
    questions = scale_corpus.questions(scale_corpus.load_documents(limit=1000), queries)
    ours_latency, ours_top = _timed(lambda q: [i for i, _ in keyword.search(q, CANDIDATES)], questions)
    index = keyword._current().index
    ids = index.ids
    analysed = [index.analyse_terms(terms) for _, terms in catalog.iter_terms()]
    order = [chunk_id for chunk_id, _ in catalog.iter_terms()]
    assert order == ids
    result = {
        "chunks": len(ids),
        "queries": len(questions),
        "ours": {"build_seconds": round(ours_build, 1), "resident_mb": round(ours_mb, 1), **ours_latency},
    }
    try:
        import bm25s
    except ImportError:
        result["bm25s"] = "nicht installiert (pip install bm25s)"
    else:
        gc.collect()
        before = _rss_mb()
        started = time.perf_counter()
        retriever = bm25s.BM25(method="lucene", k1=1.2, b=0.75)
        retriever.index(analysed, show_progress=False)
        build = time.perf_counter() - started
        gc.collect()
        size = _rss_mb() - before

        def bm25s_top(question: str) -> list[str]:
            # each distinct term once, as ours scores the distinct columns
            terms = [t for t in dict.fromkeys(index.query_terms(question)) if t in retriever.vocab_dict]
            if not terms:
                return []
            scores = retriever.get_scores(terms)
            top = np.argsort(-scores, kind="stable")[:CANDIDATES]
            return [ids[i] for i in top if scores[i] > 0]

        latency, top = _timed(bm25s_top, questions)
        result["bm25s"] = {"build_seconds": round(build, 1), "resident_mb": round(size, 1), **latency,
                           "top10_overlap_with_ours": _overlap(ours_top, top)}  # fmt: skip
    fts = sqlite3.connect(str(data_dir.parent / f"fts5-{data_dir.name}.sqlite3"))
    fts.execute("DROP TABLE IF EXISTS t")
    started = time.perf_counter()
    fts.execute("CREATE VIRTUAL TABLE t USING fts5(terms, tokenize=\"unicode61 remove_diacritics 0 tokenchars '.,'\")")
    with fts:
        fts.executemany("INSERT INTO t(rowid, terms) VALUES (?, ?)", ((n, " ".join(a)) for n, a in enumerate(analysed)))
    build = time.perf_counter() - started

    def fts_top(question: str) -> list[str]:
        terms = sorted({t for t in index.query_terms(question) if t})
        if not terms:
            return []
        match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        rows = fts.execute("SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT ?", (match, CANDIDATES))
        return [ids[r[0]] for r in rows]

    latency, top = _timed(fts_top, questions)
    result["fts5"] = {"build_seconds": round(build, 1), "resident_mb": "auf der Platte (SQLite-Seitencache)",
                      **latency, "top10_overlap_with_ours": _overlap(ours_top, top)}  # fmt: skip
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, default=Path("/tmp/bench_search_scale/n100000"))
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "keyword_alternatives.json")
    args = parser.parse_args()
    result = run(args.index, args.queries)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
