"""Runs searches off the GUI thread; only the newest request's answer is delivered."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from briefing.core.across.entity_facets import FacetEntry, entity_facets, filter_terms
from briefing.core.across.entity_pages import EntityDirectory, cached_directory, directory
from briefing.core.article import SearchHit, SearchResult
from briefing.core.errors import QueryError
from briefing.core.library import Library
from briefing.ui.settings import SortOrder
from briefing.ui.tasks import TaskRunner

RESULT_LIMIT = 100


@dataclass(frozen=True, slots=True)
class SearchRequest:
    query: str = ""
    sort: SortOrder = "relevance"
    filters: dict[str, str] = field(default_factory=dict)
    similar_to: str | None = None  # a path: list the articles similar to it instead


class SearchController(QObject):
    results = Signal(object, object)  # SearchResult, SearchRequest
    query_error = Signal(str, object)  # message, SearchRequest
    failed = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._library: Library | None = None
        self._running = False
        self._waiting: SearchRequest | None = None
        self.last: SearchRequest | None = None
        # The shown result's facet entries (entities merged, noise marked, overrides applied).
        self.facet_entries: dict[str, list[FacetEntry]] = {}
        self._pending_entries: dict[str, list[FacetEntry]] = {}
        # The entity directory is built after the first answer is shown (it takes seconds in a large
        # library), then the newest search runs again with the entities merged.
        self._directory_missing = False
        self._building = False

    @property
    def busy(self) -> bool:
        return self._running or self._waiting is not None or self._building

    def set_library(self, library: Library) -> None:
        self._library = library

    def request(self, request: SearchRequest) -> None:
        self.last = request
        if self._running:
            self._waiting = request
        else:
            self._start(request)

    def _start(self, request: SearchRequest) -> None:
        library = self._library
        if library is None:
            return
        self._running = True

        def run() -> SearchResult:
            searcher = library.searcher()
            if request.similar_to is not None:
                hits: list[SearchHit] = searcher.similar(request.similar_to, limit=RESULT_LIMIT)
                return SearchResult(total=len(hits), hits=hits)
            overrides = library.overrides.current()
            entities = _built_directory(library)
            self._directory_missing = entities is None
            result = searcher.search(request.query, limit=RESULT_LIMIT, sort=request.sort, facets=True,
                                     any_of=filter_terms(request.filters, entities, overrides))
            entries = entity_facets(result.facets, entities, overrides, result.total)
            result.facets = {key: {e.name: e.count for e in found} for key, found in entries.items()}
            self._pending_entries = entries  # read on the GUI thread when the result is delivered
            return result

        self._runner.run(run, lambda result: self._done(request, result), lambda e: self._failed(request, e))

    def _advance(self) -> bool:
        """Start the newest waiting request, if any; True if the finished one is stale."""
        self._running = False
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self._start(waiting)
            return True
        return False

    def _done(self, request: SearchRequest, result: SearchResult) -> None:
        self.facet_entries = self._pending_entries if request.similar_to is None else self.facet_entries
        if not self._advance():
            self.results.emit(result, request)
            if self._directory_missing and not self._building and self._library is not None:
                self._build_directory(self._library)

    def _build_directory(self, library: Library) -> None:
        self._building = True
        self._runner.run(lambda: _directory(library), self._directory_built, self._directory_failed)

    def _directory_built(self, built: EntityDirectory | None) -> None:
        self._building = False
        if built is not None and self.last is not None and not self._running:
            self.request(self.last)  # the same search, its facets now with the entities merged

    def _directory_failed(self, error: BaseException) -> None:
        self._building = False

    def _failed(self, request: SearchRequest, error: BaseException) -> None:
        if self._advance():
            return
        if isinstance(error, QueryError):
            self.query_error.emit(str(error), request)
        else:
            self.failed.emit(f"Search failed: {error}")


def _built_directory(library: Library) -> EntityDirectory | None:
    """The library's entity directory if built for the catalog's current state, without building it."""
    try:
        return cached_directory(library.catalog())
    except Exception:  # a catalog being rebuilt or locked: the facets show the index's names meanwhile
        return None


def _directory(library: Library) -> EntityDirectory | None:
    """The library's entity directory (built once per catalog state), None while it cannot be had."""
    try:
        return directory(library.catalog())
    except Exception:  # a catalog being rebuilt or locked: the facets show the index's names meanwhile
        return None
