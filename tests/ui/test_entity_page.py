"""The entity page window, on real BBC articles about Tony Blair (and others) indexed for real."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from briefing.ui.app import attach_library, is_settled
from briefing.ui.entity_page import EntityPageView, entity_menu
from briefing.ui.library_pane import KIND_ROLE, VALUE_ROLE
from briefing.ui.main_window import MainWindow
from tests.core.test_across_entities import BLAIR_ONLY, TONY_BLAIR, build_entity_library
from tests.printing.poppler import pdf_text
from tests.ui.conftest import OFFSCREEN_NOISE, SETTLE_MS, MakeWindow

PAGE_MS = 20_000
# A context menu asks for the keyboard, which the offscreen platform cannot give.
MENU_NOISE = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, "This plugin does not support grabbing the keyboard")


@pytest.fixture(scope="module")
def built_index(shared_dir: Path, seed_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from briefing.core.analysis import Analyzer

    return build_entity_library(shared_dir, seed_path, tmp_path_factory.mktemp("entity-ui"), Analyzer())


@pytest.fixture
def window(make_window: MakeWindow, built_index: Path, briefing_home: Path, qtbot: QtBot) -> MainWindow:
    index = briefing_home / "index"
    shutil.copytree(built_index, index)
    win = make_window()
    attach_library(win, library=None, index_dir=index, open_path=None, warm_up=False)
    qtbot.waitUntil(lambda: is_settled(win) and win.current_path is not None, timeout=SETTLE_MS)
    return win


def _path(window: MainWindow, name: str) -> str:
    return next(h.path for h in window.results.hits() if h.path.endswith(f"bbc_{name}.txt"))


def _title(path: str) -> str:
    return Path(path).read_text(encoding="utf-8").splitlines()[0].strip()


def _shown(view: EntityPageView, qtbot: QtBot, name: str) -> None:
    qtbot.waitUntil(lambda: view.page is not None and view.page.name == name, timeout=PAGE_MS)


def _click_text(qtbot: QtBot, view: EntityPageView, text: str) -> None:
    """Click the words ``text`` where the page shows them (a link)."""
    browser = view.browser
    cursor = browser.document().find(text)
    assert not cursor.isNull(), text
    cursor.setPosition(cursor.selectionStart() + 1)
    browser.setTextCursor(cursor)
    browser.ensureCursorVisible()
    qtbot.wait(50)  # let the layout and the scrolling settle before measuring
    spot = browser.cursorRect(cursor).center() + QPoint(2, 0)
    assert browser.anchorAt(spot), f"no link at {text}"
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=spot)


def _pick_from_menu(label_start: str, tries: int = 100) -> None:
    """Trigger the open context menu's action whose text starts with ``label_start`` (once it is open)."""
    popup = QApplication.activePopupWidget()
    if not isinstance(popup, QMenu):
        if tries:
            QTimer.singleShot(50, lambda: _pick_from_menu(label_start, tries - 1))
        return
    action = next(a for a in popup.actions() if a.text().startswith(label_start))
    popup.close()
    action.trigger()


