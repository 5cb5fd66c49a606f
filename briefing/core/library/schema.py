"""The Whoosh schema of the library: what is searchable, stored and faceted.

The schema is pickled into the index, so the analysers below must stay
importable under these names; bump SCHEMA_VERSION when the schema changes and
the library rebuilds the index (the analysis cache survives).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh import fields
from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    StripFilter,
    Token,
)
from whoosh.lang import porter2
from whoosh.support.charset import accent_map

SCHEMA_VERSION = 3  # 3: undated articles sort by the day they were saved; datelines read

# Separates the values of a multi-valued field (entity names) in one string.
VALUE_SEPARATOR = "\n"
# Position gap between values, so a phrase never spans two names.
_VALUE_GAP = 100

# Entity field name -> the OntoNotes labels that fill it.
ENTITY_LABELS: dict[str, tuple[str, ...]] = {
    "person": ("PERSON",),
    "org": ("ORG",),
    "place": ("GPE", "LOC", "FAC"),
    "facility": ("FAC",),
    "group": ("NORP",),
    "event": ("EVENT",),
}
ENTITY_FIELDS: tuple[str, ...] = tuple(ENTITY_LABELS)
# Facet keys of SearchResult.facets and of search filters.
FACET_KEYS: tuple[str, ...] = ("source", *ENTITY_FIELDS)
# Fields a user may name in a query.
QUERY_FIELDS: tuple[str, ...] = ("title", "body", "source", "author", *ENTITY_FIELDS, "date")
# Fields a query without a field name searches. "names" holds the source and every entity field's
# words in one field: a word is looked up in three fields rather than nine, the same documents match.
NAMES_FIELD = "names"
DEFAULT_FIELDS: tuple[str, ...] = ("title", "body", NAMES_FIELD)

# Sort key of articles without a date: after every real date when newest come first.
NO_DATE = -(2**62)


def facet_field(key: str) -> str:
    """The exact-value field behind facet ``key`` ("person" -> "person_facet")."""
    return f"{key}_facet"


class ValuesTokenizer(RegexTokenizer):
    """A RegexTokenizer over several values joined by VALUE_SEPARATOR, with a position gap between them."""

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        **kwargs: Any,
    ) -> Iterator[Token]:
        if not tokenize or VALUE_SEPARATOR not in value:
            yield from super().__call__(
                value, positions=positions, chars=chars, start_pos=start_pos,
                start_char=start_char, tokenize=tokenize, **kwargs,
            )
            return
        pos = start_pos
        offset = start_char
        for part in value.split(VALUE_SEPARATOR):
            last = pos - 1
            for token in super().__call__(
                part, positions=positions, chars=chars, start_pos=pos, start_char=offset, **kwargs
            ):
                if positions:
                    last = token.pos
                yield token
            pos = last + 1 + _VALUE_GAP
            offset += len(part) + len(VALUE_SEPARATOR)


def text_analyzer() -> Analyzer:
    """Title and body: lower-cased words, accents folded, stop words out, Porter2 stems (running -> run)."""
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter()
        | StemFilter(stemfn=porter2.stem)
    )


def name_analyzer() -> Analyzer:
    """Names (entities, source, author): words, lower case, accents folded; no stop words, no stems."""
    return ValuesTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def _facet_values() -> fields.TEXT:
    # One token per whole value, case kept: the facet counts and filters use exact canonical names.
    return fields.TEXT(analyzer=RegexTokenizer(r"[^\n]+") | StripFilter(), phrase=False)


def build_schema() -> fields.Schema:
    text = text_analyzer()
    names = name_analyzer()
    schema = fields.Schema(
        path=fields.ID(unique=True, stored=True, sortable=True),
        content_hash=fields.ID(stored=True, sortable=True),
        mtime_ns=fields.NUMERIC(int, bits=64, stored=True, sortable=True),
        size=fields.NUMERIC(int, bits=64, stored=True, sortable=True),
        # Key of the analysis cache: a hash of what the analyser reads (title and text), so a
        # reader that changes its output for the same bytes never gets misaligned offsets.
        analysis_key=fields.ID(stored=True),
        analysis_version=fields.ID(stored=True, sortable=True),
        title=fields.TEXT(analyzer=text, stored=True, field_boost=2.0),
        body=fields.TEXT(analyzer=text, stored=True),
        source=fields.TEXT(analyzer=names, stored=True),
        author=fields.TEXT(analyzer=names, stored=True),
        url=fields.STORED(),
        published=fields.STORED(),
        date=fields.DATETIME(),
        sort_date=fields.NUMERIC(int, bits=64, signed=True, sortable=True),
        article_extra=fields.STORED(),  # tags, format, warnings
    )
    schema.add(NAMES_FIELD, fields.TEXT(analyzer=names))
    schema.add(facet_field("source"), _facet_values())
    for name in ENTITY_FIELDS:
        schema.add(name, fields.TEXT(analyzer=names))
        schema.add(facet_field(name), _facet_values())
    return schema
