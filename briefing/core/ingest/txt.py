# ruff: noqa: RUF001, RUF002  (typographic quotes and dashes are the data here)
"""Plain-text clippings: a "headline – source" line, optional header lines, then paragraphs."""

from __future__ import annotations

import html
import re

from briefing.core.ingest.dates import dateline, to_iso
from briefing.core.ingest.debris import clean_paragraphs
from briefing.core.ingest.headline import split_headline
from briefing.core.ingest.parsed import Parsed
from briefing.core.ingest.reflow import normalise_space, paragraphs_from_plain

# A first line longer than this is a paragraph, not a headline.
_MAX_HEADLINE_CHARS = 250
_HEADER = re.compile(
    r"^(source|publication|author|by|date|published|updated|url|link)\s*:\s*(.+)$", re.IGNORECASE
)
_BYLINE = re.compile(r"^[Bb][Yy]\s+([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})$")
_URL = re.compile(r"^(?:url:\s*)?(https?://\S+)$", re.IGNORECASE)


# A character reference with its semicolon: numeric (&#191; &#x2019;) or named (&amp; &rsquo;).
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_NUMERIC = "&#"
# Two named references (or one numeric: prose never writes "&#233;") make a text one saved from HTML.
_NAMED_ENOUGH = 2


def decode_entities(text: str) -> str:
    """HTML character references decoded as a browser would (``html.unescape``), when the text clearly
    carries them; "AT&T" or a lone "&c." stay. A "¿" (&#191;) inside a word is the apostrophe a
    mis-encoded page lost ("Blair&#191;s"): no language puts an inverted question mark there."""
    found = [m.group() for m in _REFERENCE.finditer(text) if html.unescape(m.group()) != m.group()]
    if not found or (len(found) < _NAMED_ENOUGH and not any(r.startswith(_NUMERIC) for r in found)):
        return text

    def decode(match: re.Match[str]) -> str:
        char = html.unescape(match.group())
        start, end = match.span()
        if char == "\u00bf" and text[start - 1 : start].isalpha() and text[end : end + 1].isalpha():
            return "\u2019"
        return char

    return _REFERENCE.sub(decode, text)


def normalise_newlines(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _read_header(lines: list[str], parsed: Parsed) -> int:
    """Consume "Source: ...", "By ...", "Date: ...", URL lines under the headline; returns lines used."""
    used = 0
    for line in lines:
        line = line.strip()
        if not line:
            used += 1
            continue
        url = _URL.match(line)
        header = _HEADER.match(line)
        byline = _BYLINE.match(line)
        if url and not parsed.url:
            parsed.url = url.group(1)
        elif header and len(line) <= 200:
            key, value = header.group(1).lower(), header.group(2).strip()
            if key in ("source", "publication"):
                parsed.source = parsed.source or value
            elif key in ("author", "by"):
                parsed.author = parsed.author or value
            elif key in ("date", "published", "updated"):
                date = to_iso(value[:100])
                if date is None:
                    break
                parsed.published = parsed.published or date
            else:
                parsed.url = parsed.url or value
        elif byline:
            parsed.author = parsed.author or byline.group(1)
        else:
            break
        used += 1
    return used


def _read_dateline(body: list[str], parsed: Parsed) -> list[str]:
    """Without a "Date:" line, the story's own dateline dates it; a line that is only a date goes."""
    opening = next((i for i, line in enumerate(body) if line.strip()), None)
    if parsed.published is not None or opening is None:
        return body
    found = dateline(body[opening])
    if found is None:
        return body
    parsed.published, alone = found
    return body[opening + 1 :] if alone else body


def parse_plain(text: str) -> Parsed:
    text = decode_entities(normalise_newlines(text))
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return Parsed(None, [])
    headline = normalise_space(lines[first])
    if len(headline) > _MAX_HEADLINE_CHARS:
        parsed = Parsed(None, [], warnings=["no headline line (the first line is a paragraph)"])
        body = lines[first:]
    else:
        parts = split_headline(headline)
        parsed = Parsed(parts.title, [], source=parts.source)
        rest = lines[first + 1 :]
        body = rest[_read_header(rest, parsed) :]
        body = _read_dateline(body, parsed)
    parsed.paragraphs = clean_paragraphs(paragraphs_from_plain("\n".join(body)), parsed.captions)
    return parsed
