"""Searching the library: hits with highlighted snippets, facet counts, similar articles.

One Whoosh searcher is kept open and replaced only when the index changed;
calls are serialised, so a Searcher may be shared between threads, and a
replaced Whoosh searcher is closed at once (no call can still be using it).
After ``close()`` every call raises SearcherClosed instead of opening the
index again (a reader opened then would never be closed).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal

from whoosh import collectors
from whoosh import query as wq
from whoosh.index import FileIndex
from whoosh.searching import Hit, Results
from whoosh.searching import Searcher as WhooshSearcher

from briefing.core.article import SearchHit, SearchResult
from briefing.core.errors import QueryError
from briefing.core.library import query as parsing
from briefing.core.library.facets import FacetTable
from briefing.core.library.matches import matching_docs
from briefing.core.library.schema import FACET_KEYS, facet_field
from briefing.core.library.snippets import SnippetMaker, index_form

Sort = Literal["relevance", "date"]
# Query fields whose terms are analysed like the body (stems); other fields' terms are re-analysed.
_STEMMED_FIELDS = frozenset({"title", "body"})


class SearcherClosed(RuntimeError):
    """The Searcher (or its library) was closed."""


class Searcher:
    def __init__(self, ix: FileIndex) -> None:
        self._ix = ix
        self._lock = threading.RLock()
        self._closed = False
        self._searcher: WhooshSearcher | None = None
        self._facets: FacetTable | None = None
        self._facet_columns: dict[str, Any] = {}  # per-segment facet arrays, kept across generations
        self._parser = parsing.make_parser(ix.schema)
        self._snippets = SnippetMaker()

    # -- the open searcher ---------------------------------------------------------

    def _current(self) -> WhooshSearcher:
        """The open searcher, replaced by a fresh one if the index changed since."""
        if self._closed:
            raise SearcherClosed("the library was closed")
        if self._searcher is None:
            self._searcher = self._ix.searcher()
        elif not self._searcher.up_to_date():
            # Not Searcher.refresh(): it reuses segment readers and so misses new deletions in them.
            self._searcher.close()
            self._searcher = self._ix.searcher()
            self._facets = None
        return self._searcher

    def count(self) -> int:
        with self._lock:
            return int(self._current().doc_count())

    def stored(self, path: str) -> dict[str, Any] | None:
        """The stored fields of the article at ``path``, or None if it is not in the index."""
        with self._lock:
            found = self._current().document(path=path)
            return dict(found) if found is not None else None

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
                self._facets = None

    # -- search ----------------------------------------------------------------------

    def parse(self, text: str) -> wq.Query:
        """The Whoosh query for ``text`` (all articles when empty); QueryError if malformed."""
        if not text.strip():
            return wq.Every()
        return parsing.parse(self._parser, text)

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        sort: Sort = "relevance",
        filters: Mapping[str, str] | None = None,
        facets: bool = True,
    ) -> SearchResult:
        """Articles matching ``query`` (Whoosh syntax); an empty query lists all articles, newest first."""
        if sort not in ("relevance", "date"):
            raise QueryError(f"unknown sort {sort!r}; use 'relevance' or 'date'")
        parsed = self.parse(query)
        if isinstance(parsed, wq.Every):
            sort = "date"
        restrict = _filter_query(filters or {})
        with self._lock:
            searcher = self._current()
            results, matched = _collect(searcher, parsed, restrict, max(1, limit), sort)
            terms = self._highlight_terms(parsed, searcher)
            hits = [self._hit(hit, terms) for hit in results][: max(0, limit)]
            result = SearchResult(total=len(matched), hits=hits)
            if facets:
                if self._facets is None:
                    self._facets = FacetTable(searcher, self._facet_columns)
                result.facets = self._facets.counts(matched)
            return result

    def similar(self, path: str, limit: int = 10) -> list[SearchHit]:
        """Articles most like the one at ``path`` ("more like this" on the body), best first."""
        with self._lock:
            searcher = self._current()
            docnum = searcher.document_number(path=path)
            if docnum is None:
                return []
            results = searcher.more_like(docnum, "body", top=max(1, limit), numterms=15)
            return [self._hit(hit, frozenset()) for hit in results][: max(0, limit)]

    # -- hits and snippets -----------------------------------------------------------

    def _hit(self, hit: Hit, terms: frozenset[str]) -> SearchHit:
        stored = hit.fields()
        return SearchHit(
            path=stored["path"],
            title=stored.get("title") or "",
            source=stored.get("source"),
            date=stored.get("published"),
            score=float(hit.score) if hit.score is not None else 0.0,
            snippet=self.snippet(stored.get("body") or "", terms),
        )

    def snippet(self, body: str, terms: Iterable[str]) -> str:
        """HTML-escaped passages of ``body`` around ``terms`` (words in index form), else its opening."""
        return self._snippets.snippet(body, terms)

    def _highlight_terms(self, parsed: wq.Query, searcher: WhooshSearcher) -> frozenset[str]:
        """The body-analysed words of the query's terms, prefixes and wildcards expanded."""
        # Query.existing_terms() is not used: in whoosh3 it keeps only the first leaf's field.
        reader = searcher.reader()
        words: set[str] = set()
        for leaf in _wanted_leaves(parsed):
            try:
                terms = list(leaf.expanded_terms(reader, phrases=True))
            except Exception:  # some query types cannot list their terms
                continue
            for fieldname, term in terms:
                if fieldname in ("date", "sort_date"):
                    continue
                text = term.decode("utf-8") if isinstance(term, bytes) else str(term)
                if fieldname in _STEMMED_FIELDS:
                    words.add(text)
                else:  # a word of a name field: lower-cased but not stemmed
                    words.add(index_form(text))
        return frozenset(words)


