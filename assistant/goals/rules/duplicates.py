"""GQ-06: two strategic goals that say the same thing, judged on meaning.

Score = w · lexical + (1 − w) · embedding cosine (see :mod:`assistant.goals.similarity`). Only goals
with a partner whose lexical score could still reach the threshold with a perfect cosine are embedded,
each distinct statement once, so unrelated goals cost no model time; cosines are rounded so the result
does not depend on batch composition.

Each goal gets at most one finding, for its closest earlier duplicate: 1,000 goals from one template give
999 findings, not half a million pairs. Without the embedding model (not installed, not loadable) the
rule judges on words alone and says so in the message.
"""

from __future__ import annotations

import numpy as np

from assistant.errors import ModelUnavailable
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
        "Wortstämme, Komposita-Teile und Synonyme, ergänzt um die Ähnlichkeit der Satz-Embeddings). "
        "Je Ziel wird die ähnlichste frühere Doppelung genannt."
    )
    severity = "warning"
    basis = "Praxis – Fokussierung auf wenige, wesentliche Ziele: jede Doppelung verwässert die Priorität."

    def __init__(self, settings: PruefungSettings, embedder: Embedder | None) -> None:
        super().__init__(settings)
        self.embedder = embedder
        self.without_model = embedder is None  # set when the model turns out to be unavailable

    def scores(self, titles: list[str], ignore: frozenset[str] = frozenset()) -> np.ndarray:
        """Pairwise duplicate scores (n×n); pairs that cannot reach the threshold stay below it."""
        weight, threshold = self.settings.duplikat_gewicht_lexikalisch, self.settings.duplikat_schwelle
        lexical = lexical_matrix([content_words(t, ignore) for t in titles])
        scores = weight * lexical
        reachable = scores + (1 - weight) >= threshold
        np.fill_diagonal(reachable, False)
        members = np.flatnonzero(reachable.any(axis=0))
        if len(members) == 0 or weight >= 1.0:
            return scores
        block = np.ix_(members, members)
        cosines = self._cosines([titles[i] for i in members])
        # without the model: words alone, on the same scale (the cosine taken to agree with them)
        combined = lexical[block] if cosines is None else weight * lexical[block] + (1 - weight) * cosines
        scores[block] = np.where(reachable[block], combined, scores[block])
        return scores

    def _cosines(self, titles: list[str]) -> np.ndarray | None:
        if self.embedder is None:
            return None
        distinct = sorted(set(titles))
        try:
            vectors = np.asarray(self.embedder.embed_documents(distinct), dtype=np.float32)
        except ModelUnavailable:
            self.without_model = True
            return None
        position = {text: k for k, text in enumerate(distinct)}
        rows = vectors[[position[t] for t in titles]]
        return np.round(rows @ rows.T, 4)

    def check(self, view):
        refs = view.strategic
        if len(refs) < 2:
            return
        town = frozenset(fold_key(part) for part in view.goal_set.municipality.split())
        scores = self.scores([ref.goal.title for ref in refs], town)
        threshold = self.settings.duplikat_schwelle
        earlier = np.where(np.triu(np.ones_like(scores, dtype=bool), k=1), scores, -1.0)
        closest, best = earlier.argmax(axis=0), earlier.max(axis=0)  # argmax: the first on ties
        how = "; ohne Embedding-Modell nur nach Wörtern beurteilt" if self.without_model else ""
        for j in np.flatnonzero(best >= threshold):
            later, first = refs[int(j)], refs[int(closest[j])]
            score = number(float(best[j]), 2)
            yield self.finding(
                later.at("titel"),
                f"Ziel {later.id} {quote(later.goal.title, 60)} sagt fast dasselbe wie Ziel "
                f"{first.id} {quote(first.goal.title, 60)} (Ähnlichkeit {score}{how}).",
                f"Führen Sie Ziel {later.id} und Ziel {first.id} zu einem Ziel zusammen oder "
                "schärfen Sie, welche unterschiedliche Wirkung jedes der beiden beschreibt.",
                goal=later,
            )


RULES = [NearDuplicates]
