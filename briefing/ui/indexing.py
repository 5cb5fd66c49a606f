"""What the window shows while the IndexQueue works: progress, messages, folders and counts."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QStatusBar

from briefing.ui.library_pane import LibraryPane
from briefing.ui.session import Session
from briefing.ui.status import IndexProgress

if TYPE_CHECKING:
    from briefing.core.library import IndexReport, Library
    from briefing.ui.index_queue import IndexQueue

PLACEHOLDER_INTERVAL = 0.25  # seconds between two counts in the reader's placeholder


@dataclass(frozen=True, slots=True)
class IndexView:
    """The parts of the window that show indexing."""

    progress: IndexProgress
    count_label: QLabel
    library_pane: LibraryPane
    status: QStatusBar
    cancel_action: QAction
    results_listed: Callable[[], bool]  # the results list shows something
    watch_folders: Callable[[Sequence[Path]], None]


class IndexFeedback(QObject):
    """Connects an IndexQueue's signals to the session and the parts of the window that show indexing."""

    def __init__(self, session: Session, library: Library, queue: IndexQueue, view: IndexView,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._view = view
        self._library = library
        self._queue = queue
        self._shown_at = 0.0
        queue.started.connect(self.started)
        queue.progressed.connect(view.progress.advance)
        queue.written.connect(view.progress.analysed)
        queue.progressed.connect(self._placeholder)
        queue.written.connect(self._placeholder)
        queue.finished.connect(self.finished)
        queue.failed.connect(self.failed)
        queue.roots_changed.connect(self.roots_changed)
        queue.idle.connect(self.idle)

    def roots_changed(self) -> None:
        """Show the library's folders and article count, and watch the folders for changes."""
        view, library = self._view, self._library
        roots = library.roots()
        count = library.count()
        view.library_pane.set_library(roots, count)
        folders = f"{len(roots)} folder{'' if len(roots) == 1 else 's'}"
        view.count_label.setText(f"{count:,} article{'' if count == 1 else 's'} in {folders}")
        view.library_pane.set_problem_count(len(library.failures()), skipped=bool(library.skipped()))
        view.watch_folders(roots)

    def started(self, what: str) -> None:
        self._view.progress.begin(what)
        self._shown_at = 0.0
        self._placeholder()
        self._view.cancel_action.setEnabled(True)

    def _placeholder(self, *_counts: object) -> None:
        """While nothing can be read yet, the reader says what runs and how far it is."""
        session = self._session
        if session.article is None and not self._view.results_listed():
            now = time.monotonic()
            message = self._view.progress.counts.placeholder()
            # a new count at most a few times a second: rendering it per file would slow a big run
            if message != session.message and now - self._shown_at >= PLACEHOLDER_INTERVAL:
                self._shown_at = now
                session.show_message(message)

    def finished(self, report: IndexReport) -> None:
        status = self._view.status
        changed = report.added + report.updated + report.removed
        words = f"{report.added} added, {report.updated} updated, {report.removed} removed"
        if report.cancelled:
            status.showMessage(f"Indexing cancelled ({words}).", 8000)
        elif report.failed:
            status.showMessage(
                f"{len(report.failed)} file(s) could not be indexed: see File ▸ Problems.", 10000
            )
        elif changed:
            status.showMessage(f"Library updated: {words}.", 6000)
        self.roots_changed()
        if changed:
            self._session.index_changed()  # a new search; the open article's analysis may be new

    def failed(self, message: str) -> None:
        self._view.status.showMessage(message, 15000)

    def idle(self) -> None:
        self._view.progress.end()
        self._view.cancel_action.setEnabled(False)
        self._session.indexing_idle()
