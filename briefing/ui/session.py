"""The window's state, without Qt: the library, the open article, the query and filters, the entity
types shown and the article waiting to be opened.

Controllers change it through its methods; the window's parts subscribe to its events (the
pattern of napari's models: the model emits, widgets listen), so no controller needs the window.
It is tested without a display (tests/ui/test_session.py) and the import contract keeps Qt out.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from briefing.core.article import Analysis, Article
from briefing.core.ingest.dates import parse_date
from briefing.core.library import Library
from briefing.core.library.documents import saved_day
from briefing.core.library.mapped_files import give_back_mapped_pages
from briefing.ui.entity_types import LABEL_FACETS

OPENING_MESSAGE = "Opening the library…"


class Event[T]:
    """Callbacks called, in the order they were connected, with each value emitted."""

    def __init__(self) -> None:
        self._callbacks: list[Callable[[T], object]] = []

    def connect(self, callback: Callable[[T], object]) -> None:
        self._callbacks.append(callback)

    def emit(self, value: T) -> None:
        for callback in list(self._callbacks):
            callback(value)


@dataclass(frozen=True, slots=True)
class OpenArticle:
    """The article the reader shows."""

    path: str
    article: Article
    analysis: Analysis | None
    saved: str | None  # the day its file was saved, for an article that gives no date of its own

    @property
    def title(self) -> str:
        return self.article.title


# After a search, with no article open: what to open instead of the waited-for article.
Fallback = Literal["first_hit", "empty_library"] | None


class SessionEvents:
    def __init__(self) -> None:
        self.article_opened: Event[OpenArticle] = Event()
        self.message_shown: Event[str] = Event()  # no article open: the reader says this instead
        self.filters_changed: Event[dict[str, str]] = Event()
        self.query_changed: Event[str] = Event()
        self.visible_types_changed: Event[frozenset[str]] = Event()
        self.search_wanted: Event[None] = Event()  # the results no longer answer the state
        self.reopen_wanted: Event[str] = Event()  # the open article's analysis may have changed


class Session:
    def __init__(self, visible_types: Iterable[str]) -> None:
        self.events = SessionEvents()
        self.library: Library | None = None
        self.article: OpenArticle | None = None
        self.message = OPENING_MESSAGE  # what the reader says while no article is open
        self.query = ""  # the search field's text
        self.filters: dict[str, str] = {}  # facet field -> value
        self.visible_types: frozenset[str] = frozenset(visible_types)
        self.pending_open: str | None = None  # open this once it is in the index
        self.open_first_hit = False  # nothing asked for: the first result will do
        self.last_open_ms: float | None = None

    @property
    def open_path(self) -> str | None:
        return self.article.path if self.article is not None else None

    # -- the library and what to open in it ----------------------------------------------------

    def attach(self, library: Library, *, open_path: str | None, last_article: str | None) -> None:
        """Use ``library``; open ``open_path`` once it is indexed, else the last article read (or
        the first result)."""
        self.library = library
        if open_path is not None:
            self.pending_open = open_path
        else:
            self.pending_open = last_article
            self.open_first_hit = True

    def may_open_pending(self) -> bool:
        return self.article is None and self.library is not None

    def open_pending(self) -> bool:
        """Open the article waited for, if it is in the index now."""
        path = self.pending_open
        if path is not None and self.open(path):
            self.pending_open = None
            return True
        return False

    def fallback(self, *, hits: bool, indexing: bool) -> Fallback:
        """The waited-for article could not be opened from these results: open the first hit (when
        nothing in particular was asked for), or say that the library is empty, or wait."""
        if self.open_first_hit and hits and not (indexing and self.pending_open is not None):
            self.pending_open = None
            return "first_hit"
        if not hits and not indexing:
            return "empty_library"
        return None

    def indexing_idle(self) -> None:
        """The index queue ran dry: an article still waited for may be in the index now."""
        if self.pending_open is not None and self.article is None:
            self.events.search_wanted.emit(None)

    def index_changed(self) -> None:
        """Articles were added, updated or removed, or the entities corrected."""
        self.events.search_wanted.emit(None)
        if self.article is not None:
            self.events.reopen_wanted.emit(self.article.path)

    def entities_corrected(self) -> None:
        """An entity was hidden or retyped: a filter on what was just hidden would show nothing."""
        library = self.library
        if library is not None:
            overrides = library.overrides.current()
            kept = {f: v for f, v in self.filters.items() if overrides.label_of(v, "") is not None}
            if kept != self.filters:
                self._set_filters(kept)
        self.index_changed()

    # -- the open article ------------------------------------------------------------------------

    def open(self, path: str) -> bool:
        """Open the article at ``path`` from the index; False when it is not there."""
        library = self.library
        if library is None:
            return False
        started = time.perf_counter()
        try:
            found = library.document(path)
        finally:
            give_back_mapped_pages()  # what the read of the index mapped in: as after each task
        if found is None:
            return False
        article, analysis = found
        self.article = OpenArticle(path, article, analysis, self._saved_day(library, article))
        self.events.article_opened.emit(self.article)
        self.last_open_ms = (time.perf_counter() - started) * 1000  # read and shown
        return True

    def show_message(self, message: str) -> None:
        """No article open: the reader says ``message``."""
        self.article = None
        self.message = message
        self.events.message_shown.emit(message)

    @staticmethod
    def _saved_day(library: Library, article: Article) -> str | None:
        if parse_date(article.published) is not None:
            return None
        stored = library.searcher().stored(article.path)
        return saved_day(int(stored.get("mtime_ns") or 0)) if stored else None

    def set_type_visible(self, key: str, shown: bool) -> None:
        visible = self.visible_types | {key} if shown else self.visible_types - {key}
        if visible != self.visible_types:
            self.visible_types = visible
            self.events.visible_types_changed.emit(visible)

    # -- the query and the filters ---------------------------------------------------------------

    def set_query(self, text: str) -> None:
        """The search field's text (the field decides when to search)."""
        if text != self.query:
            self.query = text
            self.events.query_changed.emit(text)

    def submit_query(self, text: str) -> None:
        """Search for ``text`` now."""
        self.set_query(text)
        self.search_again()

    def search_again(self) -> None:
        self.events.search_wanted.emit(None)

    def toggle_filter(self, field: str, value: str) -> None:
        filters = dict(self.filters)
        if filters.get(field) == value:
            del filters[field]
        else:
            filters[field] = value
        self._set_filters(filters)
        self.search_again()

    def remove_filter(self, field: str) -> None:
        self._set_filters({f: v for f, v in self.filters.items() if f != field})
        self.search_again()

    def show_all(self) -> None:
        """No filter, no query: every article."""
        self._set_filters({})
        self.set_query("")
        self.search_again()

    def show_articles_naming(self, canonical: str, label: str) -> None:
        """The articles that mention an entity: its facet, or its name as a phrase."""
        facet = LABEL_FACETS.get(label)
        if facet is not None:
            self._set_filters({**self.filters, facet: canonical})
        else:
            self.set_query(f'"{canonical}"')
        self.search_again()

    def _set_filters(self, filters: dict[str, str]) -> None:
        if filters != self.filters:
            self.filters = filters
            self.events.filters_changed.emit(dict(filters))
