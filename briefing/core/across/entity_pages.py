"""Entities across the library: one entity per thing, whatever each article calls it.

Each article already names its entities canonically (``analysis.canonical``:
"Mr Blair" after "Tony Blair" is "Tony Blair"). Across articles the same rules
are applied again to the catalog's entity rows:

- spellings of one name meet ("U.S."/"US", "Al-Qaeda"/"al Qaeda"), under
  whichever label most articles give it ("Yukos" as ORG and as PERSON);
- a person named by surname only ("Blair") joins the one full name of the
  library that ends with it ("Tony Blair"), unless there are several
  ("Will Smith", "Alan Smith": "Smith" stays apart);
- an acronym joins the one long name of the library with those initials;
- a name whose plural or singular names a body ("Lib Dem" beside the organisation "Lib Dems") joins
  it, and the entity is typed by the body's names: people have no plurals.

The reader's corrections of the library (``entity_overrides.json``: hidden entities, retyped ones)
apply to the per-article names before any merging, as they do to each article's analysis
(``Library.document``), and to an entity's own name: a hidden entity has no page and is nobody's
related name, a retyped one is listed and paged under its new type.

``directory(catalog, overrides)`` builds an ``EntityDirectory`` once per catalog state and overrides.
"""

from __future__ import annotations

import copy
import difflib
import re
import threading
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from whoosh.support.charset import accent_map

from briefing.core.across.entity_text import names_any, naming_keys, sentence_at
from briefing.core.across.mention_arrays import Index, Ints, Pairs
from briefing.core.analysis.canonical import (
    ACRONYM_PATTERN,
    alias,
    best_written,
    expand_acronym,
    full_person_name,
    initials,
    name_key,
    person_tokens,
    without_honorific,
)
from briefing.core.analysis.modifiers import plural_forms
from briefing.core.heap import give_back_free_memory
from briefing.core.library import Library
from briefing.core.library.catalog import Catalog, CatalogArticle, CatalogEntity, CatalogFigure
from briefing.core.library.entity_overrides import Overrides
from briefing.core.palette import swatch

# Labels an entity page is made for (dates are left to the figures).
LABELS: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT")
MAX_RELATED = 15
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Joining a short name to a long one across articles needs evidence: the long name is not rare next
# to the short one, and their articles share names that few articles give.
SUPPORT_RATIO = 2
MIN_SHARED_CONTEXT = 1
COMMON_SHARE = 0.02  # a name in more than this share of the articles says little of a context
COMMON_MIN = 3
MIN_ACRONYM = 3
MAX_FIGURE_ARTICLES = 500  # a page looks for figures in its newest articles only (one query each)
# A plausible full name to join: words of letters, dots, hyphens and apostrophes.
_INITIAL = re.compile(r"[^\W\d_]\.?")


def _without_initials(tokens: tuple[str, ...]) -> list[str]:
    """A person's name tokens without its middle initials ("george w. bush" -> "george bush")."""
    return [t for i, t in enumerate(tokens) if i in (0, len(tokens) - 1) or not _INITIAL.fullmatch(t)]


_NAME_LIKE = re.compile(r"[^\W\d_][\w.'\u2019-]*(?: [^\W\d_][\w.'\u2019-]*)+")
_LOOSE = " -\u2013\u2014:;,/"

# Why a name joined an entity (see ``Merge``).
VARIANT, LABEL, SURNAME, ACRONYM, PLURAL = "variant", "label", "surname", "acronym", "plural"
# Labels of bodies, whose names have plurals.
BODY_LABELS = frozenset({"ORG", "NORP"})


@dataclass(frozen=True, slots=True)
class EntitySummary:
    name: str
    label: str  # the label most of its articles give it
    aliases: tuple[str, ...]  # the other names articles give it, most used first
    articles: int
    mentions: int

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "label": self.label, "aliases": list(self.aliases),
                "articles": self.articles, "mentions": self.mentions}


