# ruff: noqa: RUF001  (typographic quotes and dashes are the data here)
"""Web-clipping debris: ad markers, "read more" links, photo captions and credits.

Each rule removes a whole line or a clearly delimited tail, so real sentences
that merely mention advertising or photos stay.
"""

from __future__ import annotations

import re

# Paragraphs that are nothing but debris.
_LONE = re.compile(
    r"""^(?:
        advertis(?:ing|ement)s?
      | sponsored(?:\ content)?
      | (?:story|article)\ continues\ (?:below|after\ (?:this\ )?advertisement)(?:\ advertisement)?
      | continue\ reading(?:\ (?:below|the\ main\ story))?
      | scroll\ (?:down\ )?to\ continue(?:\ with\ content)?
      | read\ (?:more|also|next|the\ full\ story)(?:\ ?[:»>›.…-].{0,120})?
      | (?:also\ read|see\ also|related(?:\ articles?|\ stories|\ coverage)?)\ ?[:»>›-]?.{0,120}
      | share(?:\ (?:this|on)\ .{0,40})?
      | click\ here\ .{0,80}
      | (?:photo|photograph|picture|image|video|graphic)s?\ ?(?:credit)?\ ?:.{0,160}
      | (?:credit|source)\ ?:.{0,80}
      | getty\ images|\[?(?:photo|image)\]?
      | \((?:photo|picture|image|source|credit)s?\ ?(?:by|:)[^()]{1,160}\)
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Titles of short "Read more"/"Related" lines only: a real paragraph is longer.
_LONE_MAX_WORDS = 24

_GLUED_AD = re.compile(r"(?<=[.!?\"”’)])\s+(?:Advertising|Advertisement|ADVERTISEMENT|ADVERTISING)\s*$")
_LEADING_AD = re.compile(r"^(?:ADVERTISEMENT|ADVERTISING)\s+(?=\S)")

# A caption's credit: "(Source: NAME /Agency)", "(Photo: ...)", "(Photo by ...)".
_CREDIT = re.compile(
    r"\s*\((?:source|photo(?:graph)?|picture|image|credit|photo\ credit)s?\ ?(?:by\ |:\ ?)[^()]{1,160}\)",
    re.IGNORECASE | re.VERBOSE,
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "rep",
        "sen",
        "gov",
        "pres",
        "jr",
        "sr",
        "inc",
        "co",
        "corp",
        "ltd",
        "no",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
        "approx",
        "dept",
        "est",
        "fig",
    ]
)


def is_debris(paragraph: str) -> bool:
    text = paragraph.strip()
    if len(text.split()) > _LONE_MAX_WORDS:
        return False
    return bool(_LONE.match(text))


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at ``dot`` ends an abbreviation rather than a sentence."""
    start = dot
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    word = text[start:dot].strip("\"'“‘(")
    if re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", word):  # U.S, U.N, J (initials)
        return True
    return word.lower() in _ABBREVIATIONS


def _sentence_start_before(text: str, end: int) -> int:
    """Start of the sentence that ends at ``end`` (the last sentence of ``text[:end]``)."""
    start = 0
    for match in _SENTENCE_END.finditer(text, 0, end):
        if match.end() >= end:
            break
        if not _is_abbreviation(text, match.start()):
            start = match.end()
    return start


def strip_captions(paragraph: str, captions: list[str] | None = None) -> str:
    """Remove photo captions glued into a paragraph: the sentence before a credit, and the credit.

    A credit counts only after a sentence's end ("... 2020. (Source: X)"); inside a
    sentence ("the report (Source: WHO) said") it is a citation and stays. The
    caption sentences removed are appended to ``captions`` when it is given.
    """
    text = paragraph
    while True:
        for match in _CREDIT.finditer(text):
            before = text[: match.start()].rstrip()
            after = text[match.end() :]
            if before and before[-1] not in '.!?"”’':
                continue
            if after.strip() and not re.match(r"\s*[\"“‘(\[]?[A-Z0-9]", after):
                continue
            start = _sentence_start_before(before, len(before)) if before else 0
            caption = before[start:].strip()
            if captions is not None and caption:
                captions.append(caption)
            text = (text[:start].rstrip() + " " + after.lstrip()).strip()
            break
        else:
            return text


def clean_paragraphs(paragraphs: list[str], captions: list[str] | None = None) -> list[str]:
    """Paragraphs without debris; paragraphs left empty are dropped.

    Photo captions cut out of the flow are kept in ``captions`` (when given):
    they are not article text, but what they name is still worth showing.
    """
    cleaned: list[str] = []
    for paragraph in paragraphs:
        if is_debris(paragraph):
            continue
        text = strip_captions(paragraph, captions)
        text = _GLUED_AD.sub("", text)
        text = _LEADING_AD.sub("", text).strip()
        if text and not is_debris(text):
            cleaned.append(text)
    return cleaned
