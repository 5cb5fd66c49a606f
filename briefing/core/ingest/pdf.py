# ruff: noqa: RUF001, RUF002  (typographic quotes and dashes are the data here)
"""PDF articles, read as well as the saved page they were often printed from.

The lines of each page (PDFium, with font sizes, positions and links: ``pdf_layout``) lose what
repeats on every page (running headers and footers, page numbers) and what a browser prints around
a page (date and time, the address, "1/3"); the address is kept as the article's URL. The rest is
grouped into blocks by vertical gaps and font size, rebuilt as a small HTML page (headings by font
size, linked lines as links) and handed to the same main-text extraction as a saved web page, so
navigation, link lists and cookie or subscribe blocks go the way they go there. The headline is the
printed line that is about what the extracted text is about (``_headline``); the PDF's title, often
only the site's name, gives the source.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pypdfium2 as pdfium

from briefing.core.ingest.aboutness import STRONG as _STRONG
from briefing.core.ingest.aboutness import TITLE_SEPARATOR as _TITLE_SEPARATOR
from briefing.core.ingest.aboutness import about_text as _about_text
from briefing.core.ingest.aboutness import key as _key
from briefing.core.ingest.aboutness import opening as _opening
from briefing.core.ingest.aboutness import relatedness as _relatedness
from briefing.core.ingest.aboutness import shared as _shared
from briefing.core.ingest.aboutness import title_part_about as _title_part_about
from briefing.core.ingest.aboutness import words as _words
from briefing.core.ingest.dates import to_iso
from briefing.core.ingest.debris import clean_paragraphs
from briefing.core.ingest.headline import looks_like_publication, split_headline
from briefing.core.ingest.html_page import read_html
from briefing.core.ingest.parsed import Parsed
from briefing.core.ingest.pdf_layout import Line, link_addresses, page_lines
from briefing.core.ingest.pdf_records import Paragraph, comment_span, is_stamp, teaser_summaries
from briefing.core.ingest.reflow import normalise_space, reflow
from briefing.core.ingest.sites import (
    copyright_holder,
    linked_sites,
    names_linked_site,
    printed_names,
    site_source,
)

# Only the first pages of a huge PDF are read: an article is a few pages; a 5,000-page PDF is a book
# or a dump, and reading all of it would stall indexing for minutes and gigabytes.
MAX_PAGES = 200
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$", re.IGNORECASE)
_JUNK_TITLE = re.compile(
    r"^(?:untitled|document\d*|microsoft word\b.*|.*\.(?:docx?|pdf|tex|odt|rtf|indd|html?)"
    r"|(?:file|https?):/.*|.*(?:</?[a-z]|/>|document\.write).*)$",  # a file, an address, markup
    re.IGNORECASE,
)
# What a browser prints in the margins: "12/3/26, 10:04 AM", the page's address, "2/5".
_PRINT_TIME = re.compile(
    r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?\b", re.IGNORECASE
)
_URL = re.compile(r"\b(?:https?|file)://\S+")
_BROWSER_PRODUCERS = re.compile(r"skia|chrom|mozilla|webkit|gecko|safari|quartz pdfcontext|cairo", re.I)
_MAX_TITLE_WORDS = 25
_MAX_HEADLINE_LINES = 4
_MIN_HEADLINE_WORDS = 3  # "Tools", "Latest News": a section's label, not an article's headline
_TITLE_SHARE = 0.3  # a printed line naming less of the title is a phrase of it, not its headline
_ALMOST = 0.8  # of a title part's letters: a printed headline that is that part but for a word
_TITLE_PAGES = 3  # where a printed page's headline may be: below a long navigation column
_FULL_PARAGRAPH = 25  # words: the article's text has begun
_HEADLINE_REACH = 8  # blocks above the first full paragraph where its headline may be
_HEADING_RATIO = 1.15
_BYLINE = re.compile(r"^by\s+[A-Z]", re.IGNORECASE)
_FOOT_LINES = 8  # the foot of a printed page, where the site's copyright line is
_CREDIT = "©"  # "Benni McCarthy © Action Images": a photograph's caption and credit, not a headline
_CODE = re.compile(r"[{}();=<>]")
_CODE_SHARE = 0.03  # of a block's characters: "document.write('<a href=...');" is script, not text
_LABEL = re.compile(r"(?<=[^\W\d_]):\s+")  # "Clips: Headline", "Des Moines: Headline"
_TEXT_WORDS = 15  # a paragraph of the text; shorter ones may be bylines, captions, the headline itself
_GAP_RATIO = 0.6  # a vertical gap larger than this many line heights starts a new block
_TOO_LITTLE = 0.3  # extraction keeping less than this share of the body text missed the article


class PdfProblem(Exception):
    """A PDF that cannot be read as an article; the message is the reason."""


@dataclass(slots=True)
class _Block:
    lines: list[Line] = field(default_factory=list)

    @property
    def size(self) -> float:
        return self.lines[0].size

    @property
    def linked(self) -> bool:
        return self.lines[0].linked

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        document = pdfium.PdfDocument(data)
        _ = len(document)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise PdfProblem("encrypted PDF (needs a password)") from exc
        raise PdfProblem(f"corrupt PDF ({_describe(exc)})") from exc
    return document


def _describe(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__


def _read_pages(document: pdfium.PdfDocument, warnings: list[str]) -> list[list[Line]]:
    total = len(document)
    if total > MAX_PAGES:
        warnings.append(f"only the first {MAX_PAGES} of {total:,} pages were read")
    pages: list[list[Line]] = []
    failed = 0
    for number in range(min(total, MAX_PAGES)):
        try:
            pages.append(page_lines(document, number))
        except pdfium.PdfiumError:  # one damaged page should not lose the others
            failed += 1
    if failed:
        warnings.append(f"text of {failed} page(s) could not be extracted")
    return pages


def _linked_hosts(document: pdfium.PdfDocument) -> Counter[str]:
    """How many different pages of each host the first pages' web links point to (``linked_sites``):
    a printed page's links are mostly its own site's navigation, the rest advertisements, partners
    and "share" buttons."""
    addresses: dict[str, None] = {}  # in the order printed: the first printed wins a tie
    for number in range(min(len(document), _TITLE_PAGES)):
        try:
            addresses.update(dict.fromkeys(link_addresses(document, number)))
        except pdfium.PdfiumError:
            continue
    return linked_sites(addresses)


def _shape(text: str) -> str:
    """A line with its numbers blanked: "Page 3 of 7" and "Page 4 of 7" repeat as one shape."""
    return re.sub(r"\d+", "#", normalise_space(text)).lower()


def _margins(pages: list[list[Line]]) -> tuple[list[list[Line]], str | None]:
    """The pages without running headers/footers, page numbers and browser print lines; and the
    web address printed in those margins."""
    url: str | None = None
    edges: Counter[str] = Counter()
    for lines in pages:
        edges.update({_shape(line.text) for line in (*lines[:3], *lines[-3:])})
    repeated = {shape for shape, count in edges.items() if len(pages) >= 3 and count >= 0.6 * len(pages)}
    kept: list[list[Line]] = []
    for lines in pages:
        edge = {id(line) for line in (*lines[:2], *lines[-2:])}
        page: list[Line] = []
        for line in lines:
            text = line.text.strip()
            at_edge = id(line) in edge
            printed = at_edge and bool(
                _PRINT_TIME.match(text) or _URL.fullmatch(text) or _PAGE_NUMBER.match(text)
            )
            if at_edge and _URL.search(text) and (printed or _shape(text) in repeated):
                found = _URL.search(text)
                if found and found.group(0).startswith("http") and url is None:
                    url = found.group(0).rstrip(".,)")
            if printed or _PAGE_NUMBER.match(text) or (at_edge and _shape(text) in repeated):
                continue
            page.append(line)
        kept.append(page)
    return kept, url


def _body_size(pages: list[list[Line]]) -> float:
    sizes: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            if not line.linked:
                sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _blocks(pages: list[list[Line]]) -> list[_Block]:
    """Runs of lines of one font size and link state without a paragraph gap; a block cut by a
    page break goes on when the next page starts mid-sentence."""
    blocks: list[_Block] = []
    for lines in pages:
        for line in lines:
            last = blocks[-1] if blocks else None
            if last is not None and _continues(last, line):
                last.lines.append(line)
            else:
                blocks.append(_Block([line]))
    return blocks


def _without_side_matter(blocks: list[_Block]) -> list[_Block]:
    """The blocks without reader comments and without the summaries of "more stories" lists."""
    paragraphs = [Paragraph(normalise_space(block.text), block.linked) for block in blocks]
    span = comment_span(paragraphs)
    teasers = teaser_summaries(paragraphs)
    return [
        block
        for index, block in enumerate(blocks)
        if index not in teasers and (span is None or not span[0] <= index < span[1])
    ]


def _continues(block: _Block, line: Line) -> bool:
    prev = block.lines[-1]
    if abs(prev.size - line.size) > 0.6 or prev.linked != line.linked or prev.bold != line.bold:
        return False
    if prev.page != line.page:
        return not prev.text.endswith(tuple('.!?:"”')) and line.text[:1].islower()
    gap = line.top - prev.bottom
    return -0.5 * line.size <= gap <= _GAP_RATIO * line.size


def _markup(blocks: list[_Block], body: float, title: str | None) -> tuple[str, int]:
    """The blocks as an HTML page; and how many characters of body text it has."""
    parts = [f"<html><head><title>{html.escape(title)}</title></head><body>" if title else "<html><body>"]
    body_chars = 0
    heading_seen = False
    for block in blocks:
        if block.linked:
            links = "".join(f'<li><a href="#">{html.escape(line.text)}</a></li>' for line in block.lines)
            parts.append(f"<ul>{links}</ul>")
            continue
        if body and block.size >= _HEADING_RATIO * body and len(block.text.split()) <= _MAX_TITLE_WORDS:
            level = "h2" if heading_seen else "h1"
            heading_seen = True
            parts.append(f"<{level}>{html.escape(normalise_space(block.text))}</{level}>")
            continue
        for paragraph in reflow([line.text for line in block.lines]):
            body_chars += len(paragraph)
            parts.append(f"<p>{html.escape(paragraph)}</p>")
    parts.append("</body></html>")
    return "".join(parts), body_chars


def _leads(block: _Block) -> Iterator[str]:
    """The block's first line, first two lines, ...: a headline printed above its byline in one
    font runs into the byline's block."""
    for count in range(1, min(len(block.lines), _MAX_HEADLINE_LINES) + 1):
        yield normalise_space(" ".join(line.text for line in block.lines[:count]))


