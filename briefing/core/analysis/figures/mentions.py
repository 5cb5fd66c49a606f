"""Finding quantity mentions in text: a number with its currency, scale, unit and range partner.

Works on the raw text with regexes; what is *not* a figure (dates, times, ordinals, phone
numbers, numbers inside names) is decided in ``exclude.py`` with the NER spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .numbers import (
    NUMERAL,
    VAGUE,
    WRITTEN,
    WRITTEN_FRACTION,
    parse_fraction_words,
    parse_numeral,
    parse_vague,
    parse_written,
)
from .units import currency_before, per_after, scale_after, unit_after

Value = float | tuple[float, float]


@dataclass(slots=True)
class Mention:
    start: int  # the whole expression, currency and unit included
    end: int
    num_start: int  # the number itself
    num_end: int
    value: Value
    unit: str | None
    written: bool = False  # spelled out ("three") rather than a numeral
    scaled: bool = False  # carries a scale word ("million", "bn")
    plus: bool = False  # written with a leading "+"
    bounded: str | None = None  # "at most"/"at least" from a fused prefix such as "sub-7"
    excluded: str | None = None  # why this is not a figure, if it is not


_CORE_RE = re.compile(
    rf"\b(?P<vague>{VAGUE})|\b(?P<frac>{WRITTEN_FRACTION})\b|\b(?P<word>{WRITTEN})\b"
    rf"|(?<![\d.,])(?P<num>{NUMERAL})(?:\s?[x\u00d7]\s?10\s?[-\u2212]?\d+(?![\d]))?",
    re.IGNORECASE,
)
_SIGN_RE = re.compile(r"(?:(?<![A-Za-z])minus[\s-]?|(?<![\w.,])[-\u2212+])$", re.IGNORECASE)
_HYPHEN_PREFIX_RE = re.compile(
    r"(?<![A-Za-z])(sub|to|over|under|about|around|nearly|up|top|minus|now)-$", re.I
)
_TIME_AFTER_RE = re.compile(
    r"(?::\d)|\s?(?:am|pm|a\.m\.|p\.m\.|GMT|BST|EST|EDT|PST|PDT|ET|PT|UTC)(?![A-Za-z])"
)
_ORDINAL_AFTER_RE = re.compile(r"(?:st|nd|rd|th|s|'s)(?![A-Za-z])", re.IGNORECASE)
_FRACTION_RE = re.compile(r"\s?[/\u2044]\s?(\d+)(?![\d/])")
_US_AFTER_RE = re.compile(r"\s(?:US|U\.S\.)(?![A-Za-z])")
_OF_RE = re.compile(r"\s+of\s+")
_RANGE_GAP_RE = re.compile(r"\s*(?:-|\u2013|\u2014|to-?|and|or|through)\s*$", re.IGNORECASE)
_WORD_BEFORE_RE = re.compile(r"([A-Za-z]+)[^A-Za-z]*$")
_LOW_NAME_PREFIX = frozenset({"no", "nos", "number", "page", "pp", "vol", "chapter", "section", "article"})


def find_mentions(text: str) -> list[Mention]:
    """Every number-like expression in ``text``, with ranges merged; excluded ones are marked."""
    mentions: list[Mention] = []
    pos = 0
    for match in _CORE_RE.finditer(text):
        if match.start() < pos:
            continue
        mention = _read(text, match)
        if mention is None:
            continue
        mentions.append(mention)
        pos = mention.end
    return _merge_ranges(text, mentions)


def _read(text: str, match: re.Match[str]) -> Mention | None:
    start, end = match.span()
    written = match.group("num") is None
    value: Value
    if match.group("vague"):
        vague = parse_vague(match.group("vague"))
        if vague is None:
            return None
        value = vague
    elif match.group("frac"):
        fraction = parse_fraction_words(match.group("frac"))
        if fraction is None:
            return None
        value = fraction
    elif match.group("word"):
        word = parse_written(match.group("word"))
        if word is None:
            return None
        value = word
    else:
        numeral = parse_numeral(match.group(0))
        if numeral is None:
            return None
        value = numeral
    mention = Mention(start, end, start, end, value, None, written=written)

    # Left: sign, currency, what the number is glued to.
    left = start
    sign = _SIGN_RE.search(text[max(0, left - 6) : left])
    negative = False
    if sign and not written:
        token = sign.group(0).lower()
        if token.startswith(("minus", "-", "\u2212")):
            negative = True
        else:
            mention.plus = True
        left -= len(sign.group(0))
    currency = currency_before(text, left) if not isinstance(value, tuple) or written else None
    if currency is None and not written:
        currency = currency_before(text, start)
        if currency is not None:
            left = start
    if currency is not None:
        left, mention.unit = currency
        if not negative and not mention.plus:
            inner = _SIGN_RE.search(text[max(0, left - 2) : left])
            if inner and inner.group(0) == "+":
                mention.plus = True
                left -= 1
    elif not written and start > 0 and (text[start - 1].isalpha() or text[start - 1] == "-"):
        hyphen = _HYPHEN_PREFIX_RE.search(text[max(0, start - 7) : start])
        if hyphen is None and text[start - 1].isalpha():
            mention.excluded = "part of a name"
        elif hyphen is not None:
            prefix = hyphen.group(1).lower()
            if prefix == "minus":
                negative = True
            elif prefix in ("sub", "under"):
                mention.bounded = "at most"
            elif prefix == "over":
                mention.bounded = "at least"
            left = start if prefix != "minus" else start - len(hyphen.group(0))
        elif text[start - 1] == "-" and start > 1 and text[start - 2].isalpha():
            mention.excluded = "part of a name"
    if not written and start > 0 and text[start - 1] == "#":
        mention.excluded = "a rank or reference"
    if not written and start > 1 and text[start - 1] in ":/" and text[start - 2].isdigit():
        mention.excluded = "a time, date or score"
    before = _WORD_BEFORE_RE.search(text[max(0, left - 12) : left])
    if before and before.group(1).lower() in _LOW_NAME_PREFIX and text[left - 1 : left] in " .":
        mention.excluded = "a reference number"
    mention.start = left

    # Right: time, ordinal, fraction, scale, unit, rate.
    pos = end
    if not written:
        if _TIME_AFTER_RE.match(text, pos):
            mention.excluded = "a time"
        elif _ORDINAL_AFTER_RE.match(text, pos):
            mention.excluded = "an ordinal or a name"
        slash = _FRACTION_RE.match(text, pos)
        if slash:
            below = float(slash.group(1))
            if "\u2044" in slash.group(0) or _OF_RE.match(text, slash.end()):
                mention.value = float(value) / below if below and isinstance(value, float) else value
                pos = slash.end()
            else:
                mention.excluded = "a date or score"
    money = mention.unit is not None
    while True:
        scale = scale_after(text, pos, money)
        if scale is None or (written and not text[pos : scale[0]].strip().isalpha()):
            break
        pos, factor = scale
        mention.scaled = True
        mention.value = _times(mention.value, factor)
    if isinstance(mention.value, tuple) and _OF_RE.match(text, pos):
        of_end = _OF_RE.match(text, pos)
        assert of_end is not None
        unit = unit_after(text, of_end.end(), scaled=True)
        if unit is not None:
            pos, mention.unit = unit
    unit = unit_after(text, pos, scaled=mention.scaled or money) if mention.unit is None else None
    if unit is not None:
        pos, mention.unit = unit
    elif mention.unit is not None:
        us = _US_AFTER_RE.match(text, pos)
        if us:
            pos = us.end()
    if mention.unit is not None:
        per = per_after(text, pos)
        if per is not None:
            pos = per[0]
            mention.unit = f"{mention.unit} per {per[1]}"
    if not written and pos == end and pos < len(text) and text[pos].isalpha() and mention.excluded is None:
        mention.excluded = "a code or model name"
    if negative:
        mention.value = _times(mention.value, -1.0)
    mention.end = pos
    return mention


def _times(value: Value, factor: float) -> Value:
    if isinstance(value, tuple):
        return (value[0] * factor, value[1] * factor)
    return value * factor


_OUT_OF_RE = re.compile(r"\s+out\s+of\s+(?:every\s+)?$", re.IGNORECASE)


def _ratio(text: str, a: Mention, b: Mention) -> Mention | None:
    """ "one out of three" -> 1/3."""
    if a.unit or b.unit or isinstance(a.value, tuple) or isinstance(b.value, tuple) or not b.value:
        return None
    if not _OUT_OF_RE.fullmatch(text[a.end : b.start]) or a.value > b.value:
        return None
    return replace(a, end=b.end, num_end=b.num_end, value=a.value / b.value)


def _merge_ranges(text: str, mentions: list[Mention]) -> list[Mention]:
    merged: list[Mention] = []
    i = 0
    while i < len(mentions):
        first = mentions[i]
        if i + 1 < len(mentions):
            second = mentions[i + 1]
            joined = _join(text, first, second) or _ratio(text, first, second)
            if joined is not None:
                merged.append(joined)
                i += 2
                continue
        merged.append(first)
        i += 1
    return merged


_RANGE_CHANGE_WORDS = frozenset(
    [
        "by",
        "up",
        "down",
        "rose",
        "fell",
        "rise",
        "fall",
        "rises",
        "falls",
        "gained",
        "lost",
        "added",
        "cut",
        "jumped",
        "dropped",
        "climbed",
        "slid",
        "grew",
        "increased",
        "decreased",
        "declined",
    ]
)


def _join(text: str, a: Mention, b: Mention) -> Mention | None:
    if a.excluded or b.excluded or isinstance(a.value, tuple) or isinstance(b.value, tuple):
        return None
    gap = text[a.end : b.start]
    if len(gap) > 9 or not _RANGE_GAP_RE.fullmatch(gap):
        return None
    if _year_like(text, a) != _year_like(text, b):  # "in 2008 to 29 mpg"
        return None
    word = gap.strip().lower().rstrip("-")
    prev = _WORD_BEFORE_RE.search(text[max(0, a.start - 25) : a.start])
    prev_word = prev.group(1).lower() if prev else ""
    if word == "and" and prev_word != "between":
        return None
    if word == "or" and a.unit is not None:
        return None
    if a.unit is not None and b.unit is not None and a.unit != b.unit and not b.unit.startswith(a.unit):
        return None
    if a.unit is not None and b.unit is None and prev_word not in ("from", "between"):
        return None
    if a.unit is not None and (a.scaled or a.unit == b.unit) and prev_word in _RANGE_CHANGE_WORDS:
        return None
    lo, hi = float(a.value), float(b.value)
    if b.scaled and not a.scaled:
        # "$89 to $93 billion" shares the scale; "$200 to $4 million" does not.
        factor = _scale_of(text, b)
        if factor and lo <= hi / factor:
            lo *= factor
    return replace(
        a,
        end=b.end,
        num_end=b.num_end,
        value=(lo, hi),
        unit=b.unit or a.unit,
        scaled=a.scaled or b.scaled,
    )


def _year_like(text: str, m: Mention) -> bool:
    raw = text[m.num_start : m.num_end]
    return m.unit is None and len(raw) == 4 and raw.isdigit() and 1000 <= int(raw) <= 2199


def _scale_of(text: str, m: Mention) -> float | None:
    raw = parse_numeral(text[m.num_start : m.num_end]) if not m.written else None
    if raw is None:
        raw = parse_written(text[m.num_start : m.num_end])
    if not raw or isinstance(m.value, tuple):
        return None
    return float(m.value) / raw
