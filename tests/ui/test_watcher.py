"""The folder watcher stops with the window: no reindex is asked for after shutdown."""

from __future__ import annotations

import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from briefing.core.library.watch import WatchSettings
from briefing.ui.watcher import DEBOUNCE_MS, FolderWatcher
from tests.ui.articles import write_article


def test_a_stopped_watcher_reports_no_change(qtbot: QtBot, tmp_path: Path) -> None:
    watcher = FolderWatcher()
    changes: list[object] = []
    watcher.changed.connect(changes.append)
    try:
        folder = tmp_path / "articles"
        folder.mkdir()
        watcher.watch([folder])
        qtbot.waitUntil(lambda: str(folder) in watcher.watched(), timeout=5000)
        write_article(folder, "one.md", "One", "AP", "2024-02-01", "A first report from Mosul.")
        qtbot.waitUntil(lambda: changes == [[folder]], timeout=5000)  # it does watch
        write_article(folder, "two.md", "Two", "AP", "2024-02-02", "A second report from Mosul.")
        watcher.stop()  # before the debounce ends: the pending change is dropped
        qtbot.wait(DEBOUNCE_MS * 3)
        assert changes == [[folder]] and watcher.watched() == []
        assert not [t for t in threading.enumerate() if t.name.startswith("watch ")]  # none outlives it
    finally:
        watcher.stop()


def test_a_folder_polled_is_said_with_the_reason_and_still_followed(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "shared news"
    folder.mkdir()
    table = tmp_path / "mountinfo"  # this machine's mount table, with the folder mounted over NFS
    mounted = str(folder.resolve()).replace(" ", "\\040")
    real = Path("/proc/self/mountinfo").read_text(encoding="utf-8")
    table.write_text(real + f"99 22 0:99 / {mounted} rw - nfs4 server:/news rw\n", encoding="utf-8")
    watcher = FolderWatcher(settings=WatchSettings(mountinfo=table))
    changes: list[object] = []
    notices: list[str] = []
    watcher.changed.connect(changes.append)
    watcher.notice.connect(notices.append)
    try:
        watcher.watch([folder])
        qtbot.waitUntil(lambda: bool(notices), timeout=5000)
        assert notices == [f"Watching {folder} by looking every 2 s: it is on a network filesystem (nfs4), "
                           "whose changes made elsewhere send no event"]
        write_article(folder, "one.md", "One", "AP", "2024-02-01", "A first report from Mosul.")
        qtbot.waitUntil(lambda: changes == [[folder]], timeout=5000)
    finally:
        watcher.stop()
