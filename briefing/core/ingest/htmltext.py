"""Plain-text paragraphs from HTML markup: one paragraph per block element, no markup left."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

from briefing.core.ingest.reflow import normalise_space

_BLOCKS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "tr",
        "table",
        "ul",
        "ol",
        "dl",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "nav",
        "figure",
        "figcaption",
        "main",
        "address",
        "hr",
        "br-block",
        "details",
        "summary",
        "caption",
        "form",
        "fieldset",
    ]
)
_CELLS = frozenset({"td", "th"})
_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "iframe",
        "object",
        "svg",
        "math",
        "button",
        "select",
        "input",
        "textarea",
    }
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass(frozen=True, slots=True)
class Block:
    tag: str  # the block element that holds the text ("p", "h1", "li", ...)
    text: str


def _tag(element: lxml.etree._Element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


# "<?xml version='1.0' encoding='utf-8'?>" opens most XHTML (every EPUB chapter EbookLib or Calibre writes).
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def blocks_from_html(markup: str) -> list[Block]:
    """The text blocks of ``markup`` in document order (iterative: deep nesting cannot overflow)."""
    markup = _XML_DECLARATION.sub("", markup, count=1)  # lxml refuses a str that declares its encoding
    if not markup.strip():
        return []
    try:
        root = lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError):
        return []
    blocks: list[Block] = []
    buffer: list[str] = []
    owners: list[str] = ["p"]
    skipping = 0

    def flush() -> None:
        text = normalise_space(" ".join("".join(buffer).split()))
        buffer.clear()
        if text:
            blocks.append(Block(owners[-1], text))

    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = _tag(element)
        if event == "start":
            if tag in _SKIP or not tag:
                skipping += 1
                continue
            if skipping:
                continue
            if tag in _BLOCKS:
                flush()
                owners.append(tag)
            elif tag == "br" or (tag in _CELLS and buffer):
                buffer.append(" ")
            if element.text:
                buffer.append(element.text)
        else:
            if tag in _SKIP or not tag:
                skipping -= 1
            elif not skipping and tag in _BLOCKS:
                flush()
                owners.pop()
            if not skipping and element.tail:
                buffer.append(element.tail)
    flush()
    return blocks
