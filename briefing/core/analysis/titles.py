"""Ranks and titles are never a person, nor an organisation; the name after one is a person.

- "Special Advisor Thames" (the model: an organisation) is the person Thames; "Special
  Advisor" alone names nobody.
- "Secretary of State", "Director of Intelligence": the department after "<Office> of" is
  part of the title, not an organisation ("Secretary of Defense Ash Carter": the department,
  then the person).
- A surname said after a title joins the full name the model called something else
  ("Knox Thames" ... "Special Advisor Thames": both the person).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from briefing.core.analysis import gazetteer
from briefing.core.analysis.patterns import KNOWN_ORGS, ORG_LAST_WORDS, PERSON_TITLES, RANKS

# Nouns naming a person's office: a name after one of these is a person. Only nouns no company or
# body starts its name with ("General Motors", "Major League", "Chief Executive" are not here).
OFFICE_NOUNS = frozenset(
    {
        "advisor", "adviser", "secretary", "undersecretary", "minister", "ambassador", "envoy", "senator",
        "sen", "rep", "representative", "commissioner", "spokesman", "spokeswoman", "spokesperson",
        "coordinator", "chairman", "chairwoman", "director", "president", "governor", "mayor", "prosecutor",
        "capt", "col", "colonel", "lt", "lieutenant", "sgt", "sergeant", "adm", "admiral", "brig",
        "brigadier", "cmdr",
    }
)  # fmt: skip
# Words of a title before or around those nouns ("Special Advisor", "Acting Director").
TITLE_WORDS = RANKS | OFFICE_NOUNS | {"special", "senior", "acting", "assistant", "under", "associate"}

# "<Office> of " right before a name: "Secretary of ", "Director of ".
_OFFICE_OF = re.compile(r"\b([A-Z][a-z]+)(?:-[A-Z][a-z]+)?[ \t]+of[ \t]+$")
_LOOK_BACK = 30


class TitledMention(Protocol):
    start: int
    end: int
    label: str
    name: str
    forced: bool


def _lower(word: str) -> str:
    return word.rstrip(".,").lower()


def _is_org_name(name: str) -> bool:
    return name in KNOWN_ORGS or any(w.rstrip(".,") in ORG_LAST_WORDS for w in name.split())


def _looks_like_name(words: Sequence[str]) -> bool:
    return 0 < len(words) <= 3 and all(w[:1].isupper() and _lower(w) not in TITLE_WORDS for w in words)


def _words(text: str, m: TitledMention) -> list[re.Match[str]]:
    return list(re.finditer(r"\S+", text[m.start : m.end]))


def people_after_titles(text: str, mentions: Sequence[TitledMention]) -> set[int]:
    """Re-reads organisations that start with a title ("Special Advisor Thames") in place.

    The mention becomes the person after the title, or names nobody when it is all title (its
    name is emptied: junk). Returns the ids of the mentions that became people after a title.
    """
    people: set[int] = set()
    for m in mentions:
        if m.label != "ORG" or m.forced or _is_org_name(m.name):
            continue
        words = _words(text, m)
        lead = 0
        while lead < len(words) and _lower(words[lead].group()) in TITLE_WORDS:
            lead += 1
        if lead == 0 or not any(_lower(w.group()) in OFFICE_NOUNS for w in words[:lead]):
            continue
        if lead == len(words):
            m.name = ""
            continue
        rest = [w.group() for w in words[lead:]]
        if not _looks_like_name(rest):
            continue
        m.start += words[lead].start()
        m.name = " ".join(rest)
        m.label, m.forced = "PERSON", True
        people.add(id(m))
    return people


def departments_of_offices(text: str, mentions: Sequence[TitledMention]) -> set[int]:
    """An "organisation" right after "<Office> of" is the office's department, part of the title.

    "Secretary of State": no entity (its name is emptied: junk). "Mayor of Labasa": a known
    place stays the place. "Secretary of Defense Ash Carter": the words after the department
    are the person. Returns the ids of the mentions that became people.
    """
    people: set[int] = set()
    for m in mentions:
        if m.label != "ORG" or m.forced or _is_org_name(m.name) or m.name.isupper():
            continue
        office = _OFFICE_OF.search(text, max(0, m.start - _LOOK_BACK), m.start)
        if office is None or _lower(office.group(1)) not in OFFICE_NOUNS:
            continue
        if gazetteer.place_kind(m.name) is not None:
            m.label = "LOC" if gazetteer.place_kind(m.name) in ("region", "continent") else "GPE"
            m.forced = True
            continue
        words = _words(text, m)
        rest = [w.group() for w in words[1:]]
        if len(rest) >= 2 and _looks_like_name(rest):
            m.start += words[1].start()
            m.name = " ".join(rest)
            m.label, m.forced = "PERSON", True
            people.add(id(m))
        elif len(words) == 1:
            m.name = ""
    return people


def full_names_of_titled_surnames(mentions: Sequence[TitledMention], titled: set[int]) -> None:
    """A full name ending in a surname said after a title is that person ("Knox Thames")."""
    surnames = {m.name for m in mentions if id(m) in titled and len(m.name.split()) == 1}
    if not surnames:
        return
    for m in mentions:
        if m.label == "PERSON" or m.forced or m.label == "DATE" or _is_org_name(m.name):
            continue
        words = m.name.split()
        if 2 <= len(words) <= 3 and words[-1] in surnames and _looks_like_name(words):
            m.label, m.forced = "PERSON", True


# "pro-Assad", "anti-Qaida", "Pro-Moscow": a stance towards a name, not the name.
_STANCE = re.compile(r"(?:[Pp]ro|[Aa]nti)-[A-Z][\w'\u2019\-]*")


def stances_are_groups(mentions: Sequence[TitledMention]) -> None:
    """A stance ("pro-Assad", "anti-Qaida") read as a person, body or place is a group's description."""
    for m in mentions:
        if m.label in ("PERSON", "ORG", "GPE", "LOC", "FAC") and _STANCE.fullmatch(m.name):
            m.label, m.forced = "NORP", True


