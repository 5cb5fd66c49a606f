"""Write a briefing as a PDF through Qt's own PDF writer (fonts embedded, no browser engine)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPageSize, QPdfWriter

from briefing.core.briefing import Briefing
from briefing.printing.page import apply_page_setup
from briefing.printing.render import paint_briefing

RESOLUTION = 1200  # dots per inch of the PDF's coordinate space (text stays vector)
PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}


def page_size_named(name: str) -> QPageSize:
    """The paper called ``name`` ("a4" or "letter")."""
    return QPageSize(PAGE_SIZES[name])


def write_pdf(briefing: Briefing, out: Path, page_size: QPageSize | None = None) -> int:
    """Write ``briefing`` to ``out``; paper is ``page_size`` or the locale's (A4 or Letter).

    Needs a QGuiApplication (the offscreen platform will do). Returns the page count.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(out))
    writer.setResolution(RESOLUTION)
    writer.setTitle(briefing.title)
    writer.setCreator("Briefing")
    apply_page_setup(writer, page_size)
    return paint_briefing(briefing, writer)