@dataclass(frozen=True, slots=True)
class EntityArticle:
    path: str
    title: str
    source: str | None
    day: str | None
    mentions: int
    sentence: str | None  # the first sentence naming it, when the text was at hand
    dated_by: str = "published"  # or "saved": ``day`` is the file's, the article gives none

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "title": self.title, "source": self.source, "day": self.day,
                "dated_by": self.dated_by, "mentions": self.mentions, "sentence": self.sentence}


@dataclass(frozen=True, slots=True)
class EntityFigure:
    figure: CatalogFigure
    title: str
    day: str | None
    dated_by: str = "published"

    def to_dict(self) -> dict[str, Any]:
        f = self.figure
        return {"path": f.path, "title": self.title, "day": self.day, "dated_by": self.dated_by,
                "position": f.position, "text": f.text,
                "value": f.value, "value_high": f.value_high, "unit": f.unit, "concept": f.concept,
                "change": f.change, "sentence": f.sentence, "key": f.key, "label": f.label}


@dataclass(frozen=True, slots=True)
class RelatedEntity:
    name: str
    label: str
    articles: int  # articles naming both

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "label": self.label, "articles": self.articles}


@dataclass(frozen=True, slots=True)
class EntityPage:
    name: str
    label: str
    aliases: tuple[str, ...]
    mentions: int
    articles: tuple[EntityArticle, ...]  # newest day first
    figures: tuple[EntityFigure, ...]  # figures of those articles that involve it
    related: tuple[RelatedEntity, ...]  # the entities most often named with it

    @property
    def kind_phrase(self) -> str:
        """ "A person", "An organisation", ..."""
        kind = swatch(self.label).name.lower()
        return ("An " if kind[:1] in "aeiou" else "A ") + kind

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "label": self.label, "aliases": list(self.aliases),
                "mentions": self.mentions, "article_count": len(self.articles),
                "articles": [a.to_dict() for a in self.articles],
                "figures": [f.to_dict() for f in self.figures],
                "related": [r.to_dict() for r in self.related]}


@dataclass(frozen=True, slots=True)
class Merge:
    """One per-article name that joined an entity named otherwise (for measuring the merging)."""

    name: str
    label: str
    entity: str
    entity_label: str
    rule: str  # VARIANT, LABEL, SURNAME, ACRONYM or PLURAL
    articles: int  # articles giving this name
    new_articles: int  # of those, articles the entity would not have without this name


@dataclass(slots=True)
class _Group:
    """Per-article names that are spellings of one name (one name key)."""

    names: dict[tuple[str, str], int] = field(default_factory=dict)  # (label, name) -> its number
    display: str = ""
    label: str = ""
    parent: int = -1  # union-find: the group this one joined (-1: none)
    rule: str = ""  # why it joined its parent


def _name_key(label: str, name: str) -> str:
    target = alias(name, label)
    if target is None and label == "PERSON":
        target = without_honorific(name)
    return name_key(target or name) or name.casefold()


_ACCENTS: dict[int, str | int | None] = {int(k): v for k, v in accent_map.items()}
# How German names are often written without their accents: "Schröder" as "Schroeder".
_TRANSLITERATED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def _plain_key(text: str) -> str:
    """The name key of ``text`` without its accents: "Schröder" -> "schroder" (Whoosh's accent
    folding, as the index does; not unicodedata, which would add 1 MB to the frozen app)."""
    return name_key(text.translate(_ACCENTS))


def _majority_label(counts: Counter[str]) -> str:
    return min(counts, key=lambda label: (-counts[label], LABELS.index(label)))


