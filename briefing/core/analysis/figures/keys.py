"""What a figure counts, and where, as a key shared by figures of other articles.

Two figures belong to one series when they count the same thing, for the same
subject, in the same kind of unit, and are both levels or both changes:

- the thing: the concept's content words, stemmed, with synonyms folded
  ("jobless total" = "unemployment levels"), and without places, verbs and
  generic words ("people", "firm", "deal", "figure");
- the subject: for company measures (profit, sales, shares, ...) the company
  the sentence names (or the article's most-named organisation); for anything
  else the place: named in the concept ("German unemployment", "attacks on
  U.S. military in Iraq"), else in its sentence (nearest the figure), else the
  article's most-named place. Nationalities count as their country (German ->
  Germany);
- the unit kind: a percentage never joins a count, money never joins metres;
- a change ("rose 7,000 to ...", "up 0.1%") is a series of its own, apart
  from the level it changes;
- an amount converted into another currency ("$500m (£266m)") has no key: the
  amount reported does.

Concepts with nothing specific left ("people", "deal", "euros", "top") get no
key and join nothing: a wrong group costs the reader more than a missing one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from whoosh.lang import porter2

from briefing.core.analysis.figures import TRIVIA_SCORE
from briefing.core.analysis.figures.lexicon import CLEAR_VERBS, is_verb
from briefing.core.article import Analysis, Article, Entity, Figure

# Bump when keys change: the catalog then recomputes every key.
KEY_VERSION = "4"

PLACE_LABELS = frozenset({"GPE", "LOC"})

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WORD = re.compile(r"[A-Za-z][A-Za-z'.\u2019-]*")
_POSSESSIVE = re.compile(r"['\u2019]s$")
_STOP = _words(
    """a an the of in on at to for from by with and or its it's their his her this that these those our
    than then as is was were be been being are has have had will would could should may might into
    s some any all each every other another more less most least about over under up down
    level levels figure figures total totals number numbers amount amounts rate rates current separate
    overall official new latest annual yearly monthly quarterly nearly almost around just only also
    alone so far still now there here which who what whose such same own
    stood stuck edged reached hit remains remained stands stay stayed run"""
)
# Words that count nothing on their own: a concept of only these has no key.
_GENERIC = _words(
    """peopl person men women man woman adult children child individu resid citizen famili household
    nation countri world worldwid global state region area citi place home
    compani firm group busi organis organ giant industri sector market
    cost valu spend fund money invest payment pay fee fine bill cash sum incom
    member viewer fan player team side club
    game match win top final titl award prize record victori defeat season race event champion cup leagu
    one two three four five six seven eight nine ten hundred thousand million billion bn m
    year month week day time decad period quarter half term end start
    euro dollar pound yen yuan rupe franc sterl cent penni
    major main big biggest best lead larg largest small smallest high highest low lowest key good great
    total averag increas rise fall drop gain chang differ rest part lot kind way thing item unit
    case set show work report plan offer mark take use make go come list line seri again alreadi littl
    includ cheaper stretch mr mrs ms"""
)
# Nouns for people counted: "4.464 million people (German unemployment)" counts the unemployed.
_PEOPLE = _words("peopl person worker individu adult men women")
# What a place has (a country's unemployment, attacks in Iraq): keyed by the place. Anything else
# (profits, nominations, copies sold) belongs to a company, person or event: keyed by that.
_PLACE_MEASURES = _words(
    """unemploy inflat growth gdp economi interest deficit surplus export import trade popul attack forc
    kill dead death casualti wound injur refuge vote turnout poll hous consum retail output manufactur
    budget product birth crime arrest infect touris visitor homeless poverti wage pension emiss oil
    petrol fuel tax job employ payrol claim confid debt borrow currenc exchang spend migrant immigr asylum"""
)
# Subjects too common to tell stories apart (the reporters, not what they report on).
_NOT_SUBJECTS = frozenset({"Reuters", "AP", "AFP", "Associated Press"})
# Measures of a place unless the sentence names whose they are ("Boeing is to cut 2,500 jobs").
_OWNED_FIRST = _words("job worker staff employe debt")
_SUBJECT_LABELS = frozenset({"ORG", "PERSON", "FAC", "EVENT"})
_SYNONYMS = {
    "jobless": "unemploy",
    "unemployed": "unemploy",
    "unemployment": "unemploy",
    "joblessness": "unemploy",
    "troop": "forc",
    "troops": "forc",
    "soldiers": "forc",
    "soldier": "forc",
    "military": "forc",
    "personnel": "forc",
    "forces": "forc",
    "force": "forc",
    "profits": "profit",
    "earnings": "profit",
    "revenues": "revenu",
    "turnover": "revenu",
    "gross domestic product": "gdp",
    "prices": "price",
    "employees": "employe",
    "workforce": "worker",
}
_UNIT_KINDS = {
    "percentage": "%",
    "percentage point": "pp",
    "basis point": "pp",
}

# Nationalities and short names, to the canonical place names the analysis gives.
_PLACE_WORDS = {
    "us": "United States", "u.s": "United States", "u.s.": "United States", "usa": "United States",
    "america": "United States", "american": "United States", "americans": "United States",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom",
    "british": "United Kingdom", "briton": "United Kingdom", "britons": "United Kingdom",
    "english": "England", "scottish": "Scotland", "welsh": "Wales", "irish": "Ireland",
    "german": "Germany", "germans": "Germany", "french": "France", "italian": "Italy",
    "spanish": "Spain", "dutch": "Netherlands", "belgian": "Belgium", "swiss": "Switzerland",
    "austrian": "Austria", "swedish": "Sweden", "norwegian": "Norway", "danish": "Denmark",
    "finnish": "Finland", "polish": "Poland", "greek": "Greece", "portuguese": "Portugal",
    "russian": "Russia", "russians": "Russia", "ukrainian": "Ukraine", "turkish": "Turkey",
    "japanese": "Japan", "chinese": "China", "indian": "India", "indians": "India",
    "pakistani": "Pakistan", "korean": "South Korea", "south korean": "South Korea",
    "north korean": "North Korea", "australian": "Australia", "australians": "Australia",
    "canadian": "Canada", "mexican": "Mexico", "brazilian": "Brazil", "argentine": "Argentina",
    "argentinian": "Argentina", "chilean": "Chile", "south african": "South Africa",
    "nigerian": "Nigeria", "kenyan": "Kenya", "egyptian": "Egypt", "israeli": "Israel",
    "israelis": "Israel", "palestinian": "Palestine", "iraqi": "Iraq", "iraqis": "Iraq",
    "iranian": "Iran", "syrian": "Syria", "saudi": "Saudi Arabia", "afghan": "Afghanistan",
    "indonesian": "Indonesia", "thai": "Thailand", "malaysian": "Malaysia", "filipino": "Philippines",
    "vietnamese": "Vietnam", "european": "Europe", "europeans": "Europe", "asian": "Asia",
    "african": "Africa", "worldwide": "World", "global": "World", "world": "World",
}  # fmt: skip
# Words before a figure that make it a change, not a level: "rose 7,000", "up 0.1%", "by 227,000".
_CHANGE_BEFORE = re.compile(
    r"\b(?:rose|risen|rise|rises|rising|fell|fallen|fall|falls|falling|up|down|increased|decreased|"
    r"jumped|dropped|climbed|slipped|slid|grew|grown|gained|lost|edged\s+(?:up|down)|by|shed|added|"
    r"cut|plunged|soared|surged|declined|dipped)\s+(?:(?:about|almost|nearly|around|some|just|over|"
    r"more\s+than|less\s+than)\s+)?[$£€¥]?\s*$",
    re.IGNORECASE,
)
_FUSED_M = re.compile(r"\d\s?m$")
_VAGUE_AMOUNT = re.compile(
    r"(?:(?:tens|hundreds|thousands|millions) of )?(?:dozens|hundreds|thousands|millions|billions)",
    re.IGNORECASE,
)
_SCORE = re.compile(r"\d{1,2}-\d{1,2}")
_RATE_BEFORE = re.compile(r"\b(interest|unemployment|jobless|inflation)\s+rates?\b", re.IGNORECASE)
_NAMED = re.compile(r"[A-Z][a-z]+$")  # a number word with a capital inside a sentence: "Radio Five Live"
_MODEL = re.compile(r"[A-Za-z]+\d|\d+[A-Z]$")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_AFTER = re.compile(rf"\s*(?:{_MONTHS})\b")
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\s*$")
# "three times as many", "18 times out of 20": a multiple, a frequency ("attacked 58 times" is a count).
_TIMES = re.compile(
    r"\s*(?:times|fold)\s+(?:as|more|less|higher|lower|bigger|larger|greater|smaller|faster|slower|the|that|"
    r"what|over|out\s+of)\b",
    re.IGNORECASE,
)
# An amount converted into another currency, in brackets after the amount reported: "$500m (£266m)".
_CONVERTED = re.compile(
    r"(?:[$£€¥]\s?\d[\d.,]*\s?(?:bn|m|k|tn|billion|million|trillion)?|"
    r"\d[\d.,]*\s?(?:bn|m|billion|million|trillion)?\s?(?:euros?|dollars?|pounds?|yen|yuan|rupees?))"
    r"\s*\($",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class FigureKey:
    key: str  # compare with ==
    label: str  # for people: "unemployment · Germany (%)"


def unit_kind(unit: str | None) -> str:
    if not unit:
        return "count"
    name = unit.casefold()
    head = name.split(" per ")[0]
    if head in _UNIT_KINDS:
        return _UNIT_KINDS[head]
    return name  # currencies stay apart: "$11bn (£5.8bn)" are two series


@lru_cache(maxsize=1 << 15)
def _fold(lower: str) -> str:
    # Cached: a catalog sync folds the same few thousand words for every figure of every article.
    return _SYNONYMS.get(lower) or porter2.stem(lower)


def fold(word: str) -> str:
    """A lower-case word's stem, synonyms folded ("jobless" -> "unemploy")."""
    return _fold(word)


