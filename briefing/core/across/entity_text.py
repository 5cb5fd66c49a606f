"""Whether a text names an entity, and the sentence around a mention (for entity pages)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.core.analysis.canonical import ALIASES, initials, name_key, without_honorific

MAX_SENTENCE_CHARS = 300

_WORD = re.compile(r"[^\W_][\w.'\u2019&-]*")
# A sentence ends at . ! or ? and a space, but not after an initial ("U.S.", "J. Smith") or "Mr."
_SENTENCE_END = re.compile(
    r"(?<![\s.][A-Z])(?<!\.[a-z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)[.!?][\"'\u201d\u2019)]*\s+|\n\s*\n"
)


def naming_keys(name: str, label: str, aliases: Sequence[str]) -> frozenset[str]:
    """Name keys a text naming this entity would show: its names, a person's surname, acronyms."""
    keys: set[str] = set()
    for written in (name, *aliases):
        keys.add(name_key(written))
        if label == "PERSON":
            tokens = without_honorific(written).split()
            if len(tokens) > 1 and len(tokens[-1]) > 2:
                keys.add(name_key(tokens[-1]))
        elif label == "ORG":
            letters = initials(written)
            if len(letters) > 1:
                keys.add(name_key(letters))
    names = {name, *aliases}
    keys |= {key for key, target in ALIASES.items() if target in names}
    keys.discard("")
    return frozenset(keys)


def names_any(text: str, keys: frozenset[str], longest: int = 5) -> bool:
    """Whether ``text`` names one of ``keys`` (capitalised words, up to ``longest`` of them in a row)."""
    flat = name_key(text)
    if not any(key in flat for key in keys):
        return False
    words = _WORD.findall(text)
    for i, word in enumerate(words):
        if not word[0].isupper() and not word[0].isdigit():
            continue
        for n in range(1, min(longest, len(words) - i) + 1):
            phrase = " ".join(words[i : i + n])
            for suffix in ("'s", "\u2019s"):
                if phrase.endswith(suffix):
                    phrase = phrase[: -len(suffix)]
            if name_key(phrase) in keys:
                return True
    return False


def sentence_at(text: str, offset: int) -> str | None:
    """The sentence of ``text`` around ``offset``, on one line, shortened if long."""
    if not 0 <= offset < len(text):
        return None
    begin = 0
    for match in _SENTENCE_END.finditer(text, max(0, offset - 2000), offset):
        begin = match.end()
    end_match = _SENTENCE_END.search(text, offset)
    end = end_match.start() + 1 if end_match else len(text)
    sentence = " ".join(text[begin:end].split())
    if len(sentence) > MAX_SENTENCE_CHARS:
        cut = sentence.rfind(" ", 0, MAX_SENTENCE_CHARS)
        sentence = sentence[: cut if cut > 0 else MAX_SENTENCE_CHARS] + " …"
    return sentence or None
