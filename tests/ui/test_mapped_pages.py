"""The window gives back the index's mapped pages after each piece of work (issue 18: at 100,000
articles the pages searches and opened articles had read were 330 MB of the app's memory)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from briefing.ui.app import is_settled
from briefing.ui.main_window import MainWindow
from tests.resident_pages import index_mappings, resident_kb
from tests.ui.conftest import SETTLE_MS

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/smaps")


def test_no_index_pages_stay_resident_after_a_search_and_an_opened_article(
    window: MainWindow, index_dir: Path, qtbot: QtBot
) -> None:
    # The settled window has searched, counted what is new, opened the seed article and read its
    # figures' histories: each of them read the index, and gave its pages back when it ended.
    assert window.current_path is not None
    mapped = index_mappings(index_dir)
    # the index's segment is mapped (else there would be nothing to measure)
    assert any(p.endswith(".seg") for p in mapped), mapped
    assert resident_kb(index_dir) == 0
    window.search_bar.field.setText("Iraq")
    window.run_search()
    qtbot.waitUntil(lambda: not window.searches.busy and bool(window.results.hits()), timeout=SETTLE_MS)
    hit = window.results.hits()[0]
    assert window.open_article(hit.path)
    qtbot.waitUntil(lambda: is_settled(window), timeout=SETTLE_MS)
    assert "Iraq" in window.reader_pane.reader.toPlainText()
    assert resident_kb(index_dir) == 0