# A capitalised title, then the name the model left untagged ("Ambassador Saperstein",
# "King Nebuchadnezzar II", "Prime Minister John Major").
# A lookahead, so that "Prime Minister John Major" is tried at "Minister" too.
_TITLE_THEN_NAME = re.compile(
    r"(?=\b([A-Z][a-z]+)(\.?)[ \t]+([A-Z][\w'\u2019\-]+(?:[ \t]+(?:[A-Z][\w'\u2019\-]+|[IVX]{1,4}\b))*))"
)
# Titles written short with a full stop ("Gen. Smith"); after any other title a full stop ends a sentence.
_SHORT_TITLES = frozenset(
    {"dr", "mr", "mrs", "ms", "prof", "gen", "sen", "rep", "capt", "col", "lt", "sgt", "adm"}
)
# Capitalised first words of a sentence that no name starts with ("... the King. The second").
_FUNCTION_WORDS = frozenset(
    {"the", "a", "an", "on", "in", "at", "of", "and", "or", "but", "for", "to", "by", "with", "as", "it",
     "this", "that", "these", "those", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our",
     "its", "my", "your", "if", "when", "while", "after", "before", "then", "so", "no", "not", "all"}
)  # fmt: skip
_POSSESSIVE_END = re.compile(r"['\u2019]s?$")
# Titles said only of people, before their name ("Miss" is also a song's or a horse's first word,
# "Singer" a sponsor's name: occupations and "Miss" are not here).
_PERSONAL_TITLES = OFFICE_NOUNS | {
    "king", "queen", "prince", "princess", "sheikh", "pope", "judge", "sir", "dame", "lord", "lady", "dr",
    "mr", "mrs", "ms", "prof", "professor", "gen", "senator", "emir", "sultan", "ayatollah",
}  # fmt: skip
# Words after which a "name" is a street, a building or a body named after someone ("King Street").
_NAMED_AFTER = frozenset(
    {"street", "road", "avenue", "square", "bridge", "hotel", "hall", "school", "college", "hospital",
     "airport", "station", "centre", "center", "house", "park", "stadium", "prize", "award"}
)  # fmt: skip


def missed_people_after_titles(text: str, taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of names right after a person's title that overlap none of ``taken`` (the model missed them)."""
    out: list[tuple[int, int]] = []
    for match in _TITLE_THEN_NAME.finditer(text):
        title = match.group(1).lower()
        if title not in _PERSONAL_TITLES or (match.group(2) and title not in _SHORT_TITLES):
            continue  # "... Return of the King. The second": a sentence's first word
        words = list(re.finditer(r"\S+", match.group(3)))
        for i, word in enumerate(words):
            if _POSSESSIVE_END.search(word.group()):
                words = words[: i + 1]  # "Mr Brown's Budget": the name ends at the possessive
                break
        if not words or _lower(words[-1].group()) in _NAMED_AFTER | {w.lower() for w in ORG_LAST_WORDS}:
            continue  # "King Street", "President Hotel": not a person
        first = _lower(words[0].group())
        if first in TITLE_WORDS or first in PERSON_TITLES or first in _FUNCTION_WORDS:
            continue
        start = match.start(3)
        end = start + words[-1].end()
        possessive = _POSSESSIVE_END.search(text, start, end)
        if possessive is not None:
            end = possessive.start()
        if end > start and not any(s < end and start < e for s, e in taken):
            out.append((start, end))
    return out
