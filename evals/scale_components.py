"""Component analysis behind ``assistant eval scale`` (issue: retrieval at archive scale).

Rebuilds the retrieval components in memory from the same chunks and cached vectors as the eval
(so a variant costs seconds, not an index build) and scores each on one split, by default the
tuning half — the test half is reported by ``assistant eval scale`` only, after choosing.

    .venv/bin/python evals/scale_components.py --split tune --out evals/results/scale-components-tune.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.evals.bm25_reference import ReferenceBM25
from assistant.evals.scale import ScaleQuestion, read_questions, score
from assistant.evals.scale_corpus import VectorCache, corpus_subset, document_chunks, read_corpus, vector_cache_key
from assistant.index.embedders import SentenceTransformerEmbedder
from assistant.index.keyword import BM25Index
from assistant.ingest.chunking import indexed_text
from assistant.retrieval.fusion import weighted_fusion
from assistant.settings import Settings
from assistant.text.german import base_terms

K = 10


def first_documents(ranked_chunks, chunk_doc, k=K):
    seen: dict[str, None] = {}
    for chunk_id in ranked_chunks:
        doc = chunk_doc[chunk_id]
        if doc not in seen:
            seen[doc] = None
            if len(seen) == k:
                break
    return list(seen)


def top(scores: np.ndarray, ids: list[str], n: int) -> list[tuple[str, float]]:
    n = min(n, len(scores))
    best = np.argpartition(-scores, n - 1)[:n]
    best = best[np.argsort(-scores[best], kind="stable")]
    return [(ids[i], float(scores[i])) for i in best]


def _cached_index(cache: dict[tuple, BM25Index], units, options: dict) -> BM25Index:
    """One BM25 index per option set, built on first use."""
    key = tuple(sorted(options.items()))
    if key not in cache:
        index = BM25Index(**options)
        for unit_id, terms in units:
            index.add_terms(unit_id, terms)
        cache[key] = index
    return cache[key]


class Components:
    def __init__(self, entries, settings: Settings, cache: VectorCache | None, embedder) -> None:
        self.chunk_ids: list[str] = []
        self.chunk_doc: dict[str, str] = {}
        self.chunk_terms: list[list[str]] = []
        chunks_all = []
        for entry in entries:
            for chunk in document_chunks(entry, settings.chunking):
                self.chunk_ids.append(chunk.chunk_id)
                self.chunk_doc[chunk.chunk_id] = entry.doc_id
                self.chunk_terms.append(base_terms(indexed_text(chunk)))
                chunks_all.append(chunk)
        # without a cache only the keyword side is measured (no embedding needed)
        self.vectors = cache.vectors_for(chunks_all, embedder) if cache is not None else None
        self.doc_ids = [e.doc_id for e in entries]
        self.doc_terms = [base_terms(f"{e.title}\n{e.text}") for e in entries]
        self.reference = ReferenceBM25(self.doc_ids, [f"{e.title}\n{e.text}" for e in entries])
        self.chunk_position = {c: n for n, c in enumerate(self.chunk_ids)}
        self.doc_position = {d: n for n, d in enumerate(self.doc_ids)}
        self.chunk_doc_row = np.array([self.doc_position[self.chunk_doc[c]] for c in self.chunk_ids])
        self._chunk_indexes: dict[tuple, BM25Index] = {}
        self._doc_indexes: dict[tuple, BM25Index] = {}

    def chunk_index(self, **options) -> BM25Index:
        return _cached_index(self._chunk_indexes, zip(self.chunk_ids, self.chunk_terms, strict=True), options)

    def doc_index(self, **options) -> BM25Index:
        return _cached_index(self._doc_indexes, zip(self.doc_ids, self.doc_terms, strict=True), options)

    # each returns a document ranking for one query
    def bm25(self, query, vector):
        return self.reference.rank(query, K)

    def keyword_chunks(self, query, vector, **options):
        index = self.chunk_index(**options)
        return first_documents([c for c, _ in index.search(query, 300)], self.chunk_doc)

    def keyword_documents(self, query, vector, **options):
        return [d for d, _ in self.doc_index(**options).search(query, K)]

    def dense(self, query, vector):
        similarities = self.vectors @ vector
        return first_documents([c for c, _ in top(similarities, self.chunk_ids, 300)], self.chunk_doc)

    def hybrid_chunks(
        self, query, vector, keyword_weight=0.7, candidates=50, document_weight=0.0, chunk_options=None,
        doc_options=None,
    ):  # fmt: skip
        """The product's fusion: z-scores over each side's top candidates, both sides scored for the union;
        ``document_weight`` adds the z-score of the chunk's whole document under document-level BM25."""
        keyword_all = self.chunk_index(**(chunk_options or {})).scores(query)
        dense_all = self.vectors @ vector
        keyword = [(c, s) for c, s in top(keyword_all, self.chunk_ids, candidates) if s > 0]
        dense = top(dense_all, self.chunk_ids, candidates)
        union = {c for c, _ in keyword} | {c for c, _ in dense}
        keyword_scores = {c: float(keyword_all[self.chunk_position[c]]) for c in union}
        dense_scores = {c: float(dense_all[self.chunk_position[c]]) for c in union}
        fused = weighted_fusion(
            keyword_scores, [s for _, s in keyword], dense_scores, [s for _, s in dense],
            keyword_weight, 1 - keyword_weight,
        )  # fmt: skip
        if document_weight:
            doc_all = self.doc_index(**(doc_options or {})).scores(query)
            reference = np.sort(doc_all)[-candidates:]
            spread = float(reference.std()) or 1.0
            mean = float(reference.mean())
            for chunk_id in fused:
                doc_score = doc_all[self.chunk_doc_row[self.chunk_position[chunk_id]]]
                fused[chunk_id] += document_weight * (doc_score - mean) / spread
        ranked = sorted(fused, key=lambda c: -fused[c])
        return first_documents(ranked, self.chunk_doc)