def _collect(
    searcher: WhooshSearcher, parsed: wq.Query, restrict: wq.Query | None, limit: int, sort: Sort
) -> tuple[Results, list[int]]:
    """The top ``limit`` hits and every matching document number (for the exact total and facets)."""
    if sort == "relevance" and not any(isinstance(leaf, wq.Phrase) for leaf in parsed.leaves()):
        # Words: a top-N search that skips low-scoring blocks, then an unscored pass for all matches
        # (cheaper than scoring every match).
        results = searcher.search(parsed, limit=limit, filter=restrict)
        everything = parsed if restrict is None else wq.And([parsed, restrict])
        return results, list(matching_docs(searcher, everything))
    # Phrases (and date order) must look at every match anyway: one pass, recording each match,
    # instead of checking every phrase position twice.
    top: collectors.Collector
    if sort == "date":
        top = collectors.SortingCollector("sort_date", limit=limit, reverse=True)
    else:
        top = collectors.TopCollector(limit, usequality=False)
    if restrict is not None:
        top = collectors.FilterCollector(top, allow=restrict)
    recorder = _Recorder(top)
    searcher.search_with_collector(parsed, recorder)
    return recorder.results(), recorder.docnums


class _Recorder(collectors.WrappingCollector):
    """Passes every match on to its child collector and remembers its global document number."""

    def __init__(self, child: collectors.Collector) -> None:
        super().__init__(child)
        self.docnums: list[int] = []

    def collect(self, sub_docnum: int) -> Any:
        self.docnums.append(self.offset + sub_docnum)
        return self.child.collect(sub_docnum)


def _wanted_leaves(q: wq.Query) -> Iterator[wq.Query]:
    """The leaves of ``q`` outside any NOT: the words a hit actually matched."""
    if isinstance(q, (wq.Not, wq.AndNot)):
        if isinstance(q, wq.AndNot):
            yield from _wanted_leaves(q.a)
        return
    if q.is_leaf():
        yield q
        return
    for child in q.children():
        yield from _wanted_leaves(child)


def _filter_query(filters: Mapping[str, str]) -> wq.Query | None:
    terms: list[wq.Query] = []
    for key, value in filters.items():
        if key not in FACET_KEYS:
            raise QueryError(f"unknown filter {key!r}; filters are {', '.join(FACET_KEYS)}")
        terms.append(wq.Term(facet_field(key), value))
    if not terms:
        return None
    return terms[0] if len(terms) == 1 else wq.And(terms)

