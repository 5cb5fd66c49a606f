"""Saved web pages: the article's main text and metadata, via trafilatura.

The markup is only parsed: nothing is fetched and no script runs (scripts are
dropped before extraction). Pages that break lxml (unclosed <title>, stray
quotes) are re-tokenized first; pathological pages (huge, nested too deep for
the extractor's recursion) fall back to a plain block walk.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cached_property

import lxml.etree
import trafilatura
from trafilatura.settings import Document

from briefing.core.ingest.aboutness import STRONG, about_text, key, opening, shared, title_part_about
from briefing.core.ingest.boilerplate import strip_boilerplate
from briefing.core.ingest.debris import clean_paragraphs
from briefing.core.ingest.encoding import decode
from briefing.core.ingest.headline import split_headline
from briefing.core.ingest.html_repair import rebuild
from briefing.core.ingest.htmltext import Block, blocks_from_html
from briefing.core.ingest.parsed import Parsed
from briefing.core.ingest.pdf_records import is_stamp
from briefing.core.ingest.reflow import normalise_space
from briefing.core.ingest.sites import copyright_holder, linked_sites, names_linked_site, site_source

# Above this much markup, trafilatura's time grows too much for an interactive reader.
MAX_EXTRACT_CHARS = 6_000_000
_MIN_WORDS = 5
_TOO_LITTLE = 200  # characters of main text below which extraction probably missed the article
_HEADLINE_TAGS = frozenset({"h1", "h2", "h3"})
_MAX_HEADLINE_WORDS = 25
_HEADLINE_REACH = 8  # blocks above the text's first paragraph where its headline may be
_START_WORDS = 8  # of the text's first paragraph: where the article starts among the page's blocks

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
# Bounded runs: a tag's attributes end at the next "<" or ">", so a page of "<a <a <a" stays linear.
_HREF = re.compile(r"""<a\s[^<>]{0,1000}?\bhref\s*=\s*["']?(https?://[^"'\s<>]{1,4096})""", re.IGNORECASE)
_MAX_LINKS = 5000  # different addresses: enough to tell
_FOOT_BLOCKS = 8  # the foot of a page, where the site's copyright line is
_COPYRIGHT_MARK = re.compile(r"(?=©|\(c\)|\bcopyright\b)", re.IGNORECASE)
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


class _Blocks:
    """One page's blocks, parsed the first time the title or source needs them and then shared
    (an enormous page was parsed again for each look at its headings and at its foot)."""

    def __init__(self, markup: str) -> None:
        self._markup = markup

    @cached_property
    def blocks(self) -> list[Block]:
        return blocks_from_html(self._markup)


def _title_and_source(page: Parsed, blocks: _Blocks, hosts: Counter[str]) -> tuple[str | None, str | None]:
    """The headline and source a page's title gives: the one part of "Site - Section | Headline"
    that the text is about, with the site's part as source; else the title split as a clipping's
    first line ("Headline - The Times"). When neither the title nor its split is about the text
    (the site's name, a section's, none at all), the heading above the text that surely is, else
    the title's part more about the text than the others."""
    title, source = page.title, page.source
    lead = opening(page.paragraphs)
    part = title_part_about(title, lead) if title else None
    if part is not None:
        return part[0], part[1] or source
    parts = split_headline(title) if title else None
    if parts is not None and parts.source and (source is None or parts.source.lower() == source.lower()):
        title, source = parts.title, parts.source
    named = bool(title) and names_linked_site(title or "", hosts)  # "Bloomberg.com: Japan": the site's name
    if lead and (named or not (title and about_text(title, lead))):
        heading = _heading_about(blocks, page.paragraphs, lead)
        if heading is not None:
            return heading, source
        part = title_part_about(page.title, lead, surely=False) if page.title else None
        if part is not None:  # "Khaleej Times Online - Bush speech draws mixed response"
            return part[0], part[1] or source
        if title is None or named or shared(title, lead)[0] == 0:  # none, the site's, "Local Teams"
            heading = _heading_about(blocks, page.paragraphs, lead, least=1) or _line_above(
                blocks, page.paragraphs, lead
            )
            if heading is not None:
                return heading, source
    return title, source


def _heading_about(
    page: _Blocks, paragraphs: list[str], lead: list[tuple[str, set[str]]], *, least: int = STRONG
) -> str | None:
    """The heading (h1 to h3) before the article's first paragraph that shares the most telling
    words, and at least ``least``, with the text's opening; the higher, then the nearer, of equals."""
    blocks = page.blocks
    start = _text_start(blocks, paragraphs)
    found = [
        (shared(block.text, lead)[0], -int(block.tag[1]), index, normalise_space(block.text))
        for index, block in enumerate(blocks[:start])
        if block.tag in _HEADLINE_TAGS and 2 <= len(block.text.split()) <= _MAX_HEADLINE_WORDS
    ]
    surest = max((item for item in found if item[0] >= least), default=None)
    return surest[3] if surest else None


def _text_start(blocks: list[Block], paragraphs: list[str]) -> int:
    """The block where the article's text starts (its first paragraph's first words)."""
    start_words = key(paragraphs[0]).split()[:_START_WORDS] if paragraphs else []
    return next(
        (
            index
            for index, block in enumerate(blocks)
            if start_words and key(block.text).split()[:_START_WORDS] == start_words
        ),
        len(blocks),
    )


def _line_above(page: _Blocks, paragraphs: list[str], lead: list[tuple[str, set[str]]]) -> str | None:
    """The first short block above the article's text that is surely about it (else the one most
    about it): a headline set in a styled block (<div class="sh">) rather than a heading, above
    a photograph's caption; never a dateline, nor a sentence."""
    blocks = page.blocks
    start = _text_start(blocks, paragraphs)
    if start == len(blocks):
        return None
    found = [
        (shared(text, lead)[0], index, text)
        for index, block in enumerate(blocks[max(0, start - _HEADLINE_REACH) : start])
        for text in [normalise_space(block.text)]
        if 2 <= len(text.split()) <= _MAX_HEADLINE_WORDS
        and not text.endswith((".", ":"))  # a sentence, or a lead-in ("After Bhutto:")
        and not is_stamp(text)
        and about_text(text, lead)
    ]
    surely = [item for item in found if item[0] >= STRONG]
    return surely[0][2] if surely else max(found)[2] if found else None


def linked_hosts(markup: str) -> Counter[str]:
    """How many different web addresses the page's links point to on each host ("www." dropped;
    a click-tracker's for none: ``linked_sites``)."""
    addresses = dict.fromkeys(match.group(1) for match in _HREF.finditer(markup[:MAX_EXTRACT_CHARS]))
    return linked_sites(list(addresses)[:_MAX_LINKS])


def _foot_copyright(page: _Blocks) -> str | None:
    """Who the copyright line at the foot of the page names ("Home | Contact (c) Copyright
    Clubcall.com 2006"): the last blocks' text from each copyright sign or word on."""
    pieces = [
        piece
        for block in page.blocks[-_FOOT_BLOCKS:]
        for piece in _COPYRIGHT_MARK.split(block.text)
    ]
    return copyright_holder(pieces)


def read_html(data: bytes, charset: str | None = None, *, site_links: bool = False) -> Parsed:
    """Decode by the bytes (``charset``, from a MIME header, or the declared one only as a hint),
    then extract. ``site_links``: a saved web page, whose links tell its site (``sites``); not an
    e-mail's or a book's."""
    markup = decode(data, charset or declared_charset(data))
    page = extract_page(markup)
    title = page.title
    hosts = linked_hosts(markup) if site_links else Counter[str]()
    blocks = _Blocks(markup)
    page.title, page.source = _title_and_source(page, blocks, hosts)
    if page.source and page.title and _same(page.source, page.title):
        page.source = None  # the headline is no one's name
    if site_links:
        page.source = site_source(title, page.title, page.source, hosts) or _foot_copyright(blocks)
    paragraphs = clean_paragraphs(page.paragraphs, page.captions)
    if page.title and paragraphs and _same(paragraphs[0], page.title):
        paragraphs = paragraphs[1:]
    # A few words left over (a lone "Home" link) are navigation, not an article.
    page.paragraphs = paragraphs if sum(len(p.split()) for p in paragraphs) >= _MIN_WORDS else []
    return page


def _same(a: str, b: str) -> bool:
    return re.sub(r"\W+", "", a).lower() == re.sub(r"\W+", "", b).lower()
