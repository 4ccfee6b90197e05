"""What made the vectors of an index: kept per document, compared before search and before skipping a file.

A document whose vectors another model or backend made is embedded again by the next ingest (even when its
file is unchanged); until then search refuses with a German sentence that says how to fix it, instead of
comparing vectors of two different models.
"""

from __future__ import annotations

from assistant.errors import UserError
from assistant.index.base import Embedder
from assistant.index.catalog import Catalog


def vectors_identity(embedder: Embedder) -> str:
    """The embedder's model (and backend unless torch); test fakes are named by their class."""
    return getattr(embedder, "model_name", type(embedder).__name__)


def legacy_identity(model: str) -> str:
    """Documents from before the identity was kept were embedded with torch and the configured model."""
    return model


def ensure_vectors_match(catalog: Catalog, embedder: Embedder, model: str) -> None:
    others = catalog.embeddings_other_than(vectors_identity(embedder), legacy_identity(model))
    if not others:
        return
    count = sum(others.values())
    made_by = ", ".join(f"„{name}“" for name in sorted(others))
    raise UserError(
        f"{count} Dokument(e) der Wissensbasis wurden mit einem anderen Embedding-Modell eingebettet ({made_by}), "
        f"eingestellt ist „{vectors_identity(embedder)}“. „assistant ingest ORDNER“ bettet sie neu ein "
        "(nur diese Dokumente; unterbrochen setzt es fort), oder stellen Sie das frühere Modell wieder ein."
    )
