"""Readers: one saved article file (.txt, .md, .html, .pdf, .mhtml, .eml, ...) in, one ``Article`` out.

    read(path, max_bytes=DEFAULT_MAX_BYTES) -> Article      # raises ReadError(path, reason)
    decode(data, declared=None) -> str

Files are only ever opened for reading; nothing is fetched and no script runs.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable
from pathlib import Path

from briefing.core.article import PARAGRAPH_BREAK, Article
from briefing.core.errors import ReadError
from briefing.core.ingest.eml import parse_eml
from briefing.core.ingest.encoding import decode, looks_binary
from briefing.core.ingest.epub import parse_epub
from briefing.core.ingest.files import (
    DEFAULT_MAX_BYTES,
    FORMAT_OF_SUFFIX,
    SUPPORTED_SUFFIXES,
    check_suffix,
    read_bytes,
)
from briefing.core.ingest.html_page import read_html
from briefing.core.ingest.md import parse_markdown
from briefing.core.ingest.mhtml import parse_mhtml
from briefing.core.ingest.mime import MimeProblem
from briefing.core.ingest.office import parse_docx, parse_odt
from briefing.core.ingest.packaged import PackageProblem
from briefing.core.ingest.parsed import Parsed
from briefing.core.ingest.pdf import PdfProblem, parse_pdf
from briefing.core.ingest.rtf import RtfProblem, parse_rtf
from briefing.core.ingest.txt import parse_plain
from briefing.core.ingest.webarchive import WebArchiveProblem, parse_webarchive

__all__ = ["DEFAULT_MAX_BYTES", "SUPPORTED_SUFFIXES", "decode", "read"]

# Far beyond any article (a long report is ~100k characters); keeps indexing and analysis of a
# pathological file (a 50 MB page of paragraphs, a log dump) bounded in time and memory.
MAX_TEXT_CHARS = 1_000_000
_SURROGATE = re.compile("[\ud800-\udfff]")

# Readers of whole files that give a Parsed or raise their own problem (its message is the reason).
_CONTAINERS: dict[str, Callable[[bytes], Parsed]] = {
    "mhtml": parse_mhtml,
    "eml": parse_eml,
    "docx": parse_docx,
    "odt": parse_odt,
    "epub": parse_epub,
    "webarchive": parse_webarchive,
    "rtf": parse_rtf,
}


def _text_of(where: str, data: bytes) -> tuple[str, list[str]]:
    if looks_binary(data):
        raise ReadError(where, "binary data, not text")
    text = decode(data)
    warnings = []
    broken = text.count("\ufffd")
    if broken:
        warnings.append(f"{broken} undecodable byte sequence(s) shown as \ufffd")
    if not text.strip():
        raise ReadError(where, "empty (only whitespace)")
    return text, warnings


def read(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """The article in ``path``; raises ReadError with a plain reason when it cannot be read."""
    return _bounded(_without_surrogates(_read(path, max_bytes)))


def _clean(value: str | None) -> str | None:
    return _SURROGATE.sub("\ufffd", value) if value and _SURROGATE.search(value) else value


def _without_surrogates(article: Article) -> Article:
    """Lone surrogates (from a PDF's broken text layer) as U+FFFD: the index can only hold real text."""
    fields = (article.title, article.text, article.source, article.author, article.published, article.url)
    if not any(value and _SURROGATE.search(value) for value in (*fields, *article.tags)):
        return article
    return dataclasses.replace(
        article,
        title=_clean(article.title) or "",
        text=_clean(article.text) or "",
        source=_clean(article.source),
        author=_clean(article.author),
        published=_clean(article.published),
        url=_clean(article.url),
        tags=tuple(_clean(tag) or "" for tag in article.tags),
    )


def _bounded(article: Article) -> Article:
    """The article with its text cut (at a paragraph break) to MAX_TEXT_CHARS, and a warning saying so."""
    if len(article.text) <= MAX_TEXT_CHARS:
        return article
    cut = article.text.rfind(PARAGRAPH_BREAK, 0, MAX_TEXT_CHARS)
    if cut < MAX_TEXT_CHARS // 2:
        cut = MAX_TEXT_CHARS
    warning = (
        f"text cut to its first {cut:,} characters (of {len(article.text):,}): "
        "longer than any article Briefing expects"
    )
    return dataclasses.replace(article, text=article.text[:cut], warnings=(*article.warnings, warning))


def _read(path: str | os.PathLike[str], max_bytes: int) -> Article:
    file = Path(os.path.abspath(os.fspath(path)))
    where = str(file)
    kind = FORMAT_OF_SUFFIX[check_suffix(file)]
    data = read_bytes(file, max_bytes)
    if kind == "pdf":
        return _read_pdf(file, data)
    if kind in _CONTAINERS:
        try:
            return _CONTAINERS[kind](data).to_article(file, kind)
        except (MimeProblem, PackageProblem, WebArchiveProblem, RtfProblem) as exc:
            raise ReadError(where, str(exc)) from exc
    if kind == "html":
        if looks_binary(data):
            raise ReadError(where, "binary data, not text")
        page = read_html(data, site_links=True)
        if not page.paragraphs:
            raise ReadError(where, "no article text found in this page")
        return page.to_article(file, "html")
    text, warnings = _text_of(where, data)
    if kind == "md":
        doc = parse_markdown(text)
        warnings += doc.warnings
        if doc.title is None:
            warnings.append("no title in front matter or headings; title taken from the file name")
        return doc.to_article(file, "md", warnings)
    plain = parse_plain(text)
    warnings += plain.warnings
    if not plain.paragraphs:
        warnings.append("no text below the headline")
    return plain.to_article(file, "txt", warnings)


def _read_pdf(file: Path, data: bytes) -> Article:
    try:
        doc = parse_pdf(data)
    except PdfProblem as exc:
        raise ReadError(str(file), str(exc)) from exc
    return doc.to_article(file, "pdf")
