"""PDF articles: text with pypdf, paragraphs rebuilt from wrapped lines, metadata from the Info dict."""

from __future__ import annotations

import io
import re
from collections import Counter

from pypdf import PdfReader

from briefing.core.ingest.dates import to_iso
from briefing.core.ingest.debris import clean_paragraphs
from briefing.core.ingest.parsed import Parsed
from briefing.core.ingest.reflow import normalise_space, reflow

# Enough for any article or report; beyond this a PDF is a book and reading it would stall indexing.
MAX_PAGES = 1000
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$", re.IGNORECASE)
_JUNK_TITLE = re.compile(
    r"^(?:untitled|document\d*|microsoft word\b.*|.*\.(?:docx?|pdf|tex|odt|rtf|indd))$", re.IGNORECASE
)
_MAX_TITLE_WORDS = 25


class PdfProblem(Exception):
    """A PDF that cannot be read as an article; the message is the reason."""


def _open(data: bytes) -> PdfReader:
    # pypdf raises all sorts of exceptions (KeyError, ValueError, zlib errors, ...) on damaged files.
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfProblem("encrypted PDF (needs a password)")
        _ = len(reader.pages)
    except PdfProblem:
        raise
    except Exception as exc:
        raise PdfProblem(f"corrupt PDF ({_describe(exc)})") from exc
    return reader


def _describe(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__


def _page_lines(reader: PdfReader, warnings: list[str]) -> list[list[str]]:
    pages: list[list[str]] = []
    failed = 0
    for number, page in enumerate(reader.pages, 1):
        if number > MAX_PAGES:
            warnings.append(f"only the first {MAX_PAGES} of {len(reader.pages)} pages were read")
            break
        try:
            text = page.extract_text() or ""
        except Exception:  # one damaged page should not lose the others
            failed += 1
            continue
        pages.append(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    if failed:
        warnings.append(f"text of {failed} page(s) could not be extracted")
    return pages


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers and headers/footers repeated at the top or bottom of most pages."""
    edges: Counter[str] = Counter()
    for lines in pages:
        content = [normalise_space(line) for line in lines if line.strip()]
        edges.update({*content[:2], *content[-2:]})
    repeated = {line for line, count in edges.items() if len(pages) >= 3 and count >= 0.6 * len(pages)}
    return [
        [
            line
            for line in lines
            if not _PAGE_NUMBER.match(line.strip()) and normalise_space(line) not in repeated
        ]
        for lines in pages
    ]


def _join_pages(pages: list[list[str]]) -> list[str]:
    """Paragraphs over all pages; a paragraph cut by a page break is joined back."""
    paragraphs: list[str] = []
    for lines in pages:
        page_paragraphs = reflow(lines)
        if (
            paragraphs
            and page_paragraphs
            and not paragraphs[-1].endswith(tuple('.!?:"”'))
            and page_paragraphs[0][:1].islower()
        ):
            paragraphs[-1] = paragraphs[-1] + " " + page_paragraphs.pop(0)
        paragraphs.extend(page_paragraphs)
    return paragraphs


def _metadata(reader: PdfReader, warnings: list[str]) -> tuple[str | None, str | None, str | None]:
    try:
        info = reader.metadata
    except Exception:
        warnings.append("PDF metadata could not be read")
        return None, None, None
    if info is None:
        return None, None, None
    title = normalise_space(str(info.title)) if info.title else None
    if title and _JUNK_TITLE.match(title):
        title = None
    author = normalise_space(str(info.author)) if info.author else None
    raw_date = info.get("/CreationDate") or info.get("/ModDate")
    published = to_iso(str(raw_date)) if raw_date else None
    return title, author or None, published


def parse_pdf(data: bytes) -> Parsed:
    reader = _open(data)
    warnings: list[str] = []
    pages = _page_lines(reader, warnings)
    if not any(line.strip() for lines in pages for line in lines):
        raise PdfProblem("no text in this PDF (it may be scanned images); nothing to read")
    title, author, published = _metadata(reader, warnings)
    paragraphs = _join_pages(_drop_running_lines(pages))
    if not title and paragraphs and len(paragraphs[0].split()) <= _MAX_TITLE_WORDS:
        title = paragraphs.pop(0)
    elif title and paragraphs and normalise_space(paragraphs[0]).lower() == title.lower():
        paragraphs.pop(0)
    return Parsed(title, clean_paragraphs(paragraphs), author=author, published=published, warnings=warnings)