class EntityDirectory:
    """The library's entities, merged across articles, from the catalog's entity rows."""

    def __init__(self, rows: Iterable[CatalogEntity], articles: Sequence[CatalogArticle] | None = None,
                 catalog: Catalog | None = None, overrides: Overrides | None = None) -> None:
        """``articles`` are the library's; without them, the pages read theirs from ``catalog``
        (held as objects, a 100,000-article library's took 52 MB for a page's few)."""
        self.catalog = catalog  # where the pages' articles (unless listed) and figures are read from
        self.overrides = overrides or Overrides()
        self._listed = None if articles is None else {a.path: a for a in articles}
        self._article_count = (len(self._listed) if self._listed is not None
                               else catalog.count() if catalog is not None else 0)
        self._groups: list[_Group] = []
        self._paths: list[str] = []  # article number -> path
        self._group_of_name: list[int] = []  # name number -> group
        self._by_name_key: dict[str, int] = {}
        self._read(rows)
        for group in self._groups:
            self._settle(group)
        self._df = self._pairs.counts()  # articles of each group
        self._by_article = Index.of(self._pairs, len(self._paths))
        self._common = max(COMMON_MIN, int(COMMON_SHARE * len(self._paths)))
        self._contexts: dict[int, Ints] = {}
        self._join_surnames()
        self._join_plurals()
        self._join_acronyms()
        self._index()
        # what only the merging needed goes: a large library's pairs are tens of megabytes
        del self._pairs, self._by_article, self._contexts
        give_back_free_memory()  # the sorts' temporaries were several times the arrays kept

    def _read(self, rows: Iterable[CatalogEntity]) -> None:
        """Number the rows' articles and (corrected) names, grouping names by name key, into arrays."""
        path_number: dict[str, int] = {}
        name_number: dict[tuple[str, str], int] = {}  # a row's own (label, name) -> its name's number
        corrected_number: dict[tuple[str, str], int] = {}
        columns = [array("i") for _ in range(4)]  # article, name, mentions, first offset
        article_col, name_col, mentions_col, first_col = columns
        for row in rows:
            pair = (row.label, row.name)
            nid = name_number.get(pair)
            if nid is None:
                nid = name_number[pair] = self._number_name(pair, corrected_number)
            if nid < 0:
                continue  # hidden by the reader, or of a label without pages
            pid = path_number.get(row.path)
            if pid is None:
                pid = path_number[row.path] = len(self._paths)
                self._paths.append(row.path)
            article_col.append(pid)
            name_col.append(nid)
            mentions_col.append(row.mentions)
            first_col.append(row.first_start)
        article, name, mentions, first = (np.frombuffer(c, dtype=np.int32) if c else np.zeros(0, np.int32)
                                          for c in columns)
        count = len(self._paths)
        # per name (rows retyped into one name add up), then per group of names
        names = Pairs.of(name, article, mentions, first, len(self._group_of_name), count)
        del article, name, mentions, first, columns, article_col, name_col, mentions_col, first_col
        self._name_articles = names.counts()
        self._names = names.slices()  # the articles of each name, for ``merges``
        self._pairs = names.regrouped(np.array(self._group_of_name, dtype=np.int64), len(self._groups),
                                            count)

    def _number_name(self, pair: tuple[str, str], numbered: dict[tuple[str, str], int]) -> int:
        """The number of the name ``pair`` is once the reader's corrections apply; -1 for none."""
        label, name = pair
        if self.overrides:
            corrected = self.overrides.label_of(name, label)
            if corrected is None:
                return -1
            label = corrected
        if label not in LABELS:
            return -1
        nid = numbered.get((label, name))
        if nid is None:
            nid = numbered[(label, name)] = len(self._group_of_name)
            key = _name_key(label, name)
            gid = self._by_name_key.get(key)
            if gid is None:
                gid = self._by_name_key[key] = len(self._groups)
                self._groups.append(_Group())
            self._groups[gid].names[(label, name)] = nid
            self._group_of_name.append(gid)
        return nid

    # -- merging ---------------------------------------------------------------------------

    def _settle(self, group: _Group) -> None:
        labels: Counter[str] = Counter()
        written: list[str] = []
        fixed = None
        for (label, name), nid in group.names.items():
            articles = int(self._name_articles[nid])
            labels[label] += articles
            shown = without_honorific(name) if label == "PERSON" else name
            written += [shown.strip(_LOOSE) or shown] * articles
            fixed = fixed or alias(name, label)
        group.label = _majority_label(labels)
        group.display = fixed or best_written(written)

    def _root(self, gid: int) -> int:
        while self._groups[gid].parent >= 0:
            gid = self._groups[gid].parent
        return gid

    def _join(self, child: int, parent: int, rule: str) -> None:
        child, parent = self._root(child), self._root(parent)
        if child != parent:
            self._groups[child].parent = parent
            self._groups[child].rule = rule

    def _articles_of(self, gid: int) -> int:
        return int(self._df[gid])

    def _context(self, gid: int) -> Ints:
        """The less common names (groups) the articles of group ``gid`` also give."""
        found = self._contexts.get(gid)
        if found is None:
            groups = self._by_article.keys_of(self._pairs.articles_of(gid))
            common = np.unique(groups[self._df[groups] <= self._common]).astype(np.int32)
            found = self._contexts[gid] = common[common != gid]
        return found

    def _related_enough(self, gid: int, target: int) -> bool:
        """Whether the articles of two names share at least MIN_SHARED_CONTEXT less common names."""
        shared = np.intersect1d(self._context(gid), self._context(target), assume_unique=True)
        return int(shared.size) >= MIN_SHARED_CONTEXT

    def _supported(self, gid: int, target: int) -> bool:
        """The long name is not a rarity next to the short one ("NHS" in 17, "Norfolk High School" in 1)."""
        return self._articles_of(target) * SUPPORT_RATIO >= self._articles_of(gid)

    def _join_initials(self) -> dict[str, list[int]]:
        """A full name joins the same name with a middle initial ("George Bush", "George W Bush").

        Returns each name without middle initials -> the people's groups spelled so, most common
        first, for ``_join_surnames`` to read a surname against names, not spellings."""
        spelled: dict[str, list[int]] = defaultdict(list)
        for gid, group in enumerate(self._groups):
            tokens = person_tokens(group.display)
            if group.label == "PERSON" and len(tokens) > 1 and _NAME_LIKE.fullmatch(group.display):
                spelled[" ".join(_without_initials(tokens))].append(gid)
        for gids in spelled.values():
            gids.sort(key=lambda g: -self._articles_of(g))
            main = gids[0]
            for gid in gids[1:]:
                if self._supported(gid, main) and self._related_enough(gid, main):
                    self._join(gid, main, SURNAME)
        return spelled

    def _join_surnames(self) -> None:
        """A person's partial name joins the one longer name of the library ending with it.

        ``full_person_name`` sees every longer name containing it, so "David" (in "Craig David" and
        "David Beckham") or "Smith" (in "Alan Smith" and "Will Smith") is ambiguous and stays. Names
        are read without middle initials: "Bush" beside "George Bush" and "George W Bush" (one person,
        once ``_join_initials`` joined them) is not ambiguous.
        """
        spelled = self._join_initials()
        containing: dict[str, list[str]] = defaultdict(list)  # name token -> full names (no initials)
        for name in spelled:
            for token in set(name.split()):
                containing[token].append(name)
        for gid, group in enumerate(self._groups):
            if group.label != "PERSON":
                continue
            tokens = person_tokens(group.display)
            candidates = containing.get(tokens[0], []) if tokens else []
            target = full_person_name(" ".join(tokens), candidates) if candidates else None
            if target is None or tuple(target.split())[-len(tokens):] != tokens:
                continue  # only a surname (the end of the name) stands for the whole name
            roots = {self._root(g) for g in spelled[target]}
            if len(roots) > 1:
                continue  # spellings not joined as one person: which one is meant is not known
            target_gid = spelled[target][0]
            # a full name joins a longer one only when that is the more common name
            if len(tokens) > 1 and self._articles_of(target_gid) < self._articles_of(gid):
                continue
            if self._supported(gid, target_gid) and self._related_enough(gid, target_gid):
                self._join(gid, target_gid, SURNAME)

    def _join_plurals(self) -> None:
        """A name joins its plural or singular when that names a body ("Lib Dem", "Lib Dems").

        The model often calls a party's singular ("Lib Dem plans") a person; a person's name has no
        plural, so the joined name votes for the body's type only (see ``_index``). Not joined: a
        name already joined to a person's full name, or the end of one ("Bush" of "George W Bush")."""
        roots = [gid for gid, g in enumerate(self._groups) if g.parent < 0]
        by_key = {name_key(self._groups[gid].display): gid for gid in roots}
        surnames = {person_tokens(g.display)[-1] for g in self._groups
                    if g.label == "PERSON" and len(person_tokens(g.display)) > 1}
        for gid in roots:
            group = self._groups[gid]
            if group.label not in BODY_LABELS and group.label != "PERSON":
                continue
            tokens = person_tokens(group.display)
            if group.label == "PERSON" and len(tokens) == 1 and tokens[0] in surnames:
                continue
            for form in sorted(plural_forms(name_key(group.display))):
                target = by_key.get(form)
                if target is None or self._groups[target].label not in BODY_LABELS:
                    continue
                shown = (group.display, self._groups[target].display)
                if not max(shown, key=lambda name: len(name_key(name))).endswith("s"):
                    continue  # "RBS" is no plural of "R&B"
                if group.label in BODY_LABELS and self._articles_of(gid) > self._articles_of(target):
                    continue  # two bodies: the less named joins the more named
                if self._root(gid) != gid or not self._related_enough(gid, target):
                    continue
                self._join(gid, target, PLURAL)
                break

    def _join_acronyms(self) -> None:
        """An organisation's acronym joins the one long name of the library with its initials."""
        orgs = [gid for gid, g in enumerate(self._groups) if g.label == "ORG" and g.parent < 0]
        by_initials: dict[str, list[str]] = defaultdict(list)
        owner: dict[str, int] = {}
        for gid in orgs:
            name = self._groups[gid].display
            if len(name.split()) > 1:
                letters = initials(name)
                if letters:
                    by_initials[letters].append(name)
                    owner[name] = gid
        for gid in orgs:
            name = self._groups[gid].display
            letters = name.replace(".", "")
            if len(letters) < MIN_ACRONYM or not ACRONYM_PATTERN.fullmatch(name):
                continue  # two letters are too many things ("QC", "XP"); known ones are aliases
            target = expand_acronym(name, by_initials.get(letters, []))
            if target is None:
                continue
            target_gid = owner[target]
            if self._supported(gid, target_gid) and self._related_enough(gid, target_gid):
                self._join(gid, target_gid, ACRONYM)

    # -- the merged entities ---------------------------------------------------------------

    def _index(self) -> None:
        count = len(self._groups)
        root_of = np.array([self._root(gid) for gid in range(count)], dtype=np.int64)
        members: dict[int, list[int]] = defaultdict(list)
        for gid, root in enumerate(root_of.tolist()):
            members[root].append(gid)
        self._members = dict(members)
        # entity (root) -> its articles, with mentions and first offset
        self._where = self._pairs.regrouped(root_of, count, len(self._paths))
        articles = self._where.counts()
        mentions = np.bincount(self._where.keys, weights=self._where.mentions, minlength=count)
        self._summaries: dict[int, EntitySummary] = {}
        for root, gids in self._members.items():
            names: Counter[str] = Counter()
            labels: Counter[str] = Counter()
            for gid in gids:
                for (label, name), nid in self._groups[gid].names.items():
                    named = int(self._name_articles[nid])
                    names[name] += named
                    if label in BODY_LABELS or self._groups[gid].rule != PLURAL:
                        labels[label] += named
            if not labels:
                labels[self._groups[root].label] += 1
            display = self._groups[root].display
            # corrected by the entity's own name too ("United States" for the articles' "U.S.")
            corrected = self.overrides.label_of(display, _majority_label(labels))
            if corrected is None:
                continue
            ranked = sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))
            aliases = tuple(n for n, _ in ranked if n != display)
            self._summaries[root] = EntitySummary(
                display, corrected, aliases, int(articles[root]), round(mentions[root])
            )
        # A hidden entity leaves no trace: no page, no name to find, no place among related names.
        self._members = {root: gids for root, gids in self._members.items() if root in self._summaries}
        listed = np.zeros(count, dtype=np.bool_)
        listed[list(self._summaries)] = True
        self._in_article = Index.of(self._where, len(self._paths), listed)  # article -> its entities
        self._by_name: dict[str, int] = {}
        for root, summary in self._summaries.items():
            self._by_name.setdefault(summary.name, root)
        self._by_key: dict[str, int] = {}
        for root, summary in self._summaries.items():
            self._by_key.setdefault(name_key(summary.name), root)
        for root, gids in self._members.items():
            for gid in gids:
                for _label, name in self._groups[gid].names:
                    self._by_name.setdefault(name, root)
                    self._by_key.setdefault(name_key(name), root)
        # Without accents ("Schröder" finds "Schroder"), and people by their surname alone
        # when the library has one person of that surname.
        self._by_plain_key: dict[str, int] = {}
        surnames: dict[str, set[int]] = defaultdict(set)
        for written, root in self._by_name.items():
            self._by_plain_key.setdefault(_plain_key(written), root)
        for root, summary in self._summaries.items():
            tokens = person_tokens(summary.name) if summary.label == "PERSON" else ()
            if len(tokens) > 1:
                surnames[_plain_key(tokens[-1])].add(root)
        self._by_surname = {key: next(iter(roots)) for key, roots in surnames.items() if len(roots) == 1}
        self._ranked = sorted(self._summaries.values(), key=lambda s: (-s.articles, -s.mentions, s.name))

    # -- reading ---------------------------------------------------------------------------

    def entities(self, label: str | None = None) -> list[EntitySummary]:
        """Every entity (of ``label``), named in the most articles first."""
        if label is None:
            return list(self._ranked)
        return [s for s in self._ranked if s.label == label.upper()]

    def __len__(self) -> int:
        return len(self._summaries)

    def _find(self, name: str) -> int | None:
        name = " ".join(name.split())
        found = self._by_name.get(name)
        for other in (name, without_honorific(name), alias(name, "GPE")):
            if found is None and other:
                found = self._by_key.get(name_key(other) or other.casefold())
        bare = _plain_key(without_honorific(name))
        for spelled in (bare, _plain_key(without_honorific(name).translate(_TRANSLITERATED))):
            if found is None and spelled:
                found = self._by_plain_key.get(spelled)
        if found is None and bare and len(without_honorific(name).split()) == 1:
            found = self._by_surname.get(bare)
        return found

    def named(self, name: str) -> EntitySummary | None:
        """The entity that articles call exactly ``name`` (its name or one of its names), no guessing."""
        root = self._by_name.get(name)
        return None if root is None else self._summaries[root]

    def labelled_names(self, name: str) -> tuple[tuple[str, str], ...]:
        """Every (label, name) the articles give the entity called exactly ``name``: where the index
        has it (an entity merged across labels is in several entity fields)."""
        root = self._by_name.get(name)
        if root is None:
            return ()
        return tuple(pair for gid in self._members[root] for pair in self._groups[gid].names)

    @property
    def article_count(self) -> int:
        """The library's articles (those of the catalog the directory was built from)."""
        return self._article_count

    def _articles_at(self, paths: Sequence[str]) -> dict[str, CatalogArticle]:
        if self._listed is not None:
            return {p: self._listed[p] for p in paths if p in self._listed}
        if self.catalog is not None:
            return {a.path: a for a in self.catalog.articles(paths)}
        return {}

    def find(self, name: str) -> EntitySummary | None:
        """The entity called ``name``, or having it as an alias (any case or punctuation)."""
        root = self._find(name)
        return None if root is None else self._summaries[root]

    def suggest(self, name: str, limit: int = 5) -> list[str]:
        """Entities whose names come close to ``name`` (for an unknown name)."""
        wanted = name.casefold().strip()
        if not wanted:
            return []
        containing = [s.name for s in self._ranked if wanted in s.name.casefold()][:limit]
        pool = [s.name for s in self._ranked[:20000]]
        lowered = {n.casefold(): n for n in reversed(pool)}
        close = [lowered[m] for m in difflib.get_close_matches(wanted, list(lowered), n=limit, cutoff=0.75)]
        return list(dict.fromkeys(close + containing))[:limit]

    def page(self, name: str, *, text_of: Callable[[str], str | None] | None = None,
             sentences: int = 50, max_related: int = MAX_RELATED,
             figure_articles: int = MAX_FIGURE_ARTICLES) -> EntityPage | None:
        """The page of the entity called ``name`` (or one of its aliases); None if the library has none.

        ``text_of(path)`` gives an article's text, for the first sentence naming the entity in each
        of the first ``sentences`` articles; figures are those of the ``figure_articles`` newest.
        """
        root = self._find(name)
        if root is None:
            return None
        summary = self._summaries[root]
        span = slice(self._where.offsets[root], self._where.offsets[root + 1])
        where = {self._paths[pid]: (mentions, first) for pid, mentions, first in
                 zip(self._where.articles[span].tolist(), self._where.mentions[span].tolist(),
                     self._where.first[span].tolist(), strict=True)}
        rows = self._articles_at(list(where))
        known = [(rows.get(p), p) for p in where]
        # Newest first by the articles' own dates; those dated only by their file's day after them.
        ordered = sorted(known, key=lambda ap: (ap[0] is not None and ap[0].dated_by == "published",
                                                (ap[0].day or "") if ap[0] else "", ap[1]), reverse=True)
        articles = []
        for number, (article, path) in enumerate(ordered):
            mentions, first = where[path]
            sentence = None
            if text_of is not None and number < sentences and first >= 0:
                text = text_of(path)
                sentence = sentence_at(text, first) if text else None
            articles.append(EntityArticle(path, article.title if article else path,
                                          article.source if article else None,
                                          article.day if article else None, mentions, sentence,
                                          article.dated_by if article else "published"))
        return EntityPage(summary.name, summary.label, summary.aliases, summary.mentions, tuple(articles),
                          self._figures(root, summary, articles[:figure_articles]),
                          self._related(root, max_related))

    def _related(self, root: int, limit: int) -> tuple[RelatedEntity, ...]:
        together = np.bincount(self._in_article.keys_of(self._where.articles_of(root)),
                               minlength=len(self._groups))
        together[root] = 0
        found = np.flatnonzero(together).tolist()
        summaries = self._summaries
        ranked = sorted(((r, int(together[r])) for r in found),
                        key=lambda kv: (-kv[1], -summaries[kv[0]].articles, summaries[kv[0]].name))
        return tuple(
            RelatedEntity(self._summaries[r].name, self._summaries[r].label, n) for r, n in ranked[:limit]
        )

    def _figures(
        self, root: int, summary: EntitySummary, articles: list[EntityArticle]
    ) -> tuple[EntityFigure, ...]:
        if self.catalog is None:
            return ()
        keys = naming_keys(summary.name, summary.label, summary.aliases)
        place = summary.label in PLACE_LABELS
        found = []
        for article in articles:
            for figure in self.catalog.figures_of(article.path):
                # a figure's key names a place: it says where the figure is, not who is in it
                texts = (figure.sentence, figure.concept, figure.label if place else None)
                if any(names_any(text, keys) for text in texts if text):
                    found.append(EntityFigure(figure, article.title, article.day, article.dated_by))
        return tuple(found)

    # -- measuring ---------------------------------------------------------------------------

    def merges(self) -> list[Merge]:
        """Every per-article name that joined an entity under another name."""
        found = []
        for root, gids in self._members.items():
            summary = self._summaries[root]
            numbers = [nid for gid in gids for nid in self._groups[gid].names.values()]
            for gid in gids:
                group = self._groups[gid]
                for (label, name), nid in group.names.items():
                    if name == summary.name and label == summary.label:
                        continue
                    if gid != root:
                        rule = group.rule
                    elif name_key(name) == name_key(summary.name) or alias(name, label):
                        rule = VARIANT if label == summary.label else LABEL
                    else:
                        rule = VARIANT
                    mine = self._names.articles_of(nid)
                    others = [self._names.articles_of(other) for other in numbers if other != nid]
                    alone = np.setdiff1d(mine, np.concatenate(others)) if others else mine
                    found.append(Merge(name, label, summary.name, summary.label, rule, int(mine.size),
                                       int(alone.size)))
        return found

    def names_count(self) -> int:
        """Distinct (label, per-article canonical name) pairs the entities were made of."""
        return sum(len(g.names) for g in self._groups)


