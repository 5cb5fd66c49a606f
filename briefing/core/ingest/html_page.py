"""Saved web pages: the article's main text and metadata, via trafilatura.

The markup is only parsed: nothing is fetched and no script runs (scripts are
dropped before extraction). Pages that break lxml (unclosed <title>, stray
quotes) are re-tokenized first; pathological pages (huge, nested too deep for
the extractor's recursion) fall back to a plain block walk.
"""

from __future__ import annotations

import re

import lxml.etree
import trafilatura
from trafilatura.settings import Document

from briefing.core.ingest.boilerplate import strip_boilerplate
from briefing.core.ingest.debris import clean_paragraphs
from briefing.core.ingest.encoding import decode
from briefing.core.ingest.headline import split_headline
from briefing.core.ingest.html_repair import rebuild
from briefing.core.ingest.htmltext import blocks_from_html
from briefing.core.ingest.parsed import Parsed
from briefing.core.ingest.reflow import normalise_space

# Above this much markup, trafilatura's time grows too much for an interactive reader.
MAX_EXTRACT_CHARS = 6_000_000
_MIN_WORDS = 5
_TOO_LITTLE = 200  # characters of main text below which extraction probably missed the article

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag (only a hint: many pages lie)."""
    match = _META_CHARSET.search(data[:16384])
    return match.group(1).decode("ascii", "replace") if match else None


def _extract(markup: str, *, tables: bool = False) -> Document | None:
    result = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=tables,
        include_images=False,
        include_links=False,
    )
    return result if isinstance(result, Document) else None


def _lines(text: str | None) -> list[str]:
    return [normalise_space(line) for line in (text or "").split("\n") if line.strip()]


def _fallback_paragraphs(markup: str) -> list[str]:
    return [block.text for block in blocks_from_html(markup) if len(block.text.split()) >= 8]


def _size(document: Document | None) -> int:
    return sum(map(len, _lines(document.text))) if document is not None else 0


def _best_extraction(markup: str) -> Document | None:
    """Layout tables are left out (they hold navigation); a page that then yields
    too little is retried re-tokenized, then with tables (old pages lay out the article in one)."""
    document = _extract(markup)
    if _size(document) >= _TOO_LITTLE:
        return document
    repaired_markup = rebuild(markup)
    repaired = _extract(repaired_markup)
    if _size(repaired) > _size(document):
        document, markup = repaired, repaired_markup
    if _size(document) >= _TOO_LITTLE:
        return document
    with_tables = _extract(markup, tables=True)
    return with_tables if _size(with_tables) > _size(document) else document


def extract_page(markup: str) -> Parsed:
    """The main text (as paragraphs) and metadata of one page's markup."""
    markup = _XML_DECL.sub("", markup)
    warnings: list[str] = []
    if len(markup) > MAX_EXTRACT_CHARS:
        warnings.append(
            f"page too large for full extraction ({len(markup):,} characters); "
            "kept every paragraph-like block"
        )
        return Parsed(None, _fallback_paragraphs(rebuild(markup)), warnings=warnings)
    try:
        document = _best_extraction(markup)
    except (RecursionError, lxml.etree.LxmlError, ValueError) as exc:
        warnings.append(
            f"main-text extraction failed ({type(exc).__name__}); kept every paragraph-like block"
        )
        return Parsed(None, _fallback_paragraphs(rebuild(markup)), warnings=warnings)
    if document is None:
        warnings.append("no main article text found; kept every paragraph-like block")
        return Parsed(None, _fallback_paragraphs(rebuild(markup)), warnings=warnings)
    page = Parsed(
        title=normalise_space(document.title) if document.title else None,
        paragraphs=strip_boilerplate(_lines(document.text)),
        source=document.sitename or None,
        author=document.author or None,
        published=document.date or None,
        url=document.url or None,
        tags=tuple(t for t in (document.tags or []) if t),
        warnings=warnings,
    )
    return page


def _title_and_source(page: Parsed) -> tuple[str | None, str | None]:
    title, source = page.title, page.source
    if title:
        parts = split_headline(title)
        if parts.source and (source is None or parts.source.lower() == source.lower()):
            title, source = parts.title, parts.source
    return title, source


def read_html(data: bytes, charset: str | None = None) -> Parsed:
    """Decode by the bytes (``charset``, from a MIME header, or the declared one only as a hint),
    then extract."""
    page = extract_page(decode(data, charset or declared_charset(data)))
    page.title, page.source = _title_and_source(page)
    paragraphs = clean_paragraphs(page.paragraphs, page.captions)
    if page.title and paragraphs and _same(paragraphs[0], page.title):
        paragraphs = paragraphs[1:]
    # A few words left over (a lone "Home" link) are navigation, not an article.
    page.paragraphs = paragraphs if sum(len(p.split()) for p in paragraphs) >= _MIN_WORDS else []
    return page


def _same(a: str, b: str) -> bool:
    return re.sub(r"\W+", "", a).lower() == re.sub(r"\W+", "", b).lower()
