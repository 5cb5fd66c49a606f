"""The reader with its legend (one toggle per entity type) and its find bar."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefing.core.article import Analysis, Article
from briefing.ui.entity_types import (
    ENTITY_TYPES,
    FIGURE_TYPE,
    PAGE_COLOURS,
    EntityType,
    Scheme,
    type_for_label,
)
from briefing.ui.flow_layout import FlowLayout
from briefing.ui.icons import dot_icon
from briefing.ui.reader import Reader, find_in


class Legend(QWidget):
    """A chip per entity type present in the article: its colour, its count, a toggle."""

    toggled = Signal(str, bool)  # type key, shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReaderBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        chips = QWidget(self)
        flow = FlowLayout(chips, spacing=6)
        flow.setContentsMargins(0, 0, 0, 0)
        self.chips: dict[str, QToolButton] = {}
        for kind in (*ENTITY_TYPES, FIGURE_TYPE):
            chip = QToolButton(chips)
            chip.setCheckable(True)
            chip.setProperty("chip", True)
            chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            chip.setToolTip(f"Show or hide {kind.plural.lower()} in the article")
            chip.toggled.connect(lambda on, key=kind.key: self.toggled.emit(key, on))
            chip.hide()
            flow.addWidget(chip)
            self.chips[kind.key] = chip
        self.similar_button = QToolButton(self)
        self.similar_button.setText("Similar articles")
        self.similar_button.setToolTip("Find articles like this one (Ctrl+Shift+S)")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        row.addWidget(chips, 1)
        row.addWidget(self.similar_button, 0, Qt.AlignmentFlag.AlignTop)

    def update_for(
        self, analysis: Analysis | None, visible: frozenset[str], scheme: Scheme
    ) -> None:
        counts: Counter[str] = Counter()
        if analysis is not None:
            counts.update(type_for_label(e.label).key for e in analysis.entities)
            counts[FIGURE_TYPE.key] = len(analysis.figures)
        for kind in (*ENTITY_TYPES, FIGURE_TYPE):
            self._update_chip(kind, counts[kind.key], visible, scheme)

    def _update_chip(self, kind: EntityType, count: int, visible: frozenset[str], scheme: Scheme) -> None:
        chip = self.chips[kind.key]
        chip.setVisible(count > 0)
        chip.blockSignals(True)
        chip.setChecked(kind.key in visible)
        chip.blockSignals(False)
        chip.setText(f"{kind.plural} {count}")
        muted = PAGE_COLOURS[scheme][2]
        chip.setIcon(dot_icon(kind.colours(scheme).swatch if kind.key in visible else muted))


class FindBar(QWidget):
    """Find in the article: type to search, Enter / F3 for the next match, Esc to close."""

    def __init__(self, reader: Reader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FindBar")
        self._reader = reader
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Find in article")
        self.field.setClearButtonEnabled(True)
        self.field.textEdited.connect(self._incremental)
        self.field.returnPressed.connect(self.find_next)
        self.status = QLabel(self)
        self.status.setProperty("role", "muted")
        previous = QToolButton(self)
        previous.setText("↑")
        previous.setToolTip("Previous match (Shift+F3)")
        previous.clicked.connect(self.find_previous)
        following = QToolButton(self)
        following.setText("↓")
        following.setToolTip("Next match (F3)")
        following.clicked.connect(self.find_next)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        close.clicked.connect(self.close_bar)
        for widget in (self.field, previous, following, self.status):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.field, self.close_bar)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        selected = self._reader.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.field.setText(selected)
        self.field.selectAll()
        self.field.setFocus()

    def close_bar(self) -> None:
        self.hide()
        self._reader.setFocus()

    def find_next(self) -> bool:
        return self._find(backward=False)

    def find_previous(self) -> bool:
        return self._find(backward=True)

    def _incremental(self, _text: str) -> None:
        cursor = self._reader.textCursor()
        cursor.setPosition(cursor.selectionStart())
        self._reader.setTextCursor(cursor)
        self._find(backward=False)

    def _find(self, *, backward: bool) -> bool:
        text = self.field.text()
        if not text:
            self.status.clear()
            return False
        found = find_in(self._reader, text, backward=backward)
        self.status.setText("" if found else "Not found")
        return found


class ReaderPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.legend = Legend(self)
        self.reader = Reader(self)
        self.find_bar = FindBar(self.reader, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.legend)
        layout.addWidget(self.reader, 1)
        layout.addWidget(self.find_bar)

    def show_article(
        self, article: Article, analysis: Analysis | None, *, visible: frozenset[str], scheme: Scheme
    ) -> None:
        self.reader.show_article(article, analysis, visible=visible, scheme=scheme)
        self.legend.update_for(analysis, visible, scheme)
        self.legend.similar_button.setEnabled(True)

    def show_message(self, html: str) -> None:
        self.reader.show_message(html)
        self.legend.update_for(None, frozenset(), "light")
        self.legend.similar_button.setEnabled(False)
