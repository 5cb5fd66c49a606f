"""What a figure counts, and where, as a key shared by figures of other articles.

Two figures belong to one series when they count the same thing (the concept's
content words, stemmed, with synonyms folded: "jobless" = "unemployment"), in
the same place (places named in the concept or its sentence, else the
article's main place) and in the same kind of unit (a percentage never joins a
count). Vague concepts ("figure", "top") get no key and join nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from whoosh.lang import porter2

from briefing.core.article import Analysis, Article, Figure

# Bump when keys change: the catalog then recomputes every key.
KEY_VERSION = "1"

PLACE_LABELS = frozenset({"GPE", "LOC"})

_WORD = re.compile(r"[A-Za-z][A-Za-z'.-]*")
_STOP = frozenset(
    """a an the of in on at to for from by with and or its it's their his her this that these those
    than then as is was were be been being are has have had will would could should may might
    s some any all each every other another more less most least about over under up down
    level levels figure figures total number numbers stood stuck amount rate's current separate overall
    official new latest annual yearly monthly quarterly nearly almost around just only also""".split()
)
_VAGUE = frozenset("top now one win final time times way part lot lots kind".split())
# Words that say the same thing, folded to one stem.
_SYNONYMS = {
    "jobless": "unemploy",
    "unemployed": "unemploy",
    "joblessness": "unemploy",
    "troop": "force",
    "troops": "force",
    "soldiers": "force",
    "military": "force",
    "personnel": "force",
    "forces": "force",
    "profits": "profit",
    "earnings": "profit",
    "revenues": "revenu",
    "turnover": "revenu",
}
_UNIT_KINDS = {
    "percentage": "%",
    "percentage point": "pp",
    "dollar": "money",
    "pound sterling": "money",
    "euro": "money",
    "yen": "money",
    "yuan": "money",
    "cent": "money",
    "penny": "money",
}


@dataclass(frozen=True, slots=True)
class FigureKey:
    key: str  # compare with ==
    label: str  # for people: "unemployment rate · Germany (%)"


def unit_kind(unit: str | None) -> str:
    if not unit:
        return "count"
    return _UNIT_KINDS.get(unit.casefold(), unit.casefold())


def concept_stems(concept: str) -> tuple[str, ...]:
    """The concept's content words as sorted, de-duplicated stems (synonyms folded)."""
    text = re.sub(r"\([^)]*\)", " ", concept)  # "(German unemployment)": context, not the concept
    stems = set()
    for word in _WORD.findall(text):
        lower = word.casefold().strip("'.-")
        if lower.endswith("'s"):
            lower = lower[:-2]
        if not lower or lower in _STOP or len(lower) < 2:
            continue
        stems.add(_SYNONYMS.get(lower) or porter2.stem(lower))
    return tuple(sorted(stems))


def _places(figure: Figure, analysis: Analysis) -> tuple[str, ...]:
    """Places said in the figure's sentence; failing that, the article's most-named place."""
    end = figure.sentence_start + len(figure.sentence)
    near = {
        e.canonical or e.text
        for e in analysis.entities
        if e.label in PLACE_LABELS and e.caption is None and figure.sentence_start <= e.start < end
    }
    if near:
        return tuple(sorted(near))
    counts = Counter(
        e.canonical or e.text for e in analysis.entities if e.label in PLACE_LABELS and e.caption is None
    )
    if counts:
        return (counts.most_common(1)[0][0],)
    return ()


def figure_key(figure: Figure, analysis: Analysis, article: Article) -> FigureKey | None:
    """The key of what ``figure`` counts and where, or None when the concept is too vague to match."""
    concept = figure.concept or ""
    stems = concept_stems(concept)
    if not stems or all(s in _VAGUE for s in stems):
        return None
    places = _places(figure, analysis)
    kind = unit_kind(figure.unit)
    place_stems = {porter2.stem(p.casefold()) for p in places}
    stems = tuple(s for s in stems if s not in place_stems) or stems
    key = f"{' '.join(stems)}|{';'.join(places)}|{kind}"
    shown = re.sub(r"\s*\([^)]*\)", "", concept).strip()
    where = f" · {', '.join(places)}" if places else ""
    unit = f" ({figure.unit})" if figure.unit and kind != "count" else ""
    return FigureKey(key, f"{shown}{where}{unit}")
