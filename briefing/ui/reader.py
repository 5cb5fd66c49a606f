"""The reader: one article as highlighted rich text, offline and script-free.

QTextBrowser runs no scripts; links are never followed by the widget itself
(``setOpenLinks(False)``) and ``loadResource`` returns nothing, so no image,
stylesheet or remote URL in an article is ever loaded.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QHelpEvent, QMouseEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QToolTip, QWidget

from briefing.core.article import Analysis, Article, Entity
from briefing.ui.entity_types import Scheme
from briefing.ui.highlight import ENTITY_SCHEME, entity_tooltip, render_article

BASE_POINT_SIZE = 12.0
BODY_FONTS = ["Charter", "Georgia", "Source Serif 4", "Noto Serif", "DejaVu Serif", "serif"]


class Reader(QTextBrowser):
    entity_activated = Signal(object)  # Entity: show the articles naming it (context menu)
    entity_page_requested = Signal(str)  # a double-clicked entity's canonical name: open its page

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Reader")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setMouseTracking(True)
        self.document().setDocumentMargin(28)
        self.anchorClicked.connect(self._anchor_clicked)
        self._article: Article | None = None
        self._analysis: Analysis | None = None
        self._paragraphs: tuple[tuple[int, int], ...] = ()
        self._header_blocks = 0
        self._zoom = 0
        self._apply_zoom()

    @property
    def article(self) -> Article | None:
        return self._article

    @property
    def analysis(self) -> Analysis | None:
        return self._analysis

    def show_article(
        self, article: Article, analysis: Analysis | None, *, visible: frozenset[str], scheme: Scheme,
        saved: str | None = None,
    ) -> None:
        """``saved``: the day the file was saved, shown (marked) when the article gives no date."""
        keep_scroll = self._article is not None and self._article.path == article.path
        scroll = self.verticalScrollBar().value()
        rendered = render_article(article, analysis, visible=visible, scheme=scheme, saved=saved)
        self._article, self._analysis, self._paragraphs = article, analysis, rendered.paragraphs
        self._header_blocks = rendered.header_blocks
        self.setHtml(rendered.html)
        if keep_scroll:
            self.verticalScrollBar().setValue(scroll)

    def show_message(self, html: str) -> None:
        self._article, self._analysis, self._paragraphs = None, None, ()
        self.setHtml(html)

    def position_of(self, offset: int) -> int | None:
        """The document position of a character offset into ``Article.text``."""
        doc = self.document()
        for i, (start, end) in enumerate(self._paragraphs):
            if start <= offset <= end:
                return doc.findBlockByNumber(self._header_blocks + i).position() + offset - start
        return None

    def text_at(self, start: int, end: int) -> str:
        """The document's text between two article offsets (what the reader really shows there)."""
        a, b = self.position_of(start), self.position_of(end)
        if a is None or b is None:
            return ""
        cursor = QTextCursor(self.document())
        cursor.setPosition(a)
        cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText().replace("\u2029", "\n").replace("\u2028", "\n")

    def select_range(self, start: int, end: int) -> bool:
        """Select article offsets ``start:end`` and scroll them to the middle of the view."""
        a, b = self.position_of(start), self.position_of(end)
        if a is None or b is None:
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(a)
        cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.center().y() - self.viewport().height() // 2)
        return True

    def entity_at(self, anchor: str) -> Entity | None:
        scheme, _, index = anchor.partition(":")
        if scheme != ENTITY_SCHEME or not index.isdigit() or self._analysis is None:
            return None
        entities = self._analysis.entities
        i = int(index)
        return entities[i] if i < len(entities) else None

    # zoom
    @property
    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        self._zoom = max(-6, min(12, steps))
        self._apply_zoom()

    def _apply_zoom(self) -> None:
        font = QFont(self.font())
        font.setFamilies(BODY_FONTS)
        font.setPointSizeF(BASE_POINT_SIZE * (1.1**self._zoom))
        self.setFont(font)
        self.document().setDefaultFont(font)

    # Qt overrides
    def loadResource(self, type: int, name: QUrl | str, /) -> Any:
        return None

    def viewportEvent(self, event: QEvent, /) -> bool:
        # Tool tips go to the viewport; an entity's says its type and canonical name.
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            entity = self.entity_at(self.anchorAt(event.pos()))
            if entity is not None:
                QToolTip.showText(event.globalPos(), entity_tooltip(entity), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent, /) -> None:
        # A double-click on a highlighted name opens its page (and adds no filter).
        entity = self.entity_at(self.anchorAt(event.position().toPoint()))
        if entity is not None:
            self.entity_page_requested.emit(entity.canonical)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def _anchor_clicked(self, url: QUrl) -> None:
        # A click on an entity only places the cursor: filtering is the context menu's
        # "Show articles naming …", so opening a page by double-click never filters too.
        if url.scheme() in ("http", "https"):
            # Only on the user's click, and in their own browser: the reader itself fetches nothing.
            QDesktopServices.openUrl(url)


def find_in(reader: QTextBrowser, text: str, *, backward: bool = False) -> bool:
    """Find ``text`` from the cursor on, wrapping around once."""
    flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
    if reader.find(text, flags):
        return True
    cursor = reader.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start)
    reader.setTextCursor(cursor)
    return reader.find(text, flags)