def is_stop_word(word: str) -> bool:
    """Words that say nothing of what is counted ("the", "level", "nearly"), lower case."""
    return word in _STOP


def place_of_word(word: str) -> str | None:
    """The place a lower-case word names ("german" -> "Germany"), or None."""
    return _PLACE_WORDS.get(word)


def concept_words(concept: str) -> list[str]:
    """The concept's words, lower case, without possessive "'s" (the parenthetical context included)."""
    words = []
    for word in _WORD.findall(concept):
        lower = word.casefold().strip("'.-\u2019")
        lower = _POSSESSIVE.sub("", lower)
        if lower:
            words.append(lower)
    return words


def _stems(text: str, places: set[str]) -> list[str]:
    stems: list[str] = []
    words = concept_words(text)
    for i, lower in enumerate(words):
        pair = f"{lower} {words[i + 1]}" if i + 1 < len(words) else ""
        if pair in _PLACE_WORDS or lower in _PLACE_WORDS or lower in places:
            continue
        if lower in _STOP or len(lower) < 2 or lower in CLEAR_VERBS:
            continue
        if lower.endswith("ed") and is_verb(lower):
            continue
        stem = _fold(lower)
        if stem not in stems:
            stems.append(stem)
    return stems


def concept_stems(concept: str) -> tuple[str, ...]:
    """The concept's content words as sorted stems (synonyms folded), parenthetical context left out."""
    return tuple(sorted(_stems(re.sub(r"\([^)]*\)", " ", concept), set())))


