"""A figure's course across the library: a small QPainter chart and the list of its reports.

The chart puts each report of a series at its article's day (x) and value (y);
a range is a vertical bar. The open article's reports are ringed, reports that
disagree with another article's on the same day are drawn in the warning colour.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from briefing.core.across.figure_series import FigureSeries, SeriesPoint, day_label
from briefing.ui.entity_types import Scheme
from briefing.ui.rich_delegate import PAYLOAD_ROLE, payloads
from briefing.ui.theme import colours

DISAGREE_COLOURS: dict[Scheme, str] = {"light": "#d9480f", "dark": "#ff922b"}
_MARGIN_LEFT = 46
_MARGIN = 10
_MARGIN_BOTTOM = 20
_RADIUS = 4.0


def _short_number(value: float) -> str:
    size = abs(value)
    for limit, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if size >= limit:
            return f"{value / limit:.3g}{suffix}"
    return f"{value:.3g}"


def _ordinal(day: str | None) -> int | None:
    try:
        return dt.date.fromisoformat(day).toordinal() if day else None
    except ValueError:
        return None


class FigureChart(QWidget):
    """Points by day; the open article's ringed; disagreements in a distinct colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FigureChart")
        self.setMinimumHeight(110)
        self._series: FigureSeries | None = None
        self._path: str | None = None
        self._scheme: Scheme = "light"
        self._scale: tuple[float, float, int, int] = (0.0, 1.0, 0, 0)  # low, high, first day, last day

    def sizeHint(self) -> QSize:
        return QSize(240, 130)

    def set_scheme(self, scheme: Scheme) -> None:
        self._scheme = scheme
        self.update()

    def set_series(self, series: FigureSeries | None, path: str | None = None) -> None:
        self._series = series
        self._path = path
        self.update()

    def plot_area(self) -> QRectF:
        return QRectF(
            _MARGIN_LEFT, _MARGIN, max(1.0, self.width() - _MARGIN_LEFT - _MARGIN),
            max(1.0, self.height() - _MARGIN - _MARGIN_BOTTOM),
        )  # fmt: skip

    def _dated(self) -> list[tuple[int, SeriesPoint]]:
        if self._series is None:
            return []
        return [(day, p) for p in self._series.points if (day := _ordinal(p.day)) is not None]

    def point_positions(self) -> list[tuple[QPointF, SeriesPoint]]:
        """Where each dated report is drawn (the centre of its mark; a range's middle)."""
        dated = self._dated()
        if not dated:
            return []
        area = self.plot_area()
        days = [d for d, _ in dated]
        values = [v for _, p in dated for v in (p.value, p.value_high) if v is not None]
        first, last = min(days), max(days)
        low, high = min(values), max(values)
        if high == low:
            low, high = low - abs(low) * 0.1 - 1, high + abs(high) * 0.1 + 1
        pad = (high - low) * 0.08
        low, high = low - pad, high + pad

        def x(day: int) -> float:
            if last == first:
                return area.center().x()
            return area.left() + (day - first) / (last - first) * area.width()

        def y(value: float) -> float:
            return area.bottom() - (value - low) / (high - low) * area.height()

        self._scale = (low, high, first, last)
        return [
            (QPointF(x(day), y((p.value + (p.value_high if p.value_high is not None else p.value)) / 2)), p)
            for day, p in dated
        ]

    def _y(self, value: float) -> float:
        low, high = self._scale[0], self._scale[1]
        area = self.plot_area()
        return area.bottom() - (value - low) / (high - low) * area.height()

    def paintEvent(self, event: QPaintEvent) -> None:
        c = colours(self._scheme)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = self.plot_area()
        painter.setPen(QPen(QColor(c["border"]), 1))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawLine(area.bottomLeft(), area.topLeft())
        placed = self.point_positions()
        if not placed:
            painter.setPen(QColor(c["muted"]))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "No dated reports")
            painter.end()
            return
        low, high, first, last = self._scale
        painter.setPen(QColor(c["muted"]))
        font = painter.font()
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.8))
        painter.setFont(font)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(QRectF(0, area.top() - 8, _MARGIN_LEFT - 4, 16), right, _short_number(high))
        painter.drawText(QRectF(0, area.bottom() - 8, _MARGIN_LEFT - 4, 16), right, _short_number(low))
        below = QRectF(area.left(), area.bottom() + 3, area.width(), _MARGIN_BOTTOM - 3)
        first_day = dt.date.fromordinal(first).isoformat()
        last_day = dt.date.fromordinal(last).isoformat()
        if first == last:
            painter.drawText(below, Qt.AlignmentFlag.AlignHCenter, day_label(first_day))
        else:
            painter.drawText(below, Qt.AlignmentFlag.AlignLeft, day_label(first_day))
            painter.drawText(below, Qt.AlignmentFlag.AlignRight, day_label(last_day))
        accent, warn = QColor(c["accent"]), QColor(DISAGREE_COLOURS[self._scheme])
        # The course: the mean of each day's reports, joined.
        by_x: dict[float, list[float]] = {}
        for centre, _p in placed:
            by_x.setdefault(round(centre.x(), 1), []).append(centre.y())
        course = [QPointF(x, sum(ys) / len(ys)) for x, ys in sorted(by_x.items())]
        painter.setPen(QPen(QColor(c["muted"]), 1.2))
        for a, b in itertools.pairwise(course):
            painter.drawLine(a, b)
        for centre, point in placed:
            colour = warn if point.disagrees else accent
            painter.setPen(QPen(colour, 2))
            if point.value_high is not None:
                top = self._y(max(point.value, point.value_high))
                bottom = self._y(min(point.value, point.value_high))
                painter.drawLine(QPointF(centre.x(), top), QPointF(centre.x(), bottom))
            painter.setBrush(colour)
            painter.drawEllipse(centre, _RADIUS, _RADIUS)
            if point.path == self._path:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(QColor(c["text"]), 1.5))
                painter.drawEllipse(centre, _RADIUS + 3, _RADIUS + 3)
        painter.end()