def _named_in_title(blocks: list[_Block], title: str) -> str | None:
    """The longest printed line run of the first pages that the title spells out word for word
    (the title adds the site's name, a section, a date)."""
    named = f" {' '.join(_words(title))} "
    total = len(named.split())
    best: str | None = None
    for block in blocks:
        if block.linked or block.lines[0].page >= _TITLE_PAGES:
            continue
        for lead in _leads(block):
            words = _words(lead)
            enough = len(words) >= max(_MIN_HEADLINE_WORDS, _TITLE_SHARE * total)
            longer = best is None or len(words) > len(_words(best))
            if enough and longer and f" {' '.join(words)} " in named:
                best = lead
    return best


def _segment_printed(blocks: list[_Block], title: str) -> str | None:
    """The title's longest part ("Headline - Section - Site"), or what follows its label ("Section:
    Headline"), when the first pages print it word for word, inside a longer line ("Wednesday,
    9 January 2008 Headline") or across two."""
    segments = [segment.strip() for segment in _TITLE_SEPARATOR.split(title) if segment.strip()]
    longest = max(segments, key=lambda segment: len(_words(segment)), default="")
    parts = [longest, *(part.strip() for part in _LABEL.split(longest)[1:])]  # and after its label
    if len(segments) + len(parts) < 3:
        return None
    printed = f" {' '.join(w for b in blocks if b.lines[0].page < _TITLE_PAGES for w in _words(b.text))} "
    found = [
        part
        for part in parts
        if len(_words(part)) >= _MIN_HEADLINE_WORDS and f" {' '.join(_words(part))} " in printed
    ]
    return max(found, key=lambda part: len(_words(part))) if found else None


