"""The search field (debounced), the sort order, active filters and query errors."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefing.ui.entity_types import FACET_SINGULAR
from briefing.ui.settings import SortOrder

DEBOUNCE_MS = 250
QUERY_HELP = (
    "<b>Search syntax</b><br>"
    "words: <code>missile base</code> · phrase: <code>\"air base\"</code><br>"
    "AND, OR, NOT, parentheses: <code>Iraq AND (drone OR rocket) NOT Syria</code><br>"
    "fields: <code>title: source: author: body: person: org: place: facility: group: event:</code><br>"
    "dates: <code>date:[2024-01-01 to 2024-02-01]</code> · wildcards: <code>milit*</code>"
)


class SearchBar(QWidget):
    query_changed = Signal(str)  # debounced while typing, at once on Enter
    sort_changed = Signal(str)
    filter_removed = Signal(str)  # facet field

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SearchBar")
        self.field = QLineEdit(self)
        self.field.setObjectName("SearchField")
        self.field.setPlaceholderText("Search  (Ctrl+F)")
        self.field.setClearButtonEnabled(True)
        self.field.setToolTip(QUERY_HELP)
        self.sort = QComboBox(self)
        self.sort.addItem("Relevance", "relevance")
        self.sort.addItem("Newest first", "date")
        self.sort.setToolTip("Sort results")
        self.error = QLabel(self)
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self._filters = QHBoxLayout()
        self._filters.setContentsMargins(10, 0, 10, 0)
        self._filters.setSpacing(6)
        self._filters.addStretch(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit_query)
        self.field.textEdited.connect(lambda _t: self._timer.start())
        self.field.textChanged.connect(self._maybe_cleared)
        self.field.returnPressed.connect(self._emit_query)
        self.sort.currentIndexChanged.connect(lambda _i: self.sort_changed.emit(self.sort_order()))
        row = QHBoxLayout()
        row.setContentsMargins(10, 8, 10, 8)
        row.addWidget(self.field, 1)
        row.addWidget(self.sort)
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._outer.setSpacing(0)
        self._outer.addLayout(row)
        self._outer.addLayout(self._filters)
        self._outer.addWidget(self.error)

    def text(self) -> str:
        return self.field.text()

    def sort_order(self) -> SortOrder:
        return "date" if self.sort.currentData() == "date" else "relevance"

    def set_sort_order(self, order: SortOrder) -> None:
        self.sort.blockSignals(True)
        self.sort.setCurrentIndex(1 if order == "date" else 0)
        self.sort.blockSignals(False)

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.field.setProperty("invalid", bool(message))
        self.field.style().unpolish(self.field)
        self.field.style().polish(self.field)

    def show_filters(self, filters: dict[str, str]) -> None:
        while self._filters.count() > 1:
            item = self._filters.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for i, (field, value) in enumerate(filters.items()):
            chip = QToolButton(self)
            chip.setObjectName("FilterChip")
            kind = FACET_SINGULAR.get(field, field)
            chip.setText(f"{kind}: {value}  ✕")
            chip.setToolTip("Remove this filter")
            chip.clicked.connect(lambda _c=False, f=field: self.filter_removed.emit(f))
            self._filters.insertWidget(i, chip)
        self._outer.setContentsMargins(0, 0, 0, 6 if filters else 0)

    def _emit_query(self) -> None:
        self._timer.stop()
        self.query_changed.emit(self.field.text())

    def _maybe_cleared(self, text: str) -> None:
        if not text and not self._timer.isActive():  # the clear button: search at once
            self._emit_query()
