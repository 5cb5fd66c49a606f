"""Named entities: the model's spans, corrected for news and made consistent within an article.

Steps, in order: trim the model's spans ("the", possessive 's), add names the
model splits, read titles (titles.py: "Special Advisor Thames" is Thames, the
"State" of "Secretary of State" nobody), drop junk, add known groups and titled
names the model missed (known_names.py, titles.py), apply rules (militias are
organisations, "X air base" is a facility, "the FA Cup" an event), places that
are places (places.py: "the town of Dabiq", "Aleppo and Daraya", "Syrian" a
people), turn people who are places into places, give every spelling one label
across the article, relabel surnames of people named in full, tag later
mentions the model missed, and name each thing canonically.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.core.analysis import gazetteer
from briefing.core.analysis.canonical import canonical_names, full_person_name, name_key, surface
from briefing.core.analysis.datelines import dateline_places
from briefing.core.analysis.known_names import kinds_by_last_word, known_org_spans
from briefing.core.analysis.modifiers import not_people_by_use, without_postnominal
from briefing.core.analysis.parse import SentenceParser
from briefing.core.analysis.patterns import (
    DEBRIS_WORDS,
    FACILITY_AFTER,
    KNOWN_ORGS,
    LONG_ORG_NAMES,
    MILITARY_AFTER,
    MILITIA_PREFIXES,
    ORG_LAST_WORDS,
    PERSON_TITLES,
    PLACE_BEFORE,
    PLACE_BEFORE_HEADS,
    PLACE_HEAD_AFTER,
    PLACE_HEADS,
    PRONOUNS,
    RANKS,
    ROLE_BETWEEN,
    TEAM_AFTER,
    TEAM_BEFORE,
)
from briefing.core.analysis.places import (
    demonyms_are_peoples,
    known_places_said_as_places,
    places_after_heads,
    places_beside_places,
)
from briefing.core.analysis.score_lines import in_score_line, split_at_score
from briefing.core.analysis.titles import (
    departments_of_offices,
    full_names_of_titled_surnames,
    missed_people_after_titles,
    people_after_titles,
    stances_are_groups,
)
from briefing.core.article import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc

Span = tuple[int, int]

# OntoNotes labels kept as entities; quantities (CARDINAL, MONEY, ...) are the figures' business.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "DATE"})

# Tie-breaks of the article-wide vote; the model calls too many unknown names people or facilities.
_SPECIFICITY = {
    label: rank for rank, label in enumerate(("GPE", "LOC", "PERSON", "ORG", "FAC", "EVENT", "NORP"))
}

_LEAD_STRIP = "\"'\u201c\u2018([{«"
_TRAIL_STRIP = ",;:!?\"'\u201d\u2019)]}»"
_LEADING_ARTICLE = re.compile(r"(?:the|a|an)\s+")
# Lower-case words that belong in people's names ("Roland de Marigny", "Abu Bakr al-Baghdadi").
_NAME_PARTICLES = frozenset(
    {"de", "da", "di", "du", "del", "della", "der", "den", "van", "von", "ter", "la", "le", "bin", "ibn", "y"}
)
_PARTICLE_PREFIX = re.compile(r"(?:[a-z]{1,4}-|[dl]['\u2019])\w")  # "al-Sudani", "d'Estaing"
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")  # "MPs", "MEPs": people, not a name
_HONORIFIC = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s")
_HOLIDAYS = re.compile(r"\b(?:Christmas|Easter|New Year|Ramadan|Eid|Hanukkah|Thanksgiving|Diwali|Passover)\b")
_VAGUE_DATE = re.compile(r"(?:a |an |the )?(?:year|week|month|decade|day|quarter|weekend|century)s?")
_POSSESSIVE = re.compile(r"\s?['\u2019]s$")
_DATE_WORDS = re.compile(
    r"\b(?:yesterday|today|tomorrow|tonight|weekend|week|month|year|decade|century|quarter"
    r"|spring|summer|autumn|winter)s?\b",
    re.IGNORECASE,
)
_MONTHS_DAYS = frozenset(
    [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        "Sunday",
    ]
)  # fmt: skip
_FUNCTION_WORDS = PLACE_BEFORE | {"the", "and", "or", "of", "by", "with", "for", "on", "but", "as"}
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?[ \t]*$")
_WORD_AFTER = re.compile(r"^[ \t]+(?:(?:of|de|du|la|del|von|van)[ \t]+)?(\S)")
_WORD_SPAN = re.compile(r"[^\s]+")
_PLACE_AFTER = re.compile(r"^,\s+([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)")


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    label: str
    name: str  # the surface form: no leading "the", no possessive
    forced: bool = False  # set by a rule; wins the article-wide vote
    local: bool = False  # set by a rule for this mention alone; neither votes nor is voted on

    @property
    def key(self) -> str:
        return name_key(self.name)


def extract_entities(
    doc: Doc, debris: Sequence[Span] = (), parser: SentenceParser | None = None
) -> list[Entity]:
    """The named entities of ``doc`` (a NER Doc over an article's text), in text order.

    With ``parser``, names the article only uses as modifiers of nouns are not people (``modifiers``).
    """
    text = doc.text
    mentions = [
        m
        for e in doc.ents
        if e.label_ in ENTITY_LABELS and (m := _mention(text, e.start_char, e.end_char, e.label_)) is not None
    ]
    mentions = _with_datelines(text, _within_lines(text, mentions))
    mentions = _add_long_org_names(text, _teams_apart(text, mentions))
    mentions = [_without_rank(text, m) for m in mentions]
    for m in mentions:
        without_postnominal(text, m)
    titled = people_after_titles(text, mentions) | departments_of_offices(text, mentions)
    mentions = [m for m in mentions if not _is_junk(m) and not _overlaps(m.start, m.end, debris)]
    mentions = _with_known_orgs(text, mentions, debris)
    mentions = _with_titled_people(text, mentions, debris)
    _apply_rules(text, mentions)
    full_names_of_titled_surnames(mentions, titled)
    stances_are_groups(mentions)
    kinds_by_last_word(mentions)
    _places_by_head(text, mentions)
    places_after_heads(text, mentions)
    known_places_said_as_places(text, mentions, _said_as_place)
    places_beside_places(text, mentions, _said_as_place)
    demonyms_are_peoples(mentions)
    _places_playing(text, mentions)
    _people_who_are_places(text, mentions)
    _bodies_before_roles(text, mentions)
    not_people_by_use(doc, mentions, parser)
    _vote(mentions)
    mentions = _relabel_surnames(text, mentions)
    mentions = _tag_repeats(text, mentions, debris)
    names = canonical_names([(m.name, m.label) for m in mentions])
    return [
        Entity(m.start, m.end, text[m.start : m.end], m.label, canonical)
        for m, canonical in zip(mentions, names, strict=True)
    ]


def _mention(text: str, start: int, end: int, label: str, forced: bool = False) -> Mention | None:
    """A mention of ``text[start:end]`` trimmed of "the", quotes, possessives and stray punctuation."""
    while True:
        before = (start, end)
        while start < end and (text[start].isspace() or text[start] in _LEAD_STRIP):
            start += 1
        article = _LEADING_ARTICLE.match(text, start, end)
        if article and article.end() < end:
            start = article.end()
        while start < end and (text[end - 1].isspace() or text[end - 1] in _TRAIL_STRIP):
            if text[end - 1] == ")" and "(" in text[start:end]:
                break
            end -= 1
        possessive = _POSSESSIVE.search(text, start, end)
        if possessive and possessive.start() > start:
            end = possessive.start()
        if (start, end) == before:
            break
    if start >= end:
        return None
    return Mention(start, end, label, surface(text[start:end]), forced)


def _within_lines(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions cut at line breaks: a name never runs from a heading or paragraph into the next."""
    out: list[Mention] = []
    for m in mentions:
        if "\n" not in text[m.start : m.end]:
            out.append(m)
            continue
        start = m.start
        for piece in text[m.start : m.end].split("\n"):
            part = _mention(text, start, start + len(piece), m.label, m.forced)
            if part is not None:
                out.append(part)
            start += len(piece) + 1
    return out


def _with_datelines(text: str, mentions: list[Mention]) -> list[Mention]:
    """The place of each dateline, replacing whatever the model read there."""
    places = dateline_places(text)
    if not places:
        return mentions
    out = [m for m in mentions if not any(s < m.end and m.start < e for s, e in places)]
    for start, end in places:
        place = _mention(text, start, end, "GPE")
        if place is not None:
            place.local = True
            out.append(place)
    return sorted(out, key=lambda m: m.start)


def _teams_apart(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Leeds 2 Sheffield" read as one name on a results line: two teams, each for its line alone."""
    out: list[Mention] = []
    for m in mentions:
        spans = split_at_score(text, m.start, m.end)
        if spans is None:
            out.append(m)
            continue
        for start, end in spans:
            part = _mention(text, start, end, "ORG")
            if part is not None:
                part.local = True
                out.append(part)
    return out


def _with_known_orgs(text: str, mentions: list[Mention], debris: Sequence[Span]) -> list[Mention]:
    """Known organisations the model missed ("Da'esh"): see known_names."""
    spans = known_org_spans(text, [(m.start, m.end) for m in mentions] + list(debris))
    if not spans:
        return mentions
    added = [m for s, e in spans if (m := _mention(text, s, e, "ORG", forced=True)) is not None]
    return sorted(mentions + added, key=lambda m: m.start)


def _with_titled_people(text: str, mentions: list[Mention], debris: Sequence[Span]) -> list[Mention]:
    """Names after a person's title that the model missed ("Ambassador Saperstein"): see titles."""
    spans = missed_people_after_titles(text, [(m.start, m.end) for m in mentions] + list(debris))
    if not spans:
        return mentions
    added = [m for s, e in spans if (m := _mention(text, s, e, "PERSON", forced=True)) is not None]
    return sorted(mentions + added, key=lambda m: m.start)


def _without_rank(text: str, m: Mention) -> Mention:
    """A person's mention without the ranks and offices before the name ("Navy Capt. Jane Roe" -> "Jane Roe").

    A mention that is all ranks (or ends in one: "Navy Capt") names nobody: it is marked junk
    by emptying its name.
    """
    if m.label != "PERSON":
        return m
    words = list(_WORD_SPAN.finditer(text, m.start, m.end))
    if words and words[-1].group().rstrip(".").lower() in RANKS:
        m.name = ""
        return m
    skip = 0
    while skip < len(words) - 1 and words[skip].group().rstrip(".").lower() in RANKS:
        skip += 1
    if skip == 0:
        return m
    trimmed = _mention(text, words[skip].start(), m.end, m.label, m.forced)
    return trimmed if trimmed is not None else m


def _places_by_head(text: str, mentions: list[Mention]) -> None:
    """A name ending in or followed by a kind of place is one: "Anbar Governorate", "the Euphrates River"."""
    for m in mentions:
        if m.label in ("GPE", "LOC", "FAC", "DATE") or m.name in KNOWN_ORGS:
            continue
        words = m.name.split()
        last = words[-1].lower() if words else ""
        head = PLACE_HEADS.get(last) if len(words) > 1 else None
        after = PLACE_HEAD_AFTER.match(text, m.end)
        if head is None and after is not None:
            head = PLACE_HEADS[after.group(1).lower()]
        before = _word_before(text, m.start).lower()
        if head is None and before in PLACE_BEFORE_HEADS:
            head = PLACE_HEADS.get(before, "LOC")
        if head is not None and not (len(words) > 1 and words[-1].rstrip(".") in ORG_LAST_WORDS):
            m.label, m.forced = head, True


def _places_playing(text: str, mentions: list[Mention]) -> None:
    """A town or county that beats, holds or plays another is its club, an organisation.

    National teams stay places (news and CoNLL name them by the country), and so does a
    player's surname the model took for a town ("Davenport beat Serena Williams").
    """
    full_names = sorted({m.name for m in mentions if m.label == "PERSON" and len(m.name.split()) > 1})
    for m in mentions:
        if m.forced or m.label not in ("GPE", "LOC") or gazetteer.place_kind(m.name) == "country":
            continue
        if full_person_name(m.name, full_names):
            continue
        if TEAM_AFTER.match(text, m.end) or TEAM_BEFORE.search(text, max(0, m.start - 40), m.start):
            m.label, m.forced = "ORG", True
        elif in_score_line(text, m.start, m.end):
            # The team of this line only: the same name heading a report ("NEW YORK 1996-08-30") is the city.
            m.label, m.local = "ORG", True


def _overlaps(start: int, end: int, spans: Sequence[Span] | Sequence[Mention]) -> bool:
    for span in spans:
        s, e = (span.start, span.end) if isinstance(span, Mention) else span
        if s < end and start < e:
            return True
    return False


def _add_long_org_names(text: str, mentions: list[Mention]) -> list[Mention]:
    for match in LONG_ORG_NAMES.finditer(text):
        mentions = [m for m in mentions if not (m.start < match.end() and match.start() < m.end)]
        mentions.append(Mention(match.start(), match.end(), "ORG", match.group(), forced=True))
    return sorted(mentions, key=lambda m: m.start)


def _is_junk(m: Mention) -> bool:
    name = m.name
    if not name:
        return True
    letters = sum(c.isalpha() for c in name)
    if letters == 0 or len(name.replace(".", "")) < 2:
        return True
    if (name.lower() in PRONOUNS and not name.isupper()) or name.lower() in DEBRIS_WORDS:
        return True
    if m.label == "DATE":
        return _VAGUE_DATE.fullmatch(name) is not None
    if m.label == "PERSON" and any(
        w[0].islower() and w not in _NAME_PARTICLES and not _PARTICLE_PREFIX.match(w) for w in name.split()
    ):
        return True  # "Tory backbencher" is a description, not a name
    return not any(c.isupper() for c in name) or _PLURAL_ACRONYM.fullmatch(name) is not None


def _is_date(name: str) -> bool:
    """Whether a DATE mention says a date: a number, a month or weekday, a holiday or "last year"."""
    return (
        any(c.isdigit() for c in name)
        or any(w in _MONTHS_DAYS for w in name.split())
        or _DATE_WORDS.search(name) is not None
        or _HOLIDAYS.search(name) is not None
    )


def _word_before(text: str, start: int) -> str:
    match = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return match.group(1) if match else ""


def _starts_sentence(text: str, start: int) -> bool:
    preceding = text[max(0, start - 3) : start].rstrip(" \t")
    return preceding == "" or preceding[-1] in '.!?\n"\u201c\u201d:'


def _apply_rules(text: str, mentions: list[Mention]) -> None:
    """Labels that patterns make certain: armed groups are ORG, "X air base" is FAC."""
    for i, m in enumerate(mentions):
        if m.label == "DATE":
            continue
        words = m.name.split()
        if _HONORIFIC.match(m.name) and len(words) > 1:
            m.label, m.forced = "PERSON", True
            continue
        if m.name in KNOWN_ORGS or (
            len(words) > 1 and (words[0] in MILITIA_PREFIXES or words[-1].rstrip(".") in ORG_LAST_WORDS)
        ):
            m.label, m.forced = "ORG", True
            continue
        facility = FACILITY_AFTER.match(text, m.end)
        if not facility or m.label == "NORP" or (m.label == "ORG" and not MILITARY_AFTER.match(text, m.end)):
            continue
        next_start = mentions[i + 1].start if i + 1 < len(mentions) else len(text)
        if m.label == "GPE":
            # A city's airport is not the city: the facility is "Baghdad airport".
            if facility.end() <= next_start and "port" in facility.group().lower():
                m.end, m.name = facility.end(), surface(text[m.start : facility.end()])
                m.label, m.forced = "FAC", True
        else:
            m.label, m.forced = "FAC", True


def _bodies_before_roles(text: str, mentions: list[Mention]) -> None:
    """A "person" right before a role and another person's name is the body the role is in."""
    full_names = sorted({m.name for m in mentions if m.label == "PERSON" and len(m.name.split()) > 1})
    people_at = {m.start: m for m in mentions if m.label == "PERSON"}
    for m in mentions:
        if m.forced or m.label != "PERSON" or _HONORIFIC.match(m.name):
            continue
        if full_person_name(m.name, full_names):  # "Blair spokesman Tom Kelly": the role is Blair's
            continue
        role = ROLE_BETWEEN.match(text, m.end)
        if role is not None and role.end() in people_at:
            m.label, m.forced = "ORG", True


def _people_who_are_places(text: str, mentions: list[Mention]) -> None:
    """People the model found whose name is a known place said as a place ("in Raqqah")."""
    full_names = sorted({m.name for m in mentions if m.label == "PERSON" and len(m.name.split()) > 1})
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_key[m.key].append(m)
    for group in by_key.values():
        person = [m for m in group if m.label == "PERSON" and not m.forced]
        if not person:
            continue
        name = person[0].name
        kind = gazetteer.place_kind(name)
        if kind is None or full_person_name(name, full_names):
            continue
        if any(_word_before(text, m.start).lower() in PERSON_TITLES for m in group):
            continue
        said_as_place = any(_said_as_place(text, m) for m in group)
        # People are introduced by full name in news, so a lone big-city name is the city.
        big_place = kind in ("country", "state", "continent") or gazetteer.is_big_city(name)
        if kind == "region" or said_as_place or (big_place and len(name.split()) == 1):
            label = "LOC" if kind in ("region", "continent") else "GPE"
            for m in person:
                m.label, m.forced = label, True


def _vote(mentions: list[Mention]) -> None:
    """One label per spelling across the article: rules first, then the majority, then specificity."""
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.label != "DATE" and not m.local:
            by_key[m.key].append(m)
    for group in by_key.values():
        voters = [m for m in group if m.forced] or group
        counts = Counter(m.label for m in voters)
        label = min(counts, key=lambda lab: (-counts[lab], _SPECIFICITY.get(lab, len(_SPECIFICITY))))
        for m in group:
            m.label = label


def _relabel_surnames(text: str, mentions: list[Mention]) -> list[Mention]:
    """A surname said alone after the full name is the person, whatever the model thought.

    Returns the mentions without DATEs that turned out to be neither a surname nor a date.
    """
    full_names = sorted({m.name for m in mentions if m.label == "PERSON" and len(m.name.split()) > 1})
    for m in mentions:
        if m.forced or m.label == "PERSON" or not full_person_name(m.name, full_names):
            continue
        if m.label == "DATE" and _is_date(m.name):
            continue
        # A real place said as a place stays one ("in Washington" after George Washington).
        if m.label in ("GPE", "LOC") and gazetteer.place_kind(m.name) and _said_as_place(text, m):
            continue
        m.label = "PERSON"
    return [m for m in mentions if m.label != "DATE" or _is_date(m.name)]


def _said_as_place(text: str, m: Mention) -> bool:
    if _word_before(text, m.start).lower() in PLACE_BEFORE:
        return True
    after = _PLACE_AFTER.match(text[m.end : m.end + 40])
    return after is not None and gazetteer.place_kind(after.group(1)) in ("country", "state")


def _tag_repeats(text: str, mentions: list[Mention], debris: Sequence[Span]) -> list[Mention]:
    """Mentions the model missed of a name it tagged elsewhere in the same article."""
    labels: dict[str, str] = {}
    for m in mentions:
        if m.label != "DATE" and m.name not in _MONTHS_DAYS:
            labels.setdefault(text[m.start : m.end], m.label)
    if not labels:
        return mentions
    taken = bytearray(len(text))
    for start, end in [(m.start, m.end) for m in mentions] + list(debris):
        taken[start:end] = b"\x01" * (end - start)
    names = "|".join(re.escape(w) for w in sorted(labels, key=len, reverse=True))
    pattern = re.compile(r"(?<![\w\-])(?:" + names + r")(?![\w\-])")
    added: list[Mention] = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if any(taken[start:end]) or _inside_longer_name(text, start, end):
            continue
        new = _mention(text, start, end, labels[match.group()])
        if new is not None:
            added.append(new)
            taken[start:end] = b"\x01" * (end - start)
    return sorted(mentions + added, key=lambda m: m.start)


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word runs on from ``text[start:end]``, so it is part of a longer name."""
    after = _WORD_AFTER.match(text[end : end + 8])
    if after and after.group(1).isupper():
        return True
    match = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if match and match.group(1)[0].isupper() and match.group(1).lower() not in _FUNCTION_WORDS:
        # A capitalised word starting the sentence is not part of the name.
        return not _starts_sentence(text, match.start())
    return False
