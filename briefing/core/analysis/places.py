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
from briefing.core.analysis.canonical import full_person_name
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
    """An "organisation" the gazetteer knows as a place, said as a place ("around Manbij"), is the place.

    Every mention of the name must be said as a place ("investors in Google" beside "search-engine
    Google" is the company), and not only by an alternate name unlike the city's own (GeoNames
    lists "Google" for Topeka).
    """
    by_name: dict[str, list[M]] = {}
    for m in mentions:
        if m.label == "ORG" and not m.forced and not _is_org_name(m.name):
            by_name.setdefault(m.name, []).append(m)
    for name, group in by_name.items():
        kind = gazetteer.place_kind(name)
        if kind is None or gazetteer.is_odd_alternate(name):
            continue
        if not all(said_as_place(text, m) for m in group):
            continue
        for m in group:
            m.label, m.forced = ("LOC" if kind in ("region", "continent") else "GPE"), True


# A people's name made from its country's ("Syrian", "Iraqi", "Kurdish", "Belgian", "Lebanese").
_DEMONYM = re.compile(r"([A-Z][a-z]{3,}?)(?:ian|an|i|ese|ish|ic)")


def _demonym_of_country(name: str) -> bool:
    match = _DEMONYM.fullmatch(name)
    if match is None or gazetteer.place_kind(name) is not None:
        return False
    stem = match.group(1)
    return any(
        gazetteer.place_kind(stem + end) in ("country", "region")
        for end in ("", "a", "ia", "y", "on", "istan", "ium", "e", "o")
    )


def demonyms_are_peoples(mentions: Sequence[PlaceMention]) -> None:
    """A "place" that is a country's people ("Syrian", "Iraqi": a NORP, never a place).

    Also when a rule made it one: "the Syrian town of Dabiq" is a town, "Syrian" its country's adjective.
    """
    for m in mentions:
        if m.label in ("GPE", "LOC") and _demonym_of_country(m.name):
            m.label, m.forced = "NORP", True


_COORDINATED = re.compile(r"[ \t]*(?:,|,?[ \t]+(?:and|or))[ \t]+")


def _beside_place(text: str, mentions: Sequence[PlaceMention], i: int) -> bool:
    m = mentions[i]
    for j in (i - 1, i + 1):
        if not 0 <= j < len(mentions):
            continue
        other = mentions[j]
        if other.label not in ("GPE", "LOC") or gazetteer.place_kind(other.name) is None:
            continue
        gap = text[other.end : m.start] if other.end <= m.start else text[m.end : other.start]
        if _COORDINATED.fullmatch(gap):
            return True
    return False


def places_beside_places[M: PlaceMention](
    text: str, mentions: Sequence[M], said_as_place: Callable[[str, M], bool]
) -> None:
    """A known place the model took for a person or a body, listed with a place, is a place.

    "attacks on Aleppo and Daraya": Daraya, listed with the city Aleppo, is the town (GeoNames
    knows it). Every mention of the name must be beside a place or said as one (a player
    "Cowley" once after "Halifax," is still the player); a name GeoNames knows only as an
    alternate name unlike the place's own is left alone, and so is a surname of someone the
    article names in full ("Joe Shaw" ... "Charlton, Shaw, Fanolua" in a team list).
    """
    full_names = sorted({m.name for m in mentions if m.label == "PERSON" and len(m.name.split()) > 1})
    by_name: dict[str, list[int]] = {}
    for i, m in enumerate(mentions):
        if m.label in ("PERSON", "ORG") and not m.forced and not _is_org_name(m.name):
            by_name.setdefault(m.name, []).append(i)
    for name, indices in by_name.items():
        kind = gazetteer.place_kind(name)
        if kind is None or gazetteer.is_odd_alternate(name) or full_person_name(name, full_names):
            continue
        beside = [_beside_place(text, mentions, i) for i in indices]
        if not any(beside):
            continue
        if not all(b or said_as_place(text, mentions[i]) for b, i in zip(beside, indices, strict=True)):
            continue
        label = "LOC" if kind in ("region", "continent") else "GPE"
        for i in indices:
            mentions[i].label, mentions[i].forced = label, True
