"""Opening a library answers the first search before anything else that can wait (issue 18).

In a 100,000-article library the catch-up update's scan of every file, the count of what is new
(every catalog article) and the first article's side panel (its figures across the catalog) each
took seconds, all before the first hits were shown. They now come after the hits, and the window
ends up showing the same things as before.
"""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from briefing.ui.app import attach_library, is_settled
from briefing.ui.main_window import QUERY_NOT_UNDERSTOOD, MainWindow
from tests.ui.conftest import SETTLE_MS, MakeWindow


def test_the_first_hits_come_before_the_catch_up_the_new_count_and_the_article(
    make_window: MakeWindow, index_dir: Path, qtbot: QtBot
) -> None:
    window = make_window()
    events: list[str] = []
    window.results_shown.connect(lambda: events.append(f"hits:{window.current_path is not None}"))
    window.article_opened.connect(lambda _path: events.append("article"))
    window.since.count_changed.connect(lambda _count: events.append("new count"))

    attach_library(window, library=None, index_dir=index_dir, open_path=None, warm_up=False)
    queue = window.index_queue
    assert queue is not None
    queue.started.connect(lambda _what: events.append("catch-up"))
    assert not queue.busy  # the catch-up waits for the first answer
    qtbot.waitUntil(lambda: is_settled(window) and window.current_path is not None, timeout=SETTLE_MS)

    # The hits were shown with no article open yet; everything else came after them.
    assert events[0] == "hits:False", events
    assert {"catch-up", "new count", "article"} <= set(events[1:]), events
    # And the window shows what it showed before: the sample article open, the count of what is new.
    assert window.library is not None and window.library.roots()
    assert window.current_path is not None and Path(window.current_path).parent == window.library.roots()[0]
    assert "entity:" in window.reader_pane.reader.toHtml()
    assert window.side_panel.figures.count() > 0
    assert _new_count(window) == "1"


def test_a_query_that_cannot_be_read_still_starts_the_catch_up(
    make_window: MakeWindow, index_dir: Path, qtbot: QtBot
) -> None:
    window = make_window()
    window.session.set_query("title:(unclosed")
    attach_library(window, library=None, index_dir=index_dir, open_path=None, warm_up=False)
    queue = window.index_queue
    assert queue is not None
    started: list[str] = []
    queue.started.connect(started.append)
    qtbot.waitUntil(lambda: bool(started) and is_settled(window), timeout=SETTLE_MS)
    assert window.results.hits() == []
    assert window.results.header.text() == QUERY_NOT_UNDERSTOOD


def _new_count(window: MainWindow) -> str | None:
    """The "Since last briefing" entry's count in the library pane."""
    tree = window.library_pane.tree
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        if item is not None and item.text(0) == "Since last briefing":
            return item.text(1)
    return None
