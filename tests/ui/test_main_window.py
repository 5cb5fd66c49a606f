"""The whole window offscreen: search, facets, figures, similar articles, shortcuts, settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from briefing.core.article import Analysis
from briefing.core.library.analysis_cache import AnalysisCache, analysis_version
from briefing.core.library.library import CACHE_NAME
from briefing.ui.app import is_settled
from briefing.ui.entity_types import FACET_NAMES
from briefing.ui.index_queue import AnalyserHolder
from briefing.ui.library_pane import KIND_ROLE
from briefing.ui.main_window import MainWindow
from briefing.ui.search_bar import DEBOUNCE_MS
from tests.ui.articles import write_articles
from tests.ui.conftest import SETTLE_MS, MakeWindow


def _type(qtbot: QtBot, window: MainWindow, text: str) -> None:
    field = window.search_bar.field
    field.setFocus()
    field.selectAll()
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        qtbot.keyClicks(field, text)


def test_first_run_opens_the_sample_article(window: MainWindow) -> None:
    assert window.library is not None and window.library.count() == 1
    assert window.current_path is not None and window.current_path.endswith("000_1485d72a6eece34e.txt")
    assert window.results.header.text() == "1 article"
    assert window.count_label.text() == "1 article in 1 folder"
    assert window.last_open_ms is not None and window.last_open_ms < 150
    summary = window.side_panel.summary.text()
    assert "Ain al-Asad" in summary


def test_results_come_as_you_type_with_highlighted_snippets(news_window: MainWindow, qtbot: QtBot) -> None:
    window = news_window
    _type(qtbot, window, "ballistic")
    hits = window.results.hits()
    assert {Path(h.path).name for h in hits} == {"erbil.md", "000_1485d72a6eece34e.txt"}
    assert all('<b class="match">ballistic</b>' in h.snippet for h in hits)
    assert window.results.header.text() == "2 results"
    assert window.search_bar.error.isHidden()


def test_typing_is_debounced_into_one_search(news_window: MainWindow, qtbot: QtBot) -> None:
    window = news_window
    shown: list[str] = []
    window.results_shown.connect(lambda: shown.append(window.search_bar.text()))
    window.search_bar.field.setFocus()
    qtbot.keyClicks(window.search_bar.field, "oil")  # three keystrokes, well inside the debounce
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    qtbot.wait(DEBOUNCE_MS * 2)
    assert shown == ["oil"]
    assert [Path(h.path).name for h in window.results.hits()] == ["oil.md"]


def test_a_malformed_query_shows_no_match(news_window: MainWindow, qtbot: QtBot) -> None:
    window = news_window
    _type(qtbot, window, "ballistic")
    assert window.results.header.text() == "2 results"
    field = window.search_bar.field
    field.setText("title:(")
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        field.returnPressed.emit()
    assert window.search_bar.error.isVisible()
    assert "never closed" in window.search_bar.error.text()
    assert field.property("invalid") is True
    # Nothing left from "ballistic" looks like an answer: no rows, no highlights, facets greyed.
    assert window.results.hits() == [] and window.results.list.count() == 0
    assert window.results.header.text() == "0 results — query not understood"
    facet_rows = _facet_rows(window)
    assert facet_rows and all(row.isDisabled() for row in facet_rows)
    _type(qtbot, window, "Erbil")
    assert window.search_bar.error.isHidden()
    assert window.results.header.text() == "2 results"
    assert all(not row.isDisabled() for row in _facet_rows(window))


def _facet_rows(window: MainWindow) -> list[QTreeWidgetItem]:
    tree = window.library_pane.tree
    rows = []
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for j in range(top.childCount() if top is not None else 0):
            child = top.child(j) if top is not None else None
            if child is not None and child.data(0, KIND_ROLE) in FACET_NAMES:
                rows.append(child)
    return rows


def test_sort_by_date_and_facets(news_window: MainWindow, qtbot: QtBot) -> None:
    window = news_window
    _type(qtbot, window, "Iraq")
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        window.search_bar.sort.setCurrentIndex(1)
    names = [Path(h.path).name for h in window.results.hits()]
    assert names[:2] == ["erbil.md", "drones.md"]  # 16 January before 4 January
    assert window.settings.sort() == "date"
    item = window.library_pane.facet_item("source", "Al Jazeera")
    assert item is not None and item.text(1) == "1"
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        window.library_pane.tree.itemClicked.emit(item, 0)
    assert window.session.filters == {"source": "Al Jazeera"}
    assert [Path(h.path).name for h in window.results.hits()] == ["erbil.md"]


def test_next_and_previous_result_open_articles(news_window: MainWindow, qtbot: QtBot) -> None:
    window = news_window
    names = [Path(h.path).name for h in window.results.hits()]  # newest first; the seed has no date
    assert names == ["erbil.md", "oil.md", "drones.md", "000_1485d72a6eece34e.txt"]
    assert window.results.list.currentRow() == 3
    qtbot.keySequence(window, QKeySequence("Alt+Up"))
    assert Path(window.current_path or "").name == "drones.md"
    qtbot.keySequence(window, QKeySequence("Ctrl+K"))
    assert Path(window.current_path or "").name == "oil.md"
    qtbot.keySequence(window, QKeySequence("Ctrl+J"))
    qtbot.keySequence(window, QKeySequence("Alt+Down"))
    assert Path(window.current_path or "").name == "000_1485d72a6eece34e.txt"
    assert window.reader_pane.reader.article is not None


def test_similar_articles_of_the_open_one(news_window: MainWindow, qtbot: QtBot) -> None:
    window = news_window
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        qtbot.mouseClick(window.reader_pane.legend.similar_button, Qt.MouseButton.LeftButton)
    hits = window.results.hits()
    assert hits and window.current_path not in [h.path for h in hits]
    assert window.results.header.text().startswith(f"{len(hits)} similar to “US personnel")
    assert window.results.back.isVisible()
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        qtbot.mouseClick(window.results.back, Qt.MouseButton.LeftButton)
    assert len(window.results.hits()) == 4


def test_clicking_a_key_figure_selects_its_words(window: MainWindow, qtbot: QtBot) -> None:
    figures = window.side_panel.figures
    reader = window.reader_pane.reader
    article = reader.article
    assert article is not None and figures.count() > 2
    item = figures.item(2)
    figure = window.side_panel.figure_items()[2]
    rect = figures.visualItemRect(item)
    qtbot.mouseClick(figures.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert reader.textCursor().selectedText() == article.text[figure.start : figure.end]
    assert reader.hasFocus() or QApplication.focusWidget() is reader
    selection = reader.cursorRect(reader.textCursor())
    assert reader.viewport().rect().contains(selection.center())


def test_find_in_article_and_zoom(window: MainWindow, qtbot: QtBot) -> None:
    reader = window.reader_pane.reader
    qtbot.keySequence(window, QKeySequence("Ctrl+Shift+F"))
    find = window.reader_pane.find_bar
    assert find.isVisible() and find.field.hasFocus()
    qtbot.keyClicks(find.field, "Pentagon")
    assert reader.textCursor().selectedText() == "Pentagon"
    first = reader.textCursor().selectionStart()
    qtbot.keyClick(find.field, Qt.Key.Key_Return)
    assert reader.textCursor().selectionStart() > first
    qtbot.keyClicks(find.field, "zzz")
    assert find.status.text() == "Not found"
    qtbot.keyClick(find.field, Qt.Key.Key_Escape)
    assert find.isHidden()
    size = reader.font().pointSizeF()
    qtbot.keySequence(window, QKeySequence("Ctrl+="))
    assert reader.font().pointSizeF() > size and window.settings.zoom() == 1
    qtbot.keySequence(window, QKeySequence("Ctrl+0"))
    assert reader.font().pointSizeF() == pytest.approx(size)


def test_focus_search_shortcuts(window: MainWindow, qtbot: QtBot) -> None:
    for keys in ("Ctrl+F", "Ctrl+L"):
        window.reader_pane.reader.setFocus()
        qtbot.keySequence(window, QKeySequence(keys))
        assert window.search_bar.field.hasFocus(), keys
    assert window.menu_actions.print_briefing.isEnabled()  # an article is open
    assert window.menu_actions.print_briefing.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)


def test_dark_theme_colours_the_reader(make_window: MakeWindow, index_dir: Path, qtbot: QtBot) -> None:
    from briefing.ui.app import attach_library
    from briefing.ui.entity_types import PAGE_COLOURS, type_for_label

    window = make_window("dark")
    attach_library(window, library=None, index_dir=index_dir, open_path=None, warm_up=False)
    qtbot.waitUntil(lambda: is_settled(window) and window.current_path is not None, timeout=SETTLE_MS)
    html = window.reader_pane.reader.toHtml()
    assert type_for_label("GPE").colours("dark").background in html
    assert PAGE_COLOURS["dark"][0] in html
    window.set_theme("light")
    assert type_for_label("GPE").colours("light").background in window.reader_pane.reader.toHtml()
    assert window.settings.theme() == "light"


def test_layout_and_preferences_survive_a_restart(window: MainWindow, make_window: MakeWindow) -> None:
    window.splitter.setSizes([300, 250, 500, 230])
    sizes = window.splitter.sizes()
    window.side_panel.splitter.setSizes([100, 300, 300])
    side = window.side_panel.splitter.sizes()
    window.zoom(2)
    window.session.set_type_visible("ORG", False)
    window.close()
    again = make_window()
    assert again.splitter.sizes() == sizes
    assert again.side_panel.splitter.sizes() == side
    assert again.reader_pane.reader.zoom == 2
    assert "ORG" not in again.session.visible_types


def test_about_box_names_the_app(window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text() + box.informativeText())
        assert not box.iconPixmap().isNull()
        box.accept()

    QTimer.singleShot(200, read_and_close)
    window.menu_actions.about.trigger()
    assert seen and "Briefing" in seen[0] and "never fetched" in seen[0]
    assert not window.windowIcon().isNull()


def test_following_the_system_colour_scheme(make_window: MakeWindow, index_dir: Path, qtbot: QtBot) -> None:
    # The offscreen platform has no colour scheme of its own; send the change a desktop would send.
    from briefing.ui.app import attach_library

    hints = QApplication.styleHints()
    window = make_window("system")
    attach_library(window, library=None, index_dir=index_dir, open_path=None, warm_up=False)
    qtbot.waitUntil(lambda: is_settled(window) and window.current_path is not None, timeout=SETTLE_MS)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert window.theme.scheme == "dark"
    assert QApplication.palette().base().color().name() == "#1f2228"
    assert "#1f2228" in window.reader_pane.reader.toHtml()  # the open article is re-rendered
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert window.theme.scheme == "light"
    window.set_theme("dark")  # an explicit choice wins over the system's
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert window.theme.scheme == "dark"
    window.set_theme("light")


def test_opening_a_file_outside_the_library_adds_it(
    make_window: MakeWindow,
    index_dir: Path,
    tmp_path: Path,
    qtbot: QtBot,
    article_analyses: dict[str, Analysis],
    module_analyser: AnalyserHolder,
) -> None:
    from briefing.ui.app import attach_library

    outside = write_articles(tmp_path / "elsewhere")[1]
    cache = AnalysisCache(index_dir / CACHE_NAME)  # analysed before: this test is about the opening
    cache.put_many(article_analyses, analysis_version())
    cache.close()
    window = make_window()
    window.analyser = module_analyser
    attach_library(window, library=None, index_dir=index_dir, open_path=outside, warm_up=False)
    qtbot.waitUntil(lambda: is_settled(window) and window.current_path == str(outside.resolve()),
                    timeout=SETTLE_MS)
    assert window.reader_pane.reader.toPlainText().startswith("Oil prices rise as Red Sea shipping stalls")
    assert window.library is not None and outside.resolve() in window.library.roots()
