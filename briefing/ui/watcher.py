"""Watch the library's folders and ask for a re-index when articles in them change.

The watching itself is Qt-free (briefing.core.library.watch: the system's file events through
watchfiles, or polling where they cannot be had); this object only brings its batches to the GUI
thread as ``changed`` (the roots that need an update) and says how each root is watched when it
is not watched natively (``notice``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal

from briefing.core.library.watch import DEBOUNCE_MS, ChangeBatch, LibraryWatcher, WatchMode, WatchSettings

__all__ = ["DEBOUNCE_MS", "FolderWatcher"]


class FolderWatcher(QObject):
    changed = Signal(object)  # list[Path]: the roots that need an update
    notice = Signal(str)  # a root watched by polling (and why), or no longer watched
    # From the watching threads to this object's (the GUI) thread: (the watcher that saw it, what).
    _batch_seen = Signal(object, object)
    _mode_seen = Signal(object, object)

    def __init__(self, parent: QObject | None = None, settings: WatchSettings | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._watcher: LibraryWatcher | None = None
        self._batch_seen.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._mode_seen.connect(self._tell_mode, Qt.ConnectionType.QueuedConnection)

    def watched(self) -> list[str]:
        """The roots being watched now (each once its watch is set up)."""
        return [str(root) for root in self._watcher.watching()] if self._watcher is not None else []

    def watch(self, roots: Sequence[Path]) -> None:
        """Watch exactly ``roots`` (and what is under them); setting up runs on the watcher's threads."""
        wanted = tuple(dict.fromkeys(Path(r) for r in roots))
        if self._watcher is not None and self._watcher.roots == wanted and self._watcher.alive():
            return  # already watched: starting again would miss what changes meanwhile
        self.stop()
        if not wanted:
            return
        watcher: LibraryWatcher | None = None

        def seen(batch: ChangeBatch) -> None:
            self._batch_seen.emit(watcher, batch)

        def told(mode: WatchMode) -> None:
            self._mode_seen.emit(watcher, mode)

        watcher = LibraryWatcher(wanted, seen, told, self._settings)
        self._watcher = watcher
        watcher.start()

    def stop(self) -> None:
        """Watch nothing more and drop what is still on its way (the window is closing)."""
        watcher, self._watcher = self._watcher, None
        if watcher is not None:
            watcher.stop()

    def _deliver(self, watcher: LibraryWatcher, batch: ChangeBatch) -> None:
        if watcher is self._watcher:  # not from a watcher stopped since
            self.changed.emit([batch.root])

    def _tell_mode(self, watcher: LibraryWatcher, mode: WatchMode) -> None:
        if watcher is self._watcher and (mode.polling or mode.failed):
            self.notice.emit(mode.describe())