# The overrides as a cache key: none (the facets' directory) or the library's current ones.
_OverridesKey = tuple[frozenset[str], tuple[tuple[str, str], ...]]
_NO_OVERRIDES: _OverridesKey = (frozenset(), ())
_cache: dict[tuple[str, _OverridesKey], tuple[str, EntityDirectory]] = {}
_cache_lock = threading.Lock()


def _whole_entities(uncorrected: EntityDirectory, overrides: Overrides) -> Overrides:
    """``overrides`` with an entity hidden or retyped by its name extended to all its names, as the
    library pane's facets read them: hiding "George W Bush" hides the "Bush" that joined him too."""
    hidden = set(overrides.hidden)
    retyped = dict(overrides.retyped)
    for entity in uncorrected.entities():
        names = (entity.name, *entity.aliases)
        if entity.name in overrides.hidden:
            hidden.update(names)
        elif entity.name in overrides.retyped:
            for name in names:
                retyped[name] = overrides.retyped[entity.name]  # as the facets: the entity's name wins
    return Overrides(frozenset(hidden), {k: v for k, v in retyped.items() if k not in hidden})


def _overrides_key(overrides: Overrides) -> _OverridesKey:
    return (overrides.hidden, tuple(sorted(overrides.retyped.items())))


def cached_directory(catalog: Catalog) -> EntityDirectory | None:
    """The (uncorrected) entity directory of ``catalog``'s current state if it is built already,
    without building it."""
    token = catalog.synced_token
    with _cache_lock:
        cached = _cache.get((str(catalog.path), _overrides_key(Overrides())))
        if token is None or cached is None or cached[0] != token:
            return None
        mine = copy.copy(cached[1])
        mine.catalog = catalog
        return mine


