"""Since my last briefing: the new articles in the results list, the figures that changed, their briefing.

``SinceController`` owns the Go ▸ Since My Last Briefing action, the library
pane's "Since last briefing" count (kept up to date after indexing and after
every briefing) and ``SinceBanner``, the strip above the results that says
what changed and offers "Brief these". The catalog work runs on the io worker.
The window adds the action to its Go menu; the controller knows the session
and the parts it shows things in, not the window.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QStatusBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefing.core.across.since import (
    FigureChange,
    WhatIsNew,
    briefing_of_new,
    moment_label,
    shown,
    since_last_briefing,
    unbriefed,
)
from briefing.core.article import SearchHit
from briefing.core.briefing import Briefing
from briefing.ui.briefing_actions import BriefingActions
from briefing.ui.library_pane import LibraryPane
from briefing.ui.results import ResultsPane
from briefing.ui.session import Session
from briefing.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from briefing.core.library import Library
    from briefing.ui.index_queue import IndexQueue

SHORTCUT = "Ctrl+Shift+N"
CHANGES_SHOWN = 6  # in the banner; the briefing has them all
ARROWS = {"up": "↑", "down": "↓"}


def hit_of(article_path: str, title: str, source: str | None, date: str | None, changes: list[FigureChange],
           saved: str | None = None) -> SearchHit:
    """A results-list row for a new article; its changed figures stand in for the snippet."""
    snippet = " · ".join(
        html.escape(f"{c.subject}: {shown(c.before)} → {shown(c.after)}") for c in changes[:2]
    )
    return SearchHit(path=article_path, title=title, source=source, date=date, score=0.0, snippet=snippet,
                     saved=saved)


def changes_html(changes: list[FigureChange], limit: int = CHANGES_SHOWN) -> str:
    rows = []
    for change in changes[:limit]:
        arrow = ARROWS.get(change.direction, "")
        rows.append(
            f"<div>{html.escape(change.subject)}: {html.escape(shown(change.before))} → "
            f"<b>{html.escape(shown(change.after))}</b> {arrow}</div>"
        )
    more = len(changes) - limit
    if more > 0:
        rows.append(f"<div><i>and {more} more in the briefing</i></div>")
    return "".join(rows)


class SinceBanner(QWidget):
    """Above the results while they list what is new (under their header): changed figures, Brief these."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SinceBanner")
        self.changes = QLabel(self)
        self.changes.setObjectName("SinceChanges")
        self.changes.setWordWrap(True)
        self.changes.setTextFormat(Qt.TextFormat.RichText)
        self.brief_button = QToolButton(self)
        self.brief_button.setText("Brief these")
        self.brief_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.brief_menu = QMenu(self.brief_button)
        self.preview_action = self.brief_menu.addAction("Print Preview…")
        self.export_action = self.brief_menu.addAction("Export…")
        self.brief_button.setMenu(self.brief_menu)
        self.close_button = QToolButton(self)
        self.close_button.setText("Back to search")
        self.close_button.clicked.connect(self.closed)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.brief_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(self.changes)
        layout.addLayout(buttons)
        self.hide()

    def show_what(self, what: WhatIsNew) -> None:
        if what.changed_figures:
            count = len(what.changed_figures)
            title = f"<div><b>{count} figure{'' if count == 1 else 's'} changed</b></div>"
            self.changes.setText(title + changes_html(what.changed_figures))
        elif what.last is not None and what.articles:
            self.changes.setText("<div>No figure of the new articles differs from what you had before.</div>")
        else:
            self.changes.setText("")
        self.changes.setVisible(bool(self.changes.text()))
        self.brief_button.setEnabled(bool(what.articles))
        self.show()


