"""Searching the library: hits with highlighted snippets, facet counts, similar articles.

One Whoosh searcher is kept open and replaced only when the index changed;
calls are serialised, so a Searcher may be shared between threads, and a
replaced Whoosh searcher is closed at once (no call can still be using it).
After ``close()`` every call raises SearcherClosed instead of opening the
index again (a reader opened then would never be closed).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from whoosh import collectors
from whoosh import query as wq
from whoosh.index import FileIndex
from whoosh.searching import Hit, Results
from whoosh.searching import Searcher as WhooshSearcher

from briefing.core.article import SearchHit, SearchResult
from briefing.core.errors import QueryError
from briefing.core.ingest.dates import parse_date
from briefing.core.library import query as parsing
from briefing.core.library.documents import saved_day
from briefing.core.library.facet_columns import Columns
from briefing.core.library.facets import FacetTable
from briefing.core.library.matches import DocArray, matching_docs
from briefing.core.library.phrases import phrase_scope
from briefing.core.library.postings_file import PostingsFiles
from briefing.core.library.schema import FACET_KEYS, facet_field
from briefing.core.library.snippets import SnippetMaker, index_form
from briefing.core.library.topn import top_docs
from briefing.core.library.whoosh_compat import shared_blocks

Sort = Literal["relevance", "date"]
# Similar articles: key words looked for, and the share of the article's own score a hit needs.
SIMILAR_TERMS = 15
SIMILAR_MIN_SHARE = 0.4
# Query fields whose terms are analysed like the body (stems); other fields' terms are re-analysed.
_STEMMED_FIELDS = frozenset({"title", "body"})


class SearcherClosed(RuntimeError):
    """The Searcher (or its library) was closed."""


class Searcher:
    def __init__(self, ix: FileIndex, index_dir: Path | None = None) -> None:
        self._ix = ix
        self._index_dir = index_dir  # where the writer saved the segments' facet columns
        self._lock = threading.RLock()
        self._closed = False
        self._searcher: WhooshSearcher | None = None
        self._facets: FacetTable | None = None
        self._facet_columns: dict[str, Columns] = {}  # per-segment facet arrays, kept across generations
        # Field lengths of the open searcher's segments, by (id of the segment reader, field).
        self._lengths: dict[tuple[int, str], npt.NDArray[np.int64]] = {}
        # Per-segment saved postings (the writer's side files), kept across generations.
        self._postings = PostingsFiles(index_dir)
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
            self._lengths = {}
            self._postings.retain(self._searcher.reader())
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
                self._lengths = {}
            self._postings.close()

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
        any_of: Sequence[Sequence[tuple[str, str]]] = (),
    ) -> SearchResult:
        """Articles matching ``query`` (Whoosh syntax); an empty query lists all articles, newest first.

        ``filters`` (facet key -> value) and each group of ``any_of`` (any of its (key, value)) narrow it.
        """
        if sort not in ("relevance", "date"):
            raise QueryError(f"unknown sort {sort!r}; use 'relevance' or 'date'")
        parsed = self.parse(query)
        if isinstance(parsed, wq.Every):
            sort = "date"
        restrict = _filter_query(filters or {}, any_of)
        with self._lock:
            searcher = self._current()
            results, matched = _collect(
                searcher, parsed, restrict, max(1, limit), sort, self._lengths, self._postings
            )
            terms = self._highlight_terms(parsed, searcher)
            hits = [self._hit(hit, terms) for hit in results][: max(0, limit)]
            result = SearchResult(total=len(matched), hits=hits)
            if facets:
                if self._facets is None:
                    self._facets = FacetTable(searcher, self._facet_columns, self._index_dir)
                result.facets = self._facets.counts(matched)
            return result

    def similar(self, path: str, limit: int = 10, min_share: float = SIMILAR_MIN_SHARE) -> list[SearchHit]:
        """Articles really like the one at ``path``, best first, each hit's ``score`` its share.

        The article's key words (Whoosh's Bo1 key terms of the body, as "more like this") are
        searched; a hit is kept when it scores at least ``min_share`` of what the article itself
        scores on them. Raw scores mean nothing across articles; the share does: a copy of the
        story scores ~1, another report of the same event ~0.4-0.8, a story of the same topic
        ~0.2-0.35 (``benchmarks/bench_similar.py``).
        """
        with self._lock:
            searcher = self._current()
            docnum = searcher.document_number(path=path)
            if docnum is None or limit <= 0:
                return []
            terms = searcher.key_terms([docnum], "body", numterms=SIMILAR_TERMS)
            if not terms:
                return []
            keywords = wq.Or([wq.Term("body", word, boost=weight) for word, weight in terms])
            itself = searcher.search(keywords, limit=1, filter={docnum})
            own = float(itself[0].score or 0.0) if len(itself) else 0.0
            if own <= 0:
                return []
            results = searcher.search(keywords, limit=limit, mask={docnum})
            hits = []
            for hit in results:
                share = float(hit.score or 0.0) / own
                if share < min_share:
                    break  # best first: the rest score lower still
                found = self._hit(hit, frozenset())
                found.score = round(share, 3)
                hits.append(found)
            return hits

    # -- hits and snippets -----------------------------------------------------------

    def _hit(self, hit: Hit, terms: frozenset[str]) -> SearchHit:
        stored = hit.fields()
        published = stored.get("published")
        return SearchHit(
            path=stored["path"],
            title=stored.get("title") or "",
            source=stored.get("source"),
            date=published,
            score=float(hit.score) if hit.score is not None else 0.0,
            snippet=self.snippet(stored.get("body") or "", terms),
            saved=None if parse_date(published) is not None else saved_day(int(stored.get("mtime_ns") or 0)),
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
    searcher: WhooshSearcher,
    parsed: wq.Query,
    restrict: wq.Query | None,
    limit: int,
    sort: Sort,
    lengths: dict[tuple[int, str], npt.NDArray[np.int64]],
    files: PostingsFiles | None = None,
) -> tuple[Results, Sequence[int] | DocArray]:
    """The top ``limit`` hits and every matching document number (for the exact total and facets)."""
    # Each phrase's matches in a segment are found once, from the saved postings when it has them.
    with phrase_scope(files):
        if sort == "relevance":
            # The blocks a first pass decoded are handed to the next instead of being decoded again.
            with shared_blocks():
                found = _ranked(searcher, parsed, restrict, limit, lengths, files)
            if found is not None:
                return found
        # Date order (and phrases numpy cannot rank) must look at every match anyway: one pass,
        # recording each match, instead of checking every phrase position twice. Never replacing
        # the matcher (replace=0): a replaced union drops a part whose best possible score is
        # below the N-th, and its matches would go uncounted.
        top: collectors.Collector
        if sort == "date":
            top = collectors.SortingCollector("sort_date", limit=limit, reverse=True)
        else:
            top = collectors.TopCollector(limit, usequality=False, replace=0)
        if restrict is not None:
            top = collectors.FilterCollector(top, allow=restrict)
        recorder = _Recorder(top)
        searcher.search_with_collector(parsed, recorder)
        return recorder.results(), recorder.docnums


def _ranked(
    searcher: WhooshSearcher,
    parsed: wq.Query,
    restrict: wq.Query | None,
    limit: int,
    lengths: dict[tuple[int, str], npt.NDArray[np.int64]],
    files: PostingsFiles | None,
) -> tuple[Results, Sequence[int] | DocArray] | None:
    """_collect by relevance: every match as an array (matches.py), the top N ranked in numpy and
    scored by Whoosh (topn.py); Whoosh's top-N search (which skips low-scoring blocks) for words
    numpy cannot rank; None for phrases numpy cannot rank (then one recording pass)."""
    phrases = any(isinstance(leaf, wq.Phrase) for leaf in parsed.leaves())
    # The filter's documents, read once: Whoosh's filter (the same set it would build from the
    # query) and the intersection for the total.
    allowed = matching_docs(searcher, restrict, files) if restrict is not None else None
    # Phrases: numpy's ranking first; if it cannot rank them (a slop phrase), the query's matches are
    # left to the one recording pass (which reads the filter again, as a set).
    if phrases:
        best = top_docs(searcher, parsed, limit, allowed, lengths, files)
        if best is None:
            return None
        matched = matching_docs(searcher, parsed, files)
    else:
        matched = matching_docs(searcher, parsed, files)
        best = top_docs(searcher, parsed, limit, allowed, lengths, files)
    if allowed is not None:
        matched = np.intersect1d(matched, allowed, assume_unique=True)
    if best is not None:
        return Results(searcher, parsed, best), matched
    if allowed is None:
        return searcher.search(parsed, limit=limit), matched
    return searcher.search(parsed, limit=limit, filter=set(allowed.tolist())), matched


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


def _filter_term(key: str, value: str) -> wq.Query:
    if key not in FACET_KEYS:
        raise QueryError(f"unknown filter {key!r}; filters are {', '.join(FACET_KEYS)}")
    return wq.Term(facet_field(key), value)


def _filter_query(
    filters: Mapping[str, str], any_of: Sequence[Sequence[tuple[str, str]]] = ()
) -> wq.Query | None:
    terms: list[wq.Query] = [_filter_term(key, value) for key, value in filters.items()]
    for group in any_of:
        either = [_filter_term(key, value) for key, value in group]
        if either:
            terms.append(either[0] if len(either) == 1 else wq.Or(either))
    if not terms:
        return None
    return terms[0] if len(terms) == 1 else wq.And(terms)

