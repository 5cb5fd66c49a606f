"""Articles for the core tests, read straight from disk."""

from __future__ import annotations

from pathlib import Path

from briefing.core.article import Article


def raw_article(path: Path) -> Article:
    """The file as saved, clipping debris and all: headline line, then the body."""
    title, _, body = path.read_text(encoding="utf-8").partition("\n")
    return Article(path=str(path), title=title.strip(), text=body.strip())