@dataclass(frozen=True, slots=True)
class _Heading:
    text: str
    larger: bool  # printed larger than the text, not only in bold


def _headings_above_text(blocks: list[_Block], body: float) -> list[_Heading]:
    """The headings among the few blocks just above the article's first full paragraph, largest
    first, the nearest of equals first (never a dateline): the headline sits between the page's
    navigation and its text. A linked heading counts when it is a single heading, not a list."""
    start = _first_full_paragraph(blocks, body)
    if start is None:
        return []
    above = [
        (b.size, index, _Heading(text, b.size >= _HEADING_RATIO * body))
        for index, b in enumerate(blocks[max(0, start - _HEADLINE_REACH) : start])
        for text in [_before_stamp(b)]  # "Headline" over "Published: Wednesday, 2 January" in one font
        if (not b.linked or (len(b.lines) <= 2 and b.size >= _HEADING_RATIO * body))
        and len(_words(text)) >= 2
        and len(text.split()) <= _MAX_TITLE_WORDS
        and not is_stamp(text)
        and (b.size >= _HEADING_RATIO * body or (b.lines[0].bold and b.size >= body))
    ]
    return [heading for _, _, heading in sorted(above, key=lambda item: item[:2], reverse=True)]


def _first_full_paragraph(blocks: list[_Block], body: float) -> int | None:
    """The block where the article's text starts: a long run of the body's font (not a page's
    script, printed as text when the page was saved without it running)."""
    for index, block in enumerate(blocks):
        if (
            not block.linked
            and abs(block.size - body) <= 0.6
            and len(block.text.split()) >= _FULL_PARAGRAPH
            and len(_CODE.findall(block.text)) < _CODE_SHARE * len(block.text)
        ):
            return index
    return None


