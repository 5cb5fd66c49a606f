"""Opening an entity's page never filters the results; filtering is an action of its own.

Real double-clicks (press, release, double-click) on the side panel's entities and on the library
pane's entity facets of the sample library, in the real window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton, QTreeWidget, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from briefing.ui.main_window import MainWindow

PAGE_MS = 30_000


def _chips(window: MainWindow) -> list[QToolButton]:
    return window.search_bar.findChildren(QToolButton, "FilterChip")


def _row(tree: QTreeWidget, text: str) -> QTreeWidgetItem:
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for j in range(top.childCount() if top is not None else 0):
            child = top.child(j) if top is not None else None
            if child is not None and child.text(0) == text:
                return child
    raise AssertionError(f"no row {text!r}")


def _double_click(qtbot: QtBot, tree: QTreeWidget, item: QTreeWidgetItem) -> None:
    tree.scrollToItem(item)
    centre = tree.visualItemRect(item).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.wait(QApplication.doubleClickInterval() + 300)  # a click waiting to act would have acted


def test_double_click_in_the_side_panel_opens_the_page_without_a_filter(
    window: MainWindow, qtbot: QtBot
) -> None:
    panel = window.side_panel
    panel.tabs.setCurrentWidget(panel.entities)
    _double_click(qtbot, panel.entities, _row(panel.entities, "Ain al-Asad"))
    view = window.entity_page
    assert view is not None and view.isVisible()
    qtbot.waitUntil(lambda: view.page is not None, timeout=PAGE_MS)
    assert view.page is not None and view.page.name == "Ain al-Asad"
    assert window.session.filters == {} and _chips(window) == []
    assert window.search_bar.text() == ""


def test_double_click_on_a_library_facet_opens_the_page_a_click_filters(
    window: MainWindow, qtbot: QtBot
) -> None:
    tree = window.library_pane.tree
    item = window.library_pane.facet_item("facility", "Ain al-Asad")
    assert item is not None
    _double_click(qtbot, tree, item)
    view = window.entity_page
    assert view is not None and view.isVisible()
    qtbot.waitUntil(lambda: view.page is not None, timeout=PAGE_MS)
    assert window.session.filters == {} and _chips(window) == []
    # One click on the facet is the filter.
    item = window.library_pane.facet_item("facility", "Ain al-Asad")
    assert item is not None
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())
    assert window.session.filters == {"facility": "Ain al-Asad"} and len(_chips(window)) == 1