class _Names:
    """An article's entities arranged once for the keys of all its figures: a figure's sentence's
    entities found by bisecting their starts (not a pass over every entity per figure), who may own
    a figure, the article's main place and most-named owner."""

    def __init__(self, analysis: Analysis) -> None:
        body = sorted((e.start, i) for i, e in enumerate(analysis.entities) if e.caption is None)
        self._entities = analysis.entities
        self._starts = [start for start, _ in body]
        self._order = [i for _, i in body]
        named: dict[int, str] = {
            i: name for i, e in enumerate(analysis.entities)
            if e.label in _SUBJECT_LABELS and e.caption is None
            and (name := e.canonical or e.text) not in _NOT_SUBJECTS and not name.startswith("BBC")
        }  # fmt: skip
        # Who said a claim is not whose the claim's figures are: a name inside a source is no owner of
        # the figures in that source's claims ("China Daily said ... 210bn yuan in pre-tax profits"), but
        # owns the rest ("Heineken saw its annual profits drop 33% and warned that ...").
        self._claims: dict[int, list[tuple[int, int]]] = {}
        for a in analysis.attributions:
            for i, e in enumerate(analysis.entities):
                if i in named and a.start <= e.start < a.end:
                    self._claims.setdefault(i, []).append((a.claim_start, a.claim_end))
        self._named = named
        self.owners = {i: name for i, name in named.items() if i not in self._claims}
        self._main_place: tuple[str | None] | None = None
        self._most_named: tuple[str | None] | None = None

    def owner(self, i: int, figure: Figure) -> str | None:
        """The name entity ``i`` gives as an owner of ``figure``, or None if it may not own it."""
        claims = self._claims.get(i)
        if claims is not None and any(start <= figure.start < end for start, end in claims):
            return None
        return self._named.get(i)

    def in_sentence(self, figure: Figure) -> list[tuple[int, Entity]]:
        """The entities of the figure's sentence (not of captions), in the analysis' order."""
        low = bisect_left(self._starts, figure.sentence_start)
        high = bisect_left(self._starts, figure.sentence_start + len(figure.sentence))
        return [(i, self._entities[i]) for i in sorted(self._order[low:high])]

    def main_place(self) -> str | None:
        if self._main_place is None:
            counts = Counter(p for e in self._entities if e.caption is None and (p := _place_of(e)))
            self._main_place = (min(counts, key=lambda place: (-counts[place], place)) if counts else None,)
        return self._main_place[0]

    def most_named(self) -> str | None:
        if self._most_named is None:
            counts = Counter(self.owners.values())
            self._most_named = (min(counts, key=lambda name: (-counts[name], name)) if counts else None,)
        return self._most_named[0]


