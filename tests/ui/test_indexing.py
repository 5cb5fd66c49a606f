"""Library management through the app: the index queue's progress, cancel and error paths,
drag and drop, watched folders, removing folders and the Problems dialog."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from briefing.core.library.lock import WriterLock
from briefing.ui.app import attach_library, is_settled
from briefing.ui.dialogs import ProblemsDialog
from briefing.ui.main_window import MainWindow
from briefing.ui.status import IndexCounts
from briefing.ui.tasks import TaskRunner
from tests.ui.articles import write_article, write_articles
from tests.ui.conftest import SETTLE_MS, MakeWindow

WORDS = (
    "The council met on Tuesday to discuss the budget for schools and roads in the northern district, "
    "where officials said spending had risen for the third year in a row. "
)


def _drop(window: MainWindow, paths: list[Path]) -> None:
    """Deliver drag-enter and drop to the window's handlers (Qt only routes them during a real drag)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPointF(400, 300), Qt.DropAction.CopyAction, mime, buttons, keys)
    enter.setAccepted(False)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(400, 300), Qt.DropAction.CopyAction, mime, buttons, keys)
    window.dropEvent(drop)
    assert drop.isAccepted()


def test_dropped_folder_is_indexed_with_progress(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "dropped"
    write_articles(folder)
    steps: list[tuple[int, int]] = []
    queue = window.index_queue
    assert queue is not None
    queue.progressed.connect(lambda done, total, _path: steps.append((done, total)))
    labels: list[str] = []  # the status bar's words after each count (the window's slots run first)
    queue.progressed.connect(lambda *_count: labels.append(window.progress.label.text()))
    queue.written.connect(lambda *_count: labels.append(window.progress.label.text()))
    shown: list[tuple[str, bool, bool]] = []
    queue.started.connect(lambda what: shown.append(
        (what, window.progress.isVisible(), window.menu_actions.cancel_indexing.isEnabled())
    ))
    with qtbot.waitSignal(queue.finished, timeout=SETTLE_MS) as finished:
        _drop(window, [folder])
    assert shown == [("Adding dropped", True, True)]
    report = finished.args[0]
    assert (report.added, report.failed, report.cancelled) == (3, [], False)
    assert steps[0] == (0, 3) and steps[-1] == (3, 3)
    # reading and analysing each fill half of the bar
    assert window.progress.bar.maximum() == 6 and window.progress.bar.value() == 6
    assert "Adding dropped: Reading 1 of 3…" in labels
    assert labels[-1] == "Adding dropped: Analysing 3 of 3…"
    qtbot.waitUntil(lambda: is_settled(window) and len(window.results.hits()) == 4, timeout=SETTLE_MS)
    assert window.progress.isHidden()
    assert folder.resolve() in window.library.roots()  # type: ignore[union-attr]
    tree = window.library_pane.tree
    folders = next(
        (item for item in map(tree.topLevelItem, range(tree.topLevelItemCount()))
         if item is not None and item.text(0) == "Folders"), None,
    )
    assert folders is not None and {folders.child(i).text(0) for i in range(folders.childCount())} == {
        "Sample articles", "dropped"
    }


def test_cancel_stops_indexing_and_keeps_what_is_done(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(300):
        (folder / f"report_{i:03}.txt").write_text(
            f"District report number {i}\n\n" + WORDS * 8, encoding="utf-8"
        )
    queue = window.index_queue
    assert queue is not None
    with qtbot.waitSignal(queue.finished, timeout=SETTLE_MS) as finished:
        window.add_paths([folder])
        qtbot.waitUntil(lambda: window.progress.bar.value() >= 1, timeout=SETTLE_MS)
        qtbot.mouseClick(window.progress.cancel, Qt.MouseButton.LeftButton)
        assert window.progress.label.text() == "Cancelling…"
    report = finished.args[0]
    assert report.cancelled and report.added < 300
    qtbot.waitUntil(lambda: is_settled(window), timeout=SETTLE_MS)
    assert window.progress.isHidden()
    assert "cancelled" in window.statusBar().currentMessage()
    assert window.library is not None and window.library.count() == 1 + report.added


def test_a_busy_index_is_reported_not_crashed(window: MainWindow, qtbot: QtBot) -> None:
    queue = window.index_queue
    assert queue is not None and window.library is not None
    lock = WriterLock(window.library.index_dir, label="another Briefing")
    lock.acquire()
    try:
        with qtbot.waitSignal(queue.failed, timeout=SETTLE_MS) as failed:
            queue.update()
    finally:
        lock.release()
    assert failed.args[0].startswith("Indexing the library failed:")
    assert "is being indexed by another process" in failed.args[0]
    qtbot.waitUntil(lambda: not queue.busy, timeout=5000)
    assert failed.args[0] in window.statusBar().currentMessage()
    with qtbot.waitSignal(queue.finished, timeout=SETTLE_MS):
        queue.update()  # the queue still works afterwards


def test_bad_files_are_listed_in_problems(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    write_articles(folder)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a PDF")
    (folder / "empty.txt").write_bytes(b"")
    for n in range(2):
        (folder / f"photo{n}.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (folder / "bundle.zip").write_bytes(b"PK\x03\x04")
    with qtbot.waitSignal(window.index_queue.finished, timeout=SETTLE_MS) as finished:  # type: ignore[union-attr]
        window.add_paths([folder])
    failed = {Path(f.path).name: f.reason for f in finished.args[0].failed}
    assert set(failed) == {"broken.pdf", "empty.txt"}
    qtbot.waitUntil(lambda: window.library_pane.problems_button.text() == "Problems (2)", timeout=5000)
    assert "see File ▸ Problems" in window.statusBar().currentMessage()
    seen: list[dict[str, str]] = []
    skipped: list[str] = []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ProblemsDialog)
        rows = (dialog.table.topLevelItem(i) for i in range(dialog.table.topLevelItemCount()))
        seen.append({Path(r.text(0)).name: r.text(1) for r in rows if r is not None})
        skipped.append(dialog.skipped_label.text() if dialog.skipped_label.isVisible() else "")
        dialog.reject()

    QTimer.singleShot(200, read_and_close)
    qtbot.mouseClick(window.library_pane.problems_button, Qt.MouseButton.LeftButton)
    assert seen == [failed] and all(seen[0].values())
    assert skipped == ["skipped: 3 files of other types: .jpg 2, .zip 1"]


def test_watched_folders_are_reindexed_when_files_change(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "watched"
    write_articles(folder)
    window.add_paths([folder])
    qtbot.waitUntil(lambda: is_settled(window) and len(window.results.hits()) == 4, timeout=SETTLE_MS)
    qtbot.waitUntil(lambda: str(folder.resolve()) in window.watcher.watched(), timeout=5000)
    write_article(folder, "late.md", "Late news from Mosul", "AP", "2024-02-01",
                  "Fighting resumed near Mosul on Thursday, officials said.")
    qtbot.waitUntil(lambda: is_settled(window) and len(window.results.hits()) == 5, timeout=SETTLE_MS)
    (folder / "oil.md").unlink()
    qtbot.waitUntil(lambda: is_settled(window) and len(window.results.hits()) == 4, timeout=SETTLE_MS)
    assert "oil.md" not in {Path(h.path).name for h in window.results.hits()}


def test_removing_a_folder_drops_its_articles(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "temporary"
    write_articles(folder)
    window.add_paths([folder])
    qtbot.waitUntil(lambda: is_settled(window) and len(window.results.hits()) == 4, timeout=SETTLE_MS)
    with qtbot.waitSignal(window.index_queue.roots_changed, timeout=SETTLE_MS):  # type: ignore[union-attr]
        window.remove_folder(folder.resolve())
    qtbot.waitUntil(lambda: is_settled(window) and len(window.results.hits()) == 1, timeout=SETTLE_MS)
    assert window.library is not None and folder.resolve() not in window.library.roots()


def test_task_runner_delivers_results_and_errors_on_the_gui_thread(qtbot: QtBot, tmp_path: Path) -> None:
    runner = TaskRunner("test", workers=1)
    gui = threading.get_ident()
    worker: list[int] = []
    got: list[object] = []

    def work() -> str:
        worker.append(threading.get_ident())
        return "done"

    runner.run(work, lambda value: got.append((value, threading.get_ident())))
    runner.run(lambda: (tmp_path / "missing.txt").read_text(), None,
               lambda error: got.append((type(error).__name__, threading.get_ident())))
    qtbot.waitUntil(lambda: len(got) == 2, timeout=5000)
    assert got == [("done", gui), ("FileNotFoundError", gui)]
    assert worker and worker[0] != gui
    assert runner.pending == 0
    runner.shutdown()


def test_task_runner_runs_after_each_on_the_worker_when_a_task_ends(qtbot: QtBot) -> None:
    ran: list[tuple[str, int]] = []
    runner = TaskRunner("test", workers=1, after_each=lambda: ran.append(("after", threading.get_ident())))
    got: list[object] = []

    def fail() -> None:
        raise ValueError("no")

    runner.run(lambda: ran.append(("task", threading.get_ident())), got.append)
    runner.run(fail, None, got.append)
    qtbot.waitUntil(lambda: len(got) == 2, timeout=5000)
    assert [what for what, _ in ran] == ["task", "after", "after"]  # after a failure too
    assert len({thread for _, thread in ran}) == 1 and ran[0][1] != threading.get_ident()
    assert isinstance(got[1], ValueError)
    runner.shutdown()


def test_analysis_runs_in_worker_processes_that_stop_with_the_window(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    import multiprocessing
    import os

    folder = tmp_path / "analysed"
    folder.mkdir()
    write_article(folder, "mayor.txt", "Mayor visits Leeds", "Leeds Post", "2024-03-04",
                  "Mayor Sarah Collins visited Leeds on Monday with officials from the Red Cross.")
    queue = window.index_queue
    assert queue is not None and window.library is not None
    assert multiprocessing.active_children() == []
    with qtbot.waitSignal(queue.finished, timeout=SETTLE_MS) as finished:
        window.add_paths([folder])
    assert finished.args[0].added == 1 and finished.args[0].failed == []
    workers = multiprocessing.active_children()
    assert workers and all(p.pid != os.getpid() for p in workers)
    # The entities were found by those workers (the app's process has no Analyzer of its own).
    document = window.library.document(str((folder / "mayor.txt").resolve()))
    assert document is not None and document[1] is not None
    assert {e.text for e in document[1].entities} >= {"Sarah Collins", "Leeds"}
    window.shutdown()
    assert multiprocessing.active_children() == []
    assert all(not p.is_alive() for p in workers)


def test_counts_say_what_is_happening() -> None:
    counts = IndexCounts("Adding news")
    assert counts.status() == "Adding news…"
    assert counts.placeholder() == "Adding news… the first article opens when it is ready."
    counts.read, counts.total = 12, 300
    assert counts.status() == "Adding news: Reading 12 of 300…"
    counts.read, counts.written = 150, 120
    assert counts.status() == "Adding news: Analysing 120 of 300…"
    assert counts.placeholder() == (
        "Adding news (analysing 120 of 300 articles)… the first article opens when it is ready."
    )
    counts.read, counts.written, counts.total = 3000, 0, 3000  # all read, the first batch not back yet
    assert counts.stage() == "Analysing 0 of 3,000"


def test_a_first_folder_shows_how_far_it_is_in_the_reader(
    make_window: MakeWindow, briefing_home: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(40):
        (folder / f"report_{i:03}.txt").write_text(f"District report number {i}\n\n" + WORDS * 3,
                                                    encoding="utf-8")
    window = make_window()
    placeholders: list[str] = []
    statuses: list[str] = []
    attach_library(window, library=folder, index_dir=briefing_home / "index", open_path=None,
                   warm_up=False)
    queue = window.index_queue
    assert queue is not None
    for signal in (queue.progressed, queue.written):
        signal.connect(lambda *_count: placeholders.append(window.placeholder_message))
        signal.connect(lambda *_count: statuses.append(window.progress.label.text()))
    qtbot.waitUntil(lambda: is_settled(window) and window.current_path is not None, timeout=SETTLE_MS)
    shown = [p for p in placeholders if "articles)" in p]
    assert shown, placeholders[:5]
    assert all(p.startswith("Adding news (") and p.endswith("… the first article opens when it is ready.")
               for p in shown)
    assert any("analysing" in p and "of 40 articles" in p for p in shown)
    assert any(s.startswith("Adding news: Analysing") and s.endswith("of 40…") for s in statuses)
    # on screen: the status bar shows the count while it runs, in the window
    assert window.statusBar().isVisible()
