"""What looks like a number but is no figure: dates, years, times, ordinals, phone numbers, names."""

from __future__ import annotations

import re

from .context import Sentence
from .lexicon import (
    AUXILIARIES,
    CONJUNCTIONS,
    DETERMINERS,
    FUNCTION_WORDS,
    PREPOSITIONS,
    PRONOUNS,
    STREET_WORDS,
    TIME_WORDS,
    is_verb,
)
from .mentions import Mention
from .units import TIME_UNITS, kind

# Entity labels whose numbers belong to a name ("Boeing 747", "G8", "FTSE 100").
NAME_LABELS = frozenset(
    {"ORG", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "FAC", "PERSON", "GPE", "LOC", "NORP", "LANGUAGE"}
)
_PHONE_RE = re.compile(
    r"(?<![\d.,])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)[\s.-]?\d{3,4}[\s.-]?\d{3,4}"
    r"|\d{3,5}[\s.-]\d{3,4}[\s.-]\d{3,4})(?![\d,])"
)
_YEAR_BEFORE = frozenset(
    [
        "in",
        "since",
        "of",
        "by",
        "from",
        "until",
        "till",
        "to",
        "between",
        "and",
        "the",
        "early",
        "late",
        "mid",
        "year",
        "fiscal",
        "season",
        "summer",
        "winter",
        "spring",
        "autumn",
        "fall",
        "circa",
        "during",
        "before",
        "after",
        "around",
        "'s",
        "\u2019s",
    ]
)
_ONE_BEFORE = DETERMINERS | frozenset(
    {"no", "any", "every", "each", "which", "what", "same", "little", "only"}
)
# A bare number after these is a rank, level or reference, not a quantity ("category 4", "Unit 3").
_RANK_WORDS = frozenset(
    [
        "category",
        "level",
        "grade",
        "stage",
        "phase",
        "type",
        "class",
        "tier",
        "version",
        "round",
        "game",
        "channel",
        "no",
        "nos",
        "number",
        "page",
        "chapter",
        "section",
        "article",
        "unit",
        "room",
        "gate",
        "platform",
        "route",
        "flight",
        "row",
        "seat",
        "episode",
        "part",
        "vol",
        "volume",
        "act",
        "verse",
        "paragraph",
        "item",
        "exhibit",
        "figure",
        "fig",
        "table",
        "appendix",
        "division",
        "league",
        "rank",
        "ranked",
        "no.",
        "pp",
        "p.",
    ]
)
_FRACTION_WORD_RE = re.compile(r"(?:half|halves|thirds?|quarters?|fifths?)$", re.IGNORECASE)
_BARE_SCALES = frozenset({"hundred", "thousand", "million", "billion", "trillion", "dozen", "lakh", "crore"})


def phone_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PHONE_RE.finditer(text)]


