"""Translation between an Article (+ Analysis) and the fields of one index document."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from briefing.core.article import Analysis, Article
from briefing.core.ingest.dates import parse_date
from briefing.core.library.schema import (
    ENTITY_LABELS,
    NAMES_FIELD,
    NO_DATE,
    VALUE_SEPARATOR,
    facet_field,
)


def analysis_key(article: Article) -> str:
    """The analysis cache key of an article: a hash of what is analysed (title, text, captions)."""
    digest = hashlib.blake2b(digest_size=16)
    for part in (article.title, article.text, *article.captions):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class FileState:
    """What the index remembers of a file to tell whether it changed."""

    mtime_ns: int
    size: int
    content_hash: str


def saved_day(mtime_ns: int) -> str:
    """The local day a file was saved (its modification time), ISO: "2026-12-03"."""
    return datetime.fromtimestamp(mtime_ns / 1e9).date().isoformat()


def _sort_key(moment: datetime | None, mtime_ns: int) -> int:
    """Newest first: articles by their own date; after all of them, the undated by the day they
    were saved (NO_DATE plus seconds stays below every real date)."""
    if moment is None:
        return NO_DATE + max(0, mtime_ns // 1_000_000_000)
    return int(moment.replace(tzinfo=UTC).timestamp())


def _join(values: list[str]) -> str:
    return VALUE_SEPARATOR.join(v.replace(VALUE_SEPARATOR, " ") for v in values)


# The one facet a label's names are counted under ("place" searches FAC names too, but a facility
# is listed under Facilities only).
_FACET_OF_LABEL: dict[str, str] = {
    "PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "facility",
    "NORP": "group", "EVENT": "event",
}


def facet_labels(analysis: Analysis) -> dict[str, str]:
    """Canonical name -> the label most of its mentions give it (the first on a tie): one type per
    name in the facets, "Ain al-Asad" a facility even where one mention calls it a place."""
    votes: dict[str, Counter[str]] = {}
    for entity in analysis.entities:
        name = entity.canonical.strip()
        if name and entity.label in _FACET_OF_LABEL:
            votes.setdefault(name, Counter())[entity.label] += 1
    return {name: counts.most_common(1)[0][0] for name, counts in votes.items()}


def entity_fields(analysis: Analysis) -> dict[str, str]:
    """Entity search text (mentions and canonical names) and facet values (canonical names) by field."""
    out: dict[str, str] = {}
    label_of = facet_labels(analysis)
    for name, labels in ENTITY_LABELS.items():
        canonical: dict[str, None] = {}
        spoken: dict[str, None] = {}
        for entity in analysis.entities:
            if entity.label not in labels:
                continue
            value = entity.canonical.strip()
            if value and _FACET_OF_LABEL.get(label_of.get(value, "")) == name:
                canonical[value] = None
            for word in (entity.text, entity.canonical):
                if word.strip():
                    spoken[word.strip()] = None
        if spoken:
            out[name] = _join(list(spoken))
        if canonical:
            out[facet_field(name)] = _join(list(canonical))
    return out


def to_fields(
    article: Article, state: FileState, analysis: Analysis | None, analysis_version: str
) -> dict[str, Any]:
    """The field values of the index document for ``article``."""
    moment = parse_date(article.published)
    doc: dict[str, Any] = {
        "path": article.path,
        "content_hash": state.content_hash,
        "mtime_ns": state.mtime_ns,
        "size": state.size,
        "analysis_key": analysis_key(article),
        "analysis_version": analysis_version if analysis is not None else "",
        "title": article.title,
        "body": article.text,
        "url": article.url,
        "published": article.published,
        "sort_date": _sort_key(moment, state.mtime_ns),
        "article_extra": {
            "tags": list(article.tags),
            "captions": list(article.captions),
            "format": article.format,
            "warnings": list(article.warnings),
        },
    }
    if moment is not None:
        doc["date"] = moment
    if article.source:
        doc["source"] = article.source
        doc[facet_field("source")] = article.source.replace(VALUE_SEPARATOR, " ").strip()
    if article.author:
        doc["author"] = article.author
    if analysis is not None:
        doc.update(entity_fields(analysis))
    names = [doc[key] for key in ("source", *ENTITY_LABELS) if doc.get(key)]
    if names:
        doc[NAMES_FIELD] = VALUE_SEPARATOR.join(names)
    return doc


def to_article(stored: dict[str, Any]) -> Article:
    """The Article rebuilt from a document's stored fields (no file is read)."""
    extra = stored.get("article_extra") or {}
    return Article(
        path=stored["path"],
        title=stored.get("title", ""),
        text=stored.get("body", ""),
        source=stored.get("source"),
        author=stored.get("author"),
        published=stored.get("published"),
        url=stored.get("url"),
        tags=tuple(extra.get("tags", ())),
        captions=tuple(extra.get("captions", ())),
        format=extra.get("format", "txt"),
        warnings=tuple(extra.get("warnings", ())),
    )


def to_state(stored: dict[str, Any]) -> FileState:
    return FileState(stored["mtime_ns"], stored["size"], stored["content_hash"])