def _place_of(entity: Entity) -> str | None:
    if entity.label in PLACE_LABELS:
        return entity.canonical or entity.text
    if entity.label == "NORP":
        return _PLACE_WORDS.get(entity.text.casefold().removesuffix("s")) or _PLACE_WORDS.get(
            entity.text.casefold()
        )
    return None


def _concept_places(concept: str, here: list[tuple[int, Entity]]) -> set[str]:
    """Places the concept itself names: "German unemployment", "troops in Iraq (U.S.)"."""
    found: set[str] = set()
    words = concept_words(concept)
    for i, word in enumerate(words):
        pair = f"{word} {words[i + 1]}" if i + 1 < len(words) else ""
        if pair in _PLACE_WORDS:
            found.add(_PLACE_WORDS[pair])
        elif word in _PLACE_WORDS:
            found.add(_PLACE_WORDS[word])
    for _, entity in here:
        place = _place_of(entity)
        if place and _names(entity.text, concept):
            found.add(place)
    return found


def _names(name: str, concept: str) -> bool:
    # The substring test first: a pattern compiled per name of every article thrashes re's cache.
    return name in concept and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", concept) is not None


def _nearest(entities: list[tuple[Entity, str]], figure: Figure) -> str | None:
    if not entities:
        return None
    return min(entities, key=lambda pair: (abs(pair[0].start - figure.start), pair[1]))[1]


def _sentence_place(figure: Figure, here: list[tuple[int, Entity]]) -> str | None:
    return _nearest([(e, p) for _, e in here if (p := _place_of(e))], figure)


def _subject(
    concept: str, figure: Figure, names: _Names, here: list[tuple[int, Entity]], *, article_wide: bool = True
) -> str | None:
    """Whose figure it is: the organisation or person the concept names, else the sentence's nearest,
    else (``article_wide``) the article's most-named one."""
    mine = [(e, name) for i, e in here if (name := names.owner(i, figure)) is not None]
    for entity, name in mine:
        if _names(entity.text, concept):
            return name
    near = _nearest(mine, figure)
    if near or not article_wide:
        return near
    return names.most_named()


def is_change(figure: Figure) -> bool:
    """Whether the figure is the size of a change ("rose 7,000", "up 0.1%") rather than a level.

    "rose 206,900 to 4.64 million" (a from-to pair) is the level it reached.
    """
    if isinstance(figure.value, tuple) and figure.change in ("up", "down") and " to " in figure.text:
        return False
    before = figure.sentence[: max(0, figure.start - figure.sentence_start)]
    return bool(_CHANGE_BEFORE.search(before[-40:]))


