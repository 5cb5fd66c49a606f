"""The main window: library pane | results | reader | side panel, and what connects them.

The state (library, open article, query and filters, visible entity types, the article waited
for) is the Session's; slots translate an event into a Session method or a controller call, and the
window's parts follow the Session's events. Searching runs on the search worker, every index change
on the IndexQueue. The controllers get the Session, the task runner and the parts they show things
in, never the window.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.core import window_fit
from briefing.core.article import Attribution, Entity, Figure, SearchHit, SearchResult
from briefing.core.ingest.files import SUPPORTED_SUFFIXES
from briefing.core.library.catalog import Catalog
from briefing.core.library.mapped_files import give_back_mapped_pages
from briefing.core.palette import swatch
from briefing.ui import dialogs
from briefing.ui.actions import build_actions
from briefing.ui.briefing_actions import BriefingActions
from briefing.ui.entity_page import EntityPageView, offer_pages_in_reader, offer_pages_in_tree
from briefing.ui.entity_types import PAGE_COLOURS
from briefing.ui.icons import app_icon
from briefing.ui.index_queue import AnalyserHolder, IndexQueue
from briefing.ui.indexing import IndexFeedback, IndexView
from briefing.ui.library_pane import LibraryPane
from briefing.ui.reader_pane import ReaderPane
from briefing.ui.results import ResultsPane
from briefing.ui.rich_delegate import PAYLOAD_ROLE
from briefing.ui.search_bar import SearchBar
from briefing.ui.search_controller import SearchController, SearchRequest
from briefing.ui.session import OpenArticle, Session
from briefing.ui.settings import Settings, ThemeChoice
from briefing.ui.side_panel import SidePanel
from briefing.ui.since_view import SinceController
from briefing.ui.status import IndexProgress
from briefing.ui.tasks import TaskRunner
from briefing.ui.theme import ThemeController
from briefing.ui.watcher import FolderWatcher

if TYPE_CHECKING:
    from briefing.core.library import Library

QUERY_NOT_UNDERSTOOD = "0 results — query not understood"
CATCH_UP_AT_THE_LATEST_MS = 30_000  # the catch-up update starts by then even without a first answer


def _rect(rect: QRect) -> window_fit.Rect:
    return window_fit.Rect(rect.x(), rect.y(), rect.width(), rect.height())


def _entity_name(item: QTreeWidgetItem) -> str | None:
    """The canonical name of a side panel entity row (None for a type's heading)."""
    entity = item.data(0, PAYLOAD_ROLE)
    return entity.canonical if isinstance(entity, Entity) else None


class MainWindow(QMainWindow):
    article_opened = Signal(str)  # path
    results_shown = Signal()

    def __init__(self, settings: Settings, theme: ThemeController) -> None:
        super().__init__()
        self.settings = settings
        self.theme = theme
        self.session = Session(settings.visible_types())
        self.index_queue: IndexQueue | None = None
        self.index_feedback: IndexFeedback | None = None
        self._shown_once = False
        # The update that catches up with changes made while the app was closed waits for the first
        # search's answer: its scan of every file would otherwise share the CPU with that search.
        self._catch_up: IndexQueue | None = None
        self._warm_up_waiting = False  # the model's warm-up, asked for before the first answer
        self.setWindowTitle("Briefing")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        # Searches; each task's reads of the index's mapped files are given back when it ends.
        self.io = TaskRunner("io", workers=1, parent=self, after_each=give_back_mapped_pages)
        # The side panel's figure histories: their own queue, so an article's never wait for a search.
        self.panel_tasks = TaskRunner("panel", workers=1, parent=self, after_each=give_back_mapped_pages)
        self.searches = SearchController(self.io, self)
        self.watcher = FolderWatcher(self)
        self.analyser = AnalyserHolder()
        self.entity_page: EntityPageView | None = None  # made when first asked for
        self._build()
        self.briefings = BriefingActions(
            self.session, self.io, selected=lambda: [hit.path for hit in self.results.selected_hits()],
            status=self.statusBar(), settings=settings, parent=self,
        )
        self._connect()
        self.menu_actions = build_actions(self, self._slots(), self.set_theme, theme.choice)
        actions = self.menu_actions
        self.briefings.actions = (actions.print_briefing, actions.print_preview, actions.export_briefing)
        self.since = SinceController(
            self.session, self.io, results=self.results, library_pane=self.library_pane,
            status=self.statusBar(), briefings=self.briefings, search_results=self.searches.results,
            parent=self,
        )
        self.addAction(self.since.action)  # its shortcut works whichever pane has focus
        if actions.go_menu is not None:
            actions.go_menu.addSeparator()
            actions.go_menu.addAction(self.since.action)
        self.apply_scheme(theme.scheme)
        theme.changed.connect(self.apply_scheme)
        self.reader_pane.reader.set_zoom(settings.zoom())
        self.search_bar.set_sort_order(settings.sort())
        self._restore_layout()
        self.show_placeholder("Opening the library…")

    # -- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.library_pane = LibraryPane(self)
        self.search_bar = SearchBar(self)
        self.results = ResultsPane(self)
        middle = QWidget(self)
        column = QVBoxLayout(middle)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.search_bar)
        column.addWidget(self.results, 1)
        self.reader_pane = ReaderPane(self)
        self.side_panel = SidePanel(self)
        self.side_panel.tasks = self.panel_tasks
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("MainSplitter")
        self.splitter.setChildrenCollapsible(False)
        for widget in (self.library_pane, middle, self.reader_pane, self.side_panel):
            self.splitter.addWidget(widget)
            widget.setMinimumWidth(160)
        self.splitter.setSizes(window_fit.pane_widths(1250))
        self.splitter.setStretchFactor(2, 1)
        self.setCentralWidget(self.splitter)
        self.progress = IndexProgress(self)
        self.count_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().setSizeGripEnabled(False)

    def _connect(self) -> None:
        events = self.session.events
        events.search_wanted.connect(lambda _none: self.run_search())
        events.reopen_wanted.connect(self.open_article)
        events.article_opened.connect(self._show_article)
        events.message_shown.connect(self._show_message)
        events.visible_types_changed.connect(self._types_shown)
        events.query_changed.connect(self._show_query)
        self.search_bar.field.textChanged.connect(self.session.set_query)  # as typed
        self.search_bar.query_changed.connect(self.session.submit_query)  # typing paused, Enter, cleared
        self.search_bar.sort_changed.connect(self._sort_changed)
        self.search_bar.filter_removed.connect(self.session.remove_filter)
        self.searches.results.connect(self._show_results)
        self.searches.query_error.connect(self._query_not_understood)
        self.searches.failed.connect(self._report)
        self.searches.failed.connect(lambda _message: self._start_catch_up())
        self.results.hit_activated.connect(lambda hit: self.open_article(hit.path))
        self.results.back_requested.connect(self.run_search)
        self.results.selection_changed.connect(self.briefings.refresh)
        self.library_pane.facet_toggled.connect(self.session.toggle_filter)
        self.library_pane.all_requested.connect(self.session.show_all)
        self.library_pane.add_folder_requested.connect(self.choose_folder)
        self.library_pane.remove_folder_requested.connect(self.remove_folder)
        self.library_pane.problems_requested.connect(self.show_problems)
        self.reader_pane.reader.entity_activated.connect(self.filter_by_entity)
        self.reader_pane.legend.toggled.connect(self.session.set_type_visible)
        self.reader_pane.legend.similar_button.clicked.connect(self.show_similar)
        self.side_panel.figure_activated.connect(self.jump_to_figure)
        self.side_panel.attribution_activated.connect(self.jump_to_claim)
        offer_pages_in_tree(self.side_panel.entities, _entity_name, self.open_entity_page,
                            show_articles=self._filter_by_row)
        offer_pages_in_reader(self.reader_pane.reader, self.open_entity_page)
        self.library_pane.entity_page_requested.connect(self.open_entity_page)
        self.library_pane.hide_requested.connect(self.hide_entity)
        self.library_pane.retype_requested.connect(self.retype_entity)
        self.side_panel.article_requested.connect(self.open_article)
        self.progress.cancel_requested.connect(self.cancel_indexing)
        self.watcher.changed.connect(self._folders_changed)
        self.watcher.notice.connect(self._report)

    def _find(self, *, backward: bool) -> None:
        bar = self.reader_pane.find_bar
        if not bar.field.text():
            bar.open_bar()
        elif backward:
            bar.find_previous()
        else:
            bar.find_next()

    def _slots(self) -> dict[str, Callable[[], object]]:
        find_bar = self.reader_pane.find_bar
        return {
            "add_folder": self.choose_folder,
            "problems": self.show_problems,
            "print_briefing": self.briefings.print_briefing,
            "print_preview": self.briefings.print_preview,
            "export_briefing": self.briefings.export_briefing,
            "quit": self.close,
            "focus_search": self.focus_search,
            "next_result": lambda: self.results.step(1),
            "previous_result": lambda: self.results.step(-1),
            "similar": self.show_similar,
            "find": find_bar.open_bar,
            "find_next": lambda: self._find(backward=False),
            "find_previous": lambda: self._find(backward=True),
            "zoom_in": lambda: self.zoom(+1),
            "zoom_out": lambda: self.zoom(-1),
            "zoom_reset": lambda: self.zoom(None),
            "cancel_indexing": self.cancel_indexing,
            "about": lambda: dialogs.show_about(self),
            "show_library": self._apply_view_toggles,
            "show_side_panel": self._apply_view_toggles,
            "show_status_bar": self._apply_view_toggles,
        }

    def _apply_view_toggles(self) -> None:
        """Show or hide the library pane, the side panel and the status bar as the View menu says."""
        actions = self.menu_actions
        self.library_pane.setVisible(actions.show_library.isChecked())
        self.side_panel.setVisible(actions.show_side_panel.isChecked())
        self.statusBar().setVisible(actions.show_status_bar.isChecked())

    def _restore_layout(self) -> None:
        self.place_window()
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        for name, splitter in (("main", self.splitter), ("side", self.side_panel.splitter)):
            state = self.settings.splitter(name)
            if state is not None:
                splitter.restoreState(state)

    def keep_reader_readable(self) -> None:
        """A reader squeezed by a layout saved on a wider screen gets its share of the width back."""
        width = self.splitter.width()
        if width > 0 and not window_fit.readable(self.splitter.sizes(), width):
            self.splitter.setSizes(window_fit.pane_widths(width, self.splitter.count()))

    def place_window(self) -> None:
        """Open where the window was if that is still on a screen (shrunk to fit it), else at a size
        fitted to the primary screen's available area."""
        saved = self.settings.window_rect()
        old = self.settings.geometry()  # the layout of earlier versions, read once
        if saved is None and old is not None and self.restoreGeometry(old):
            normal = self.normalGeometry()
            saved = (normal.x(), normal.y(), normal.width(), normal.height())
        screens = [_rect(screen.availableGeometry()) for screen in QGuiApplication.screens()]
        primary = QGuiApplication.primaryScreen()
        rect = window_fit.window_rect(
            window_fit.Rect(*saved) if saved is not None else None,
            screens,
            _rect(primary.availableGeometry()) if primary is not None else window_fit.Rect(0, 0, 1024, 600),
        )
        self.setGeometry(QRect(rect.x, rect.y, rect.width, rect.height))
        if self.settings.maximized():
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def save_layout(self) -> None:
        normal = self.normalGeometry()
        self.settings.set_window_rect((normal.x(), normal.y(), normal.width(), normal.height()))
        self.settings.set_maximized(self.isMaximized())
        self.settings.set_window_state(self.saveState())
        self.settings.set_splitter("main", self.splitter.saveState())
        self.settings.set_splitter("side", self.side_panel.splitter.saveState())
        self.settings.set_zoom(self.reader_pane.reader.zoom)
        self.settings.set_visible_types(self.session.visible_types)
        self.settings.set_sort(self.search_bar.sort_order())
        self.settings.sync()

    # -- the library -------------------------------------------------------------------

    def open_library(self, library: Library, *, folder: Path | None, open_path: Path | None,
                     sample: Path) -> None:
        """Attach ``library``; index ``folder`` (or the sample on first run) and open ``open_path``."""
        target = open_path.expanduser().resolve() if open_path is not None else None
        self.session.attach(library, open_path=None if target is None else str(target),
                            last_article=self.settings.last_article())
        self.searches.set_library(library)
        self._close_panel_catalog()
        self.side_panel.catalog = Catalog(library.index_dir)  # its own connection: quick reads only
        queue = self.index_queue = IndexQueue(library, self.analyser, self)
        view = IndexView(
            progress=self.progress, count_label=self.count_label, library_pane=self.library_pane,
            status=self.statusBar(), cancel_action=self.menu_actions.cancel_indexing,
            results_listed=lambda: bool(self.results.hits()), watch_folders=self.watcher.watch,
        )
        self.index_feedback = IndexFeedback(self.session, library, queue, view, self)
        # The first search goes on the io worker before the count of what is new (the catalog's every
        # article: seconds in a large library), so the first hits do not wait for it.
        self.run_search()
        self.since.attach(library, queue)
        roots = library.roots()
        if target is not None:
            known = [*roots, *([folder.expanduser().resolve()] if folder is not None else [])]
            if not any(target == r or target.is_relative_to(r) for r in known):
                queue.add_folder(target)  # an article outside the library: it joins as a single file
        if folder is not None:
            queue.add_folder(folder)
        elif not roots:
            queue.add_folder(sample)
        else:
            self._catch_up = queue  # catch up with changes made while the app was closed, once answered
            # ...or after a while in any case (a first search that never answers must not stop it)
            QTimer.singleShot(CATCH_UP_AT_THE_LATEST_MS, self, self._start_catch_up)
        self.index_feedback.roots_changed()

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Add a folder of articles")
        if folder:
            self.add_paths([Path(folder)])

    def add_paths(self, paths: list[Path]) -> None:
        """Folders and article files (dropped or chosen) join the library and are indexed."""
        if self.index_queue is None:
            return
        for path in paths:
            if path.is_dir() or path.suffix.lower() in SUPPORTED_SUFFIXES:
                self.index_queue.add_folder(path)

    def remove_folder(self, folder: Path) -> None:
        if self.index_queue is not None:
            self.index_queue.remove_folder(folder)

    def cancel_indexing(self) -> None:
        if self.index_queue is not None and self.index_queue.busy:
            self.progress.cancelling()
            self.index_queue.cancel()

    def show_problems(self) -> None:
        library = self.session.library
        if library is not None:
            dialogs.ProblemsDialog(library.failures(), self, library.skipped()).exec()

    def _folders_changed(self, roots: list[Path]) -> None:
        if self.index_queue is not None:
            self.index_queue.update(roots)

    def warm_up(self) -> None:
        """Load the language model in the background, once the first search is answered (its worker
        processes loading spaCy would share the CPU with it), after the catch-up update."""
        if self._catch_up is not None or self.searches.busy:
            self._warm_up_waiting = True
        elif self.index_queue is not None:
            self.index_queue.warm_up()

    def _start_catch_up(self) -> None:
        """The first search has been answered (or failed): start the catch-up update and the model's
        warm-up that waited for it."""
        queue, self._catch_up = self._catch_up, None
        if queue is not None and queue is self.index_queue:
            queue.update()
        if self._warm_up_waiting and self.index_queue is not None:
            self._warm_up_waiting = False
            self.index_queue.warm_up()

    def _report(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)

    # -- searching ---------------------------------------------------------------------

    def run_search(self) -> None:
        query, filters = self.session.query, dict(self.session.filters)
        self.searches.request(SearchRequest(query, self.search_bar.sort_order(), filters))

    def _sort_changed(self, order: str) -> None:
        self.settings.set_sort(self.search_bar.sort_order())
        self.run_search()

    def _show_query(self, text: str) -> None:
        if self.search_bar.field.text() != text:
            self.search_bar.field.setText(text)

    def filter_by_entity(self, entity: Entity) -> None:
        """Show the articles that mention ``entity`` (its facet, or its name as a phrase)."""
        self.session.show_articles_naming(entity.canonical, entity.label)

    def hide_entity(self, names: list[str]) -> None:
        """Hide an entity (its names) in this library: facets, highlights and briefings leave it out."""
        library = self.session.library
        if library is None:
            return
        try:
            library.overrides.hide(names)
        except OSError as error:
            self._report(f"Could not hide “{names[0]}”: {error.strerror or error}")
            return
        self._corrected(f"“{names[0]}” is hidden in this library.")

    def retype_entity(self, names: list[str], label: str) -> None:
        """Give an entity (its names) another type in this library."""
        library = self.session.library
        if library is None:
            return
        try:
            library.overrides.retype(names, label)
        except OSError as error:
            self._report(f"Could not change “{names[0]}”: {error.strerror or error}")
            return
        self._corrected(f"“{names[0]}” is now a {swatch(label).name.lower()} in this library.")

    def _corrected(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)
        self.session.entities_corrected()  # a new search; the open article's highlights, corrected
        if self.entity_page is not None and self.entity_page.isVisible():
            self.entity_page.refresh()  # the open page, corrected too

    def _filter_by_row(self, item: QTreeWidgetItem) -> None:
        entity = item.data(0, PAYLOAD_ROLE)
        if isinstance(entity, Entity):
            self.filter_by_entity(entity)

    def show_similar(self) -> None:
        if self.session.open_path is not None:
            self.searches.request(SearchRequest(similar_to=self.session.open_path))

    def focus_search(self) -> None:
        self.search_bar.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_bar.field.selectAll()

    def _query_not_understood(self, message: str, _request: SearchRequest) -> None:
        """A malformed query matches nothing: the list empties and the facets grey out, so nothing
        left from the previous search looks like its answer."""
        self.search_bar.show_error(message)
        self.results.show_hits([], QUERY_NOT_UNDERSTOOD, keep=None)
        self.library_pane.grey_facets()
        self.results_shown.emit()
        self._start_catch_up()

    def _show_results(self, result: SearchResult, request: SearchRequest) -> None:
        self.search_bar.show_error(None)
        if request.similar_to is not None:
            title = self.reader_pane.reader.article.title if self.reader_pane.reader.article else ""
            count = len(result.hits)
            header = (f"{count} similar to “{title[:60]}”" if count
                      else f"No article much like “{title[:60]}”")
            self.results.show_hits(result.hits, header, similar=True, keep=self.session.open_path)
            self.results_shown.emit()
            return
        self.search_bar.show_filters(request.filters)
        self.library_pane.set_facets(result.facets, request.filters, self.searches.facet_entries)
        narrowed = bool(request.query.strip() or request.filters)
        noun = "result" if narrowed else "article"
        header = f"{result.total} {noun}{'' if result.total == 1 else 's'}"
        self.results.show_hits(result.hits, header, keep=self.session.open_path)
        self.results_shown.emit()
        self._start_catch_up()
        if result.hits and self.session.may_open_pending():
            # The article (its reader and side panel: a second in a large library) opens on the next
            # turn of the event loop, so the hits are painted first.
            QTimer.singleShot(0, self, lambda: self._open_pending(self.results.hits()))
        else:
            self._open_pending(result.hits)

    def _open_pending(self, hits: list[SearchHit]) -> None:
        session = self.session
        if not session.may_open_pending() or session.open_pending():
            return
        indexing = self.index_queue is not None and self.index_queue.busy
        fallback = session.fallback(hits=bool(hits), indexing=indexing)
        if fallback == "first_hit":
            self.results.open_row(0)
        elif fallback == "empty_library":
            self.show_placeholder(
                "No articles yet. Add a folder of saved articles (File ▸ Add Folder…) or drop files here."
            )

    # -- the reader ----------------------------------------------------------------------

    def open_article(self, path: str, *, quiet: bool = False) -> bool:
        if self.session.open(path):
            return True
        if not quiet and self.session.library is not None:
            self.show_placeholder("This article is no longer in the library.")
        return False

    def _show_article(self, opened: OpenArticle) -> None:
        """The session opened an article: the reader, the side panel, the results' selection, the title."""
        path, article = opened.path, opened.article
        self.reader_pane.show_article(article, opened.analysis, visible=self.session.visible_types,
                                      scheme=self.theme.scheme, saved=opened.saved)
        self.side_panel.show_analysis(opened.analysis, article.text, path)
        self.results.select_path(path)
        self.setWindowTitle(f"{article.title} — Briefing")
        self.menu_actions.similar.setEnabled(True)
        self.briefings.refresh()
        self.settings.set_last_article(path)
        self.article_opened.emit(path)

    def _types_shown(self, visible: frozenset[str]) -> None:
        self.settings.set_visible_types(visible)
        self._rerender()

    def _rerender(self) -> None:
        reader = self.reader_pane.reader
        opened = self.session.article
        if reader.article is not None:
            self.reader_pane.show_article(reader.article, reader.analysis, visible=self.session.visible_types,
                                          scheme=self.theme.scheme, saved=opened.saved if opened else None)

    def jump_to_figure(self, figure: Figure) -> None:
        if self.reader_pane.reader.select_range(figure.start, figure.end):
            self.reader_pane.reader.setFocus(Qt.FocusReason.OtherFocusReason)

    def jump_to_claim(self, attribution: Attribution) -> None:
        if self.reader_pane.reader.select_range(attribution.claim_start, attribution.claim_end):
            self.reader_pane.reader.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_entity_page(self, name: str) -> EntityPageView:
        """The entity page window, showing ``name``'s page (its articles, figures, related entities)."""
        view = self.entity_page
        if view is None:
            view = self.entity_page = EntityPageView(self.io, lambda: self.session.library, self)
            view.article_requested.connect(lambda path: self.open_article(path))
            view.print_button.clicked.connect(
                lambda: self.briefings.print_briefing(view.briefing_paths(), view.build_briefing())
            )
            view.export_button.clicked.connect(
                lambda: self.briefings.export_briefing(view.briefing_paths(), view.build_briefing())
            )
        view.set_scheme(self.theme.scheme)
        view.show_entity(name)
        view.show()
        view.raise_()
        view.activateWindow()
        return view

    def zoom(self, step: int | None) -> None:
        reader = self.reader_pane.reader
        reader.set_zoom(0 if step is None else reader.zoom + step)
        self.settings.set_zoom(reader.zoom)

    # -- look --------------------------------------------------------------------------

    def set_theme(self, choice: ThemeChoice) -> None:
        self.settings.set_theme(choice)
        self.theme.set_choice(choice)

    def apply_scheme(self, scheme: str) -> None:
        current = self.theme.scheme
        self.results.set_scheme(current)
        self.side_panel.set_scheme(current)
        self.library_pane.set_scheme(current)
        article = self.reader_pane.reader.article
        if article is not None:
            self._rerender()
            self.side_panel.show_analysis(self.reader_pane.reader.analysis, article.text,
                                          self.session.open_path)
        else:
            self.show_placeholder(self.session.message)

    def show_placeholder(self, message: str) -> None:
        """A quiet message in the reader while no article is open."""
        self.session.show_message(message)

    def _show_message(self, message: str) -> None:
        self.reader_pane.show_message(self._placeholder(message))
        self.side_panel.clear()
        self.briefings.refresh()

    # Read-only views of the session, for scripts and benchmarks that drive the window.

    @property
    def library(self) -> Library | None:
        return self.session.library

    @property
    def current_path(self) -> str | None:
        return self.session.open_path

    @property
    def last_open_ms(self) -> float | None:
        return self.session.last_open_ms

    @property
    def placeholder_message(self) -> str:
        return self.session.message

    def _placeholder(self, message: str) -> str:
        page, _ink, muted = PAGE_COLOURS[self.theme.scheme]
        return (f'<html><body style="background-color:{page};"><p style="color:{muted}; margin-top:80px;" '
                f'align="center">{html.escape(message)}</p></body></html>')

    # -- Qt events -----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:  # once laid out at its first size
            self._shown_once = True
            QTimer.singleShot(0, self.keep_reader_readable)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        self.add_paths(paths)
        event.acceptProposedAction()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.hide()  # the worker may take a moment to stop at its next file
        self.shutdown()
        event.accept()

    def _close_panel_catalog(self) -> None:
        self.side_panel.clear()  # an answer still on its way is of the library left: dropped
        if self.side_panel.catalog is not None:
            self.side_panel.catalog.close()
            self.side_panel.catalog = None

    def shutdown(self) -> None:
        """Stop the workers (the running index operation stops at its next file), close the library."""
        self.watcher.stop()
        self.panel_tasks.shutdown(wait=True)  # before its catalog closes
        self._close_panel_catalog()
        if self.index_queue is not None:
            self.index_queue.shutdown()
        self.io.shutdown(wait=True)
        if self.session.library is not None:
            self.session.library.close()  # its readers and mapped index files, now rather than when collected

