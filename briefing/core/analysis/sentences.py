"""Sentences of an article, and the page furniture (credits, captions, subheadings) around them.

The sentence model does not know that a paragraph break ends a sentence, nor
that "(Source: NAME /Agency)" is a photo credit, so its sentences are cut
again at line breaks and around credits.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.core.analysis.patterns import CREDIT, DEBRIS_WORDS, TRAILING_DEBRIS

if TYPE_CHECKING:
    from spacy.tokens import Doc

Span = tuple[int, int]

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_BREAK = re.compile(r"\n")
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|\u2026)$")
_TERMINAL = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index of the paragraph (blocks separated by blank lines)
    whole_paragraph: bool  # the sentence is its paragraph's only text
    caption: bool  # the text of a photo caption (followed by its credit)


def paragraph_starts(text: str) -> list[int]:
    """Start offsets of the paragraphs of ``text``."""
    return [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]


def debris_spans(text: str) -> list[Span]:
    """Photo credits and furniture words ("Advertising") that are not article text."""
    spans = [(m.start(), m.end()) for m in CREDIT.finditer(text)]
    starts = paragraph_starts(text)
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        paragraph = text[start:end].rstrip()
        if paragraph.strip().lower() in DEBRIS_WORDS:
            spans.append((start, start + len(paragraph)))
            continue
        trailing = TRAILING_DEBRIS.search(paragraph)
        if trailing:
            spans.append((start + trailing.start(), start + trailing.end()))
    return sorted(spans)


def _cut(start: int, end: int, holes: list[Span]) -> list[Span]:
    """``[start, end)`` without the parts covered by ``holes`` (sorted)."""
    pieces = []
    for h_start, h_end in holes:
        if h_end <= start or h_start >= end:
            continue
        if h_start > start:
            pieces.append((start, h_start))
        start = max(start, h_end)
    if start < end:
        pieces.append((start, end))
    return pieces


def _strip(text: str, start: int, end: int) -> Span | None:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    if lead + trail >= len(piece):
        return None
    return start + lead, end - trail


def _join_ellipses(text: str, spans: list[Span]) -> list[Span]:
    """Rejoin sentences the model cut at an ellipsis inside a line ("I'm A Celebrity ... Get Me Out")."""
    joined: list[Span] = []
    for start, end in spans:
        if joined:
            p_start, p_end = joined[-1]
            between = text[p_end:start]
            if _ELLIPSIS_END.search(text, p_start, p_end) and not between.strip() and "\n" not in between:
                joined[-1] = (p_start, end)
                continue
        joined.append((start, end))
    return joined


def is_terminal(text: str) -> bool:
    """Whether ``text`` ends like a finished sentence."""
    return bool(_TERMINAL.search(text))


def sentences(doc: Doc, debris: list[Span]) -> list[Sentence]:
    """The sentences of ``doc`` cut at line breaks, with debris removed, as stripped spans."""
    text = doc.text
    starts = paragraph_starts(text)
    spans: list[Span] = []
    for sent in doc.sents:
        cursor = sent.start_char
        pieces = []
        for m in _LINE_BREAK.finditer(text, sent.start_char, sent.end_char):
            pieces.append((cursor, m.start()))
            cursor = m.end()
        pieces.append((cursor, sent.end_char))
        for p_start, p_end in pieces:
            for c_start, c_end in _cut(p_start, p_end, debris):
                stripped = _strip(text, c_start, c_end)
                if stripped:
                    spans.append(stripped)
    spans = _join_ellipses(text, spans)
    credit_starts = {start for start, _ in debris if CREDIT.match(text, start)}
    out = []
    for i, (start, end) in enumerate(spans):
        paragraph = bisect_right(starts, start) - 1
        p_start = starts[paragraph]
        p_end = starts[paragraph + 1] if paragraph + 1 < len(starts) else len(text)
        whole = not text[p_start:start].strip() and not text[end:p_end].strip()
        following = text[end : spans[i + 1][0] if i + 1 < len(spans) else len(text)]
        gap = len(following) - len(following.lstrip(" \t"))
        caption = end + gap in credit_starts
        out.append(Sentence(start, end, paragraph, whole, caption))
    return out