def test_page_from_the_side_panel_lists_the_articles_and_opens_one(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    blair_only = _path(window, BLAIR_ONLY[0])
    assert window.open_article(blair_only)
    tree = window.side_panel.entities
    people = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    item = next(
        top.child(j) for top in people if top is not None for j in range(top.childCount())
        if top.child(j) is not None and top.child(j).text(0) == "Blair"  # type: ignore[union-attr]
    )
    tree.itemDoubleClicked.emit(item, 0)  # what a double-click on the row does
    view = window.entity_page
    assert view is not None
    _shown(view, qtbot, "Tony Blair")  # "Blair" here is the library's Tony Blair
    assert view.isVisible() and not view.isModal() and view.isWindow()
    view.resize(900, 800)
    text = view.browser.toPlainText()
    assert "Named in 5 articles" in text and "Also called: Blair" in text
    for name in TONY_BLAIR + BLAIR_ONLY:
        assert _title(_path(window, name)) in text
    assert "Figures involving Tony Blair" in text
    image = view.grab().toImage()
    image.save(str(tmp_path / "entity-page.png"))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20  # text drawn, not an empty window

    target = _path(window, TONY_BLAIR[2])  # 218 and 253 are one story twice, under one title
    _click_text(qtbot, view, _title(target))
    qtbot.waitUntil(lambda: window.current_path == target, timeout=PAGE_MS)
    assert window.reader_pane.reader.article is not None
    assert window.reader_pane.reader.article.title == _title(target)


def test_related_entities_link_to_their_pages_with_back_and_forward(window: MainWindow, qtbot: QtBot) -> None:
    view = window.open_entity_page("Tony Blair")
    _shown(view, qtbot, "Tony Blair")
    assert not view.back_button.isEnabled()
    _click_text(qtbot, view, "Gordon Brown")
    _shown(view, qtbot, "Gordon Brown")
    assert "Tony Blair" in view.browser.toPlainText()  # named with him, the other way round
    assert view.back_button.isEnabled() and not view.forward_button.isEnabled()
    qtbot.mouseClick(view.back_button, Qt.MouseButton.LeftButton)
    _shown(view, qtbot, "Tony Blair")
    qtbot.mouseClick(view.forward_button, Qt.MouseButton.LeftButton)
    _shown(view, qtbot, "Gordon Brown")
    assert window.open_entity_page("Nobody Atall") is view
    qtbot.waitUntil(lambda: view.page is None and "No entity called" in view.browser.toPlainText(),
                    timeout=PAGE_MS)
    assert not view.export_button.isEnabled()


@MENU_NOISE
def test_page_from_the_library_facets_context_menu(window: MainWindow, qtbot: QtBot) -> None:
    pane = window.library_pane
    item = pane.facet_item("person", "Tony Blair")
    assert item is not None and item.data(0, KIND_ROLE) == "person"
    assert item.data(0, VALUE_ROLE) == "Tony Blair"
    pane.tree.scrollToItem(item)
    spot = pane.tree.visualItemRect(item).center()
    QTimer.singleShot(200, lambda: _pick_from_menu("Open entity page"))
    pane.tree.customContextMenuRequested.emit(spot)  # what a right-click there does
    view = window.entity_page
    assert view is not None
    _shown(view, qtbot, "Tony Blair")


@MENU_NOISE
def test_page_from_the_readers_context_menu(window: MainWindow, qtbot: QtBot) -> None:
    assert window.open_article(_path(window, TONY_BLAIR[0]))
    reader = window.reader_pane.reader
    analysis = reader.analysis
    assert analysis is not None
    mention = next(e for e in analysis.entities if e.canonical == "Gordon Brown" and e.caption is None)
    at = reader.position_of(mention.start + 1)
    assert at is not None
    cursor = QTextCursor(reader.document())
    cursor.setPosition(at)
    reader.setTextCursor(cursor)
    reader.ensureCursorVisible()
    spot = reader.cursorRect(cursor).center()
    opened: list[str] = []
    menu = entity_menu(reader, spot, opened.append)
    labels = [a.text() for a in menu.actions()]
    assert labels[0] == "Open entity page for “Gordon Brown”"
    menu.actions()[0].trigger()
    assert opened == ["Gordon Brown"]
    QTimer.singleShot(200, lambda: _pick_from_menu("Open entity page"))
    reader.customContextMenuRequested.emit(spot)
    view = window.entity_page
    assert view is not None
    _shown(view, qtbot, "Gordon Brown")


def test_export_the_entity_briefing_as_pdf(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    out = tmp_path / "blair.pdf"
    asked: list[str] = []

    def ask(_parent: QWidget, suggested: str) -> Path:
        asked.append(suggested)
        return out

    window.briefings.ask_save_path = ask
    view = window.open_entity_page("Blair")
    _shown(view, qtbot, "Tony Blair")
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: out.exists() and not window.briefings.busy, timeout=PAGE_MS * 3)
    assert asked
    text = pdf_text(out)
    folded = text.casefold()  # headings print in capitals
    assert "tony blair across the library" in folded
    assert "also called blair" in folded and "5 in the library" in folded
    assert "figures involving tony blair" in folded
    for name in TONY_BLAIR + BLAIR_ONLY:
        assert _title(_path(window, name)) in text
