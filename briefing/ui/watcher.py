"""Watch the library's folders and ask for a re-index when something in them changes.

QFileSystemWatcher reports a folder when files are added, removed or renamed in
it and a file when it is modified, so both the folders and (up to a limit) the
article files are watched. Bursts of changes are merged into one update per root.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from briefing.core.ingest.files import SUPPORTED_SUFFIXES
from briefing.ui.tasks import TaskRunner

DEBOUNCE_MS = 1500
MAX_WATCHED_FILES = 4000


def paths_to_watch(roots: Sequence[Path], max_files: int = MAX_WATCHED_FILES) -> list[str]:
    """The folders under ``roots`` and the article files in them (files capped at ``max_files``)."""
    folders: list[str] = []
    files: list[str] = []
    for root in roots:
        if root.is_file():
            files.append(str(root))
            continue
        for current, dirs, names in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            folders.append(current)
            for name in names:
                if len(files) < max_files and os.path.splitext(name)[1].lower() in SUPPORTED_SUFFIXES:
                    files.append(os.path.join(current, name))
    return folders + files


class FolderWatcher(QObject):
    changed = Signal(object)  # list[Path]: the roots that need an update

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._touched)
        self._watcher.fileChanged.connect(self._touched)
        self._roots: list[Path] = []
        self._dirty: set[Path] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._flush)

    def watched(self) -> list[str]:
        return self._watcher.directories() + self._watcher.files()

    def watch(self, roots: Sequence[Path]) -> None:
        """Watch exactly ``roots`` (and what is under them); the listing runs off the GUI thread."""
        self._roots = [Path(r) for r in roots]
        wanted = list(self._roots)
        self._runner.run(lambda: paths_to_watch(wanted), self._replace)

    def _replace(self, paths: list[str]) -> None:
        if not self._roots:  # stopped meanwhile
            return
        old = self.watched()
        if old:
            self._watcher.removePaths(old)
        existing = [p for p in paths if os.path.exists(p)]
        if existing:
            self._watcher.addPaths(existing)

    def stop(self) -> None:
        """Watch nothing more and drop pending changes (the window is closing)."""
        self._timer.stop()
        self._roots = []
        self._dirty.clear()
        old = self.watched()
        if old:
            self._watcher.removePaths(old)

    def _touched(self, path: str) -> None:
        if not self._roots:
            return
        for root in self._roots:
            if Path(path) == root or Path(path).is_relative_to(root):
                self._dirty.add(root)
        self._timer.start()

    def _flush(self) -> None:
        if self._dirty:
            roots, self._dirty = sorted(self._dirty), set()
            self.changed.emit(roots)
            self.watch(self._roots)  # new sub-folders and files
