"""E-books (.epub) of long reads: the whole book is one article (a long read is one piece; its
chapters are sections, not separate stories). Chapters are read in spine order through the saved
page path's block walk; title, author, publisher and date come from the package metadata."""

from __future__ import annotations

import posixpath

from briefing.core.ingest.dates import to_iso
from briefing.core.ingest.debris import clean_paragraphs
from briefing.core.ingest.encoding import decode
from briefing.core.ingest.htmltext import blocks_from_html
from briefing.core.ingest.packaged import PackageProblem, open_zip, parse_xml, read_member
from briefing.core.ingest.parsed import Parsed
from briefing.core.ingest.reflow import normalise_space

_CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
_OPF = "{http://www.idpf.org/2007/opf}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_HTML_TYPES = frozenset({"application/xhtml+xml", "text/html"})


def _meta(package: object, name: str) -> str | None:
    value = package.findtext(f".//{_DC}{name}")  # type: ignore[attr-defined]
    return normalise_space(value) if isinstance(value, str) and value.strip() else None


def parse_epub(data: bytes) -> Parsed:
    archive = open_zip(data, "an EPUB")
    container = parse_xml(read_member(archive, "META-INF/container.xml"), "META-INF/container.xml")
    rootfile = container.find(f".//{_CONTAINER}rootfile")
    opf_path = rootfile.get("full-path") if rootfile is not None else None
    if not opf_path:
        raise PackageProblem("damaged EPUB: no package document named in META-INF/container.xml")
    package = parse_xml(read_member(archive, opf_path), opf_path)
    base = posixpath.dirname(opf_path)
    items = {
        item.get("id"): item
        for item in package.iter(f"{_OPF}item")
        if item.get("media-type") in _HTML_TYPES
        and item.get("href")
        and "nav" not in str(item.get("properties", "")).split()  # the table of contents, not text
    }
    paragraphs: list[str] = []
    for ref in package.iter(f"{_OPF}itemref"):
        item = items.get(ref.get("idref"))
        if item is None:
            continue
        name = posixpath.normpath(posixpath.join(base, str(item.get("href")).split("#")[0]))
        if name not in archive.namelist():
            continue
        chapter = decode(read_member(archive, name))
        paragraphs.extend(block.text for block in blocks_from_html(chapter) if block.text.strip())
    if not paragraphs:
        raise PackageProblem("no text in this EPUB (no readable chapters)")
    title = _meta(package, "title")
    if title and normalise_space(paragraphs[0]).lower() == title.lower():
        paragraphs = paragraphs[1:]
    date = _meta(package, "date")
    return Parsed(
        title,
        clean_paragraphs(paragraphs),
        source=_meta(package, "publisher"),
        author=_meta(package, "creator"),
        published=to_iso(date) if date else None,
    )