def exclusion(m: Mention, text: str, sent: Sentence, phones: list[tuple[int, int]]) -> str | None:
    """Why ``m`` is not a figure, or None if it is one."""
    if m.excluded:
        return m.excluded
    i = sent.first_at(m.num_start)
    if i >= len(sent):
        return "outside the sentence"
    label = sent.ents[i]
    family = kind(m.unit)
    plain = m.unit is None and not m.scaled
    long_number = len(text[m.num_start : m.num_end].replace(",", "")) >= 5
    if label in ("DATE", "TIME") and family == "count" and not long_number:
        return "a date or time"
    if label == "ORDINAL" and plain:
        return "an ordinal"
    if label in NAME_LABELS and plain and not m.written:
        return "part of a name"
    if any(s <= m.num_start < e for s, e in phones):
        return "a phone number"
    chunk_start = text.rfind(" ", 0, m.start) + 1
    chunk_end = text.find(" ", m.end)
    chunk = text[chunk_start : m.start] + " " + text[m.end : chunk_end if chunk_end >= 0 else len(text)]
    if "@" in chunk or "://" in chunk or "www." in chunk or re.search(r"[A-Za-z]/|/[A-Za-z]", chunk):
        return "part of an address"
    nxt = sent.after(m.num_end)
    if not m.written and m.unit is None and _street_address(sent, nxt):
        return "an address"
    if m.unit in TIME_UNITS and text[m.num_end : m.num_end + 1] == "-" and _modifies_noun(sent, m, text):
        return "a duration used as an adjective"
    if isinstance(m.value, tuple) and m.unit is None:
        low, high = m.value
        if all(v.is_integer() and 1000 <= v <= 2199 for v in m.value) and "," not in text[m.start : m.end]:
            return "a span of years"
        if low == high:
            return "a score or tie"
    if not plain or isinstance(m.value, tuple):
        return None
    raw = text[m.num_start : m.num_end]
    prev = sent.lower[i - 1] if i > 0 else ""
    next_low = sent.lower[nxt] if nxt < len(sent) else ""
    if not m.written and _year_like(raw) and not _counted(sent, nxt, prev):
        return "a year"
    if (
        not m.written
        and len(raw) >= 5
        and raw.isdigit()
        and not (sent.is_word(nxt) and sent.words[nxt].islower())
    ):
        return "a code or identifier"
    if not m.written and i > 0 and _names_it(sent, i):
        return "part of a name"
    if not m.written and prev in _RANK_WORDS:
        return "a rank, level or reference"
    if m.written and _FRACTION_WORD_RE.search(raw) and not re.match(r"\s+of\b", text[m.end : m.end + 5]):
        return "a count of periods, not a fraction"
    if m.written and raw.lower() in _BARE_SCALES:
        return "a bare scale word"
    if m.written and text[m.end : m.end + 1] == "-":
        return "part of a compound word"
    if m.written and raw.lower() == "one" and sent.is_word(nxt) and sent.words[nxt][:1].isdigit():
        return "an article before a figure"
    if m.written and raw.lower() == "one":
        if prev in _ONE_BEFORE or not sent.is_word(nxt):
            return "a pronoun"
        if next_low in PRONOUNS or next_low in AUXILIARIES or next_low in CONJUNCTIONS:
            return "a pronoun"
        if next_low in ("another", "day", "time", "way", "thing", "or", "by"):
            return "an idiom"
    return None


def _year_like(raw: str) -> bool:
    return len(raw) == 4 and raw.isdigit() and 1000 <= int(raw) <= 2199


def _modifies_noun(sent: Sentence, m: Mention, text: str) -> bool:
    """ "a five-year $700000 award", "a two-month contract" (but not "after a five-year, ... journey")."""
    k = sent.after(m.end)
    return k < len(sent) and (sent.words[k][:1].isalnum() or sent.words[k] in "$£€")


def _counted(sent: Sentence, nxt: int, prev: str) -> bool:
    """A four-digit number followed by a counted noun ("1500 people") rather than a year."""
    if prev in _YEAR_BEFORE or nxt >= len(sent):
        return False
    word = sent.words[nxt]
    low = sent.lower[nxt]
    return (
        word.isalpha()
        and word[0].islower()
        and low not in PREPOSITIONS
        and low not in CONJUNCTIONS
        and low not in TIME_WORDS
        and low not in AUXILIARIES
        and not is_verb(word)
    )


def _names_it(sent: Sentence, i: int) -> bool:
    """A bare number right after a capitalised word is usually part of a name ("Game 7", "FTSE 100")."""
    word = sent.words[i - 1]
    if sent.ends[i - 1] != sent.starts[i] - 1:
        return False
    mixed = any(c.isdigit() for c in word) and any(c.isalpha() for c in word)
    if not any(c.isupper() for c in word) and not mixed:
        return False
    low = word.lower()
    return low not in FUNCTION_WORDS and not (i - 1 == 0 and low in ("some", "about", "over"))


def _street_address(sent: Sentence, nxt: int) -> bool:
    """ "575 Wilbraham Road", "9 E 71st St", "22 Ave Foch", "16-18 Industrial Avenue"."""
    for k in range(nxt, min(nxt + 4, len(sent))):
        word = sent.words[k]
        low = sent.lower[k].rstrip(".")
        if not (word[:1].isupper() or (word[:1].isdigit() and low.endswith(("st", "nd", "rd", "th")))):
            return False
        if low in STREET_WORDS and (
            k > nxt or low not in ("st", "sq", "pl", "dr", "ct", "close", "way", "place")
        ):
            return True
    return False
