"""Facet counts over a set of matched documents, from per-segment arrays counted with numpy.

A segment's facet values never change (only deletions, and deleted documents
never match), so each segment's arrays are read once (from the file its writer
saved, else from its postings: facet_columns.py) and kept across searcher
generations; a commit only costs the new segments.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
from whoosh.searching import Searcher as WhooshSearcher

from briefing.core.library import facet_columns
from briefing.core.library.facet_columns import Columns
from briefing.core.library.schema import FACET_KEYS

FACET_TOP = 20


class FacetTable:
    """Facet values of every document of one searcher generation, from cached per-segment columns."""

    def __init__(
        self, searcher: WhooshSearcher, cache: dict[str, Columns], index_dir: Path | None = None
    ) -> None:
        self.doc_count = searcher.reader().doc_count_all()
        parts: list[tuple[Columns, int]] = []
        live: set[str] = set()
        for sub, offset in _segments(searcher):
            reader = sub.reader()
            segment_of = getattr(reader, "segment", None)
            # A reader of an index with nothing committed yet has no segment.
            segment = segment_of() if segment_of is not None else None
            segment_id = segment.segment_id() if segment is not None else None
            columns = cache.get(segment_id) if segment_id else None
            if columns is None and segment_id and index_dir is not None:
                columns = facet_columns.load(index_dir, segment_id, reader.doc_count_all())
            if columns is None:
                columns = facet_columns.read_columns(reader)
            if segment_id:
                cache[segment_id] = columns
                live.add(segment_id)
            parts.append((columns, offset))
        for gone in set(cache) - live:
            del cache[gone]
        self.names: dict[str, list[str]] = {}
        self.docs: dict[str, np.ndarray] = {}
        self.values: dict[str, np.ndarray] = {}
        for key in FACET_KEYS:
            ids: dict[str, int] = {}
            docs, values = [], []
            for columns, offset in parts:
                column = columns[key]
                remap = np.array([ids.setdefault(n, len(ids)) for n in column.names], dtype=np.int64)
                docs.append(column.docs + offset)
                values.append(remap[column.values] if len(remap) else column.values)
            self.names[key] = list(ids)
            self.docs[key] = np.concatenate(docs) if docs else np.zeros(0, dtype=np.int64)
            self.values[key] = np.concatenate(values) if values else np.zeros(0, dtype=np.int64)

    def counts(self, docnums: Iterable[int], top: int = FACET_TOP) -> dict[str, dict[str, int]]:
        """The ``top`` most frequent values of each facet among ``docnums`` (ties by name)."""
        matched = np.zeros(self.doc_count, dtype=bool)
        wanted = docnums if isinstance(docnums, np.ndarray) else np.fromiter(docnums, dtype=np.int64)
        matched[wanted] = True
        out: dict[str, dict[str, int]] = {}
        for key in FACET_KEYS:
            names = self.names[key]
            hits = self.values[key][matched[self.docs[key]]]
            tally = np.bincount(hits, minlength=len(names))
            present = np.flatnonzero(tally)
            if len(present) > top:
                # Everything at least as frequent as the top-th value (ties are settled by name below).
                threshold = np.partition(tally[present], len(present) - top)[len(present) - top]
                present = present[tally[present] >= threshold]
            ranked = sorted(present.tolist(), key=lambda i: (-int(tally[i]), names[i].casefold()))[:top]
            out[key] = {names[i]: int(tally[i]) for i in ranked}
        return out


def _segments(searcher: WhooshSearcher) -> list[tuple[WhooshSearcher, int]]:
    if searcher.is_atomic():
        return [(searcher, 0)]
    return list(searcher.subsearchers or [])
