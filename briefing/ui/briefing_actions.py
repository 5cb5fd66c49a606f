"""Print and export briefings of the open article, or of the selected results.

The articles and their analyses come from the index on the io worker (no file
is read, nothing is analysed); the briefing is then painted or written on the
GUI thread, where Qt's text layout and printers must be used. The file dialog
and the error box sit behind two callables, ``ask_save_path`` and
``show_error``, which tests replace. What a briefing is of comes from the
window's Session and the results' selection; the window itself is not known here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QStatusBar, QWidget

from briefing.core.briefing import Briefing
from briefing.core.errors import BriefingError
from briefing.core.library import Library
from briefing.operations import ExportFormat, export_format, library_briefing, record_briefing, write_briefing
from briefing.printing.preview import print_with_dialog, print_with_preview
from briefing.ui.session import Session
from briefing.ui.settings import Settings
from briefing.ui.tasks import TaskRunner

# The file dialog's filter for each export format (the formats and their extensions: operations).
FILTERS: dict[ExportFormat, str] = {
    "pdf": "PDF document (*.pdf)", "html": "Web page (*.html)", "md": "Markdown (*.md)",
}

AskSavePath = Callable[[QWidget, str], Path | None]  # (parent, suggested path) -> chosen path or None
ShowError = Callable[[QWidget, str, str], None]  # (parent, title, message)
# (library, paths) -> the briefing, or None when none of the articles is left; runs on the io worker
BuildBriefing = Callable[[Library, list[str]], Briefing | None]
SelectedPaths = Callable[[], list[str]]  # the selected results' articles


def export_path(chosen: str, selected_filter: str) -> Path:
    """The chosen file, given the selected filter's extension when it has no known one of its own."""
    path = Path(chosen)
    if export_format(path) is not None:
        return path
    fmt = next((f for f, label in FILTERS.items() if label == selected_filter), "pdf")
    return path.with_name(f"{path.name}.{fmt}")


def ask_save_path(parent: QWidget, suggested: str) -> Path | None:
    """The system's save dialog, offering PDF, HTML and Markdown."""
    initial = FILTERS.get(export_format(Path(suggested)) or "pdf", FILTERS["pdf"])
    chosen, selected_filter = QFileDialog.getSaveFileName(
        parent, "Export Briefing", suggested, ";;".join(FILTERS.values()), initial
    )
    return export_path(chosen, selected_filter) if chosen else None