def directory(catalog: Catalog, overrides: Overrides | None = None) -> EntityDirectory:
    """The entity directory of ``catalog`` corrected by ``overrides``, built once per catalog state
    (its synced token) and overrides."""
    overrides = overrides or Overrides()
    token = catalog.synced_token
    place = str(catalog.path)
    key = _overrides_key(overrides)
    with _cache_lock:
        cached = _cache.get((place, key))
        if token is not None and cached is not None and cached[0] == token:
            # The same built directory, reading figures through this caller's connection.
            mine = copy.copy(cached[1])
            mine.catalog = catalog
            return mine
    corrections = _whole_entities(directory(catalog), overrides) if overrides else overrides
    with _cache_lock:
        give_back_free_memory()  # what searches freed, before the build's large temporaries
        # closed even when the build fails: the stream holds the catalog's lock until it ends
        with closing(catalog.each_entity_row()) as rows:
            built = EntityDirectory(rows, None, catalog, corrections)
        if token is not None:
            # one corrected directory per library besides the uncorrected one: older corrections go
            for stale in [k for k in _cache if k[0] == place and k[1] not in (key, _NO_OVERRIDES)]:
                del _cache[stale]
            _cache[(place, key)] = (token, built)
        return built


def library_directory(library: Library) -> EntityDirectory:
    """The library's entities as its reader corrected them (hidden ones gone, retyped ones moved)."""
    return directory(library.catalog(), library.overrides.current())


def library_page(library: Library, name: str, *, sentences: int = 50) -> EntityPage | None:
    """The page of the entity called ``name``, its articles' sentences read from the library's index."""

    def text_of(path: str) -> str | None:
        found = library.document(path)
        return found[0].text if found else None

    return library_directory(library).page(name, text_of=text_of, sentences=sentences)
