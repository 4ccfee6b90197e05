"""Metadata filters as numpy masks over the keyword index's units.

The same rule as :func:`assistant.index.catalog.filter_matches`, computed on columns instead of once per
chunk in Python: at 100,000 chunks the per-chunk loop took longer than the search itself
(``benchmarks/bench_search_scale.py``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import numpy as np

from assistant.models import SearchFilters

_UNDATED = -1  # below every real date ordinal: an undated chunk fails any date bound


class MetadataColumns:
    """doc_type, doc_id and Stand of each unit, aligned with the index's unit order."""

    def __init__(self, ids: Sequence[str], metadata: Mapping[str, tuple[str, str | None, str]]) -> None:
        self._type_codes: dict[str, int] = {}
        self._doc_codes: dict[str, int] = {}
        types = np.empty(len(ids), dtype=np.int32)
        docs = np.empty(len(ids), dtype=np.int32)
        stands = np.empty(len(ids), dtype=np.int32)
        ordinals: dict[str, int] = {}
        for row, unit_id in enumerate(ids):
            doc_type, stand, doc_id = metadata[unit_id]
            types[row] = self._type_codes.setdefault(doc_type, len(self._type_codes))
            docs[row] = self._doc_codes.setdefault(doc_id, len(self._doc_codes))
            if stand:
                ordinal = ordinals.get(stand)
                if ordinal is None:
                    ordinal = ordinals[stand] = date.fromisoformat(stand).toordinal()
                stands[row] = ordinal
            else:
                stands[row] = _UNDATED
        self._types, self._docs, self._stands = types, docs, stands

    def state(self) -> tuple[dict, dict[str, np.ndarray]]:
        values = {"type_codes": self._type_codes, "doc_codes": self._doc_codes}
        return values, {"types": self._types, "docs": self._docs, "stands": self._stands}

    @classmethod
    def from_state(cls, values: dict, arrays: dict[str, np.ndarray]) -> MetadataColumns:
        columns = cls([], {})
        columns._type_codes, columns._doc_codes = dict(values["type_codes"]), dict(values["doc_codes"])
        columns._types, columns._docs, columns._stands = arrays["types"], arrays["docs"], arrays["stands"]
        return columns

    def mask(self, filters: SearchFilters | None) -> np.ndarray | None:
        """Boolean mask of the units that pass, or None when nothing is filtered."""
        if filters is None or filters.is_empty():
            return None
        allowed = np.ones(len(self._types), dtype=bool)
        if filters.doc_types:
            allowed &= _member(self._types, self._type_codes, filters.doc_types)
        if filters.doc_ids:
            allowed &= _member(self._docs, self._doc_codes, filters.doc_ids)
        if filters.stand_from or filters.stand_to:
            allowed &= self._stands != _UNDATED
            if filters.stand_from:
                allowed &= self._stands >= filters.stand_from.toordinal()
            if filters.stand_to:
                allowed &= self._stands <= filters.stand_to.toordinal()
        return allowed


def _member(column: np.ndarray, codes: Mapping[str, int], wanted: Sequence[str]) -> np.ndarray:
    wanted_codes = [codes[value] for value in wanted if value in codes]
    return np.isin(column, np.asarray(wanted_codes, dtype=np.int32))
