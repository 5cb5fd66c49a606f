"""A figure's history in the app: the side panel's rows, the chart of its course, the printed briefing.

The library is the one of tests/core/test_across_figures.py: real BBC reports of German
unemployment (two of them on one day, disagreeing) and the seed with a later report of its count.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from briefing.core.across.figure_series import FigureSeries, SeriesPoint
from briefing.core.article import Figure
from briefing.core.library.catalog import Catalog
from briefing.operations import library_briefing as plain_briefing
from briefing.ui import side_panel as side_panel_module
from briefing.ui.app import attach_library, is_settled
from briefing.ui.figure_chart import DISAGREE_COLOURS, NO_OTHER_REPORTS, SELECT_A_FIGURE, FigureChart
from briefing.ui.main_window import MainWindow
from briefing.ui.theme import colours
from tests.core.test_across_figures import DAYS, FOLLOW_UP, build_library
from tests.printing.poppler import pdf_text
from tests.ui.conftest import SETTLE_MS, MakeWindow

SEED = "000_1485d72a6eece34e.txt"


@pytest.fixture(scope="module")
def across_index(
    shared_dir: Path, seed_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    from briefing.core.analysis import Analyzer
    from briefing.core.library import Library

    root = tmp_path_factory.mktemp("figure-history")
    folder, index_dir = root / "articles", root / "index"
    build_library(shared_dir, seed_path, folder)
    with Library(index_dir) as library:
        report = library.update([folder], analyser=Analyzer().analyse_batch)
    assert report.added == len(DAYS) + 2 and not report.failed
    return folder, index_dir


@pytest.fixture
def history_window(
    make_window: MakeWindow, across_index: tuple[Path, Path], briefing_home: Path, qtbot: QtBot
) -> Iterator[MainWindow]:
    folder, index_dir = across_index
    private = briefing_home / "index"
    shutil.copytree(index_dir, private)
    win = make_window()
    seed = folder / SEED
    attach_library(win, library=None, index_dir=private, open_path=seed, warm_up=False)
    qtbot.waitUntil(lambda: is_settled(win) and win.current_path == str(seed), timeout=SETTLE_MS)
    yield win
    # Close the library's searchers and catalogs now, not whenever they are collected.
    win.shutdown()
    assert win.side_panel.catalog is None  # shutdown closed it
    if win.library is not None:
        win.library.close()


def colour_count(image: QImage, colour: str, tolerance: int = 40) -> int:
    want = QColor(colour)
    found = 0
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if (abs(pixel.red() - want.red()) + abs(pixel.green() - want.green())
                    + abs(pixel.blue() - want.blue())) < tolerance:
                found += 1
    return found


def test_figure_rows_tell_where_else_the_library_has_them(history_window: MainWindow) -> None:
    panel = history_window.side_panel
    series = panel.history_for(0)  # "at least 58" attacks on U.S. military in Iraq
    assert series is not None
    assert [(p.text, p.day) for p in series.points] == [("58", "2024-01-03"), ("66", "2024-01-09")]
    row = panel.figures.item(0).data(Qt.ItemDataRole.UserRole + 1)
    assert "Also 66 on 9 Jan 2024 in Attacks on US forces go on" in row
    syria = panel.history_for(1)  # 83 attacks in Syria: the later report says 83 too
    assert syria is not None and [p.text for p in syria.points] == ["83", "83"] and not syria.disagreements
    assert panel.history_for(4) is None  # "two security sources": trivia, followed nowhere


def test_selecting_a_figure_charts_its_course_and_opens_other_reports(
    history_window: MainWindow, qtbot: QtBot
) -> None:
    panel = history_window.side_panel
    panel.tabs.setCurrentIndex(0)
    panel.figures.setCurrentRow(0)
    view = panel.history
    assert view.chart.isVisible()
    assert [p.text for p in view.point_items()] == ["58", "66"]
    image = view.chart.grab().toImage()
    accent = colours("light")["accent"]
    placed = view.chart.point_positions()
    assert len(placed) == 2 and placed[0][0].x() < placed[1][0].x()  # by day
    assert placed[0][0].y() > placed[1][0].y()  # 58 below 66
    for centre, _point in placed:
        ratio = image.devicePixelRatio()
        pixel = image.pixelColor(int(centre.x() * ratio), int(centre.y() * ratio))
        assert abs(pixel.blue() - QColor(accent).blue()) < 40 and pixel.blue() > pixel.red(), pixel.name()
    assert colour_count(image, DISAGREE_COLOURS["light"]) == 0
    # Clicking the later report opens its article.
    points = view.points
    rect = points.visualItemRect(points.item(1))
    qtbot.mouseClick(points.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: history_window.current_path is not None
                    and history_window.current_path.endswith(FOLLOW_UP), timeout=10_000)


def test_a_figure_no_other_article_reports_says_so(history_window: MainWindow) -> None:
    panel = history_window.side_panel
    panel.tabs.setCurrentIndex(0)
    view = panel.history
    assert view.title.text() == SELECT_A_FIGURE  # nothing selected yet
    panel.figures.setCurrentRow(4)  # "Two" security sources: no other report
    assert panel.history_for(4) is None
    assert NO_OTHER_REPORTS in view.title.text() and "Two" in view.title.text()
    assert view.chart.isHidden() and view.points.count() == 0
    panel.figures.setCurrentRow(0)  # one that is reported elsewhere: its course again
    assert view.chart.isVisible() and NO_OTHER_REPORTS not in view.title.text()


def test_disagreeing_reports_are_marked_in_their_own_colour(history_window: MainWindow, qtbot: QtBot) -> None:
    folder = Path(history_window.current_path or "").parent
    assert history_window.open_article(str(folder / "bbc_business_098.txt"))
    panel = history_window.side_panel
    qtbot.waitUntil(lambda: is_settled(history_window), timeout=SETTLE_MS)
    row = next(i for i, f in enumerate(panel.figure_items()) if f.text == "5.2 million")
    assert "reports disagree" in panel.figures.item(row).data(Qt.ItemDataRole.UserRole + 1)
    panel.figures.setCurrentRow(row)
    chart: FigureChart = panel.history.chart
    image = chart.grab().toImage()
    flagged = [p for p in panel.history.point_items() if p.disagrees]
    assert {(Path(p.path).name, p.text) for p in flagged} == {
        ("bbc_business_098.txt", "5.2 million"), ("bbc_business_139.txt", "4.875 million")
    }
    warn = QColor(DISAGREE_COLOURS["light"])
    ratio = image.devicePixelRatio()
    for centre, point in chart.point_positions():
        pixel = image.pixelColor(int(centre.x() * ratio), int(centre.y() * ratio))
        near_warn = abs(pixel.red() - warn.red()) + abs(pixel.green() - warn.green()) < 60
        assert near_warn is point.disagrees, (point.text, pixel.name())
    assert colour_count(image, DISAGREE_COLOURS["light"]) > 20
    assert all(isinstance(p, SeriesPoint) for p in panel.history.point_items())


def test_figures_show_at_once_and_their_histories_join_them(history_window: MainWindow, qtbot: QtBot) -> None:
    """The histories are read on the panel's worker: the figure rows are there before them."""
    window = history_window
    folder = Path(window.current_path or "").parent
    panel = window.side_panel
    assert window.open_article(str(folder / "bbc_business_098.txt"))
    assert window.open_article(str(folder / SEED))
    assert [f.text for f in panel.figure_items()][:1] == ["58"] and panel.history_for(0) is None
    assert "Also" not in panel.figures.item(0).data(Qt.ItemDataRole.UserRole + 1)
    qtbot.waitUntil(lambda: is_settled(window), timeout=SETTLE_MS)
    series = panel.history_for(0)
    assert series is not None and [p.text for p in series.points] == ["58", "66"]
    assert "Also 66 on 9 Jan 2024" in panel.figures.item(0).data(Qt.ItemDataRole.UserRole + 1)