def _before_stamp(block: _Block) -> str:
    """The block's lines above its first dateline or byline: "Headline" over "20080109 15:24" or
    "By Teresa von Fuchs" in one font."""
    lines = [line.text for line in block.lines]
    stamp = next(
        (n for n, line in enumerate(lines) if n and (is_stamp(line) or _BYLINE.match(line))), len(lines)
    )
    return normalise_space(" ".join(lines[:stamp]))


def _related_heading(blocks: list[_Block], body: float, lead: list[tuple[str, set[str]]]) -> str | None:
    """The short line just above the article's text that is about what the text is about: a
    headline printed in the body's font, as on pages whose styles did not print. The one sharing
    most words with the text, the nearest of equals; never a dateline, nor a sentence."""
    start = _first_full_paragraph(blocks, body)
    if start is None or not lead:
        return None
    reach = blocks[max(0, start - _HEADLINE_REACH) : start + 1]
    above = [_before_stamp(block) for block in reach]
    if len(_words(above[-1])) == len(_words(blocks[start].text)):  # no "Headline" / "29 December 2007
        reach, above = reach[:-1], above[:-1]  # (16:00)" / the text in one font: the text is no headline
    candidates = [
        (_shared(text, lead)[0], index, text)
        for index, (block, text) in enumerate(zip(reach, above, strict=True))
        if len(_words(text)) >= 2
        and _CREDIT not in text
        and len(text.split()) <= _MAX_TITLE_WORDS
        and (not block.linked or len(block.lines) == 1)
        and not is_stamp(text)
        and not text.endswith(".")
        and _about_text(text, lead)
    ]
    return max(candidates)[2] if candidates else None


def _headline(
    blocks: list[_Block],
    body: float,
    title: str | None,
    lead: list[tuple[str, set[str]]],
    hosts: Counter[str],
) -> tuple[str | None, str | None]:
    """The article's headline and source. Lines are weighed by what they are about: the telling
    words they share with the text's opening (``lead``). In turn: the printed lines that the PDF's
    title names (the rest of that title, "– The Times", is the source), unless they are a masthead
    (the site's name printed at the top, or after the text begins) while a heading surely names the
    story; a heading above the text that is about it; the one part of the title the text is about;
    the title split as a clipping's first line, when it is about the text; the short line above
    the text most about it (a headline printed in the body's font); the largest heading; the
    title; the page's first line. The source is then the title's site part."""
    named = _title_printed(blocks, title) if title else None
    headings = _headings_above_text(blocks, body)
    split = _split_title(title) if title else None
    site = _site(title, named, split)
    related = [  # headings about what the text is about, those surely about it first
        h.text for h in headings if _shared(h.text, lead)[0] >= (1 if h.larger else _STRONG)
    ]
    related.sort(key=lambda text: _shared(text, lead)[0] < _STRONG)
    line = _related_heading(blocks, body, lead)
    strong = [text for text in [*related, line] if text and _shared(text, lead)[0] >= _STRONG]
    if named is not None and (not lead or not strong or _above_text(blocks, body, named[0], lead)):
        return named  # unless it names the site, printed as a masthead, and a heading names the story
    if related:
        return related[0], site
    part = _title_part_about(title, lead) if title else None
    if part is not None:
        return part
    if split is not None and names_linked_site(split[0], hosts) and (line is not None or headings):
        split = None  # the title is the site's name ("Bloomberg.com: Japan"); the page prints the headline
    if (
        split is not None
        and len(_words(split[0])) >= _MIN_HEADLINE_WORDS
        and _about_text(split[0], lead)
        and (line is None or _relatedness(split[0], lead) >= _relatedness(line, lead))
    ):
        return split  # the title is the headline; a site's name is about the text less
    if line is not None:
        return line, site
    plain = [h.text for h in headings if len(_words(h.text)) >= _MIN_HEADLINE_WORDS]
    if plain:
        return plain[0], site
    loose = _title_part_about(title, lead, surely=False) if title else None
    if loose is not None:
        return loose  # "Station - Place, News | Oregon's Stewart turning pro": the part more about it
    if split is not None:
        return split
    early = [b for b in blocks if not b.linked and b.lines[0].page <= 2 and len(b.text.split()) <= 40]
    first = reflow([line.text for line in early[0].lines])[:1] if early else []
    if first and len(first[0].split()) <= _MAX_TITLE_WORDS:  # a plain first line, as in a .txt clipping
        parts = split_headline(first[0])
        return parts.title, parts.source
    return None, None


