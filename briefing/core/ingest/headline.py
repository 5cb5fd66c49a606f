# ruff: noqa: RUF001, RUF002  (typographic quotes and dashes are the data here)
"""Splitting a clipped article's first line, "headline – attribution – source", into its parts.

The last segment is taken as the publication only when it looks like one
(a masthead word, a domain, "The ...", or the three-part clipping shape);
otherwise the whole line is the title, as in BBC headlines such as
"Choose hope over fear - Kennedy". Short middle segments naming who said it
("US official", "police sources") are wire-style attributions and are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SEPARATOR = re.compile(r"(\s+(?:[–—|]|-{1,2}|::)\s+)")

_MASTHEAD_WORDS = frozenset(
    [
        "post",
        "times",
        "news",
        "journal",
        "herald",
        "tribune",
        "guardian",
        "telegraph",
        "independent",
        "gazette",
        "daily",
        "press",
        "reuters",
        "bloomberg",
        "economist",
        "magazine",
        "review",
        "observer",
        "mail",
        "express",
        "mirror",
        "standard",
        "chronicle",
        "globe",
        "insider",
        "wire",
        "online",
        "today",
        "weekly",
        "monitor",
        "register",
        "radio",
        "tv",
        "television",
        "network",
        "media",
        "bbc",
        "cnn",
        "npr",
        "afp",
        "ap",
        "upi",
        "abc",
        "cbs",
        "nbc",
        "msnbc",
        "fox",
        "sky",
        "jazeera",
        "politico",
        "axios",
        "wsj",
        "ft",
        "agency",
        "broadcasting",
        "courier",
        "sentinel",
        "dispatch",
        "examiner",
        "inquirer",
        "bulletin",
        "reporter",
        "enquirer",
        "mercury",
        "argus",
        "advertiser",
        "forbes",
        "fortune",
        "haaretz",
        "ynetnews",
        "cbc",
        "rte",
        "dw",
        "france24",
        "euronews",
        "xinhua",
        "tass",
        "kyodo",
        "yonhap",
        "hindu",
        "aljazeera",
        "vox",
        "slate",
        "wired",
        "verge",
        "atlantic",
        "quartz",
        "newsweek",
        "time",
        "guardian",
        "pbs",
        "itv",
        "cnbc",
        "nikkei",
        "spiegel",
        "monde",
        "kompas",
        "straits",
    ]
)
_ATTRIBUTION_WORDS = frozenset(
    [
        "official",
        "officials",
        "source",
        "sources",
        "report",
        "reports",
        "minister",
        "ministry",
        "police",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "says",
        "said",
        "analyst",
        "analysts",
        "president",
        "pm",
        "chief",
        "aide",
        "aides",
        "witness",
        "witnesses",
        "diplomats",
        "diplomat",
        "military",
        "army",
        "government",
        "statement",
        "media",
    ]
)
_LINK_WORDS = frozenset({"of", "the", "and", "&", "for", "on", "in", "de", "la", "du", "der", "al", "el"})
_DOMAIN = re.compile(
    r"^[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|co|uk|au|ca|in|io|news|info|de|fr|ie|nz|za)$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Headline:
    title: str
    source: str | None


def _words(segment: str) -> list[str]:
    return re.findall(r"[\w&'’.-]+", segment)


def _title_cased(segment: str, max_words: int = 7) -> bool:
    words = _words(segment)
    if not words or len(words) > max_words or segment.rstrip()[-1:] in ".!?,;:":
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _LINK_WORDS for w in words)


def looks_like_publication(segment: str, *, clipping_shape: bool = False) -> bool:
    """Whether ``segment`` reads as a publication name rather than a speaker or a phrase."""
    segment = segment.strip()
    if _DOMAIN.match(segment):
        return True
    if not _title_cased(segment):
        return False
    lowered = {w.lower().strip(".") for w in _words(segment)}
    if lowered & _MASTHEAD_WORDS:
        return True
    if segment.startswith("The ") and len(_words(segment)) >= 2:
        return True
    return clipping_shape


def _is_attribution(segment: str) -> bool:
    words = _words(segment)
    if not words or len(words) > 5:
        return False
    if {w.lower() for w in words} & _ATTRIBUTION_WORDS:
        return True
    return _title_cased(segment, max_words=3)


def split_headline(line: str) -> Headline:
    """``line`` as a title and, where the line names one, a source."""
    line = " ".join(line.split())
    pieces = _SEPARATOR.split(line)  # segment, separator, segment, ...
    parts, separators = pieces[0::2], pieces[1::2]
    if len(parts) < 2 or not all(p.strip() for p in parts):
        return Headline(line, None)
    last = parts[-1].strip()
    if not looks_like_publication(last, clipping_shape=len(parts) >= 3):
        return Headline(line, None)
    title = parts[0].strip()
    for separator, part in zip(separators[:-1], parts[1:-1], strict=True):
        if not _is_attribution(part):
            title += separator + part.strip()
    return Headline(title, last)