def show_error(parent: QWidget, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def file_stem(title: str) -> str:
    """A file name made from a title: letters, digits and dashes, at most 60 characters."""
    words = re.findall(r"\w+", title.casefold())
    stem = "-".join(words)[:60].strip("-")
    return stem or "briefing"


def articles_phrase(count: int) -> str:
    return f"{count} article{'' if count == 1 else 's'}"


class BriefingActions(QObject):
    """Print briefing…, Print preview… and Export briefing…: of the selected results or the open article.

    Dialogs open over ``parent``; messages go to ``status``; the work runs on ``io``.
    """

    finished = Signal(str)  # what was printed or exported (also shown in the status bar)
    failed = Signal(str)  # what went wrong
    recorded = Signal()  # a briefing printed or exported is in the library's history

    def __init__(self, session: Session, io: TaskRunner, *, selected: SelectedPaths, status: QStatusBar,
                 settings: Settings, parent: QWidget) -> None:
        super().__init__(parent)
        self._session = session
        self._io = io
        self._selected = selected
        self._status = status
        self._settings = settings
        self._parent = parent
        self.actions: tuple[QAction, ...] = ()  # enabled while there is something to brief
        self.ask_save_path: AskSavePath = ask_save_path
        self.show_error: ShowError = show_error
        self._busy = False
        self._writing = False  # a PDF of several articles is being written (after a repaint)

    @property
    def busy(self) -> bool:
        """A briefing is being prepared or written."""
        return self._busy or self._writing

    # -- what a briefing is of -------------------------------------------------------------

    def targets(self) -> list[str]:
        """The selected results when there are several, else the open article (or nothing)."""
        session = self._session
        if session.library is None:
            return []
        selected = self._selected()
        if len(selected) > 1:
            return selected
        return [session.open_path] if session.open_path is not None else []

    def refresh(self) -> None:
        enabled = not self.busy and bool(self.targets())
        for action in self.actions:
            action.setEnabled(enabled)

    # -- the three actions -------------------------------------------------------------------

    # Each takes the articles (default: ``targets()``) and how to build their briefing.

    def print_briefing(self, paths: list[str] | None = None, build: BuildBriefing = library_briefing) -> None:
        """The system print dialog, then print."""
        def show(briefing: Briefing) -> None:
            if print_with_dialog(self._parent, briefing):
                self._record(briefing, "print")
                self._done(f"Printed briefing of {articles_phrase(len(briefing.articles))}")

        self._with_briefing(self.targets() if paths is None else paths, show, "Printing", build)

    def print_preview(self, paths: list[str] | None = None, build: BuildBriefing = library_briefing) -> None:
        """Qt's print preview, from which the user may print."""
        def show(briefing: Briefing) -> None:
            if print_with_preview(self._parent, briefing):
                self._record(briefing, "print")

        self._with_briefing(self.targets() if paths is None else paths, show, "Printing", build)

    def export_briefing(
        self, paths: list[str] | None = None, build: BuildBriefing = library_briefing
    ) -> None:
        """Ask where to save, then write PDF, HTML or Markdown (the format the name ends in)."""
        paths = self.targets() if paths is None else paths
        if not paths or self.busy:
            return
        out = self.ask_save_path(self._parent, self._suggested_path(paths))
        if out is None:
            return
        self._with_briefing(paths, lambda b: self._export(b, out), "Export", build)

    # -- building and writing ----------------------------------------------------------------

    def _with_briefing(
        self, paths: list[str], then: Callable[[Briefing], None], what: str, build: BuildBriefing
    ) -> None:
        """Build the briefing of ``paths`` on the io worker, then call ``then`` on the GUI thread."""
        library = self._session.library
        if library is None or not paths or self.busy:
            return
        self._begin(f"Preparing a briefing of {articles_phrase(len(paths))}…")

        def built(briefing: Briefing | None) -> None:
            self._stop_waiting()
            try:
                if briefing is None:
                    self._fail(what, "The articles are no longer in the library.")
                else:
                    then(briefing)
            except (OSError, ValueError, RuntimeError, BriefingError) as error:
                self._fail(what, str(error))
            finally:
                self._busy = False  # only now: a dialog shown by ``then`` has closed
                self.refresh()

        def broke(error: BaseException) -> None:
            self._stop_waiting()
            self._busy = False
            self.refresh()
            self._fail(what, f"Could not prepare the briefing: {error}")

        self._io.run(lambda: build(library, paths), built, broke)

    def _record(self, briefing: Briefing, kind: str) -> None:
        """Remember the briefing (printed, or written) in the library's history, off the GUI thread."""
        library = self._session.library
        if library is None:
            return
        paths = [a.path for a in briefing.articles]

        def record() -> None:
            record_briefing(library, paths, briefing.title, kind, briefing.made_at)

        def failed(error: BaseException) -> None:
            self._status.showMessage(f"Could not remember this briefing: {error}", 10000)

        self._io.run(record, lambda _none: self.recorded.emit(), failed)

    def _export(self, briefing: Briefing, out: Path) -> None:
        if len(briefing.articles) > 1 and export_format(out) == "pdf":
            # Laying out many articles takes a moment: say so, and write once the event loop
            # has painted the message (the repaint is queued before the write).
            self._status.showMessage(f"Writing {out.name}…")
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            self._writing = True
            QTimer.singleShot(0, self, lambda: self._write_after_repaint(briefing, out))
        else:
            self._write(briefing, out)

    def _write_after_repaint(self, briefing: Briefing, out: Path) -> None:
        try:
            self._write(briefing, out)
        except (OSError, RuntimeError, BriefingError) as error:
            self._fail("Export", str(error))
        finally:
            QApplication.restoreOverrideCursor()
            self._writing = False
            self.refresh()

    def _write(self, briefing: Briefing, out: Path) -> None:
        written = write_briefing(briefing, out)
        self._record(briefing, written.format)
        self._settings.set_export_dir(str(out.parent))
        self._done(f"Exported briefing of {articles_phrase(len(briefing.articles))} to {out}")

    def _begin(self, message: str) -> None:
        self._busy = True
        self.refresh()
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self._status.showMessage(message)

    def _stop_waiting(self) -> None:
        QApplication.restoreOverrideCursor()
        self._status.clearMessage()

    def _done(self, message: str) -> None:
        self._status.showMessage(message, 10000)
        self.finished.emit(message)

    def _fail(self, what: str, message: str) -> None:
        self.failed.emit(message)
        self.show_error(self._parent, f"{what} failed", message)

    def _suggested_path(self, paths: list[str]) -> str:
        folder = self._settings.export_dir() or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        article = self._session.article
        if len(paths) == 1 and article is not None and article.path == paths[0]:
            name = file_stem(article.title)
        else:
            name = "briefing"
        return str(Path(folder or Path.home()) / f"{name}.pdf")
