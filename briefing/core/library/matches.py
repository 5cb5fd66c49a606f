"""Every document matching a query, as a set, for the exact total and the facets.

Whoosh's ``docs_for_query`` walks the query's matcher tree one document at a
time (for a word searched in nine fields, nine matchers behind a union, in
Python). Here words are read as whole posting blocks and combined with set
operations (AND, OR, NOT of words); any other query (phrases, ranges,
prefixes...) is left to Whoosh. The result is the same set of documents.
"""

from __future__ import annotations

from whoosh import query as wq
from whoosh.searching import Searcher as WhooshSearcher

from briefing.core.library.whoosh_compat import posting_ids


def matching_docs(searcher: WhooshSearcher, q: wq.Query) -> set[int]:
    """The global numbers of the live documents that match ``q``."""
    return _docs(searcher, q)


def _docs(searcher: WhooshSearcher, q: wq.Query) -> set[int]:
    kind = type(q)
    if kind is wq.Term:
        return _term_docs(searcher, q.fieldname, q.text)
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
        return _docs(searcher, q.a)
    if kind is wq.AndNot:
        found = _docs(searcher, q.a)
        return found - _docs(searcher, q.b) if found else found
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
        ids = posting_ids(reader.postings(fieldname, term))
        found.update(ids if offset == 0 else (offset + d for d in ids))
    return found
