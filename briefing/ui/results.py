"""The results list: hits with highlighted snippets, or the articles similar to one.

Clicking a row (or moving with the keys) opens its article; Ctrl/Shift-click
selects several rows for a briefing without opening any of them.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Signal
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
    selection_changed = Signal()

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
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._layout.addLayout(top)
        self._layout.addWidget(self.list, 1)
        self.set_scheme("light")

    def add_banner(self, banner: QWidget) -> None:
        """Show ``banner`` between the header and the list (while it is visible)."""
        self._layout.insertWidget(1, banner)

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
        kept = False
        for hit in hits:
            item = QListWidgetItem()
            item.setData(HTML_ROLE, hit_html(hit))
            item.setData(PAYLOAD_ROLE, hit)
            item.setToolTip(hit.path)
            self.list.addItem(item)
            if keep is not None and hit.path == keep and not similar:
                self._select_only(self.list.count() - 1)
                kept = True
        if not kept:  # a new list opens at its top (the best first), not where the last one was
            self.list.scrollToTop()
        self.list.blockSignals(False)
        self.selection_changed.emit()

    def select_path(self, path: str) -> None:
        """Mark the row of ``path`` as current without opening it again."""
        for row in range(self.list.count()):
            hit = self.list.item(row).data(PAYLOAD_ROLE)
            if isinstance(hit, SearchHit) and hit.path == path:
                self.list.blockSignals(True)
                self._select_only(row)
                self.list.blockSignals(False)
                self.selection_changed.emit()
                return

    def hits(self) -> list[SearchHit]:
        return [self.list.item(r).data(PAYLOAD_ROLE) for r in range(self.list.count())]

    def selected_hits(self) -> list[SearchHit]:
        """The selected rows' hits, in list order."""
        rows = sorted(self.list.row(item) for item in self.list.selectedItems())
        return [self.list.item(r).data(PAYLOAD_ROLE) for r in rows]

    def open_row(self, row: int) -> None:
        """Select only ``row`` and open its article."""
        self._select_only(row)

    def step(self, delta: int) -> None:
        """Move to the next (+1) or previous (-1) result and open it."""
        count = self.list.count()
        if count == 0:
            return
        row = self.list.currentRow()
        row = 0 if row < 0 else max(0, min(count - 1, row + delta))
        self.open_row(row)

    def _select_only(self, row: int) -> None:
        self.list.setCurrentRow(row, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _selection_changed(self) -> None:
        """One row selected opens it; several are a selection for a briefing and open nothing."""
        self.selection_changed.emit()
        selected = self.list.selectedItems()
        if len(selected) == 1:
            hit = selected[0].data(PAYLOAD_ROLE)
            if isinstance(hit, SearchHit):
                self.hit_activated.emit(hit)
