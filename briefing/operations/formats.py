"""The files Briefing reads and the formats it writes briefings in, named once."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from briefing.core.ingest import SUPPORTED_SUFFIXES

ExportFormat = Literal["pdf", "html", "md"]

# The formats a briefing is written in, in the order dialogs and messages offer them.
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("pdf", "html", "md")

# A briefing's file name ending -> its format.
EXPORT_SUFFIXES: dict[str, ExportFormat] = {
    ".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md",
}

# The article files a library indexes (and a watcher or a drop looks for).
ARTICLE_SUFFIXES: frozenset[str] = SUPPORTED_SUFFIXES


def export_format(path: Path) -> ExportFormat | None:
    """ "pdf", "html" or "md" from the file's extension; None if it names none of them."""
    return EXPORT_SUFFIXES.get(path.suffix.lower())
