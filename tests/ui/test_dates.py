# ruff: noqa: RUF001  (typographic dashes are the data here)
"""An article's day is its own: result rows, the reader's header, newest first, entity pages, briefings.

The sample (the seed, which gives no date) plus real files written here: Markdown with a date and
an author, a text clipping whose dateline dates it, and two undated clippings saved on known days.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from briefing.core.article import SearchHit
from briefing.ui.app import is_settled
from briefing.ui.main_window import MainWindow
from briefing.ui.results_html import hit_html
from tests.ui.conftest import SETTLE_MS
from tests.ui.test_print_export import SEED_TITLE, SavePaths

WAIT_MS = 60_000


def _saved(path: Path) -> str:
    day = dt.date.fromtimestamp(path.stat().st_mtime)
    return f"saved {day.day} {day:%b %Y}"


def _write(folder: Path) -> None:
    folder.mkdir()
    (folder / "rates.md").write_text(
        "---\ntitle: Bank holds rates at 4.75%\nsource: BBC News\nauthor: Jane Smith\n"
        "date: 2005-02-10\n---\n\nThe Bank of England left interest rates at 4.75% on Thursday.\n",
        encoding="utf-8")
    (folder / "dateline.txt").write_text(
        "Troops leave base – Example Wire\n\nBAGHDAD, 20 January 2024 – Troops left the base on Saturday, "
        "officials said.\n\nMore followed.\n", encoding="utf-8")
    for name, day in (("older.txt", "2020-03-01"), ("newer.txt", "2021-06-15")):
        path = folder / name
        path.write_text(f"Undated clipping {path.stem}\n\nA clipping with no date at all.\n",
                        encoding="utf-8")
        noon = dt.datetime.fromisoformat(day).timestamp() + 12 * 3600
        os.utime(path, (noon, noon))


def _row(window: MainWindow, title: str) -> SearchHit:
    return next(h for h in window.results.hits() if h.title == title)


def test_rows_header_and_newest_first_use_the_articles_own_dates(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "dated"
    _write(folder)
    window.add_paths([folder])
    qtbot.waitUntil(lambda: is_settled(window) and len(window.results.hits()) == 5, timeout=SETTLE_MS)
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        window.search_bar.sort.setCurrentIndex(1)  # Newest first
    titles = [h.title for h in window.results.hits()]
    # Dated by their own dates first (the dateline's 2024 before 2005), then the undated by the day
    # they were saved, newest first.
    assert titles[:2] == ["Troops leave base", "Bank holds rates at 4.75%"]
    assert titles.index("Undated clipping newer") < titles.index("Undated clipping older")

    assert "BBC News · 10 February 2005" in hit_html(_row(window, "Bank holds rates at 4.75%"))
    assert "20 January 2024" in hit_html(_row(window, "Troops leave base"))
    assert "saved 15 Jun 2021" in hit_html(_row(window, "Undated clipping newer"))
    seed = _row(window, SEED_TITLE)
    seed_file = Path(seed.path)
    assert seed.date is None and f"The Jerusalem Post · {_saved(seed_file)}" in hit_html(seed)

    # The reader's header: date and author when known, the saved day (marked) otherwise.
    assert window.open_article(str(folder / "rates.md"))
    header = window.reader_pane.reader.toPlainText().split("\n")[1]
    assert header == "BBC News · 10 February 2005 · by Jane Smith"
    assert window.open_article(seed.path)
    header = window.reader_pane.reader.toPlainText().split("\n")[1]
    assert header == f"The Jerusalem Post · {_saved(seed_file)}"
    assert window.open_article(str(folder / "dateline.txt"))
    assert "20 January 2024" in window.reader_pane.reader.toPlainText().split("\n")[1]


def test_entity_page_and_briefing_mark_a_saved_day(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    seed = Path(window.current_path or "")
    view = window.open_entity_page("Ain al-Asad")
    qtbot.waitUntil(lambda: view.page is not None, timeout=WAIT_MS)
    assert view.page is not None and view.page.articles[0].dated_by == "saved"
    text = view.browser.toPlainText()
    assert f"The Jerusalem Post · {_saved(seed)}" in text
    saved_long = dt.date.fromtimestamp(seed.stat().st_mtime)
    view.close()
    out = tmp_path / "seed.md"
    window.briefings.ask_save_path = SavePaths(out)
    window.activateWindow()
    window.menu_actions.export_briefing.trigger()
    qtbot.waitUntil(out.exists, timeout=WAIT_MS)
    written = out.read_text(encoding="utf-8")
    assert f"saved {saved_long.day} {saved_long:%B %Y}" in written