def test_an_article_left_before_its_histories_came_does_not_get_them(
    history_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = history_window
    folder = Path(window.current_path or "").parent
    panel = window.side_panel
    read = side_panel_module.histories
    asked: list[str] = []
    started = {name: threading.Event() for name in ("bbc_business_098.txt", "bbc_business_139.txt", SEED)}
    release = {name: threading.Event() for name in started}

    def reading(
        catalog: Catalog, path: str, figures: Sequence[Figure] | None = None
    ) -> dict[int, FigureSeries]:
        name = Path(path).name
        asked.append(name)
        started[name].set()
        assert release[name].wait(30)
        return read(catalog, path, figures)

    monkeypatch.setattr(side_panel_module, "histories", reading)
    # Left before its turn came: never looked up.
    busy = threading.Event()
    window.panel_tasks.run(lambda: busy.wait(30))
    assert window.open_article(str(folder / "bbc_business_139.txt"))
    assert window.open_article(str(folder / "bbc_business_098.txt"))
    busy.set()
    assert started["bbc_business_098.txt"].wait(30)
    assert asked == ["bbc_business_098.txt"]
    # Left while being looked up: its answer, back after the next article opened, is dropped.
    assert window.open_article(str(folder / SEED))
    release["bbc_business_098.txt"].set()
    qtbot.waitUntil(lambda: started[SEED].is_set() and window.panel_tasks.pending == 1, timeout=SETTLE_MS)
    rows = [panel.figures.item(i).data(Qt.ItemDataRole.UserRole + 1) for i in range(panel.figures.count())]
    assert all(panel.history_for(i) is None and "Also" not in row for i, row in enumerate(rows))
    release[SEED].set()
    qtbot.waitUntil(lambda: is_settled(window), timeout=SETTLE_MS)
    assert asked == ["bbc_business_098.txt", SEED]
    rows = [panel.figures.item(i).data(Qt.ItemDataRole.UserRole + 1) for i in range(panel.figures.count())]
    assert [("Also" in row) for row in rows] == [panel.history_for(i) is not None for i in range(len(rows))]
    assert panel.history_for(0) is not None


def test_side_panel_reads_well_at_1280x800(history_window: MainWindow, tmp_path: Path) -> None:
    panel = history_window.side_panel
    assert history_window.width() == 1280 and history_window.height() == 800
    bar = panel.tabs.tabBar()
    for index in range(bar.count()):
        text = bar.tabText(index)
        assert bar.tabRect(index).width() >= bar.fontMetrics().horizontalAdvance(text), text
    panel.tabs.setCurrentIndex(2)  # Sources
    sources = panel.sources
    assert sources.count() >= 7
    assert not sources.horizontalScrollBar().isVisible()
    grabbed = history_window.grab()
    assert grabbed.save(str(tmp_path / "window.png"))
    assert grabbed.width() >= 1280


def test_printed_briefing_carries_the_history(history_window: MainWindow, tmp_path: Path) -> None:
    from briefing.printing.pdf import write_pdf

    library = history_window.library
    assert library is not None
    folder = Path(history_window.current_path or "").parent
    briefing = plain_briefing(library, [str(folder / SEED), str(folder / "bbc_business_139.txt")])
    assert briefing is not None
    out = tmp_path / "briefing.pdf"
    write_pdf(briefing, out)
    text = pdf_text(out)
    assert "Also 66 on 9 January 2024 in Attacks on US forces go on" in text
    assert "Reports disagree on 9 January 2024: 5.2 million" in text
