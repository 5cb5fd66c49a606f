"""The results list: hits with highlighted snippets, or the articles similar to one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefing.core.article import SearchHit
from briefing.ui.entity_types import Scheme
from briefing.ui.results_html import hit_html, hits_css
from briefing.ui.rich_delegate import HTML_ROLE, PAYLOAD_ROLE, RichTextDelegate
from briefing.ui.theme import colours


class ResultsPane(QWidget):
    hit_activated = Signal(object)  # SearchHit
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel(self)
        self.header.setProperty("role", "heading")
        self.back = QToolButton(self)
        self.back.setText("Back to search")
        self.back.clicked.connect(self.back_requested)
        self.back.hide()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 8, 0)
        top.addWidget(self.header, 1)
        top.addWidget(self.back)
        self.list = QListWidget(self)
        self.list.setObjectName("ResultsList")
        self._delegate = RichTextDelegate(self.list)
        self.list.setItemDelegate(self._delegate)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.setAlternatingRowColors(False)
        self.list.currentItemChanged.connect(self._current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        self.set_scheme("light")

    def set_scheme(self, scheme: Scheme) -> None:
        c = colours(scheme)
        self._delegate.css = hits_css(c["muted"], c["match"], c["match_text"])
        on_accent = c["accent_text"]
        self._delegate.selected_css = hits_css(on_accent, c["accent"], on_accent, underline=True)
        self.list.viewport().update()

    def show_hits(
        self, hits: list[SearchHit], header: str, *, similar: bool = False, keep: str | None = None
    ) -> None:
        """Replace the list; ``keep`` re-selects that path (without re-opening it) if it is listed."""
        self.header.setText(header)
        self.back.setVisible(similar)
        self.list.blockSignals(True)
        self.list.clear()
        for hit in hits:
            item = QListWidgetItem()
            item.setData(HTML_ROLE, hit_html(hit))
            item.setData(PAYLOAD_ROLE, hit)
            item.setToolTip(hit.path)
            self.list.addItem(item)
            if keep is not None and hit.path == keep:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def select_path(self, path: str) -> None:
        """Mark the row of ``path`` as current without opening it again."""
        for row in range(self.list.count()):
            hit = self.list.item(row).data(PAYLOAD_ROLE)
            if isinstance(hit, SearchHit) and hit.path == path:
                self.list.blockSignals(True)
                self.list.setCurrentRow(row)
                self.list.blockSignals(False)
                return

    def hits(self) -> list[SearchHit]:
        return [self.list.item(r).data(PAYLOAD_ROLE) for r in range(self.list.count())]

    def step(self, delta: int) -> None:
        """Move to the next (+1) or previous (-1) result and open it."""
        count = self.list.count()
        if count == 0:
            return
        row = self.list.currentRow()
        row = 0 if row < 0 else max(0, min(count - 1, row + delta))
        self.list.setCurrentRow(row)

    def _current_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None:
            hit = current.data(PAYLOAD_ROLE)
            if isinstance(hit, SearchHit):
                self.hit_activated.emit(hit)