def _as_titled(blocks: list[_Block], headline: str | None, title: str | None) -> str | None:
    """The title's part that is the printed headline but for a few letters: the printed line lost
    its last word to a line of its own, which the first pages print after it ("... by crimeware"
    for "... by crimeware Trojan"), or took in letters printed against its first word ("SavorCanucks
    Edge Isles" for "Canucks Edge Isles")."""
    if not headline or not title:
        return headline
    printed = "".join(_words(headline))
    text = f" {' '.join(w for b in blocks if b.lines[0].page < _TITLE_PAGES for w in _words(b.text))} "
    for part in (piece.strip() for piece in _TITLE_SEPARATOR.split(title)):
        named = "".join(_words(part))
        if len(_words(part)) < _MIN_HEADLINE_WORDS or len(named) < _ALMOST * len(printed):
            continue
        wrapped = len(_words(part)) == len(_words(headline)) + 1 and named.startswith(printed)
        wrapped = wrapped and f" {_key(part)} " in text
        glued = (
            named in printed
            and len(named) >= _ALMOST * len(printed)
            and f" {_key(part)} " not in f" {_key(headline)} "
        )
        if wrapped or glued:
            return part
    return headline


def _above_text(blocks: list[_Block], body: float, line: str, lead: list[tuple[str, set[str]]]) -> bool:
    """Whether a printed line is about the text and printed above it, as a headline is (a site's
    name printed as a masthead, or in the page's footer, may be named by the text but sits at the
    top of the page, before the navigation, or after the text begins)."""
    if _shared(line, lead)[0] == 0:
        return False
    start = _first_full_paragraph(blocks, body)
    key = _key(line)
    at = next((index for index, block in enumerate(blocks) if key in _key(block.text)), None)
    if start is not None and at == start:  # "Headline" / "Tuesday, January 8" / the text, in one font
        return _key(blocks[start].text).startswith(key)
    return start is None or at is None or at < start


def _site(
    title: str | None, named: tuple[str, str | None] | None, split: tuple[str, str | None] | None
) -> str | None:
    """The publication a title names when the headline is printed elsewhere."""
    if not title:
        return None
    found = (named[1] if named else None) or (split[1] if split else None)
    if found:
        return found
    pieces = [piece.strip() for piece in _TITLE_SEPARATOR.split(title) if piece.strip()]
    return next((piece for piece in pieces if looks_like_publication(piece)), None)


def _title_printed(blocks: list[_Block], title: str) -> tuple[str, str | None] | None:
    """The headline and source when the first pages print the title or its main part."""
    headline = _named_in_title(blocks, title)
    if headline is not None:
        if len(_words(headline)) == len(_words(title)):  # the page prints its whole title
            return _split_title(title)
        return headline, _rest_as_source(title, headline)
    segment = _segment_printed(blocks, title)
    if segment is not None:
        return segment, _rest_as_source(title, segment)
    return None


def _split_title(title: str) -> tuple[str, str | None]:
    """A page title as headline and source: "Headline - The Times" as a clipping's first line;
    "Site » Headline" and "Section | Headline" by their longest segment when the others are short."""
    split = split_headline(title)
    if split.source:
        return split.title, split.source
    segments = [piece.strip() for piece in _TITLE_SEPARATOR.split(title) if piece.strip()]
    if len(segments) >= 2:
        longest = max(segments, key=lambda piece: len(piece.split()))
        others = [piece for piece in segments if piece is not longest]
        if len(longest.split()) >= 4 and all(len(p.split()) * 2 <= len(longest.split()) for p in others):
            source = next((p for p in others if looks_like_publication(p, clipping_shape=True)), None)
            return longest, source
    return split.title, None


