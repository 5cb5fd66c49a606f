"""The window at 1366x768: names in full in tooltips, the side panel's tabs whole, the View menu's
toggles, print preview fitted to width, and entity colours told apart in the reader (both themes)."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from briefing.core import palette
from briefing.ui.entity_types import FACET_NAMES
from briefing.ui.library_pane import KIND_ROLE
from briefing.ui.main_window import MainWindow
from tests.printing.dialogs import Rejected

SIZE = (1366, 768)


def test_library_pane_rows_carry_their_full_names(window: MainWindow) -> None:
    window.resize(*SIZE)
    QApplication.processEvents()
    tree = window.library_pane.tree
    rows = []
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        assert top is not None
        if top.data(0, KIND_ROLE) == "since":
            assert top.toolTip(0).startswith("Since last briefing: ")
        children = [top.child(j) for j in range(top.childCount())]
        # Names behind "more…" are rows of the pane too.
        rows += children + [c.child(k) for c in children if c is not None for k in range(c.childCount())]
    facets = [r for r in rows if r is not None and r.data(0, KIND_ROLE) in FACET_NAMES]
    assert len(facets) > 10
    for row in facets:
        assert row.toolTip(0).split("\n")[0].startswith(row.text(0)), row.text(0)
    # "Ain al-Asad" is listed once, under Facilities: one type per name.
    assert window.library_pane.facet_item("facility", "Ain al-Asad") is not None
    assert window.library_pane.facet_item("place", "Ain al-Asad") is None


def test_side_panel_tabs_are_whole_at_1366x768(window: MainWindow) -> None:
    window.resize(*SIZE)
    QApplication.processEvents()
    bar = window.side_panel.tabs.tabBar()
    last = bar.tabRect(bar.count() - 1)
    right = bar.mapTo(window, last.topRight()).x()
    assert bar.tabText(bar.count() - 1) == "Entities"
    assert right < window.width() - 1  # its border inside the window, not cut by the edge
    for i in range(bar.count()):
        width = bar.fontMetrics().horizontalAdvance(bar.tabText(i))
        assert bar.tabRect(i).width() >= width, bar.tabText(i)  # no tab name elided


def test_view_menu_toggles_the_panes_and_the_status_bar(window: MainWindow) -> None:
    actions = window.menu_actions
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert view_menu is not None
    entries = [a for a in view_menu.actions() if a.isCheckable()]
    assert [a.text() for a in entries][:3] == ["&Library Pane", "&Side Panel", "Status &Bar"]
    for action, part in ((actions.show_library, window.library_pane),
                         (actions.show_side_panel, window.side_panel),
                         (actions.show_status_bar, window.statusBar())):
        assert action.isChecked() and part.isVisible()
        action.trigger()
        assert not action.isChecked() and not part.isVisible()
        action.trigger()
        assert action.isChecked() and part.isVisible()


def test_print_preview_opens_fitted_to_width(window: MainWindow, qtbot: QtBot,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[QPrintPreviewWidget.ZoomMode] = []

    def answer(dialog: QPrintPreviewDialog) -> int:
        preview = dialog.findChild(QPrintPreviewWidget)
        assert preview is not None
        seen.append(preview.zoomMode())
        return int(Rejected.value)

    monkeypatch.setattr(QPrintPreviewDialog, "exec", answer)
    window.menu_actions.print_preview.trigger()
    qtbot.waitUntil(lambda: bool(seen) and not window.briefings.busy, timeout=60_000)
    assert seen == [QPrintPreviewWidget.ZoomMode.FitToWidth]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_reader_colours_facilities_and_figures_apart(window: MainWindow, theme: str, tmp_path: Path) -> None:
    window.set_theme(theme)  # type: ignore[arg-type]
    QApplication.processEvents()
    html = window.reader_pane.reader.toHtml().lower()
    facility, figure = palette.swatch("FAC"), palette.FIGURE
    shown = {label: getattr(s, theme) for label, s in (("FAC", facility), ("FIGURE", figure),
                                                      ("GPE", palette.swatch("GPE")),
                                                      ("PERSON", palette.swatch("PERSON")))}
    for colour in shown.values():
        assert colour in html  # Ain al-Asad, "Two"/"58", Iraq, al-Sudani are all highlighted
    for (a, ca), (b, cb) in combinations(shown.items(), 2):
        for vision in palette.VISIONS:
            assert palette.distance(ca, cb, vision) >= palette.MIN_DISTANCE, (a, b, vision)
    # The legend's dots are the accents, one per type.
    legend = window.reader_pane.legend.chips
    assert legend["FAC"].isVisible() and legend["FIGURE"].isVisible()
    dot = {}
    for key in ("FAC", "FIGURE"):
        image = legend[key].icon().pixmap(12, 12).toImage()
        dot[key] = image.pixelColor(image.width() // 2, image.height() // 2).name()
    assert dot["FAC"] == facility.accent and dot["FIGURE"] == figure.accent
    window.grab().save(str(tmp_path / f"reader-{theme}.png"))
