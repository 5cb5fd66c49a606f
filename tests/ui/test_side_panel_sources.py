"""The side panel's Sources section on the seed: who said what, and clicking selects the claim."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from briefing.ui.main_window import MainWindow


def test_sources_list_the_seed_sources(window: MainWindow) -> None:
    sources = window.side_panel.sources
    rows = [sources.item(i).text() for i in range(sources.count())]
    for expected in (
        "a U.S. official \u2014 anonymous",
        "Two security sources in Iraq and a government source \u2014 anonymous",
        "A second US official \u2014 anonymous",
        "The Pentagon \u2014 named",
        "Iraqi Prime Minister Mohammed Shia al-Sudani's office \u2014 named",
        "Iran \u2014 named",
    ):
        assert any(row.startswith(expected) for row in rows), (expected, rows)


def test_clicking_a_source_selects_its_claim(window: MainWindow, qtbot: QtBot) -> None:
    sources = window.side_panel.sources
    reader = window.reader_pane.reader
    article = reader.article
    attributions = window.side_panel.source_items()
    assert article is not None and len(attributions) == sources.count() >= 7
    rect = sources.visualItemRect(sources.item(3))
    qtbot.mouseClick(sources.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    claim = attributions[3]
    assert reader.textCursor().selectedText() == article.text[claim.claim_start : claim.claim_end]
