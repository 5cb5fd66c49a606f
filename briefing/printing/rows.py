"""Keep table rows whole across page breaks.

Qt's paginated layout moves single lines to the next page but lets a table row
start on one page and end on the next. After layout, each row that straddles
a page boundary (and fits on a page) gets extra top padding in all its cells,
so the whole row starts at the top of the next page.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument, QTextTable

MAX_ROUNDS = 200  # one row is moved per round; a briefing has far fewer rows than this
_SLACK = 0.5  # device pixels: Qt can place a pushed block a hair above a page boundary


@dataclass(slots=True)
class _Row:
    table: QTextTable
    row: int
    top: float
    bottom: float


def _rows(document: QTextDocument) -> list[_Row]:
    """Every table row with the extent of its laid-out lines, in document order."""
    document.pageCount()  # layout is lazy: finish it before measuring
    layout = document.documentLayout()
    rows: dict[tuple[int, int], _Row] = {}
    block: QTextBlock = document.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        lines = block.layout()
        if table is not None and lines.lineCount() and block.text().strip():
            top = layout.blockBoundingRect(block).top()
            first = lines.lineAt(0)
            last = lines.lineAt(lines.lineCount() - 1)
            y0, y1 = top + first.y(), top + last.y() + last.height()
            row = table.cellAt(block.position()).row()
            key = (table.firstPosition(), row)
            found = rows.get(key)
            if found is None:
                rows[key] = _Row(table, row, y0, y1)
            else:
                found.top, found.bottom = min(found.top, y0), max(found.bottom, y1)
        block = block.next()
    return list(rows.values())


def _page(y: float, page_height: float) -> int:
    return int(y // page_height)


def keep_rows_together(document: QTextDocument, page_height: float, device_scale: float) -> int:
    """Push every row that crosses a page boundary to the next page; returns how many moved.

    ``device_scale`` is device pixels per CSS pixel (Qt scales cell padding by it).
    """
    moved = 0
    skip: set[tuple[int, int]] = set()
    for _ in range(MAX_ROUNDS):
        straddling = None
        for row in _rows(document):
            key = (row.table.firstPosition(), row.row)
            if key in skip:
                continue
            if _page(row.top + _SLACK, page_height) != _page(row.bottom - _SLACK, page_height):
                straddling = row
                break
        if straddling is None:
            return moved
        row = straddling
        key = (row.table.firstPosition(), row.row)
        if row.bottom - row.top > page_height * 0.8:  # too tall to move: let it break
            skip.add(key)
            continue
        boundary = (_page(row.top + _SLACK, page_height) + 1) * page_height
        push = (boundary - row.top) / device_scale + 1.0
        for column in range(row.table.columns()):
            cell = row.table.cellAt(row.row, column)
            cell_format = cell.format().toTableCellFormat()
            cell_format.setTopPadding(cell_format.topPadding() + push)
            cell.setFormat(cell_format)
        moved += 1
        skip.add(key)  # moved once; if a repeated header pushes it again, leave it be
    return moved