def variants_for(components: Components) -> dict[str, Callable]:
    c = components
    variants: dict[str, Callable] = {
        "bm25 (bm25s+Snowball)": c.bm25,
        "keyword chunks (product)": c.keyword_chunks,
        "keyword chunks, no decompounding": lambda q, v: c.keyword_chunks(q, v, decompound=False),
        "keyword chunks, parts 0.3": lambda q, v: c.keyword_chunks(q, v, part_weight=0.3),
        "keyword chunks, b=0.5": lambda q, v: c.keyword_chunks(q, v, b=0.5),
        "keyword documents": c.keyword_documents,
        "keyword documents, no decompounding": lambda q, v: c.keyword_documents(q, v, decompound=False),
        "keyword documents, parts 0.3": lambda q, v: c.keyword_documents(q, v, part_weight=0.3),
        "keyword documents, k1=1.5": lambda q, v: c.keyword_documents(q, v, k1=1.5),
        "dense chunks": c.dense,
    }
    for weight in (0.5, 0.7, 0.9):
        for candidates in (50, 200):
            variants[f"hybrid chunks w={weight} c={candidates}"] = lambda q, v, w=weight, n=candidates: c.hybrid_chunks(
                q, v, w, n
            )
    for document_weight in (0.3, 0.6, 1.0):
        variants[f"hybrid chunks w=0.7 c=50 + document {document_weight}"] = lambda q, v, d=document_weight: (
            c.hybrid_chunks(q, v, 0.7, 50, d)
        )
    options = {"no decompounding": {"decompound": False}, "parts 0.3": {"part_weight": 0.3}, "default": {}}
    for weight, candidates, document_weight, doc_kind in [
        (0.7, 200, 1.0, "no decompounding"),
        (0.7, 200, 2.0, "no decompounding"),
        (0.7, 50, 1.0, "no decompounding"),
        (0.8, 200, 1.0, "parts 0.3"),
        (0.7, 200, 1.0, "default"),
        (1.0, 200, 1.0, "no decompounding"),
    ]:
        variants[f"hybrid+doc w={weight} c={candidates} d={document_weight} ({doc_kind})"] = (
            lambda q, v, w=weight, n=candidates, d=document_weight, o=options[doc_kind]: c.hybrid_chunks(
                q, v, w, n, d, doc_options=o
            )
        )
    return variants


def run(entries, questions: list[ScaleQuestion], settings, cache, embedder, vectors, only: str | None) -> dict:
    components = Components(entries, settings, cache, embedder)
    results = {}
    for name, rank in variants_for(components).items():
        if (only and only not in name) or (components.vectors is None and ("dense" in name or "hybrid" in name)):
            continue
        rankings = {q.id: rank(q.question, vectors[q.id]) for q in questions}
        results[name] = score(rankings, questions)
        print(f"  {name:50} MRR@10 {results[name]['mrr@10']:.3f}  R@1 {results[name]['recall@1']:.3f}  "
              f"R@5 {results[name]['recall@5']:.3f}", flush=True)  # fmt: skip
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/data/karlsruhe-dev/corpus.jsonl"))
    parser.add_argument("--questions", type=Path, default=Path("evals/karlsruhe-dev/questions.jsonl"))
    parser.add_argument("--work-dir", type=Path, default=Path("evals/.scale"))
    parser.add_argument("--split", default="tune")
    parser.add_argument("--sizes", default="400,4000")
    parser.add_argument("--only", help="nur Varianten, deren Name dies enthält")
    parser.add_argument("--cached-only", action="store_true", help="nur Dokumente mit fertigen Vektoren")
    parser.add_argument("--keyword-only", action="store_true", help="nur die Schlagwortseite (ohne Vektoren)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    settings = Settings()
    entries = read_corpus(args.corpus)
    questions = [q for q in read_questions(args.questions) if q.split == args.split]
    embedder = SentenceTransformerEmbedder(settings.embedding)
    vectors = {q.id: np.asarray(embedder.embed_query(q.question), dtype=np.float32) for q in questions}
    cache = None if args.keyword_only else VectorCache(args.work_dir / "cache", vector_cache_key(settings))
    report = {"split": args.split, "questions": len(questions), "sizes": {}}
    for size in [int(s) for s in args.sizes.split(",")]:
        subset = corpus_subset(entries, size, [d for q in read_questions(args.questions) for d in q.relevant])
        if args.cached_only and cache is not None:
            # while the large size is still being embedded: its documents whose vectors are ready
            subset = [e for e in subset if all(cache.has(c.chunk_id) for c in document_chunks(e, settings.chunking))]
        print(f"{len(subset)} Dokumente ({args.split}, {len(questions)} Fragen)", flush=True)
        report["sizes"][str(len(subset))] = run(subset, questions, settings, cache, embedder, vectors, args.only)
    if args.out:
        args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
