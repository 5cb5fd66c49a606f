"""The library pane's entity facets as a reader trusts them: one entry per entity, noise set apart,
the reader's corrections applied.

A search counts each per-article canonical name of an entity field on its own ("Lib Dem", "Lib
Dems"; "Bush", "George W Bush"). Here the library-wide ``EntityDirectory`` (which knows which names
are one entity) folds them into the entity's name, with the names as filter terms; an entity the
whole library names once, in one article, is noise (``FacetEntry.noise``: the pane folds it under
"more…"); hidden entities go, retyped ones move to their new type's facet. A merged count is the
sum of its names' counts, capped by the articles the entity has in the whole library and by the
number of results; for the whole library (an unfiltered search) it is the entity's articles, exactly.
A filter on an entry matches every name of its entity under every type the articles give it (the
directory merges "Bush" tagged a place into the person), so it finds what the count counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from briefing.core.across.entity_pages import EntityDirectory, EntitySummary
from briefing.core.library.entity_overrides import Overrides
from briefing.core.library.schema import ENTITY_LABELS

# Facet key -> the label its names have when nothing else is known; label -> the facet it shows in.
KEY_LABEL: dict[str, str] = {key: labels[0] for key, labels in ENTITY_LABELS.items()}
LABEL_KEY: dict[str, str] = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place",
                             "FAC": "facility", "NORP": "group", "EVENT": "event"}
# An entity named once in one article of the whole library is noise for the pane.
NOISE_ARTICLES = 1
NOISE_MENTIONS = 1

Term = tuple[str, str]  # (facet key, a name as the index has it)


@dataclass(frozen=True, slots=True)
class FacetEntry:
    key: str
    name: str  # the entity's name (the directory's), shown in the pane and used as the filter's value
    count: int
    terms: tuple[Term, ...]  # what a filter on it matches: any of these
    aliases: tuple[str, ...] = ()  # the other names folded into it
    noise: bool = False


def _summary(directory: EntityDirectory | None, name: str) -> EntitySummary | None:
    return directory.named(name) if directory is not None else None


@dataclass(slots=True)
class _Merging:
    summary: EntitySummary | None
    count: int = 0
    terms: list[Term] = field(default_factory=list)


def entity_facets(facets: Mapping[str, Mapping[str, int]], directory: EntityDirectory | None,
                  overrides: Overrides, total: int) -> dict[str, list[FacetEntry]]:
    """Each facet's entries, most articles first: entity facets merged by ``directory`` (if any)
    and corrected by ``overrides``; other facets (sources) as they are."""
    merged: dict[str, dict[str, _Merging]] = {}
    for key, values in facets.items():
        for raw, count in values.items():
            summary = _summary(directory, raw) if key in KEY_LABEL else None
            name, target = raw, key
            if key in KEY_LABEL:
                name = summary.name if summary is not None else raw
                label = summary.label if summary is not None else KEY_LABEL[key]
                # hidden or retyped by its own name, or by its entity's
                found = overrides.label_of(raw, label)
                found = overrides.label_of(name, found) if found is not None else None
                if found is None:
                    continue
                target = key if found in ENTITY_LABELS[key] else LABEL_KEY[found]
            entry = merged.setdefault(target, {}).setdefault(name, _Merging(summary))
            entry.count += count
            entry.terms.append((key, raw))
    # The whole library (an unfiltered search): an entity's count is its articles, exactly, whatever
    # share of its names made the index's top facet values.
    whole = directory is not None and 0 < directory.article_count <= total
    out: dict[str, list[FacetEntry]] = {}
    for key, entries in merged.items():
        made = []
        for name, entry in entries.items():
            count, summary = entry.count, entry.summary
            noise = False
            aliases: tuple[str, ...] = ()
            if summary is not None:
                if whole:
                    count = summary.articles
                elif len(entry.terms) > 1:
                    count = min(count, summary.articles)
                noise = summary.articles <= NOISE_ARTICLES and summary.mentions <= NOISE_MENTIONS
                aliases = tuple(dict.fromkeys(raw for _key, raw in entry.terms if raw != name))
            made.append(FacetEntry(key, name, min(count, total) if total > 0 else count,
                                   tuple(dict.fromkeys(entry.terms)), aliases, noise))
        out[key] = sorted(made, key=lambda e: (-e.count, e.name.casefold()))
    return out


def filter_terms(filters: Mapping[str, str], directory: EntityDirectory | None,
                 overrides: Overrides) -> list[list[Term]]:
    """What the pane's filters (facet key -> an entity's name) match, each any of its terms: the
    entity's names in that facet and in every facet the index has them under (an entity merged across
    types), and a retyped name in whichever facet the index has it."""
    found: list[list[Term]] = []
    for key, name in filters.items():
        summary = _summary(directory, name) if key in KEY_LABEL else None
        names = [name, *(summary.aliases if summary is not None else ())]
        terms = [(key, n) for n in names]
        if summary is not None and directory is not None:
            # and under every other type articles give it: the articles its count and its page have
            terms += [(LABEL_KEY[label], n) for label, n in directory.labelled_names(name)
                      if label in LABEL_KEY]
        for n in names:
            if n in overrides.retyped:
                terms += [(other, n) for other in KEY_LABEL if other != key]
        found.append(list(dict.fromkeys(terms)))
    return found
