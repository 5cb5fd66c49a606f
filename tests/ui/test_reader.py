"""The reader on the seed article: exact offsets, highlight colours, hover, clicks, no remote loads."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QHelpEvent, QImage, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QToolButton, QToolTip
from pytestqt.qtbot import QtBot

from briefing.ui.entity_page import entity_menu
from briefing.ui.entity_types import type_for_label
from briefing.ui.library_pane import ACTIVE_ROLE
from briefing.ui.main_window import MainWindow
from briefing.ui.reader import Reader


def _colours_in(image: QImage) -> set[int]:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    return {image.pixel(x, y) & 0xFFFFFF for y in range(0, image.height(), 2) for x in range(image.width())}


def _rgb(colour: str) -> int:
    return QColor(colour).rgb() & 0xFFFFFF


def _point_of(reader: Reader, offset: int) -> QPoint:
    position = reader.position_of(offset)
    assert position is not None
    cursor = QTextCursor(reader.document())
    cursor.setPosition(position + 1)
    reader.setTextCursor(cursor)
    reader.ensureCursorVisible()
    return reader.cursorRect(cursor).center()


def test_every_entity_and_figure_maps_to_its_own_words(window: MainWindow) -> None:
    reader = window.reader_pane.reader
    article, analysis = reader.article, reader.analysis
    assert article is not None and analysis is not None
    in_text = [e for e in analysis.entities if e.caption is None]
    assert len(in_text) > 10 and analysis.figures
    for entity in in_text:
        shown = reader.text_at(entity.start, entity.end)
        assert shown == entity.text == article.text[entity.start : entity.end]
    for entity in analysis.entities:
        if entity.caption is not None:  # shown apart, after the body, with its own offsets
            assert article.captions[entity.caption][entity.start : entity.end] == entity.text
    for figure in analysis.figures:
        assert reader.text_at(figure.start, figure.end) == article.text[figure.start : figure.end]


def test_the_article_is_shown_with_title_source_and_highlights(window: MainWindow, qtbot: QtBot) -> None:
    reader = window.reader_pane.reader
    plain = reader.toPlainText()
    assert plain.startswith("US personnel suffer minor injuries in attack on Iraqi base")
    assert "The Jerusalem Post" in plain.splitlines()[1]
    assert window.windowTitle().startswith("US personnel suffer minor injuries")
    shown = _colours_in(reader.viewport().grab().toImage())
    for label in ("GPE", "ORG"):
        assert _rgb(type_for_label(label).colours("light").background) in shown, label


def test_toggling_a_type_removes_its_colour(window: MainWindow, qtbot: QtBot) -> None:
    reader = window.reader_pane.reader
    place = _rgb(type_for_label("GPE").colours("light").background)
    assert place in _colours_in(reader.viewport().grab().toImage())
    chip = window.reader_pane.legend.chips["GPE"]
    assert chip.isVisible() and chip.isChecked() and chip.text().startswith("Places ")
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert "GPE" not in window.session.visible_types
    assert place not in _colours_in(reader.viewport().grab().toImage())
    assert "entity:" in reader.toHtml()  # the other types are still marked
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert place in _colours_in(reader.viewport().grab().toImage())
    assert window.settings.visible_types() == window.session.visible_types


def test_hovering_an_entity_tells_its_type_and_canonical_name(window: MainWindow, qtbot: QtBot) -> None:
    reader = window.reader_pane.reader
    analysis = reader.analysis
    assert analysis is not None
    person = next(e for e in analysis.entities if e.label == "PERSON")
    point = _point_of(reader, person.start)
    assert reader.anchorAt(point).startswith("entity:")
    event = QHelpEvent(QEvent.Type.ToolTip, point, reader.viewport().mapToGlobal(point))
    QApplication.sendEvent(reader.viewport(), event)
    qtbot.waitUntil(lambda: QToolTip.text() != "", timeout=2000)
    assert QToolTip.text() == f"Person (PERSON) — {person.canonical}"


def _chips(window: MainWindow) -> list[QToolButton]:
    return window.search_bar.findChildren(QToolButton, "FilterChip")


def test_double_clicking_an_entity_opens_its_page_only(window: MainWindow, qtbot: QtBot) -> None:
    reader = window.reader_pane.reader
    analysis = reader.analysis
    assert analysis is not None
    org = next(e for e in analysis.entities if e.label == "ORG")
    point = _point_of(reader, org.start)
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.wait(QApplication.doubleClickInterval() + 200)
    view = window.entity_page
    assert view is not None and view.isVisible()
    qtbot.waitUntil(lambda: view.page is not None, timeout=30_000)
    assert view.page is not None and org.canonical in (view.page.name, *view.page.aliases)
    assert window.session.filters == {} and _chips(window) == []  # no filter crept in


def test_the_context_menu_filters_the_library_by_an_entity(window: MainWindow, qtbot: QtBot) -> None:
    reader = window.reader_pane.reader
    analysis = reader.analysis
    assert analysis is not None
    org = next(e for e in analysis.entities if e.label == "ORG")
    point = _point_of(reader, org.start)
    menu = entity_menu(reader, point, lambda _name: None)
    labels = [a.text() for a in menu.actions()]
    name = org.canonical
    assert labels[:2] == [f"Open entity page for “{name}”", f"Show articles naming “{name}”"]
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        menu.actions()[1].trigger()
    assert window.session.filters == {"org": org.canonical}
    assert [h.path for h in window.results.hits()] == [window.current_path]
    chip = _chips(window)
    assert len(chip) == 1 and org.canonical in chip[0].text()
    item = window.library_pane.facet_item("org", org.canonical)
    assert item is not None and item.data(0, ACTIVE_ROLE) is True and item.font(0).bold()
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        qtbot.mouseClick(chip[0], Qt.MouseButton.LeftButton)
    assert window.session.filters == {}


def test_nothing_is_loaded_from_outside_and_links_are_not_followed(window: MainWindow) -> None:
    reader = window.reader_pane.reader
    assert not reader.openLinks() and not reader.openExternalLinks()
    image = QUrl.fromLocalFile(str(window.settings.path))  # a real local file
    assert reader.loadResource(QTextDocument.ResourceType.ImageResource.value, image) is None
    assert reader.loadResource(0, QUrl("https://example.com/tracker.png")) is None
    before = reader.toPlainText()
    reader.anchorClicked.emit(QUrl("entity:999"))  # no such entity: nothing happens
    assert reader.toPlainText() == before
