"""Markdown articles, with or without YAML front matter, rendered and flattened to plain paragraphs."""

from __future__ import annotations

import re
from typing import Any

import markdown
import yaml

from briefing.core.ingest.dates import to_iso
from briefing.core.ingest.debris import clean_paragraphs
from briefing.core.ingest.htmltext import HEADINGS, blocks_from_html
from briefing.core.ingest.parsed import Parsed
from briefing.core.ingest.reflow import normalise_space, paragraphs_from_plain
from briefing.core.ingest.txt import normalise_newlines

_FENCE = re.compile(r"^---[ \t]*$")
_END_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_LOOSE_FIELD = re.compile(r"^([A-Za-z_][\w -]{0,40}?)\s*:\s*(.*)$")
_MAX_FRONT_MATTER_LINES = 200
_MAX_QUOTE_DEPTH = 16
_DEEP_QUOTE = re.compile(rf"^(?:[ \t]*>){{{_MAX_QUOTE_DEPTH + 1},}}", re.MULTILINE)
# Python-Markdown's inline patterns and list parser take time growing with the square (or worse) of
# unclosed brackets / emphasis markers in one paragraph and of list depth: 100,000 "[" ran for hours.
# Far beyond any article, a paragraph with more of one of these marks, or a list item indented this
# deep, makes the body read as plain text (the reading worker's time limit is the last line).
_MAX_MARKS_PER_PARAGRAPH = 256
_MARKS = "[*_`"
_DEEP_LIST = re.compile(r"^[ \t]{64,}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)", re.MULTILINE)
# YAML's pure-Python scanner is slow on long scalars (5 MB: minutes): longer front matter is
# read line by line instead.
_MAX_FRONT_MATTER_CHARS = 64_000

_KEYS = {
    "title": ("title", "headline"),
    "source": ("source", "publication", "publisher", "site", "sitename", "site_name"),
    "author": ("author", "authors", "by", "byline"),
    "date": ("date", "published", "published_at", "pubdate", "created"),
    "url": ("url", "link", "canonical", "canonical_url", "source_url"),
    "tags": ("tags", "keywords", "categories"),
}


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML without aliases: front matter never needs them, and nested aliases (a "billion laughs"
    block) expand a few hundred bytes into millions of values."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]  # PyYAML stubs leave it untyped
            problem = "aliases (*name) are not read in front matter"
            raise yaml.composer.ComposerError(None, None, problem, mark)
        return super().compose_node(parent, index)


def split_front_matter(text: str) -> tuple[dict[str, Any], str, list[str]]:
    """(fields, body, warnings). Malformed YAML is read line by line as "key: value" pairs."""
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        return {}, text, []
    end = next(
        (i for i, line in enumerate(lines[1:_MAX_FRONT_MATTER_LINES], 1) if _END_FENCE.match(line)), None
    )
    if end is None:
        # An unclosed block: take the leading "key: value" lines as the front matter.
        end = 1
        while end < len(lines) and _LOOSE_FIELD.match(lines[end]):
            end += 1
        fields = _loose_fields(lines[1:end])
        return fields, "\n".join(lines[end:]), ["front matter is not closed with '---'; read as best it can"]
    raw = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1 :])
    if len(raw) > _MAX_FRONT_MATTER_CHARS:
        problem = f"longer than {_MAX_FRONT_MATTER_CHARS:,} characters"
        return _loose_fields(lines[1:end]), body, [f"malformed front matter ({problem}); read as best it can"]
    try:
        loaded = yaml.load(raw, Loader=_FrontMatterLoader) if raw.strip() else {}
    except (yaml.YAMLError, RecursionError) as exc:
        problem = "nested too deeply" if isinstance(exc, RecursionError) else (
            str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        )
        return _loose_fields(lines[1:end]), body, [f"malformed front matter ({problem}); read as best it can"]
    if loaded is None:
        return {}, body, []
    if not isinstance(loaded, dict):
        return {}, body, ["front matter is not a set of 'key: value' fields; ignored"]
    return {str(k).lower(): v for k, v in loaded.items()}, body, []


