"""Since My Last Briefing in the app: the count in the library pane, the list, what changed, its briefing.

Real BBC articles join the sample library through the app's own indexing; a briefing
exported from the window is recorded; more real articles arrive; the app lists them with
the figures that changed and briefs them (the dialogs answered as in test_print_export).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from briefing.ui.app import is_settled
from briefing.ui.library_pane import KIND_ROLE
from briefing.ui.main_window import MainWindow
from briefing.ui.since_view import SHORTCUT
from tests.printing.dialogs import Accepted, Rejected, answer_previews
from tests.printing.poppler import pdf_text
from tests.ui.conftest import SETTLE_MS
from tests.ui.test_print_export import SEED_TITLE, SavePaths

WAIT_MS = 60_000
BEFORE = {"bbc_business_022.txt": "2005-01-05", "bbc_business_292.txt": "2005-01-08"}
AFTER = {"bbc_business_275.txt": "2005-02-02", "bbc_business_416.txt": "2005-02-05",
         "bbc_business_453.txt": "2005-02-16"}


def _copy(shared: Path, folder: Path, days: dict[str, str]) -> None:
    folder.mkdir(exist_ok=True)
    for name, day in days.items():
        target = folder / name
        shutil.copy(shared / "corpus" / "bbc" / name, target)
        noon = dt.datetime.fromisoformat(day).timestamp() + 12 * 3600
        os.utime(target, (noon, noon))


def _since_item(window: MainWindow) -> tuple[str, str, str] | None:
    tree = window.library_pane.tree
    for row in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(row)
        if item is not None and item.data(0, KIND_ROLE) == "since":
            return item.text(0), item.text(1), item.toolTip(0).split("\n", 1)[-1]  # below the full name
    return None


def _settle(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: is_settled(window), timeout=SETTLE_MS)


@pytest.fixture
def briefed(window: MainWindow, qtbot: QtBot, tmp_path: Path, shared_dir: Path) -> tuple[MainWindow, Path]:
    """The sample library plus 022 and 292, a briefing of the seed exported, then 275, 416, 453 added."""
    _settle(window, qtbot)
    qtbot.waitUntil(lambda: _since_item(window) is not None, timeout=WAIT_MS)
    assert _since_item(window) == ("Since last briefing", "1", "No briefing made yet: every article is new")
    folder = tmp_path / "bbc"
    _copy(shared_dir, folder, BEFORE)
    window.add_paths([folder])
    qtbot.waitUntil(lambda: is_settled(window) and (_since_item(window) or ("", ""))[1] == "3",
                    timeout=SETTLE_MS)

    seed = next(h.path for h in window.results.hits() if h.title == SEED_TITLE)
    window.open_article(seed)
    assert window.current_path is not None and window.current_path.endswith("000_1485d72a6eece34e.txt")
    window.briefings.ask_save_path = SavePaths(tmp_path / "seed.md")
    # A briefing of one article: that one leaves the list, the two the reader was not briefed on stay.
    with qtbot.waitSignal(window.since.count_changed, timeout=WAIT_MS,
                          check_params_cb=lambda n: n == 2):
        qtbot.keySequence(window, QKeySequence("Ctrl+E"))
    assert (tmp_path / "seed.md").exists()
    assert window.library is not None
    last = window.library.catalog().last_briefing()
    assert last is not None and last.kind == "md" and last.title == SEED_TITLE
    _name, count, tooltip = _since_item(window) or ("", "", "")
    assert count == "2" and tooltip.startswith("Articles no briefing has included yet")

    # A briefing of the two others (selected in the results): now nothing is new.
    window.run_search()
    qtbot.waitUntil(lambda: len(window.results.hits()) == 3, timeout=WAIT_MS)
    rows = [r for r, h in enumerate(window.results.hits()) if Path(h.path).name in BEFORE]
    window.results.list.clearSelection()
    for row in rows:
        window.results.list.item(row).setSelected(True)
    assert len(window.results.selected_hits()) == 2
    window.briefings.ask_save_path = SavePaths(tmp_path / "two.md")
    with qtbot.waitSignal(window.since.count_changed, timeout=WAIT_MS,
                          check_params_cb=lambda n: n == 0):
        qtbot.keySequence(window, QKeySequence("Ctrl+E"))
    assert _since_item(window) is not None and _since_item(window)[1] == "0"  # type: ignore[index]

    _copy(shared_dir, folder, AFTER)  # the folder is watched: the app indexes them by itself
    qtbot.waitUntil(lambda: is_settled(window) and (_since_item(window) or ("", ""))[1] == "3",
                    timeout=SETTLE_MS)
    return window, tmp_path


def test_since_lists_the_new_articles_with_what_changed(
    briefed: tuple[MainWindow, Path], qtbot: QtBot
) -> None:
    window, _ = briefed
    name, count, tooltip = _since_item(window) or ("", "", "")
    assert (name, count) == ("Since last briefing", "3")
    assert tooltip.startswith("Articles no briefing has included yet (last briefing ")
    assert window.since.action.shortcut().toString() == SHORTCUT
    with qtbot.waitSignal(window.since.shown, timeout=WAIT_MS):
        qtbot.keySequence(window, QKeySequence(SHORTCUT))
    titles = [hit.title for hit in window.results.hits()]
    assert titles == ["US industrial output growth eases", "Steady job growth continues in US",
                      "Five million Germans out of work"]  # newest first
    header = window.results.header.text()
    assert header.startswith("3 new articles (not in a briefing yet); last briefing ")
    banner = window.since.banner
    assert banner.isVisible()
    shown = banner.changes.text()
    assert "figures changed" in shown or "figure changed" in shown
    assert "Germany" in shown and ("5.037 million" in shown or "five million" in shown)
    assert "5.4%" not in shown  # the US rate did not change
    german = next(h for h in window.results.hits() if h.title == "Five million Germans out of work")
    assert "→" in german.snippet
    window.grab().save(str(briefed[1] / "since.png"))

    # A search replaces the list, and the banner goes with it.
    qtbot.keyClicks(window.search_bar.field, "Germany")
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=WAIT_MS)
    # The library pane's entry lists them again.
    tree = window.library_pane.tree
    item = next(tree.topLevelItem(r) for r in range(tree.topLevelItemCount())
                if tree.topLevelItem(r).data(0, KIND_ROLE) == "since")  # type: ignore[union-attr]
    with qtbot.waitSignal(window.since.shown, timeout=WAIT_MS):
        tree.itemClicked.emit(item, 0)
    assert banner.isVisible() and len(window.results.hits()) == 3


def test_brief_these_exports_what_changed_and_records_it(
    briefed: tuple[MainWindow, Path], qtbot: QtBot
) -> None:
    window, tmp_path = briefed
    with qtbot.waitSignal(window.since.shown, timeout=WAIT_MS):
        window.since.action.trigger()
    out = tmp_path / "new.pdf"
    window.briefings.ask_save_path = SavePaths(out)
    with qtbot.waitSignal(window.since.count_changed, timeout=WAIT_MS, check_params_cb=lambda n: n == 0):
        window.since.banner.export_action.trigger()
    text = pdf_text(out)
    assert text.startswith("BRIEFING Since your last briefing 3 articles not in a briefing yet (last")
    assert text.index("WHAT CHANGED") < text.index("CONTENTS")  # headings print in capitals
    assert "Sluggish economy hits German jobs, saved 5 January 2005" in text  # no date of its own
    assert "5.037 million" in text or "five million" in text
    assert "Five million Germans out of work" in text and "US industrial output growth eases" in text
    assert window.library is not None
    last = window.library.catalog().last_briefing()
    assert last is not None and last.kind == "pdf" and last.title == "Since your last briefing"
    assert len(last.paths) == 3
    assert _since_item(window) is not None and _since_item(window)[1] == "0"  # type: ignore[index]
    # Now nothing is new: the list says so and there is nothing to brief.
    with qtbot.waitSignal(window.since.shown, timeout=WAIT_MS):
        window.since.action.trigger()
    assert window.results.hits() == []
    assert window.results.header.text().startswith("Nothing new since your briefing of")
    assert not window.since.banner.brief_button.isEnabled()


def test_a_preview_records_only_when_it_prints(
    briefed: tuple[MainWindow, Path], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, tmp_path = briefed
    out = tmp_path / "printed.pdf"
    shown = answer_previews(monkeypatch, out, [Rejected, Accepted])
    with qtbot.waitSignal(window.since.shown, timeout=WAIT_MS):
        window.since.action.trigger()
    assert window.library is not None
    before = len(window.library.catalog().briefings())
    window.since.banner.preview_action.trigger()  # closed without printing
    qtbot.waitUntil(lambda: bool(shown) and not window.briefings.busy, timeout=WAIT_MS)
    assert len(window.library.catalog().briefings()) == before
    with qtbot.waitSignal(window.since.count_changed, timeout=WAIT_MS, check_params_cb=lambda n: n == 0):
        window.since.banner.preview_action.trigger()
    assert shown == ["Print preview — Since your last briefing"] * 2
    assert "WHAT CHANGED" in pdf_text(out)
    last = window.library.catalog().last_briefing()
    assert last is not None and last.kind == "print"
    assert len(window.library.catalog().briefings()) == before + 1
