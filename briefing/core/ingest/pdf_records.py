"""Reader comments and "more stories" lists printed with an article, found by their shape.

A saved page marks comments by the markup's classes ("comment", "reply"), which the main-text
extraction uses; a printed page loses them, and the comments read as more paragraphs of the
article. What survives printing is their shape: a run of short signature lines, each with a date
or time ("Posted by Ann on January 7, 2008 8:21 PM", "TonyZ (6 days ago)"), at a regular pace
after the article's text. An article's own dateline is one stamp before its text, not such a run.
Lists of other stories survive as linked headlines each followed by a short summary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_STAMP = re.compile(
    r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\b\.?)?"  # a time of day
    r"|\b\d+\s+(?:second|minute|hour|day|week|month|year)s?\s+ago\b"  # "6 days ago"
    rf"|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{2,4}}\b"  # "January 7, 2008"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{2,4}}\b"  # "7 January 2008"
    r"|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b",  # "07/01/2008"
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")
_MAX_STAMP_WORDS = 16  # a signature is a short line; a sentence with a date in it is text
_MIN_RUN = 3  # three signatures at a regular pace are a list of comments
_MAX_PACE = 12  # at most this many paragraphs from one signature to the next
_MIN_TEXT_BEFORE = 400  # characters of the article before the comments start
_MAX_SUMMARY_WORDS = 60  # a teaser's summary: a sentence or two
_PAIR_REACH = 2  # linked headline, summary, linked headline, summary: strictly in turn
_MIN_PAIRS = 2
_LEAD_IN_WORDS = 6  # "Comments (3)", "Have your say": the short line that heads the list


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    linked: bool  # mostly under links: navigation, not text


def is_stamp(text: str) -> bool:
    """A short line carrying a date or time: a comment's signature or an article's dateline."""
    return len(text.split()) <= _MAX_STAMP_WORDS and bool(_STAMP.search(text))


def comment_span(paragraphs: Sequence[Paragraph]) -> tuple[int, int] | None:
    """The paragraphs (start, end) that are a run of reader comments, or None.

    The run starts at the first stamp followed by at least two more at a regular pace, once the
    article has had some text; it starts earlier at a short lead-in line just above the first
    comment ("Comments", "3 responses"), and it takes in the comment after the last signature."""
    stamps = [i for i, paragraph in enumerate(paragraphs) if is_stamp(paragraph.text)]
    text_before = _running_text(paragraphs)
    for position, first in enumerate(stamps):
        if text_before[first] < _MIN_TEXT_BEFORE:
            continue
        run = [first]
        for later in stamps[position + 1 :]:
            if later - run[-1] > _MAX_PACE:
                break
            if _alike(paragraphs[first].text, paragraphs[later].text):
                run.append(later)
        if len(run) < _MIN_RUN:
            continue
        gaps = sorted(b - a for a, b in pairwise(run))
        start = _lead_in(paragraphs, first, gaps[len(gaps) // 2] + 1)
        # Text between the lead-in and the first signature: signatures close their comments.
        after = 0 if start < first - 1 else _trailing(paragraphs, run)
        end = min(len(paragraphs), run[-1] + 1 + after)
        return start, end
    return None


def _alike(a: str, b: str) -> bool:
    """Two signatures of one list: they begin or end alike ("Posted by: …", "… 8:21 pm",
    "… (6 days ago)"); an article's byline above its comments usually does neither."""
    words_a: list[str] = _WORD.findall(a.lower())
    words_b: list[str] = _WORD.findall(b.lower())
    if not words_a or not words_b:
        return False
    return words_a[0] == words_b[0] or words_a[-1] == words_b[-1]


def _running_text(paragraphs: Sequence[Paragraph]) -> list[int]:
    """Characters of unlinked text before each paragraph."""
    totals: list[int] = []
    total = 0
    for paragraph in paragraphs:
        totals.append(total)
        if not paragraph.linked:
            total += len(paragraph.text)
    return totals


def _lead_in(paragraphs: Sequence[Paragraph], first: int, pace: int) -> int:
    """Where the first comment starts: at a short heading line within one pace above its
    signature, else (a signature under its comment) one pace above it, else at the signature."""
    for index in range(first - 1, max(-1, first - pace - 1), -1):
        text = paragraphs[index].text
        if len(text.split()) <= _LEAD_IN_WORDS and not text.rstrip().endswith((".", "!", "?", '"')):
            return index
    return first


def _trailing(paragraphs: Sequence[Paragraph], run: list[int]) -> int:
    """How many paragraphs after the last signature belong to its comment (signatures above their
    comments): as many as most signatures are followed by."""
    gaps = sorted(b - a - 1 for a, b in pairwise(run))
    typical = gaps[len(gaps) // 2] if gaps else 0
    follows = 0
    last = run[-1]
    while follows < typical and last + 1 + follows < len(paragraphs):
        if is_stamp(paragraphs[last + 1 + follows].text):
            break
        follows += 1
    return follows


def teaser_summaries(paragraphs: Sequence[Paragraph]) -> set[int]:
    """The summaries of a list of other stories ("More headlines": a linked headline, then a
    sentence or two about it, again and again): the paragraphs to leave out.

    Linked lines alone already read as links; their summaries read as text unless seen in this
    pattern. One linked line before a paragraph is a link in the article; two pairs in a row
    are a list."""
    pairs = [
        index
        for index in range(1, len(paragraphs))
        if paragraphs[index - 1].linked
        and not paragraphs[index].linked
        and len(paragraphs[index].text.split()) <= _MAX_SUMMARY_WORDS
    ]
    dropped: set[int] = set()
    run: list[int] = []
    for index in pairs:
        if run and index - run[-1] > _PAIR_REACH:
            dropped.update(run if len(run) >= _MIN_PAIRS else [])
            run = []
        run.append(index)
    dropped.update(run if len(run) >= _MIN_PAIRS else [])
    return dropped
