"""What every reader extracts from a file, before it becomes an Article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from briefing.core.article import Article
from briefing.core.ingest.reflow import join_paragraphs


@dataclass(slots=True)
class Parsed:
    title: str | None
    paragraphs: list[str]
    source: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601
    url: str | None = None
    tags: tuple[str, ...] = ()
    warnings: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)

    def to_article(self, file: Path, kind: str, warnings: list[str] | None = None) -> Article:
        """The Article of ``file``; the title falls back to the file name."""
        return Article(
            path=str(file),
            title=self.title or title_from_name(file),
            text=join_paragraphs(self.paragraphs),
            source=self.source,
            author=self.author,
            published=self.published,
            url=self.url,
            tags=self.tags,
            captions=tuple(self.captions),
            format=kind,
            warnings=tuple(self.warnings if warnings is None else warnings),
        )


def title_from_name(path: Path) -> str:
    return re.sub(r"[_\s]+", " ", path.stem).strip() or path.name