class SinceController(QObject):
    """Go ▸ Since My Last Briefing, the library pane's count, the banner and "Brief these"."""

    shown = Signal(object)  # WhatIsNew, once listed
    count_changed = Signal(int)

    def __init__(self, session: Session, io: TaskRunner, *, results: ResultsPane, library_pane: LibraryPane,
                 status: QStatusBar, briefings: BriefingActions, search_results: SignalInstance,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self._session = session
        self._io = io
        self._results = results
        self._library_pane = library_pane
        self._status = status
        self._briefings = briefings
        self._library: Library | None = None
        self.what: WhatIsNew | None = None  # what the results list shows, while it does
        self.action = QAction("Since My &Last Briefing", parent)  # the window puts it in its Go menu
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setStatusTip("The articles added since your last printed or exported briefing")
        self.action.setEnabled(False)
        self.action.triggered.connect(lambda _checked=False: self.show_new())
        self.banner = SinceBanner(results)
        results.add_banner(self.banner)
        results.header.setWordWrap(True)  # "12 new articles since your briefing of 3 March, 14:20"
        self.banner.preview_action.triggered.connect(lambda _checked=False: self.brief("preview"))
        self.banner.export_action.triggered.connect(lambda _checked=False: self.brief("export"))
        self.banner.closed.connect(self._back)
        library_pane.since_requested.connect(self.show_new)
        search_results.connect(lambda *_: self._leave())
        briefings.recorded.connect(self.refresh_count)

    def attach(self, library: Library, queue: IndexQueue) -> None:
        self._library = library
        self.action.setEnabled(True)
        queue.finished.connect(lambda _report: self.refresh_count())
        self.refresh_count()

    # -- the count in the library pane -------------------------------------------------------

    def refresh_count(self) -> None:
        library = self._library
        if library is None:
            return

        def count() -> tuple[int, str]:
            articles, last = unbriefed(library.catalog())
            if last is None:
                return len(articles), "No briefing made yet: every article is new"
            return len(articles), (f"Articles no briefing has included yet (last briefing "
                                   f"{moment_label(last.made_at)})")

        def show(found: tuple[int, str]) -> None:
            self._library_pane.set_new_count(*found)
            self.count_changed.emit(found[0])

        self._io.run(count, show, self._failed)

    # -- listing what is new -----------------------------------------------------------------

    def show_new(self) -> None:
        """List what is new in the results, with the changed figures above them."""
        library = self._library
        if library is None:
            return
        self._status.showMessage("Looking for what is new…")

        def find() -> WhatIsNew:
            return since_last_briefing(library.catalog())

        self._io.run(find, self._show, self._failed)

    def _show(self, what: WhatIsNew) -> None:
        self._status.clearMessage()
        by_article: dict[str, list[FigureChange]] = {}
        for change in what.changed_figures:
            by_article.setdefault(change.after_article.path, []).append(change)
        hits = [
            hit_of(a.path, a.title, a.source, a.day if a.dated_by == "published" else None,
                   by_article.get(a.path, []), saved=a.day if a.dated_by == "saved" else None)
            for a in reversed(what.articles)  # the newest first
        ]
        self.what = what
        self._results.show_hits(hits, what.headline(), keep=self._session.open_path)
        self._results.back.hide()  # the banner has its own way back
        self.banner.show_what(what)
        self._library_pane.set_new_count(len(what.articles), what.headline())
        self.shown.emit(what)

    def _leave(self) -> None:
        """A search replaced the list: the banner goes with it."""
        self.what = None
        self.banner.hide()

    def _back(self) -> None:
        self._leave()
        self._session.search_again()

    def _failed(self, error: BaseException) -> None:
        self._status.showMessage(f"Could not tell what is new: {error}", 10000)

    # -- its briefing --------------------------------------------------------------------------

    def brief(self, how: str) -> None:
        """Print preview ("preview") or export ("export") a briefing of the new articles."""
        what = self.what
        if what is None or not what.articles:
            return

        def build(library: Library, paths: list[str]) -> Briefing | None:
            pairs = library.documents(paths)
            return briefing_of_new(what, pairs, catalog=library.catalog()) if pairs else None

        paths = [a.path for a in what.articles]
        briefings = self._briefings
        if how == "preview":
            briefings.print_preview(paths, build)
        else:
            briefings.export_briefing(paths, build)
