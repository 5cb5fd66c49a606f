"""Articles for the core tests, read straight from disk."""

from __future__ import annotations

from pathlib import Path

from briefing.core.article import Article, Entity


def raw_article(path: Path) -> Article:
    """The file as saved, clipping debris and all: headline line, then the body."""
    title, _, body = path.read_text(encoding="utf-8").partition("\n")
    return Article(path=str(path), title=title.strip(), text=body.strip())


def capitalised_orgs(text: str) -> tuple[Entity, ...]:
    """Every capitalised word of ``text`` as an ORG entity: a small deterministic stand-in for NER
    where a test is about indexing, not about what the analyser finds."""
    entities = []
    start = 0
    for word in text.split():
        start = text.index(word, start)
        if word[:1].isupper() and word.isalpha():
            entities.append(Entity(start, start + len(word), word, "ORG", word))
        start += len(word)
    return tuple(entities)
