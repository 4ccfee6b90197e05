"""GQ-06: two strategic goals that say the same thing, judged on meaning.

Score = w · lexical + (1 − w) · embedding cosine (see :mod:`assistant.goals.similarity`). Only pairs
whose lexical score could still reach the threshold with a perfect cosine are embedded, so unrelated
goals cost no model time; cosines are rounded so the result does not depend on batch composition.
"""

from __future__ import annotations

import numpy as np

from assistant.goals.coercion import fold_key
from assistant.goals.rules.base import Rule, number, quote
from assistant.goals.similarity import content_words, lexical_matrix
from assistant.index.base import Embedder
from assistant.settings import PruefungSettings


class NearDuplicates(Rule):
    id = "GQ-06"
    title = "Keine Doppelungen"
    text = (
        "Zwei strategische Ziele sagen nicht dasselbe (beurteilt nach der Bedeutung: gleiche Wörter, "
        "Wortstämme, Komposita-Teile und Synonyme, ergänzt um die Ähnlichkeit der Satz-Embeddings)."
    )
    severity = "warning"
    basis = "Praxis – Fokussierung auf wenige, wesentliche Ziele: jede Doppelung verwässert die Priorität."

    def __init__(self, settings: PruefungSettings, embedder: Embedder) -> None:
        super().__init__(settings)
        self.embedder = embedder

    def scores(self, titles: list[str], ignore: frozenset[str] = frozenset()) -> np.ndarray:
        """Pairwise duplicate scores (n×n); pairs that cannot reach the threshold stay below it."""
        weight, threshold = self.settings.duplikat_gewicht_lexikalisch, self.settings.duplikat_schwelle
        lexical = lexical_matrix([content_words(t, ignore) for t in titles])
        scores = weight * lexical
        reachable = np.triu(scores + (1 - weight) >= threshold, k=1)
        pairs = np.argwhere(reachable)
        if len(pairs) == 0 or weight >= 1.0:
            return scores
        members = sorted({int(i) for pair in pairs for i in pair})
        texts = sorted({titles[i] for i in members})
        vectors = self.embedder.embed_documents(texts)
        row = {text: k for k, text in enumerate(texts)}
        for i, j in pairs:
            cosine = float(np.round(vectors[row[titles[i]]] @ vectors[row[titles[j]]], 4))
            scores[i, j] = scores[j, i] = weight * lexical[i, j] + (1 - weight) * cosine
        return scores

    def check(self, view):
        refs = view.strategic
        town = frozenset(fold_key(part) for part in view.goal_set.municipality.split())
        scores = self.scores([ref.goal.title for ref in refs], town)
        threshold = self.settings.duplikat_schwelle
        for j, later in enumerate(refs):
            for i in range(j):
                if scores[i, j] >= threshold:
                    earlier = refs[i]
                    score = number(float(scores[i, j]), 2)
                    yield self.finding(
                        later.at("titel"),
                        f"Ziel {later.id} {quote(later.goal.title, 60)} sagt fast dasselbe wie Ziel "
                        f"{earlier.id} {quote(earlier.goal.title, 60)} (Ähnlichkeit {score}).",
                        f"Führen Sie Ziel {later.id} und Ziel {earlier.id} zu einem Ziel zusammen oder "
                        "schärfen Sie, welche unterschiedliche Wirkung jedes der beiden beschreibt.",
                        goal=later,
                    )


RULES = [NearDuplicates]
