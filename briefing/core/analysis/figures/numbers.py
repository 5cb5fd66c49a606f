"""Numbers as written in news text: numerals, separators, scale words and written-out numbers."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "lakh": 1e5, "million": 1e6, "crore": 1e7, "billion": 1e9,
    "trillion": 1e12,
}  # fmt: skip
# Abbreviated scales fused to a numeral or after it: "1.13bn", "£600m", "$4.3 mln".
SCALE_ABBREVIATIONS = {
    "k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "mn": 1e6, "mln": 1e6, "mio": 1e6,
    "b": 1e9, "B": 1e9, "bn": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12, "T": 1e12,
}  # fmt: skip
FRACTIONS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
}

_ATOM = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_SCALE = "|".join(SCALES)
_WORD = rf"(?:(?:{_ATOM})(?:-(?:{'|'.join(list(UNITS)[1:10])}))?|{_SCALE}|dozen)"

NUMERAL = r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+"
# A written number: "three", "twenty-five", "one hundred and five", "a dozen", "half a million".
WRITTEN = (
    rf"(?:(?:half\s+an?|an?)\s+(?=(?:{_SCALE}|dozen)\b))?{_WORD}"
    rf"(?:(?:\s+and\s+|[\s-]+)(?=(?:{_ATOM}|{_SCALE}|dozen)\b){_WORD})*"
)
# Plural scale words make vague amounts: "dozens of", "tens of thousands", "millions of".
_BIG = "|".join(list(SCALES)[2:])
VAGUE = rf"(?:tens\s+of\s+|hundreds\s+of\s+)?(?:dozens|hundreds|thousands|(?:{_BIG})s)(?=\s+of\b)"
WRITTEN_FRACTION = r"(?:an?|one|two|three|four)[\s-](?:half|halves|thirds?|quarters?|fifths?)"

_SEP_RE = re.compile(r"[,\s]")
_SCI_RE = re.compile(r"^(\d+(?:\.\d+)?)\s?[x\u00d7]\s?10\s?([-\u2212]?\d+)$")


def parse_numeral(text: str) -> float | None:
    """``"2,500"`` -> 2500.0, ``".001"`` -> 0.001, ``"1.99x10-30"`` -> 1.99e-30; None if not a numeral."""
    text = text.strip()
    sci = _SCI_RE.match(text)
    if sci:
        return float(sci.group(1)) * 10.0 ** int(sci.group(2).replace("\u2212", "-"))
    try:
        return float(_SEP_RE.sub("", text))
    except ValueError:
        return None


def parse_written(text: str) -> float | None:
    """``"twenty-five"`` -> 25, ``"one hundred and five"`` -> 105, ``"half a million"`` -> 5e5."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if not words:
        return None
    factor = 1.0
    if words[0] == "half":
        factor, words = 0.5, words[1:]
        if words and words[0] in ("a", "an"):
            words = words[1:]
    elif words[0] in ("a", "an"):
        words = ["one", *words[1:]]
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0.0
        else:
            return None
        seen = True
    if not seen:
        return None
    return (total + current) * factor


def parse_fraction_words(text: str) -> float | None:
    """``"two-thirds"`` -> 0.667, ``"a quarter"`` -> 0.25."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w]
    if len(words) != 2 or words[1] not in FRACTIONS:
        return None
    top = 1 if words[0] in ("a", "an") else UNITS.get(words[0])
    if top is None:
        return None
    return top / FRACTIONS[words[1]]


def parse_vague(text: str) -> tuple[float, float] | None:
    """``"thousands"`` -> (1e3, 1e4), ``"tens of millions"`` -> (1e7, 1e8), ``"dozens"`` -> (12, 120)."""
    words = text.lower().split()
    head = words[-1]
    base = 12.0 if head == "dozens" else SCALES.get(head[:-1])
    if base is None:
        return None
    if words[0] == "tens":
        base *= 10
    elif words[0] == "hundreds" and len(words) > 1:
        base *= 100
    return (base, base * 10)


def parse_number(text: str) -> float | None:
    """Any single number as written: numeral, numeral with scale, written number or fraction.

    ``"2.5 million"`` -> 2.5e6, ``"1.2bn"`` -> 1.2e9, ``"a dozen"`` -> 12, ``"-3"`` -> -3,
    ``"3/4"`` -> 0.75, ``"two-thirds"`` -> 0.667.
    """
    text = text.strip()
    sign = 1.0
    low = text.lower()
    for prefix in ("minus ", "minus-", "-", "\u2212"):
        if low.startswith(prefix):
            sign, text, low = -1.0, text[len(prefix) :].strip(), low[len(prefix) :].strip()
            break
    frac = re.fullmatch(r"(\d+)\s?[/\u2044]\s?(\d+)", text)
    if frac:
        below = float(frac.group(2))
        return sign * float(frac.group(1)) / below if below else None
    match = re.fullmatch(rf"({NUMERAL})\s?-?\s?([A-Za-z]+)?", text)
    if match:
        value = parse_numeral(match.group(1))
        scale_word = match.group(2)
        if value is None:
            return None
        if scale_word is None:
            return sign * value
        scale = SCALES.get(scale_word.lower(), SCALE_ABBREVIATIONS.get(scale_word))
        return sign * value * scale if scale else None
    numeral_then_words = re.fullmatch(rf"({NUMERAL})\s+((?:(?:{_SCALE})\s*)+)", low)
    if numeral_then_words:
        value = parse_numeral(numeral_then_words.group(1))
        if value is None:
            return None
        for word in numeral_then_words.group(2).split():
            value *= SCALES[word]
        return sign * value
    fraction = parse_fraction_words(low)
    if fraction is not None:
        return sign * fraction
    written = parse_written(low)
    return None if written is None else sign * written
