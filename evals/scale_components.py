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


class Components:
    def __init__(self, entries, settings: Settings, cache: VectorCache, embedder, index_options: dict) -> None:
        self.chunk_ids: list[str] = []
        self.chunk_doc: dict[str, str] = {}
        texts: list[str] = []
        chunks_all = []
        for entry in entries:
            for chunk in document_chunks(entry, settings.chunking):
                self.chunk_ids.append(chunk.chunk_id)
                self.chunk_doc[chunk.chunk_id] = entry.doc_id
                texts.append(indexed_text(chunk))
                chunks_all.append(chunk)
        self.vectors = cache.vectors_for(chunks_all, embedder)
        self.doc_ids = [e.doc_id for e in entries]
        self.chunk_bm25 = BM25Index(**index_options)
        for chunk_id, text in zip(self.chunk_ids, texts, strict=True):
            self.chunk_bm25.add_terms(chunk_id, base_terms(text))
        self.doc_bm25 = BM25Index(**index_options)
        for entry in entries:
            self.doc_bm25.add_terms(entry.doc_id, base_terms(f"{entry.title}\n{entry.text}"))
        self.reference = ReferenceBM25(self.doc_ids, [f"{e.title}\n{e.text}" for e in entries])
        self.chunk_position = {c: n for n, c in enumerate(self.chunk_ids)}

    # each returns a document ranking for one query
    def bm25(self, query, vector):
        return self.reference.rank(query, K)

    def keyword_chunks(self, query, vector):
        return first_documents([c for c, _ in self.chunk_bm25.search(query, 200)], self.chunk_doc)

    def keyword_documents(self, query, vector):
        return [d for d, _ in self.doc_bm25.search(query, K)]

    def dense(self, query, vector):
        similarities = self.vectors @ vector
        return first_documents([c for c, _ in top(similarities, self.chunk_ids, 300)], self.chunk_doc)

    def hybrid_chunks(self, query, vector, keyword_weight=0.7, candidates=50):
        """The product's fusion: z-scores over each side's top candidates, both sides scored for the union."""
        keyword_all = self.chunk_bm25.scores(query)
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
        ranked = sorted(fused, key=lambda c: -fused[c])
        return first_documents(ranked, self.chunk_doc)


def run(entries, questions: list[ScaleQuestion], settings, cache, embedder, vectors, index_options) -> dict:
    components = Components(entries, settings, cache, embedder, index_options)
    variants: dict[str, Callable] = {
        "bm25 (bm25s+Snowball)": components.bm25,
        "keyword chunks (product)": components.keyword_chunks,
        "keyword documents": components.keyword_documents,
        "dense chunks": components.dense,
    }
    for weight in (0.5, 0.7, 0.8, 0.9):
        for candidates in (50, 200):
            variants[f"hybrid chunks w={weight} c={candidates}"] = lambda q, v, w=weight, c=candidates: (
                components.hybrid_chunks(q, v, w, c)
            )
    results = {}
    for name, rank in variants.items():
        rankings = {q.id: rank(q.question, vectors[q.id]) for q in questions}
        results[name] = score(rankings, questions)
        print(f"  {name:40} MRR@10 {results[name]['mrr@10']:.3f}  R@1 {results[name]['recall@1']:.3f}  "
              f"R@5 {results[name]['recall@5']:.3f}", flush=True)  # fmt: skip
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/data/karlsruhe-dev/corpus.jsonl"))
    parser.add_argument("--questions", type=Path, default=Path("evals/karlsruhe-dev/questions.jsonl"))
    parser.add_argument("--work-dir", type=Path, default=Path("evals/.scale"))
    parser.add_argument("--split", default="tune")
    parser.add_argument("--sizes", default="400,4000")
    parser.add_argument("--k1", type=float, default=1.2)
    parser.add_argument("--b", type=float, default=0.75)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    settings = Settings()
    entries = read_corpus(args.corpus)
    questions = [q for q in read_questions(args.questions) if q.split == args.split]
    embedder = SentenceTransformerEmbedder(settings.embedding)
    vectors = {q.id: np.asarray(embedder.embed_query(q.question), dtype=np.float32) for q in questions}
    cache = VectorCache(args.work_dir / "cache", vector_cache_key(settings))
    report = {"split": args.split, "questions": len(questions), "sizes": {}}
    for size in [int(s) for s in args.sizes.split(",")]:
        subset = corpus_subset(entries, size, [d for q in read_questions(args.questions) for d in q.relevant])
        print(f"{len(subset)} Dokumente ({args.split}, {len(questions)} Fragen)", flush=True)
        report["sizes"][str(len(subset))] = run(
            subset, questions, settings, cache, embedder, vectors, {"k1": args.k1, "b": args.b}
        )
    if args.out:
        args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
