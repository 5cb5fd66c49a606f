"""Places that are places: names a kind of place introduces, and known places said as places.

"the Syrian town of Dabiq", "the port city of Tartus", "the province of Latakia": the name
after "<kind of place> of" is that kind of place, whatever the model called it (an
organisation, a person). A name the model took for an organisation that the gazetteer
knows as a place and that the sentence says as a place ("advances around Manbij") is
the place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Protocol

from briefing.core.analysis import gazetteer
from briefing.core.analysis.patterns import KNOWN_ORGS, ORG_LAST_WORDS, PLACE_HEADS

# "<kind of place> of" right before a name ("the town of", "the port city of").
_HEAD_OF = re.compile(
    r"\b(" + "|".join(sorted(PLACE_HEADS, key=len, reverse=True)) + r")[ \t]+of[ \t]+(?:the[ \t]+)?$",
    re.IGNORECASE,
)
_LOOK_BACK = 40


class PlaceMention(Protocol):
    start: int
    end: int
    label: str
    name: str
    forced: bool


def _is_org_name(name: str) -> bool:
    """A known organisation, or a name with an organisation's word in it ("University of Texas")."""
    words = name.split()
    return name in KNOWN_ORGS or (len(words) > 1 and any(w.rstrip(".,") in ORG_LAST_WORDS for w in words))


def place_after_head(text: str, start: int) -> str | None:
    """The label of a name at ``start`` that "<kind of place> of" introduces, or None."""
    match = _HEAD_OF.search(text, max(0, start - _LOOK_BACK), start)
    if match is None:
        return None
    return PLACE_HEADS[match.group(1).lower()]


def places_after_heads(text: str, mentions: Sequence[PlaceMention]) -> None:
    """Names introduced by a kind of place are that place: "the Syrian town of Dabiq" (forced)."""
    for m in mentions:
        if m.label in ("GPE", "LOC", "DATE") or _is_org_name(m.name):
            continue
        label = place_after_head(text, m.start)
        if label is not None:
            m.label, m.forced = label, True


def known_places_said_as_places[M: PlaceMention](
    text: str, mentions: Sequence[M], said_as_place: Callable[[str, M], bool]
) -> None:
    """An "organisation" the gazetteer knows as a place, said as a place ("around Manbij"), is the place."""
    for m in mentions:
        if m.forced or m.label != "ORG" or _is_org_name(m.name):
            continue
        kind = gazetteer.place_kind(m.name)
        if kind is None or not said_as_place(text, m):
            continue
        m.label, m.forced = ("LOC" if kind in ("region", "continent") else "GPE"), True