def _loose_fields(lines: list[str]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for line in lines:
        match = _LOOSE_FIELD.match(line.strip())
        if match and match.group(2).strip():
            fields.setdefault(match.group(1).strip().lower(), match.group(2).strip().strip("\"'"))
    return fields


def _field(fields: dict[str, Any], name: str) -> Any:
    for key in _KEYS[name]:
        if fields.get(key) not in (None, "", []):
            return fields[key]
    return None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        items = [_as_text(v) for v in value]
        return ", ".join(i for i in items if i) or None
    if isinstance(value, dict):
        return _as_text(value.get("name"))
    text = normalise_space(str(value))
    return text or None


def _as_tags(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list | tuple) else re.split(r"[,;]", str(value))
    tags = (normalise_space(str(item)).lstrip("#") for item in items if item is not None)
    return tuple(dict.fromkeys(t for t in tags if t))


def _limit_nesting(body: str, warnings: list[str]) -> str:
    """Cap block-quote depth: thousands of ">" would only build a tree too deep to walk."""
    capped, count = _DEEP_QUOTE.subn(lambda m: "> " * _MAX_QUOTE_DEPTH, body)
    if count:
        warnings.append(f"block quotes nested deeper than {_MAX_QUOTE_DEPTH} levels were flattened")
    return capped


def _too_much_markup(body: str) -> str | None:
    """Why rendering ``body`` as Markdown would take too long (None: it would not)."""
    if _DEEP_LIST.search(body):
        return "lists nested too deeply"
    for paragraph in re.split(r"\n[ \t]*\n", body):
        if any(paragraph.count(mark) > _MAX_MARKS_PER_PARAGRAPH for mark in _MARKS):
            return f"over {_MAX_MARKS_PER_PARAGRAPH} brackets or emphasis marks in a paragraph"
    return None


def _render(body: str, warnings: list[str]) -> list[tuple[str, str]]:
    body = _limit_nesting(body, warnings)
    excess = _too_much_markup(body)
    if excess is not None:
        warnings.append(f"too much Markdown markup to render ({excess}); read as plain text")
        return [("p", p) for p in paragraphs_from_plain(body)]
    try:
        html = markdown.markdown(body, extensions=["extra", "sane_lists"])
    except RecursionError:
        warnings.append("Markdown nested too deeply to render; read as plain text")
        return [("p", p) for p in paragraphs_from_plain(body)]
    return [(block.tag, block.text) for block in blocks_from_html(html)]


def _same(a: str, b: str) -> bool:
    return re.sub(r"\W+", "", a).lower() == re.sub(r"\W+", "", b).lower()


def parse_markdown(text: str) -> Parsed:
    fields, body, warnings = split_front_matter(normalise_newlines(text))
    blocks = _render(body, warnings)
    title = _as_text(_field(fields, "title"))
    if title is None:
        heading = next((i for i, (tag, _) in enumerate(blocks) if tag == "h1"), None)
        if heading is None:
            heading = next((i for i, (tag, _) in enumerate(blocks) if tag in HEADINGS), None)
        if heading is not None:
            title = blocks.pop(heading)[1]
    elif blocks and blocks[0][0] in HEADINGS and _same(blocks[0][1], title):
        blocks.pop(0)
    date_value = _field(fields, "date")
    published = to_iso(date_value if not isinstance(date_value, str) else date_value[:100])
    if date_value is not None and published is None:
        warnings.append(f"front matter date {str(date_value)[:40]!r} is not a date; ignored")
    captions: list[str] = []
    return Parsed(
        title=title,
        paragraphs=clean_paragraphs([text for _, text in blocks], captions),
        captions=captions,
        source=_as_text(_field(fields, "source")),
        author=_as_text(_field(fields, "author")),
        published=published,
        url=_as_text(_field(fields, "url")),
        tags=_as_tags(_field(fields, "tags")),
        warnings=warnings,
    )
