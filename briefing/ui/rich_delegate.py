"""An item delegate that draws an item's HTML (``HTML_ROLE``) with word wrap."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
PAYLOAD_ROLE = Qt.ItemDataRole.UserRole + 2


def payloads[T](widget: QListWidget, kind: type[T]) -> list[T]:
    """The ``kind`` payloads (PAYLOAD_ROLE) of a list's rows, in order; notice rows have none."""
    items = (widget.item(row).data(PAYLOAD_ROLE) for row in range(widget.count()))
    return [item for item in items if isinstance(item, kind)]
_PADDING = 8

Index = QModelIndex | QPersistentModelIndex


class RichTextDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None, *, css: str = "", selected_css: str = "") -> None:
        super().__init__(parent)
        self._css = css
        self.selected_css = selected_css  # used on the selection colour, where the muted colours would fade
        self._sizes: dict[tuple[str, int], QSize] = {}  # views ask for size hints very often

    @property
    def css(self) -> str:
        return self._css

    @css.setter
    def css(self, value: str) -> None:
        self._css = value
        self._sizes.clear()

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        doc.setDefaultStyleSheet(self.selected_css if selected and self.selected_css else self._css)
        doc.setHtml(str(index.data(HTML_ROLE) or ""))
        width = option.rect.width() if option.rect.width() > 0 else 300
        doc.setTextWidth(max(50, width - 2 * _PADDING))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        doc = self._document(opt, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        rect = opt.rect
        painter.translate(rect.left() + _PADDING, rect.top() + _PADDING)
        painter.setClipRect(0, 0, rect.width() - 2 * _PADDING, rect.height() - 2 * _PADDING)
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        if isinstance(widget, QAbstractItemView):
            opt.rect.setWidth(widget.viewport().width())
        key = (str(index.data(HTML_ROLE) or ""), opt.rect.width())
        size = self._sizes.get(key)
        if size is None:
            if len(self._sizes) > 5000:
                self._sizes.clear()
            doc = self._document(opt, index)
            size = QSize(int(doc.idealWidth()) + 2 * _PADDING, int(doc.size().height()) + 2 * _PADDING)
            self._sizes[key] = size
        return size
