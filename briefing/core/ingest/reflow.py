# ruff: noqa: RUF001  (typographic quotes and dashes are the data here)
"""Rebuilding paragraphs from hard-wrapped lines (PDF pages, wrapped plain text)."""

from __future__ import annotations

import re

from briefing.core.article import PARAGRAPH_BREAK

# Lines longer than this were not wrapped by hand or by a PDF column.
_WRAP_WIDTH = 110
_HYPHENATED = re.compile(r"[^\W\d_]-$")
_SENTENCE_END = tuple('.!?:"”’)')


def normalise_space(text: str) -> str:
    """Runs of spaces and tabs (and odd Unicode spaces) as one space; no space at either end."""
    return re.sub(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+", " ", text).strip()


def join_lines(lines: list[str]) -> str:
    """One paragraph from wrapped lines, undoing hyphenation at line breaks ("conti-\\nnued")."""
    out = ""
    for line in lines:
        if not out:
            out = line
        elif _HYPHENATED.search(out) and line[:1].islower():
            out = out[:-1] + line
        else:
            out = out + " " + line
    return out


def _typical_width(lines: list[str]) -> int:
    widths = sorted(len(line) for line in lines if line)
    return widths[int(len(widths) * 0.8)] if widths else 0


def reflow(lines: list[str]) -> list[str]:
    """Paragraphs from ``lines``: blank lines and short final lines end a paragraph."""
    stripped = [normalise_space(line) for line in lines]
    width = _typical_width(stripped)
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            paragraphs.append(join_lines(current))
            current.clear()

    for line in stripped:
        if not line:
            flush()
            continue
        if current:
            prev = current[-1]
            short = len(prev) < 0.75 * width
            if short and (prev.endswith(_SENTENCE_END) or not _HYPHENATED.search(prev)):
                flush()
        current.append(line)
    flush()
    return paragraphs


def paragraphs_from_plain(text: str) -> list[str]:
    """Paragraphs of plain text: blank-line blocks, each one line per paragraph unless hard-wrapped."""
    paragraphs: list[str] = []
    for block in re.split(r"\n[ \t\u00a0]*\n", text):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if len(lines) == 1 or max(len(line) for line in lines) > _WRAP_WIDTH:
            paragraphs.extend(normalise_space(line) for line in lines)
        else:
            paragraphs.extend(reflow(lines))
    return [p for p in paragraphs if p]


def join_paragraphs(paragraphs: list[str]) -> str:
    return PARAGRAPH_BREAK.join(p for p in paragraphs if p)