def _thing(concept: str, names: set[str]) -> tuple[list[str], str]:
    """Stems of what is counted (none: too vague to match), and the words saying it."""
    main = re.sub(r"\([^)]*\)", " ", concept)
    context = " ".join(re.findall(r"\(([^)]*)\)", concept))
    stems = _stems(main, names)
    specific = [s for s in stems if s not in _GENERIC]
    if not specific and context and any(s in _PEOPLE for s in stems):
        return [s for s in _stems(context, names) if s not in _GENERIC], context.strip()
    return specific, main.strip()


def figure_keys(analysis: Analysis) -> list[FigureKey | None]:
    """The keys of the analysis' figures, in order (``figure_key`` of each, the entities arranged once)."""
    names = _Names(analysis)
    return [_key(figure, names) for figure in analysis.figures]


def figure_key(figure: Figure, analysis: Analysis, article: Article) -> FigureKey | None:
    """The key of what ``figure`` counts and where, or None when the concept is too vague to match."""
    return _key(figure, _Names(analysis))


def _key(figure: Figure, article_names: _Names) -> FigureKey | None:
    if figure.score < TRIVIA_SCORE:
        return None  # "two security sources": not a key figure
    concept = figure.concept or ""
    kind = unit_kind(figure.unit)
    if kind == "metre" and _FUSED_M.search(figure.text):
        return None  # "60m euros", "18m people": millions the extraction may have read as metres
    if kind in ("year", "month", "week", "day", "year of age"):
        return None  # durations and ages: "three years in prison", not a series
    if kind == "count" and _SCORE.fullmatch(figure.text.strip()):
        return None  # a score, "6-3"
    if _VAGUE_AMOUNT.fullmatch(figure.text.strip()):
        return None  # "thousands": no value to follow
    offset = max(0, figure.start - figure.sentence_start)
    if kind != "count" and _CONVERTED.search(figure.sentence[:offset]):
        return None  # "(£266m)" after "$500m": the reporter's conversion, at that day's rate
    after = figure.sentence[offset + len(figure.text) :]
    if _TIMES.match(after):
        return None  # "won best picture 18 times out of 20", "three times as many": not a count
    if (_NAMED.match(figure.text) and offset > 0) or _MODEL.match(figure.text.strip()):
        return None  # "BBC Radio Five Live", "PS3", "3G": part of a name
    if _MONTH_AFTER.match(after) or _MONTH_BEFORE.search(figure.sentence[:offset]):
        return None  # "5 May", "May 5": a day
    # Names in the sentence are whose or where the figure is, not what it counts.
    here = article_names.in_sentence(figure)
    names = {
        word for _, e in here if e.label in _SUBJECT_LABELS or _place_of(e) for word in concept_words(e.text)
    }
    stems, shown = _thing(concept, names)
    if not stems and kind == "%":
        # "The Bank of England has left interest rates on hold at 4.75%": the concept is whose rate it is.
        rate = _RATE_BEFORE.search(figure.sentence[max(0, offset - 80) : offset])
        if rate:
            stems, shown = [_fold(rate.group(1).casefold())], rate.group(0)
    if not stems:
        return None
    places = _concept_places(concept, here)
    where: list[str] = []
    if any(s in _PLACE_MEASURES for s in stems):
        if any(s in _OWNED_FIRST for s in stems):
            owner = _subject(concept, figure, article_names, here, article_wide=False)
            where = [owner] if owner else []
        if not where:
            if not places:
                one = _sentence_place(figure, here) or article_names.main_place()
                places = {one} if one else set()
            where = sorted(places)
    else:
        subject = _subject(concept, figure, article_names, here)
        where = ([subject] if subject else []) + sorted(places - {subject})
    if not where:
        return None
    change = is_change(figure)
    key = f"{' '.join(sorted(stems))}|{';'.join(where)}|{kind}{'|change' if change else ''}"
    unit = f" ({figure.unit})" if figure.unit and kind != "count" else ""
    return FigureKey(key, f"{shown}{' (change)' if change else ''} · {', '.join(where)}{unit}")
