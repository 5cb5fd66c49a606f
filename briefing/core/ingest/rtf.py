"""Rich Text (.rtf): the text by striprtf (small, pure Python), then read as a plain-text clipping;
title, author and creation date from the document's \\info group when it has them."""

from __future__ import annotations

import re

from striprtf.striprtf import rtf_to_text

from briefing.core.ingest.parsed import Parsed
from briefing.core.ingest.reflow import normalise_space
from briefing.core.ingest.txt import parse_plain

_INFO = re.compile(rb"\{\\(title|author)\s+([^{}]*)\}")
_CREATED = re.compile(rb"\{\\creatim\\yr(\d{4})\\mo(\d{1,2})\\dy(\d{1,2})")
_CODEPAGE = re.compile(rb"\\ansicpg(\d{3,5})")


class RtfProblem(Exception):
    """An RTF file that cannot be read; the message is the reason."""


def parse_rtf(data: bytes) -> Parsed:
    if not data.lstrip().startswith(b"{\\rtf"):
        raise RtfProblem("not an RTF document (it does not start with {\\rtf)")
    codepage = _CODEPAGE.search(data[:4096])
    encoding = f"cp{int(codepage.group(1))}" if codepage else "cp1252"
    try:
        text = rtf_to_text(data.decode("latin-1"), encoding=encoding, errors="replace")
    except LookupError:
        text = rtf_to_text(data.decode("latin-1"), encoding="cp1252", errors="replace")
    parsed = parse_plain(text)
    info = {key.decode(): normalise_space(value.decode(encoding if codepage else "cp1252", "replace"))
            for key, value in _INFO.findall(data[:65536])}
    if info.get("title"):
        if parsed.title and parsed.title.lower() != info["title"].lower():
            parsed.paragraphs.insert(0, parsed.title)
        parsed.title = info["title"]
    parsed.author = parsed.author or info.get("author") or None
    created = _CREATED.search(data[:65536])
    if created and not parsed.published:
        year, month, day = (int(g) for g in created.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            parsed.published = f"{year:04d}-{month:02d}-{day:02d}"
    if data.count(b"{") > data.count(b"}"):
        parsed.warnings.append("the RTF file ends before its closing brace (cut off?)")
    if not parsed.paragraphs:
        raise RtfProblem("no text in this RTF document")
    return parsed
