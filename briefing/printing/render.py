"""Paint a briefing page by page on any paged device (PDF writer, printer, preview).

The Qt "print with headers and footers" recipe: lay the document out in pages
the size of the body rectangle, so lines and table rows are never cut, then
paint each page's slice of it between a running header and a footer.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPainter,
    QPalette,
    QPen,
    QTextDocument,
)

from briefing.core.briefing import Briefing
from briefing.printing.document import briefing_document
from briefing.printing.page import PageFrame, page_frame
from briefing.printing.rows import keep_rows_together

HEADER_COLOUR = QColor("#4b5563")
ACCENT = QColor("#b45309")
RULE_COLOUR = QColor("#d1d5db")
CSS_DPI = 96.0  # Qt scales CSS pixels to the paint device from 96 per inch
UI_FAMILIES = ["Source Sans 3", "Segoe UI", "Helvetica Neue", "Arial", "DejaVu Sans"]


def layout_document(document: QTextDocument, device: QPagedPaintDevice, frame: PageFrame) -> None:
    """Measure the document with the device's fonts, split it into body-sized pages, keep rows whole."""
    layout = document.documentLayout()
    layout.setPaintDevice(device)
    document.setPageSize(frame.body.size())
    keep_rows_together(document, frame.body.height(), device.logicalDpiY() / CSS_DPI)


def article_pages(document: QTextDocument, page_height: float) -> dict[int, int]:
    """Article number -> 1-based page, from the ``article-N`` anchors of a laid-out document."""
    pages: dict[int, int] = {}
    document.pageCount()  # layout is lazy: finish it before measuring
    layout = document.documentLayout()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            for name in iterator.fragment().charFormat().anchorNames():
                if name.startswith("article-") and name[8:].isdigit():
                    top = layout.blockBoundingRect(block).top()
                    # +1px: a block pushed to a new page can sit a hair above the boundary
                    pages.setdefault(int(name[8:]), int((top + 1.0) // page_height) + 1)
            iterator += 1
        block = block.next()
    return pages


def paginated_document(briefing: Briefing, device: QPagedPaintDevice) -> QTextDocument:
    """The briefing laid out for ``device``, its contents carrying the pages the articles start on."""
    frame = page_frame(device)
    document = briefing_document(briefing)
    layout_document(document, device, frame)
    if not briefing.is_collection:
        return document
    for _ in range(3):  # page numbers widen the contents a little; settle in a pass or two
        pages = article_pages(document, frame.body.height())
        document = briefing_document(briefing, pages=pages)
        layout_document(document, device, frame)
        if article_pages(document, frame.body.height()) == pages:
            break
    return document


def _font(points: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(UI_FAMILIES)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _draw_header(painter: QPainter, device: QPagedPaintDevice, rect: QRectF, left: str, right: str) -> None:
    font = _font(7.5, bold=True)
    painter.setFont(font)
    metrics = QFontMetricsF(font, device)
    baseline = rect.top() + rect.height() * 0.55
    right_width = metrics.horizontalAdvance(right)
    room = max(0.0, rect.width() - right_width - metrics.horizontalAdvance("    "))
    painter.setPen(ACCENT)
    painter.drawText(
        QPointF(rect.left(), baseline), metrics.elidedText(left, Qt.TextElideMode.ElideRight, room)
    )
    painter.setPen(HEADER_COLOUR)
    painter.drawText(QPointF(rect.right() - right_width, baseline), right)
    rule_y = rect.top() + rect.height() * 0.72
    painter.setPen(QPen(RULE_COLOUR, device.logicalDpiY() / 144.0))  # half a point
    painter.drawLine(QPointF(rect.left(), rule_y), QPointF(rect.right(), rule_y))


def _draw_footer(painter: QPainter, device: QPagedPaintDevice, rect: QRectF, left: str, right: str) -> None:
    font = _font(7.5)
    painter.setFont(font)
    metrics = QFontMetricsF(font, device)
    baseline = rect.bottom() - metrics.descent()
    painter.setPen(HEADER_COLOUR)
    right_width = metrics.horizontalAdvance(right)
    room = max(0.0, rect.width() - right_width - metrics.horizontalAdvance("    "))
    painter.drawText(
        QPointF(rect.left(), baseline), metrics.elidedText(left, Qt.TextElideMode.ElideRight, room)
    )
    painter.drawText(QPointF(rect.right() - right_width, baseline), right)


def paint_page(
    painter: QPainter,
    device: QPagedPaintDevice,
    document: QTextDocument,
    frame: PageFrame,
    briefing: Briefing,
    index: int,
) -> None:
    """Paint page ``index`` (0-based) of a paginated document: header, body slice, footer."""
    count = document.pageCount()
    if index:  # the first page opens with the title itself
        _draw_header(painter, device, frame.header, briefing.title, briefing.created_label)
    footer = f"Briefing · made on {briefing.created_label}"
    _draw_footer(painter, device, frame.footer, footer, f"Page {index + 1} of {count}")
    height = frame.body.height()
    painter.save()
    painter.setClipRect(frame.body)
    painter.translate(frame.body.left(), frame.body.top() - index * height)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = QRectF(0.0, index * height, frame.body.width(), height)
    context.palette.setColor(QPalette.ColorRole.Text, QColor("#111827"))
    document.documentLayout().draw(painter, context)
    painter.restore()


def paint_briefing(briefing: Briefing, device: QPagedPaintDevice) -> int:
    """Paint the whole briefing on ``device`` (a QPdfWriter or QPrinter); returns the page count."""
    frame = page_frame(device)
    document = paginated_document(briefing, device)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("could not start painting (is the output writable?)")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        count = document.pageCount()
        for index in range(count):
            if index:
                device.newPage()
            paint_page(painter, device, document, frame, briefing, index)
    finally:
        painter.end()
    return count
