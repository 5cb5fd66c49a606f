"""What the main window shows while the IndexQueue works: progress, messages, folders and counts."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from briefing.core.library import IndexReport, Library
    from briefing.ui.index_queue import IndexQueue
    from briefing.ui.main_window import MainWindow

PLACEHOLDER_INTERVAL = 0.25  # seconds between two counts in the reader's placeholder


class IndexFeedback(QObject):
    """Connects an IndexQueue's signals to the window: the progress bar, the status bar, the library pane."""

    def __init__(self, window: MainWindow, library: Library, queue: IndexQueue) -> None:
        super().__init__(window)
        self._window = window
        self._library = library
        self._queue = queue
        self._shown_at = 0.0
        queue.started.connect(self.started)
        queue.progressed.connect(window.progress.advance)
        queue.written.connect(window.progress.analysed)
        queue.progressed.connect(self._placeholder)
        queue.written.connect(self._placeholder)
        queue.finished.connect(self.finished)
        queue.failed.connect(self.failed)
        queue.roots_changed.connect(self.roots_changed)
        queue.idle.connect(self.idle)

    def roots_changed(self) -> None:
        """Show the library's folders and article count, and watch the folders for changes."""
        window, library = self._window, self._library
        roots = library.roots()
        count = library.count()
        window.library_pane.set_library(roots, count)
        folders = f"{len(roots)} folder{'' if len(roots) == 1 else 's'}"
        window.count_label.setText(f"{count:,} article{'' if count == 1 else 's'} in {folders}")
        window.library_pane.set_problem_count(len(library.failures()), skipped=bool(library.skipped()))
        window.watcher.watch(roots)

    def started(self, what: str) -> None:
        window = self._window
        window.progress.begin(what)
        self._shown_at = 0.0
        self._placeholder()
        window.menu_actions.cancel_indexing.setEnabled(True)

    def _placeholder(self, *_counts: object) -> None:
        """While nothing can be read yet, the reader says what runs and how far it is."""
        window = self._window
        if window.current_path is None and not window.results.hits():
            now = time.monotonic()
            message = window.progress.counts.placeholder()
            # a new count at most a few times a second: rendering it per file would slow a big run
            if message != window.placeholder_message and now - self._shown_at >= PLACEHOLDER_INTERVAL:
                self._shown_at = now
                window.show_placeholder(message)

    def finished(self, report: IndexReport) -> None:
        window = self._window
        changed = report.added + report.updated + report.removed
        words = f"{report.added} added, {report.updated} updated, {report.removed} removed"
        if report.cancelled:
            window.statusBar().showMessage(f"Indexing cancelled ({words}).", 8000)
        elif report.failed:
            window.statusBar().showMessage(
                f"{len(report.failed)} file(s) could not be indexed: see File ▸ Problems.", 10000
            )
        elif changed:
            window.statusBar().showMessage(f"Library updated: {words}.", 6000)
        self.roots_changed()
        if changed:
            window.run_search()
            if window.current_path is not None:
                window.open_article(window.current_path)  # its analysis may be new

    def failed(self, message: str) -> None:
        self._window.statusBar().showMessage(message, 15000)

    def idle(self) -> None:
        window = self._window
        window.progress.end()
        window.menu_actions.cancel_indexing.setEnabled(False)
        if window.pending_open is not None and window.current_path is None:
            window.run_search()
