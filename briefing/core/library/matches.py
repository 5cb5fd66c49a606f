"""Every document matching a query, as a set, for the exact total and the facets.

Whoosh's ``docs_for_query`` walks the query's matcher tree one document at a
time (for a word searched in nine fields, nine matchers behind a union, in
Python). Here words are read as whole posting blocks and combined with set
operations (AND, OR, NOT of words); any other query (phrases, ranges,
prefixes...) is left to Whoosh. The result is the same set of documents.
"""

from __future__ import annotations

from collections.abc import Iterable

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import Matcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.searching import Searcher as WhooshSearcher


def matching_docs(searcher: WhooshSearcher, q: wq.Query) -> set[int]:
    """The global numbers of the live documents that match ``q``."""
    return _docs(searcher, q)


def _docs(searcher: WhooshSearcher, q: wq.Query) -> set[int]:
    kind = type(q)
    if kind is wq.Term:
        return _term_docs(searcher, q.fieldname, q.text)  # type: ignore[attr-defined]
    if kind in (wq.And, wq.Require):
        children = list(q.children())
        if not children:
            return set()
        found = _docs(searcher, children[0])
        for child in children[1:]:
            if not found:
                break
            found &= _docs(searcher, child)
        return found
    if kind is wq.Or and getattr(q, "minmatch", 0) in (0, 1):
        found = set()
        for child in q.children():
            found |= _docs(searcher, child)
        return found
    if kind is wq.AndMaybe:
        return _docs(searcher, q.a)  # type: ignore[attr-defined]
    if kind is wq.AndNot:
        found = _docs(searcher, q.a)  # type: ignore[attr-defined]
        return found - _docs(searcher, q.b) if found else found  # type: ignore[attr-defined]
    if kind is wq.Every and not getattr(q, "fieldname", None):
        return set(searcher.reader().all_doc_ids())
    if q is wq.NullQuery:
        return set()
    return set(searcher.docs_for_query(q))


def _segments(searcher: WhooshSearcher) -> list[tuple[WhooshSearcher, int]]:
    if searcher.is_atomic():
        return [(searcher, 0)]
    return list(searcher.subsearchers or [])


def _term_docs(searcher: WhooshSearcher, fieldname: str, text: str | bytes) -> set[int]:
    if fieldname not in searcher.schema:
        return set()
    try:
        term = searcher.schema[fieldname].to_bytes(text) if isinstance(text, str) else text
    except ValueError:
        return set()
    found: set[int] = set()
    for sub, offset in _segments(searcher):
        reader = sub.reader()
        if (fieldname, term) not in reader:
            continue
        ids = _posting_ids(reader.postings(fieldname, term))
        found.update(ids if offset == 0 else (offset + d for d in ids))
    return found


def _posting_ids(matcher: Matcher) -> Iterable[int]:
    """The document numbers of a posting list: a block at a time when it is a plain Whoosh 3 list."""
    deleted: set[int] | None = None
    if isinstance(matcher, FilterMatcher) and getattr(matcher, "_exclude", False):
        deleted = set(matcher._ids)
        matcher = matcher.child
    if not isinstance(matcher, W3LeafMatcher):
        ids: Iterable[int] = matcher.all_ids()
    else:
        collected: list[int] = []
        while matcher.is_active():
            matcher._read_ids()  # whoosh3 has no public block reader
            collected.extend(matcher._ids or ())
            matcher._next_block()
        ids = collected
    if deleted:
        return [d for d in ids if d not in deleted]
    return ids
