"""Word (.docx) and OpenDocument (.odt) documents: paragraphs and headings from the document's XML,
title, author and date from its properties. Read with the standard zip reader and lxml (no office
library: the XML is all an article needs, and the frozen app stays small)."""

from __future__ import annotations

import re

import lxml.etree

from briefing.core.ingest.dates import to_iso
from briefing.core.ingest.debris import clean_paragraphs
from briefing.core.ingest.headline import split_headline
from briefing.core.ingest.packaged import PackageProblem, open_zip, parse_xml, read_member
from briefing.core.ingest.parsed import Parsed
from briefing.core.ingest.reflow import normalise_space

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_DCTERMS = "{http://purl.org/dc/terms/}"
_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
_DOCX_RUNS = (f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr")
_TITLE_STYLE = re.compile(r"^(?:title|heading\s*1|heading1|h1)$", re.IGNORECASE)


def _docx_text(paragraph: lxml.etree._Element) -> str:
    parts = [node.text or "" if node.tag == f"{_W}t" else " " for node in paragraph.iter(*_DOCX_RUNS)]
    return normalise_space("".join(parts))


def _properties(root: lxml.etree._Element | None) -> tuple[str | None, str | None, str | None]:
    if root is None:
        return None, None, None
    title = root.findtext(f".//{_DC}title")
    author = root.findtext(f".//{_DC}creator") or root.findtext(f".//{_META}initial-creator")
    date = root.findtext(f".//{_DCTERMS}created") or root.findtext(f".//{_META}creation-date")
    return (
        normalise_space(title) if title and title.strip() else None,
        normalise_space(author) if author and author.strip() else None,
        to_iso(date) if date else None,
    )


def _finish(blocks: list[tuple[str, bool]], props: tuple[str | None, str | None, str | None]) -> Parsed:
    """Title: the document's title property, else its first heading (or first short line)."""
    title, author, published = props
    paragraphs = [text for text, _ in blocks if text]
    if not paragraphs:
        raise PackageProblem("no text in this document")
    first, heading = blocks[0]
    source = None
    if title is None and (heading or len(first.split()) <= 25):
        split = split_headline(first)
        title, source = split.title, split.source
        paragraphs = paragraphs[1:]
    elif title and paragraphs and normalise_space(paragraphs[0]).lower() == title.lower():
        paragraphs = paragraphs[1:]
    return Parsed(title, clean_paragraphs(paragraphs), source=source, author=author, published=published)


def parse_docx(data: bytes) -> Parsed:
    archive = open_zip(data, "a Word (.docx)")
    document = parse_xml(read_member(archive, "word/document.xml"), "word/document.xml")
    core = None
    if "docProps/core.xml" in archive.namelist():
        core = parse_xml(read_member(archive, "docProps/core.xml"), "docProps/core.xml")
    blocks: list[tuple[str, bool]] = []
    for paragraph in document.iter(f"{_W}p"):
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        style_name = style.get(f"{_W}val", "") if style is not None else ""
        text = _docx_text(paragraph)
        heading = bool(_TITLE_STYLE.match(style_name)) or style_name.lower().startswith("heading")
        if text:
            blocks.append((text, heading))
    return _finish(blocks, _properties(core))


def parse_odt(data: bytes) -> Parsed:
    archive = open_zip(data, "an OpenDocument (.odt)")
    content = parse_xml(read_member(archive, "content.xml"), "content.xml")
    meta = None
    if "meta.xml" in archive.namelist():
        meta = parse_xml(read_member(archive, "meta.xml"), "meta.xml")
    body = content.find(f"{_OFFICE}body")
    if body is None:
        raise PackageProblem("damaged package: content.xml has no document body")
    blocks: list[tuple[str, bool]] = []
    for node in body.iter(f"{_TEXT}p", f"{_TEXT}h"):
        parent = node.getparent()
        if parent is not None and parent.tag in (f"{_TEXT}p", f"{_TEXT}h"):
            continue
        text = normalise_space("".join(node.itertext()))
        if text:
            blocks.append((text, node.tag == f"{_TEXT}h"))
    return _finish(blocks, _properties(meta))