class FigureHistoryView(QWidget):
    """The chart of the selected figure's series and its reports; clicking one opens its article."""

    article_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FigureHistory")
        self.title = QLabel(self)
        self.title.setObjectName("FigureHistoryTitle")
        self.title.setWordWrap(True)
        self.title.setContentsMargins(10, 4, 10, 2)
        self.chart = FigureChart(self)
        self.points = QListWidget(self)
        self.points.setObjectName("FigureHistoryPoints")
        self.points.setWordWrap(True)
        self.points.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.points.itemClicked.connect(self._clicked)
        self.points.itemActivated.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.chart)
        layout.addWidget(self.points, 1)
        self._scheme: Scheme = "light"
        self.show_series(None)

    def set_scheme(self, scheme: Scheme) -> None:
        self._scheme = scheme
        self.chart.set_scheme(scheme)

    def show_series(self, series: FigureSeries | None, path: str | None = None) -> None:
        self.chart.set_series(series, path)
        self.chart.setVisible(series is not None)
        self.points.clear()
        if series is None:
            self.title.setText("Select a figure to follow it across the library.")
            return
        others = len({p.path for p in series.points if p.path != path})
        label = html.escape(series.label)
        self.title.setText(
            f"<b>{label}</b> — in {others} other article{'s' if others != 1 else ''}"
            if others else f"<b>{label}</b> — in no other article yet"
        )
        warn = QColor(DISAGREE_COLOURS[self._scheme])
        for point in series.points:
            mark = "\u2260 " if point.disagrees else ""
            here = " (this article)" if point.path == path else ""
            item = QListWidgetItem(f"{mark}{point.text} · {day_label(point.day)} · {point.title}{here}")
            item.setData(PAYLOAD_ROLE, point)
            item.setToolTip(point.sentence + ("\n\nDisagrees with another report that day." if mark else ""))
            if point.disagrees:
                item.setForeground(warn)
            self.points.addItem(item)

    def point_items(self) -> list[SeriesPoint]:
        return payloads(self.points, SeriesPoint)

    def _clicked(self, item: QListWidgetItem) -> None:
        point = item.data(PAYLOAD_ROLE)
        if isinstance(point, SeriesPoint):
            self.article_requested.emit(point.path)
