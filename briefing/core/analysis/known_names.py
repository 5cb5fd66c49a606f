"""Known names and kinds of names the model gets wrong.

- The model never tags some names of armed groups (it has not seen them); the names in
  ``patterns.KNOWN_ORGS`` are organisations wherever they stand as a whole word, written
  with or without apostrophes ("Da'esh") and in capitals ("DAESH"). Names that are also
  people's names ("Wagner") are left to the model.
- A name ending in a kind of event is the event ("the Davis Cup", "the Commonwealth Games"),
  one ending in a kind of meeting series is the body that convenes it ("the Manama Dialogue",
  "the G-20 Interfaith Conference"), never a place or a facility.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from briefing.core.analysis.patterns import KNOWN_ORGS

# Known organisations whose name is also a surname or a common word: only the model's reading counts.
_NOT_SCANNED = frozenset({"Wagner", "Pentagon", "Kremlin", "White House"})
_APOSTROPHE = "['\u2019]?"


def _spelling(name: str) -> str:
    """A pattern for ``name`` with an apostrophe allowed between its letters ("Da'esh" for "Daesh")."""
    return _APOSTROPHE.join(re.escape(c) if c != " " else r"[ \t]+" for c in name)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    names = sorted((n for n in KNOWN_ORGS if n not in _NOT_SCANNED), key=len, reverse=True)
    spellings = [_spelling(n) for n in names] + [_spelling(n.upper()) for n in names if not n.isupper()]
    return re.compile(r"(?<![\w\-'\u2019])(?:" + "|".join(spellings) + r")(?![\w\-])")


def known_org_spans(text: str, taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of known organisations' names in ``text`` that overlap none of ``taken``."""
    out: list[tuple[int, int]] = []
    for match in _pattern().finditer(text):
        start, end = match.span()
        if not any(s < end and start < e for s, e in taken):
            out.append((start, end))
    return out


EVENT_LAST_WORDS = frozenset(
    {"Cup", "Games", "Olympics", "Olympiad", "Festival", "Championship", "Championships", "Summit"}
)
MEETING_LAST_WORDS = frozenset({"Conference", "Forum", "Dialogue"})


class KindMention(Protocol):
    label: str
    name: str
    forced: bool


def kinds_by_last_word(mentions: Sequence[KindMention]) -> None:
    """Events and meeting series by their last word (see the module's docstring)."""
    for m in mentions:
        words = m.name.split()
        if len(words) < 2 or m.label in ("DATE", "NORP"):
            continue
        if words[-1] in EVENT_LAST_WORDS and m.label != "EVENT":
            m.label, m.forced = "EVENT", True
        elif words[-1] in MEETING_LAST_WORDS and m.label in ("FAC", "GPE", "LOC", "PERSON"):
            m.label, m.forced = "ORG", True
