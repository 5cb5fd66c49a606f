"""The text lines of a PDF's pages with the layout the reader needs: font size, position, links.

PDFium (pypdfium2) gives each character with its font size and box, and the page's link
annotations; a line is the run of characters between the line breaks PDFium inserts. Pages are
opened and closed one at a time, so a huge PDF costs one page of memory.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

_BREAKS = frozenset("\r\n")
_MAX_ADDRESS = 4096


@dataclass(frozen=True, slots=True)
class Line:
    page: int  # from 0
    text: str
    size: float  # font size of its characters (the most common)
    left: float
    right: float
    top: float  # distance from the top of the page, in points
    bottom: float
    linked: bool  # most of the line lies under a link annotation (navigation, "related" lists)
    bold: bool


def _link_rects(page: pdfium.PdfPage) -> list[tuple[float, float, float, float]]:
    rects: list[tuple[float, float, float, float]] = []
    position = ctypes.c_int(0)
    link = pdfium_c.FPDF_LINK()
    while pdfium_c.FPDFLink_Enumerate(page.raw, ctypes.byref(position), ctypes.byref(link)):
        rect = pdfium_c.FS_RECTF()
        if pdfium_c.FPDFLink_GetAnnotRect(link, ctypes.byref(rect)):
            rects.append((rect.left, rect.bottom, rect.right, rect.top))
        if len(rects) > 5000:  # a page of nothing but links; enough to tell
            break
    return rects


def _under_link(rects: list[tuple[float, float, float, float]], x: float, y: float) -> bool:
    return any(lo_x - 1 <= x <= hi_x + 1 and lo_y - 1 <= y <= hi_y + 1 for lo_x, lo_y, hi_x, hi_y in rects)


class _LineBuilder:
    def __init__(self, page: int, height: float, links: list[tuple[float, float, float, float]]) -> None:
        self.page, self.height, self.links = page, height, links
        self.lines: list[Line] = []
        self._reset()

    def _reset(self) -> None:
        self.chars: list[str] = []
        self.sizes: dict[float, int] = {}
        self.box = [float("inf"), float("inf"), float("-inf"), float("-inf")]  # left, bottom, right, top
        self.linked = self.counted = self.heavy = 0

    def add(self, char: str, size: float, box: tuple[float, float, float, float], weight: int) -> None:
        self.chars.append(char)
        if char.isspace():
            return
        self.sizes[size] = self.sizes.get(size, 0) + 1
        left, bottom, right, top = box
        box_left, box_bottom, box_right, box_top = self.box
        self.box = [min(box_left, left), min(box_bottom, bottom), max(box_right, right), max(box_top, top)]
        self.counted += 1
        self.heavy += weight >= 600
        if self.links and _under_link(self.links, (left + right) / 2, (bottom + top) / 2):
            self.linked += 1

    def end(self) -> None:
        text = "".join(self.chars).strip()
        if text and self.counted:
            size = max(self.sizes.items(), key=lambda item: item[1])[0]
            self.lines.append(
                Line(
                    page=self.page,
                    text=text,
                    size=round(size, 1),
                    left=self.box[0],
                    right=self.box[2],
                    top=self.height - self.box[3],
                    bottom=self.height - self.box[1],
                    linked=self.linked * 2 > self.counted,
                    bold=self.heavy * 2 > self.counted,
                )
            )
        self._reset()


def page_lines(document: pdfium.PdfDocument, number: int) -> list[Line]:
    """The lines of page ``number`` (from 0), top to bottom as PDFium orders them."""
    page = document[number]
    try:
        text_page = page.get_textpage()
        try:
            builder = _LineBuilder(number, page.get_height(), _link_rects(page))
            raw = text_page.raw
            left, bottom, right, top = (ctypes.c_double() for _ in range(4))
            for index in range(text_page.count_chars()):
                code = pdfium_c.FPDFText_GetUnicode(raw, index)
                char = chr(code) if 0 < code < 0x110000 else "\ufffd"
                if char in _BREAKS:
                    builder.end()
                    continue
                edges = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
                pdfium_c.FPDFText_GetCharBox(raw, index, *edges)
                size = pdfium_c.FPDFText_GetFontSize(raw, index)
                weight = pdfium_c.FPDFText_GetFontWeight(raw, index)
                builder.add(char, size, (left.value, bottom.value, right.value, top.value), weight)
            builder.end()
            return builder.lines
        finally:
            text_page.close()
    finally:
        page.close()


def link_addresses(document: pdfium.PdfDocument, number: int) -> list[str]:
    """The web addresses the links of page ``number`` (from 0) point to."""
    page = document[number]
    try:
        addresses: list[str] = []
        position = ctypes.c_int(0)
        link = pdfium_c.FPDF_LINK()
        while pdfium_c.FPDFLink_Enumerate(page.raw, ctypes.byref(position), ctypes.byref(link)):
            action = pdfium_c.FPDFLink_GetAction(link)
            length = pdfium_c.FPDFAction_GetURIPath(document.raw, action, None, 0) if action else 0
            if 1 < length <= _MAX_ADDRESS:
                buffer = ctypes.create_string_buffer(length)
                pdfium_c.FPDFAction_GetURIPath(document.raw, action, buffer, length)
                addresses.append(buffer.value.decode("latin-1"))
            if len(addresses) > 5000:  # enough to tell
                break
        return addresses
    finally:
        page.close()


def all_lines(document: pdfium.PdfDocument, pages: int) -> Iterator[list[Line]]:
    for number in range(pages):
        yield page_lines(document, number)
