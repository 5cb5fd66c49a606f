# ruff: noqa: RUF001, RUF002  (typographic quotes and dashes are the data here)
"""What a line of a page is about: the "telling" words it shares with the article's opening.

A page's title is "Headline - Section - Site" in any order, its printed lines mix the headline with
navigation, bylines and captions; the headline is the line whose telling words (four letters or
more, not function words, cut to a six-letter stem) the text's other opening paragraphs use. Shared
by the PDF reader (printed lines) and the saved-page reader (the title's parts).
"""

from __future__ import annotations

import re

from briefing.core.ingest.headline import looks_like_publication

TITLE_SEPARATOR = re.compile(r"\s+(?:--|[-–—|»:>])\s+|\s*[|»]\s*|::|_(?=[A-Z])")
_APOSTROPHE = re.compile(r"(?<=\w)[’'](?=\w)")
_LEAD_WORDS = 200  # the article's opening, which its headline is about
_RELATED = 0.5  # share of a line's longer words the opening uses: the line is about the article
LONG_WORD = 4  # letters: shorter words ("the", "of", "in") say nothing about what a line is about
STRONG = 2  # telling words shared with the text: a line surely about the article
_STEM = 6  # letters compared: "defends" and "defended" are one word here
# English words of four letters or more that say nothing about what a line is about.
_FUNCTION_WORDS = frozenset(
    {
        "about",
        "above",
        "after",
        "again",
        "against",
        "also",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "could",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "from",
        "further",
        "have",
        "having",
        "here",
        "into",
        "itself",
        "just",
        "more",
        "most",
        "much",
        "must",
        "only",
        "other",
        "ours",
        "over",
        "same",
        "should",
        "some",
        "such",
        "than",
        "that",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "under",
        "until",
        "upon",
        "very",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "whom",
        "will",
        "with",
        "would",
        "your",
        "yours",
        "says",
        "said",
        "told",
        "like",
        "make",
        "made",
        "many",
        "well",
        "back",
        "still",
        "even",
    }
)


def words(text: str) -> list[str]:
    """Words: "typhoon_English_Xinhua" is three; "Pakistan’s" is one, as a title may spell it
    "Pakistans"."""
    return re.findall(r"[^\W_]+", _APOSTROPHE.sub("", text.lower()))


def telling(text: str) -> set[str]:
    """The words that say what a line is about, cut to a common stem ("defends", "defended")."""
    return {
        word[:_STEM]
        for word in words(text)
        if (len(word) >= LONG_WORD and word not in _FUNCTION_WORDS) or (word.isdigit() and len(word) > 1)
    }


def opening(paragraphs: list[str]) -> list[tuple[str, set[str]]]:
    """The text's opening paragraphs, each with the words that say what it is about."""
    opening: list[tuple[str, set[str]]] = []
    count = 0
    for paragraph in paragraphs:
        if count >= _LEAD_WORDS:
            break
        opening.append((key(paragraph), telling(paragraph)))
        count += len(paragraph.split())
    return opening


def key(text: str) -> str:
    return " ".join(words(text))


def shared(text: str, lead: list[tuple[str, set[str]]]) -> tuple[int, float]:
    """How many of the line's telling words the article's opening uses (its other paragraphs:
    a byline or caption the extraction kept is not evidence for itself), and what share."""
    told = telling(text)
    if not told:
        return 0, 0.0
    line = key(text)
    used = set().union(*(said for other, said in lead if other != line)) if lead else set()
    found = len(told & used)
    return found, found / len(told)


def relatedness(text: str, lead: list[tuple[str, set[str]]]) -> float:
    """The share of the line's telling words that the article's opening uses."""
    return shared(text, lead)[1]


def about_text(text: str, lead: list[tuple[str, set[str]]]) -> bool:
    found, share = shared(text, lead)
    return found >= 2 or (found >= 1 and share >= _RELATED)


def title_part_about(
    title: str, lead: list[tuple[str, set[str]]], *, surely: bool = True
) -> tuple[str, str | None] | None:
    """The one part of a "Site - Section | Headline" title that the text is about, when the
    others are not about it at all; not ``surely``: the one part more about it than the others."""
    parts = [part.strip() for part in TITLE_SEPARATOR.split(title) if part.strip()]
    if len(parts) < 2:
        return None
    found = [shared(part, lead)[0] for part in parts]
    best = max(range(len(parts)), key=lambda index: found[index])
    others = [index for index in range(len(parts)) if index != best]
    if surely and (found[best] < STRONG or any(2 * found[index] >= found[best] for index in others)):
        return None
    if not surely and (found[best] < 1 or any(found[index] >= found[best] for index in others)):
        return None
    shape = len(others) == 1  # "Headline - Site", the clipping's shape
    sites = [parts[index] for index in others if looks_like_publication(parts[index], clipping_shape=shape)]
    return parts[best], sites[-1] if sites else None  # the site's name ends a title more often
