"""Icons: the app icon (an SVG under resources/icons) and small coloured dots."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from briefing.resources import resource


def app_icon() -> QIcon:
    return QIcon(str(resource("icons", "briefing.svg")))


@cache
def dot_icon(colour: str, size: int = 12) -> QIcon:
    """A filled circle, the legend's and the facets' mark for an entity type."""
    pixmap = QPixmap(size * 2, size * 2)  # drawn at 2x for high-dpi screens
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(QPointF(size / 2, size / 2), size / 2 - 1.5, size / 2 - 1.5)
    painter.end()
    return QIcon(pixmap)
