"""Every document matching a query, as a sorted array, for the exact total and the facets.

Whoosh's ``docs_for_query`` walks the query's matcher tree one document at a
time (for a word searched in nine fields, nine matchers behind a union, in
Python). Here words are read as whole posting blocks and combined as sorted
numpy arrays (AND, OR, NOT of words: a mark per document of the index, in C), exact phrases
found by phrases.py; any other query (ranges, prefixes...) is left to Whoosh. The result is
the same set of documents, in ascending order, each once.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from whoosh import query as wq
from whoosh.searching import Searcher as WhooshSearcher

from briefing.core.library.postings_file import PostingsFiles
from briefing.core.library.query import FastPhrase
from briefing.core.library.whoosh_compat import posting_ids

DocArray = npt.NDArray[np.int64]


def matching_docs(searcher: WhooshSearcher, q: wq.Query, files: PostingsFiles | None = None) -> DocArray:
    """The global numbers of the live documents that match ``q``, ascending, without repeats; a
    word's documents read from the segment's saved postings (``files``) when it has them."""
    return _docs(searcher, q, files)


def _empty() -> DocArray:
    return np.zeros(0, dtype=np.int64)


def _within(found: DocArray, other: DocArray, count: int) -> DocArray:
    """The documents of ``found`` also in ``other`` (a mark per document: no sort)."""
    marked = np.zeros(count, dtype=bool)
    marked[other] = True
    return found[marked[found]]


def _union(parts: list[DocArray], count: int) -> DocArray:
    """The documents of any of ``parts``, ascending, each once (a mark per document: no sort)."""
    marked = np.zeros(count, dtype=bool)
    for part in parts:
        marked[part] = True
    return np.flatnonzero(marked).astype(np.int64)


def _sorted_unique(ids: object) -> DocArray:
    return np.unique(np.fromiter(ids, dtype=np.int64))  # type: ignore[call-overload]


def _docs(searcher: WhooshSearcher, q: wq.Query, files: PostingsFiles | None) -> DocArray:
    kind = type(q)
    if kind is wq.Term:
        return _term_docs(searcher, q.fieldname, q.text, files)
    if kind in (wq.And, wq.Require):
        children = list(q.children())
        if not children:
            return _empty()
        found = _docs(searcher, children[0], files)
        for child in children[1:]:
            if not len(found):
                break
            found = _within(found, _docs(searcher, child, files), searcher.doc_count_all())
        return found
    if kind is wq.Or and getattr(q, "minmatch", 0) in (0, 1):
        parts = [_docs(searcher, child, files) for child in q.children()]
        parts = [part for part in parts if len(part)]
        if not parts:
            return _empty()
        return parts[0] if len(parts) == 1 else _union(parts, searcher.doc_count_all())
    if kind is wq.AndMaybe:
        return _docs(searcher, q.a, files)
    if kind is wq.AndNot:
        found = _docs(searcher, q.a, files)
        if not len(found):
            return found
        excluded = np.zeros(searcher.doc_count_all(), dtype=bool)
        excluded[_docs(searcher, q.b, files)] = True
        return found[~excluded[found]]
    if kind is FastPhrase:
        phrase = _phrase_docs(searcher, q)
        if phrase is not None:
            return phrase
    if kind is wq.Every and not getattr(q, "fieldname", None):
        return _sorted_unique(searcher.reader().all_doc_ids())
    if q is wq.NullQuery:
        return _empty()
    return _sorted_unique(searcher.docs_for_query(q))


def _segments(searcher: WhooshSearcher) -> list[tuple[WhooshSearcher, int]]:
    if searcher.is_atomic():
        return [(searcher, 0)]
    return list(searcher.subsearchers or [])


def _phrase_docs(searcher: WhooshSearcher, q: FastPhrase) -> DocArray | None:
    """An exact phrase's documents, found by phrases.py in each segment; None when it cannot."""
    parts: list[DocArray] = []
    for sub, offset in _segments(searcher):
        found = q.segment_matches(sub, sub.weighting)
        if found is None:
            return None
        parts.append(found.docs + offset)
    return np.concatenate(parts) if parts else _empty()


def _term_docs(
    searcher: WhooshSearcher, fieldname: str, text: str | bytes, files: PostingsFiles | None
) -> DocArray:
    if fieldname not in searcher.schema:
        return _empty()
    try:
        term = searcher.schema[fieldname].to_bytes(text) if isinstance(text, str) else text
    except ValueError:
        return _empty()
    parts: list[DocArray] = []
    for sub, offset in _segments(searcher):
        reader = sub.reader()
        if (fieldname, term) not in reader:
            continue
        saved = files.of(reader) if files is not None else None
        listed = saved.postings(fieldname, term) if saved is not None else None
        if listed is not None:
            ids = listed[0].astype(np.int64)
            deleted = reader.deleted_docs_set
            if deleted:
                ids = ids[~np.isin(ids, np.fromiter(deleted, dtype=np.int64, count=len(deleted)))]
            parts.append(ids + offset)
            continue
        parts.append(np.fromiter(posting_ids(reader.postings(fieldname, term)), dtype=np.int64) + offset)
    if not parts:
        return _empty()
    found = parts[0] if len(parts) == 1 else np.concatenate(parts)
    # A posting list is ascending and segments follow one another, so this is sorted; make sure.
    if len(found) > 1 and not bool(np.all(found[1:] > found[:-1])):
        found = np.unique(found)
    return found
