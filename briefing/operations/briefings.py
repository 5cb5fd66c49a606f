"""Build a briefing of library articles, write it as PDF, HTML or Markdown, and record it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.core.across.figure_series import briefing_notes
from briefing.core.briefing import Briefing, build_briefing, to_html, to_markdown
from briefing.core.errors import BriefingError
from briefing.core.library import Library
from briefing.operations.formats import EXPORT_SUFFIXES, ExportFormat, export_format

# Paper a PDF may be asked for by name (briefing.printing.pdf.PAGE_SIZES).
PAPER_NAMES = ("a4", "letter")


class BriefingOutputError(BriefingError):
    """A briefing cannot be written as asked (a name whose extension names no format, unknown paper)."""


@dataclass(frozen=True, slots=True)
class WrittenBriefing:
    path: Path
    format: ExportFormat
    pages: int | None  # for a PDF

    def detail(self) -> str:
        """What a "wrote" line adds: ", 3 pages" for a PDF, nothing otherwise."""
        if self.pages is None:
            return ""
        return f", {self.pages} page{'s' if self.pages != 1 else ''}"


def write_briefing(
    briefing: Briefing, out: Path, *, fmt: ExportFormat | None = None, page_size: str | None = None
) -> WrittenBriefing:
    """Write ``briefing`` to ``out`` as ``fmt`` (default: the format its extension names).

    A PDF is laid out by Qt's printing (on the thread that owns the QGuiApplication, made
    offscreen if there is none); paper is ``page_size`` ("a4", "letter") or the locale's. Raises
    BriefingOutputError when the extension names no format, OSError when writing fails.
    """
    fmt = fmt or export_format(out)
    if fmt is None:
        raise BriefingOutputError(f"{out.name}: the file name must end in {', '.join(EXPORT_SUFFIXES)}")
    if page_size is not None and page_size not in PAPER_NAMES:
        raise BriefingOutputError(f"no paper called {page_size}: choose {' or '.join(PAPER_NAMES)}")
    if fmt == "pdf":
        return WrittenBriefing(out, fmt, _write_pdf(briefing, out, page_size))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(to_html(briefing) if fmt == "html" else to_markdown(briefing), encoding="utf-8")
    return WrittenBriefing(out, fmt, None)


def library_briefing(library: Library, paths: Sequence[str]) -> Briefing | None:
    """The briefing of the library's articles at ``paths``, each figure saying where else it is
    reported; None when none of them is in the library."""
    pairs = library.documents(paths)
    return build_briefing(pairs, library_notes=briefing_notes(library.catalog(), pairs)) if pairs else None


def record_briefing(library: Library, paths: Sequence[str], title: str, kind: str, made_at: float) -> int:
    """Remember a printed or written briefing in the library's history ("since my last briefing").

    ``kind``: "print" or the format written; ``made_at``: when the briefing was built (articles
    indexed since are not in it). Only articles the library has count: returns how many were
    recorded (0: nothing recorded).
    """
    catalog = library.catalog()
    known = [a.path for a in catalog.articles(paths)]
    if known:
        catalog.record_briefing(known, title, kind, at=made_at)
    return len(known)


def _write_pdf(briefing: Briefing, out: Path, page_size: str | None) -> int:
    # Imported here, not at the top: Qt is loaded only for a PDF (``briefing brief --out x.md``
    # never loads it; tests/core/test_briefing_command.py checks that).
    from briefing.printing.gui import ensure_gui_application
    from briefing.printing.pdf import page_size_named, write_pdf

    app = ensure_gui_application()  # noqa: F841 - must live while painting
    return write_pdf(briefing, out, page_size_named(page_size) if page_size else None)