def _rest_as_source(title: str, headline: str) -> str | None:
    """What the title says besides the headline, when it reads as a publication's name."""
    split = split_headline(title)
    if split.source:
        return split.source
    index = title.lower().find(headline.lower())
    rest = (title[:index] if index > 0 else title[index + len(headline) :]) if index >= 0 else ""
    for piece in re.split(r"\s+[-–—|:»>]\s+|\s*[|»:]\s*", rest.strip(" -–—|:»>")):
        if piece and looks_like_publication(piece, clipping_shape=True):
            return piece.strip()
    return None


def _plain_paragraphs(blocks: Iterable[_Block]) -> list[str]:
    paragraphs: list[str] = []
    for block in blocks:
        if not block.linked:
            paragraphs.extend(reflow([line.text for line in block.lines]))
    return paragraphs


def _metadata(document: pdfium.PdfDocument, warnings: list[str]) -> dict[str, str]:
    try:
        info = document.get_metadata_dict(skip_empty=True)
    except pdfium.PdfiumError:
        warnings.append("PDF metadata could not be read")
        return {}
    return {key: normalise_space(value) for key, value in info.items() if normalise_space(value)}


def _printed_by_browser(info: dict[str, str]) -> bool:
    """A browser's print: its dates are the moment of printing, not the article's."""
    return bool(_BROWSER_PRODUCERS.search(f"{info.get('Producer', '')} {info.get('Creator', '')}"))


def parse_pdf(data: bytes) -> Parsed:
    document = _open(data)
    try:
        warnings: list[str] = []
        pages = _read_pages(document, warnings)
        info = _metadata(document, warnings)
        # A browser's print keeps the page's links; their site is the page's. Other PDFs' links
        # (a report's references) say nothing of who published them.
        hosts = _linked_hosts(document) if _printed_by_browser(info) else Counter[str]()
    finally:
        document.close()
    if not any(line.text.strip() for lines in pages for line in lines):
        raise PdfProblem("no text in this PDF (it may be scanned images); nothing to read")
    title = info.get("Title")
    if title and _JUNK_TITLE.match(title):
        title = None
    read_pages = pages  # with the running header: a masthead's address printed on every page
    pages, printed_url = _margins(pages)
    printed = _blocks(pages)
    blocks = _without_side_matter(printed)
    body = _body_size(pages)
    markup, body_chars = _markup(blocks, body, title)
    page = read_html(markup.encode("utf-8"), "utf-8")
    lead = _opening(page.paragraphs)
    headline, source = _headline(printed, body, title, lead, hosts)
    headline = _as_titled(printed, headline, title)
    # In the order they are seen: a logo's text is drawn after the navigation under it.
    seen = sorted((line for lines in read_pages for line in lines), key=lambda line: (line.page, line.top))
    named = printed_names([line.text for line in seen], _FOOT_LINES)
    source = site_source(title, headline, source or page.source, hosts, named)
    foot = [line.text for line in pages[-1][-_FOOT_LINES:]] if pages else []
    source = source or copyright_holder(foot)  # the site's own line, not a wire's under the story
    page.title, page.source = headline or page.title, source
    if sum(map(len, page.paragraphs)) < _TOO_LITTLE * body_chars:
        page.paragraphs = clean_paragraphs(_plain_paragraphs(blocks))
        page.title = headline
    if not page.title and page.paragraphs and len(page.paragraphs[0].split()) <= _MAX_TITLE_WORDS:
        parts = split_headline(page.paragraphs.pop(0))
        page.title, page.source = parts.title, page.source or parts.source
    if page.title and page.paragraphs and _same(page.paragraphs[0], page.title):
        page.paragraphs.pop(0)
    page.author = info.get("Author") or page.author
    browser = _printed_by_browser(info)
    if not browser:
        raw_date = info.get("CreationDate") or info.get("ModDate")
        page.published = to_iso(raw_date) if raw_date else page.published
    page.url = printed_url or page.url
    page.warnings = warnings + page.warnings
    return page


def _same(a: str, b: str) -> bool:
    return re.sub(r"\W+", "", a).lower() == re.sub(r"\W+", "", b).lower()
