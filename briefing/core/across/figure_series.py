"""One figure followed across the library: its series, by day, and where reports disagree.

A series is every figure of one key (``figure_keys.figure_key``: same counted
thing, same place or owner, same unit kind) in the catalog, as points ordered by
the day each article speaks for. Two reports of one key on the same day
*disagree* when their values cannot be the same quantity, allowing for the way
news rounds and hedges: "five million" covers 4.875 million, "about 60" covers
58, "at least 58" covers 66, and a range covers what falls inside it.

A key alone does not make a series: "films · Spike Lee" counts the films he made
in one article and the films an actor made with him in another. Reports of one
key are one *thread* only when they are linked (``same_thread``): values of one
magnitude, no clash of periods (quarterly against annual growth) or adjustment
(seasonally adjusted against unadjusted), and, unless the key is an official
statistic of a place (a country's unemployment, inflation, growth), evidence that
they tell one story: the articles name the same people and organisations beyond
the key's own, or the figures' sentences share their words.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from briefing.core.analysis.figures.keys import concept_words, fold, is_stop_word, place_of_word
from briefing.core.article import Analysis, Article, Figure
from briefing.core.briefing.model import FigureNote, LibraryNotes
from briefing.core.library.catalog import Catalog, CatalogArticle, CatalogEntity, CatalogFigure

# How far a value written as approximate ("about", "nearly", "some") may be from another.
APPROXIMATE_SLACK = 0.10
# Rounding a written number may hide: at most half its last significant digit, at most this share.
ROUNDING_SLACK = 0.05


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One report of a series' value: in which article, on which day."""

    day: str | None  # ISO day the article speaks for
    value: float  # the level reported; for a range, its low end
    value_high: float | None  # a range's high end, else None
    unit: str | None
    text: str  # as written: "5.037 million"
    change: str | None  # "approximate", "at least", "at most", "up", "down" or None
    path: str
    position: int  # index into the article's figures
    title: str
    source: str | None
    sentence: str
    dated_by: str  # "published" or "saved"
    disagrees: bool = False  # another article gives another value on the same day

    def bounds(self) -> tuple[float, float]:
        """The values this report is consistent with, rounding and hedging allowed for."""
        low, high = sorted((self.value, self.value if self.value_high is None else self.value_high))
        slack = rounding_slack(self.value) if self.value_high is None else 0.0
        if self.change == "approximate":
            slack = max(slack, abs(self.value) * APPROXIMATE_SLACK)
        low, high = low - slack, high + slack
        if self.change == "at least":
            high = math.inf
        elif self.change == "at most":
            low = -math.inf
        return low, high

    def to_dict(self) -> dict[str, Any]:
        return {
            "day": self.day, "value": self.value, "value_high": self.value_high, "unit": self.unit,
            "text": self.text, "change": self.change, "path": self.path, "position": self.position,
            "title": self.title, "source": self.source, "sentence": self.sentence,
            "dated_by": self.dated_by, "disagrees": self.disagrees,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Reports of one key on one day whose values differ beyond rounding."""

    day: str
    points: tuple[SeriesPoint, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "day": self.day,
            "values": [p.text for p in self.points],
            "paths": [p.path for p in self.points],
            "positions": [p.position for p in self.points],
        }


@dataclass(frozen=True, slots=True)
class FigureSeries:
    key: str
    label: str
    points: tuple[SeriesPoint, ...]  # by day, then path and position
    disagreements: tuple[Disagreement, ...] = field(default=())

    @property
    def articles(self) -> int:
        return len({p.path for p in self.points})

    def elsewhere(self, path: str) -> list[SeriesPoint]:
        """The points reported by other articles than ``path``."""
        return [p for p in self.points if p.path != path]

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "articles": self.articles,
            "points": [p.to_dict() for p in self.points],
            "disagreements": [d.to_dict() for d in self.disagreements],
        }


def rounding_slack(value: float) -> float:
    """Half the last significant digit of ``value`` ("5 million": 500,000), capped at 5% of it."""
    size = abs(value)
    if size == 0:
        return 0.0
    step = 10.0 ** math.floor(math.log10(size))
    while step > 1e-6 and abs(size / step - round(size / step)) > 1e-6:
        step /= 10
    return min(step / 2, size * ROUNDING_SLACK)


def agree(a: SeriesPoint, b: SeriesPoint) -> bool:
    """Whether two reports can be of the same value (their bounds overlap)."""
    a_low, a_high = a.bounds()
    b_low, b_high = b.bounds()
    # Strictly: "5.4%" (up to 5.45) and "5.5%" (from 5.45) do not agree.
    margin = 1e-9 * max(1.0, abs(a.value), abs(b.value))
    return a_low < b_high - margin and b_low < a_high - margin


def _level(figure: CatalogFigure) -> tuple[float, float | None]:
    """(value, high): "rose 206,900 to 4.64 million" reports the level 4.64 million."""
    if figure.value_high is not None and figure.change in ("up", "down") and " to " in figure.text:
        return figure.value_high, None
    return figure.value, figure.value_high


def _point(figure: CatalogFigure, article: CatalogArticle | None) -> SeriesPoint:
    value, high = _level(figure)
    return SeriesPoint(
        day=article.day if article else None,
        value=value,
        value_high=high,
        unit=figure.unit,
        text=figure.text,
        change=figure.change,
        path=figure.path,
        position=figure.position,
        title=article.title if article else figure.path,
        source=article.source if article else None,
        sentence=figure.sentence,
        dated_by=article.dated_by if article else "saved",
    )


def disagreements(points: list[SeriesPoint]) -> tuple[list[SeriesPoint], list[Disagreement]]:
    """The points with ``disagrees`` set, and the disagreements by day.

    Only reports from different articles are compared: one article giving two values
    ("rose to 5.5% from 5.4%") is telling of a change, not disagreeing with itself. And only
    articles that give their publication date: the day a file was saved says nothing of when
    it was reported (a folder copied in at once would put a year of reports on one day).
    """
    flagged: set[tuple[str, int]] = set()
    found: list[Disagreement] = []
    by_day: dict[str, list[SeriesPoint]] = {}
    for point in points:
        if point.day and point.dated_by == "published":
            by_day.setdefault(point.day, []).append(point)
    for day, same_day in sorted(by_day.items()):
        involved: dict[tuple[str, int], SeriesPoint] = {}
        for i, a in enumerate(same_day):
            for b in same_day[i + 1 :]:
                if a.path != b.path and not agree(a, b):
                    involved[(a.path, a.position)] = a
                    involved[(b.path, b.position)] = b
        if involved:
            flagged.update(involved)
            ordered = sorted(involved.values(), key=lambda p: (p.path, p.position))
            found.append(Disagreement(day, tuple(ordered)))
    marked = [
        SeriesPoint(**{**_fields(p), "disagrees": (p.path, p.position) in flagged}) for p in points
    ]
    return marked, found


def _fields(point: SeriesPoint) -> dict[str, Any]:
    return {name: getattr(point, name) for name in SeriesPoint.__slots__}


# -- which reports of one key are one thread ------------------------------------------------

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Largest ratio between two values of one thread: a level (58 and 66, 4.4 and 5.2 million) and a
# change (up 0.8% and up 1.1%, shares +6% and -18%).
MAX_LEVEL_RATIO = 3.0
MAX_CHANGE_RATIO = 4.0
# Shared names and sentence words two reports need to be of one story.
MIN_EVIDENCE = 2
# Measures a country's statistics office publishes: the place and the measure tell them apart.
_STATISTICS = _words(
    """unemploy inflat gdp economi interest deficit surplus export import trade output
    manufactur payrol retail confid borrow wage hous price"""
)
_EVIDENCE_LABELS = frozenset({"ORG", "PERSON", "EVENT", "FAC"})
# Whose figure the sentence says: the name nearest it, one after it counting this many times its distance.
_OWNER_LABELS = frozenset({"ORG", "PERSON", "GPE"})
NAME_AFTER_PENALTY = 3
# Words every figure sentence may have: reporting, moving, and the calendar.
_PLAIN = _words(
    """said say says saying told according report reported reports show showed shows figur data
    rose risen rise rises fell fallen fall falls up down increas decreas jump drop climb slip grew
    grow gain lost lose cut per cent percent point points mr mrs ms
    januari februari march april may june juli august septemb octob novemb decemb monday tuesday
    wednesday thursday friday saturday sunday"""
)
_QUARTER = re.compile(
    r"\b(?:quarter|quarterly|three months|six months|half-year|first half|second half)\b", re.I
)
_MONTH = re.compile(
    r"\b(?:month|monthly|months|january|february|march|april|june|july|august|september|october|"
    r"november|december)\b",
    re.I,
)
_YEAR = re.compile(  # not "an annual rate of 4% in the third quarter": a quarter's growth, annualised
    r"\b(?:annual(?! rate)|annually|year-on-year|year on year|full[- ]year|a year earlier|the year|this year|"
    r"last year|(?:in|for|during) (?:19|20)\d\d)\b",
    re.I,
)
_UNADJUSTED = re.compile(r"\b(?:unadjusted|not seasonally adjusted|before seasonal)", re.I)
_ADJUSTED = re.compile(r"\b(?:seasonally[- ]adjusted|adjusted for seasonal|adjusted)\b", re.I)
# How far around the figure its period is read ("in the third quarter", "in 2004").
_PERIOD_WINDOW = 70
# What is expected, planned or needed rather than reported ("will fall to 4%", "plans to cut £35bn").
_FORECAST = re.compile(
    r"\b(?:will|would|could|might|(?-i:may)|shall|should|expects?|expected|expecting|forecasts?|forecasting|"
    r"predicts?|predicted|projected|projects|plans?|planned|planning|aims?|aiming|targets?|targeting|"
    r"hopes?|hoping|needs?|needed|proposed|proposes|pledged|pledges|promised|promises|wants?|"
    r"expectations?|consensus|estimates? (?:that|it)|likely|set to (?!remain)|going to)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[;:!?\u2013\u2014]|[,.](?!\d)|\s-\s")  # not "3.5%", "10,360"
# A figure after "from" is the level before, not the one reported: "fell to £178,906 from £180,126".
_CURRENT = re.compile(r"\b(?:current|currently|present|now|stands? at|stood at)\s+[$£€¥]?$", re.I)
_FROM = re.compile(r"\bfrom\s+(?:an?\s+)?(?:adjusted\s+|revised\s+|upwardly\s+revised\s+)?[$£€¥]?\s*$", re.I)


def _text_at(figure: CatalogFigure) -> int:
    found = figure.sentence.find(figure.text)
    return max(found, 0)


# The sentence tests below are cached by (sentence, figure text): ``since`` and the threads of a key
# ask them of one report once per report it is compared with.
_SENTENCE_CACHE = 1 << 13  # entries; full, the three hold about 5 MB with their sentences


def period(figure: CatalogFigure) -> str | None:
    """ "quarter", "month" or "year": the period its sentence names nearest the figure, if any.

    "Growth was at an annual rate of 4% in the third quarter of 2004 and for the year it came in at
    4.4%": 4% is of the quarter, 4.4% of the year.
    """
    return _period(figure.sentence, figure.text)


@lru_cache(maxsize=_SENTENCE_CACHE)
def _period(sentence: str, text: str) -> str | None:
    at = max(sentence.find(text), 0)
    end = at + len(text)
    start = max(0, at - _PERIOD_WINDOW)
    window = sentence[start : end + _PERIOD_WINDOW]
    found = [
        (min(abs(start + hit.start() - at), abs(start + hit.end() - end)), name)
        for name, pattern in (("quarter", _QUARTER), ("month", _MONTH), ("year", _YEAR))
        for hit in pattern.finditer(window)
        if not (name == "month" and _QUARTER.match(window, max(0, hit.start() - 6)))  # "three months"
    ]
    return min(found)[1] if found else None


def _clause(sentence: str, text: str) -> tuple[str, str]:
    """The words of the figure's clause before it and after it."""
    at = max(sentence.find(text), 0)
    before = sentence[max(0, at - 90) : at]
    ends = list(_CLAUSE_END.finditer(before))
    if ends:
        before = before[ends[-1].end() :]
    after = sentence[at + len(text) : at + len(text) + 60]
    end = _CLAUSE_END.search(after)
    return before, after[: end.start()] if end else after


def is_forecast(figure: CatalogFigure) -> bool:
    """Whether the figure is expected, planned or needed rather than reported ("will fall to 4%").

    "may increase interest rates from their current 4.75%": the current level is reported.
    """
    return _forecast(figure.sentence, figure.text)


@lru_cache(maxsize=_SENTENCE_CACHE)
def _forecast(sentence: str, text: str) -> bool:
    before, after = _clause(sentence, text)
    if _CURRENT.search(before):
        return False
    return bool(_FORECAST.search(before) or _FORECAST.search(after))


def is_earlier_level(figure: CatalogFigure) -> bool:
    """ "from £180,126" in "fell to £178,906 from £180,126": the level before the one reported."""
    return bool(_FROM.search(figure.sentence[: _text_at(figure)]))


def adjustment(figure: CatalogFigure) -> str | None:
    """ "unadjusted" or "adjusted" when the sentence says which (seasonally adjusted statistics)."""
    return _adjustment(figure.sentence)


@lru_cache(maxsize=_SENTENCE_CACHE)
def _adjustment(sentence: str) -> str | None:
    if _UNADJUSTED.search(sentence):
        return "unadjusted"
    if _ADJUSTED.search(sentence):
        return "adjusted"
    return None


def size(figure: CatalogFigure) -> float:
    """The figure's magnitude: its level ("rose 206,900 to 4.64 million": 4.64 million), a range's middle."""
    value, high = _level(figure)
    return abs(value if high is None else (value + high) / 2)


def comparable_size(a: CatalogFigure, b: CatalogFigure, *, change: bool) -> bool:
    small, large = sorted((size(a), size(b)))
    if small == 0:
        return large == 0
    return large / small <= (MAX_CHANGE_RATIO if change else MAX_LEVEL_RATIO)


def _key_parts(key: str) -> tuple[set[str], set[str]]:
    """(the key's stems, its places and owners)."""
    parts = key.split("|")
    stems = set(parts[0].split())
    where = set(parts[1].split(";")) if len(parts) > 1 else set()
    return stems, where


def is_statistic(key: str) -> bool:
    """Whether the key is a measure a place's statistics give (its unemployment, inflation, ...).

    Keys of these measures name the place (``figure_keys``), so the key tells one series apart.
    """
    stems, _ = _key_parts(key)
    return stems <= _STATISTICS and bool(stems - {"price"})


def _content_stems(sentence: str) -> frozenset[str]:
    """The stems of the sentence's content words: no numbers, places, stop words or plain words."""
    stems = set()
    for word in concept_words(sentence):
        if len(word) < 3 or is_stop_word(word) or place_of_word(word):
            continue
        stem = fold(word)
        if stem not in _PLAIN and word not in _PLAIN:
            stems.add(stem)
    return frozenset(stems)


def _names(entities: list[CatalogEntity], leave_out: set[str]) -> set[str]:
    return {e.name for e in entities if e.label in _EVIDENCE_LABELS and e.name not in leave_out}


@lru_cache(maxsize=1 << 12)
def _name_pattern(name: str) -> re.Pattern[str]:
    """The name as a whole word or words (compiled once: re's own cache holds 512 patterns)."""
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


def _says(sentence: str, name: str) -> bool:
    return name in sentence and _name_pattern(name).search(sentence) is not None


class Threads:
    """Decides which reports of a key are one thread; caches each article's names."""

    def __init__(
        self,
        entities_of: Callable[[str], list[CatalogEntity]],
        entities_of_paths: Callable[[Iterable[str]], dict[str, list[CatalogEntity]]] | None = None,
    ) -> None:
        self._entities_of = entities_of
        self._entities_of_paths = entities_of_paths
        self._entities: dict[str, list[CatalogEntity]] = {}
        # Each figure's nearest name and its sentence's stems, worked out once: a figure of a key many
        # articles report is compared with each of them (since, the threads of a key).
        self._nearest: dict[CatalogFigure, str | None] = {}
        self._stems: dict[str, frozenset[str]] = {}
        self._keys: dict[str, tuple[set[str], set[str], frozenset[str]]] = {}
        self._names: dict[str, frozenset[str]] = {}
        self._name_folds: dict[str, frozenset[str]] = {}

    def _key_info(self, key: str) -> tuple[set[str], set[str], frozenset[str]]:
        """The key's stems, its places and owners, and their words folded."""
        found = self._keys.get(key)
        if found is None:
            stems, where = _key_parts(key)
            where_words = {w.casefold() for name in where for w in concept_words(name)}
            found = self._keys[key] = (stems, where, frozenset(fold(w) for w in where_words))
        return found

    def _evidence_names(self, path: str) -> frozenset[str]:
        found = self._names.get(path)
        if found is None:
            found = self._names[path] = frozenset(_names(self._entities_in(path), set()))
        return found

    def _folded_name(self, name: str) -> frozenset[str]:
        found = self._name_folds.get(name)
        if found is None:
            found = self._name_folds[name] = frozenset(fold(w) for w in concept_words(name))
        return found

    def _sentence_stems(self, figure: CatalogFigure) -> frozenset[str]:
        found = self._stems.get(figure.sentence)
        if found is None:
            found = self._stems[figure.sentence] = _content_stems(figure.sentence)
        return found

    def prefetch(self, paths: Iterable[str]) -> None:
        """Read the names of these articles' in one go (a query per article is dear at scale)."""
        if self._entities_of_paths is not None:
            missing = [path for path in dict.fromkeys(paths) if path not in self._entities]
            if missing:
                self._entities.update(self._entities_of_paths(missing))

    def _entities_in(self, path: str) -> list[CatalogEntity]:
        if path not in self._entities:
            self._entities[path] = self._entities_of(path)
        return self._entities[path]

    def evidence(self, a: CatalogFigure, b: CatalogFigure) -> int:
        """Names both articles give beyond the key's own, plus content words both sentences share."""
        stems, where, where_folds = self._key_info(a.key or "")
        shared_names = (self._evidence_names(a.path) & self._evidence_names(b.path)) - where
        name_words = {w for name in shared_names for w in self._folded_name(name)}
        leave_out = stems | where_folds | name_words
        shared_words = (self._sentence_stems(a) & self._sentence_stems(b)) - leave_out
        return len(shared_names) + len(shared_words)

    def _nearest_name(self, figure: CatalogFigure) -> str | None:
        """The organisation, person or place the sentence names nearest the figure (before it, rather):
        whose figure it is ("Halifax said house prices rose by 0.8% ... and Nationwide ... 0.4%")."""
        if figure not in self._nearest:
            self._nearest[figure] = self._find_nearest_name(figure)
        return self._nearest[figure]

    def _find_nearest_name(self, figure: CatalogFigure) -> str | None:
        at = _text_at(figure)
        # Places own a statistic (Halifax's house prices); anything else is a company's or a person's.
        labels = _OWNER_LABELS if is_statistic(figure.key or "") else _OWNER_LABELS - {"GPE"}
        found = [
            (at - hit.start() if hit.start() < at else (hit.start() - at) * NAME_AFTER_PENALTY, e.name)
            # (A name the sentence does not hold is not looked for: a pattern compiled per name is dear.)
            for e in self._entities_in(figure.path) if e.label in labels and e.name in figure.sentence
            for hit in _name_pattern(e.name).finditer(figure.sentence)
        ]  # fmt: skip
        return min(found)[1] if found else None

    def other_owners(self, a: CatalogFigure, b: CatalogFigure) -> bool:
        """Whether the sentences give the figures to others: Halifax's 1.1% and Nationwide's -0.2%."""
        name_a, name_b = self._nearest_name(a), self._nearest_name(b)
        if name_a is None or name_b is None or name_a == name_b:
            return False
        return not _says(b.sentence, name_a) or not _says(a.sentence, name_b)

    def same_thread(self, a: CatalogFigure, b: CatalogFigure) -> bool:
        """Whether reports ``a`` and ``b`` (of one key) give the same measure of the same thing."""
        if a.key is None or a.key != b.key:
            return False
        if a.path == b.path:
            return True
        if not comparable_size(a, b, change=a.key.endswith("|change")):
            return False
        period_a, period_b = period(a), period(b)
        if period_a and period_b and period_a != period_b:
            return False
        adjusted_a, adjusted_b = adjustment(a), adjustment(b)
        if adjusted_a and adjusted_b and adjusted_a != adjusted_b:
            return False
        if is_forecast(a) != is_forecast(b) or self.other_owners(a, b):
            return False
        return is_statistic(a.key) or self.evidence(a, b) >= MIN_EVIDENCE

    def split(self, figures: list[CatalogFigure]) -> list[list[CatalogFigure]]:
        """The figures (of one key) in threads: linked reports, and the reports linked to those."""
        parent = list(range(len(figures)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        self.prefetch(f.path for f in figures)
        values: dict[str, set[tuple[float, float | None]]] = {}
        for figure in figures:
            values.setdefault(figure.path, set()).add(_level(figure))
        for i, a in enumerate(figures):
            for j in range(i + 1, len(figures)):
                b = figures[j]
                if a.path == b.path or root(i) == root(j):
                    continue
                # Copies of one story giving 1.3 and 3.2 megapixels (Europe, Japan): each value goes
                # with the same value of the other article, not with the other value.
                level_a, level_b = _level(a), _level(b)
                if level_a != level_b and (level_b in values[a.path] or level_a in values[b.path]):
                    continue
                if self.same_thread(a, b):
                    parent[root(j)] = root(i)
        found: dict[int, list[CatalogFigure]] = {}
        for i, figure in enumerate(figures):
            found.setdefault(root(i), []).append(figure)
        return list(found.values())


def build_series(key: str, figures: list[CatalogFigure], articles: dict[str, CatalogArticle]) -> FigureSeries:
    points = sorted(
        (_point(f, articles.get(f.path)) for f in figures),
        key=lambda p: (p.day or "", p.path, p.position),
    )
    marked, found = disagreements(points)
    labels = Counter(f.label for f in figures if f.label)
    label = min(labels, key=lambda lbl: (-labels[lbl], lbl)) if labels else key
    return FigureSeries(key, label, tuple(marked), tuple(found))


def _by_articles(series: FigureSeries) -> tuple[int, int, str]:
    return (-series.articles, -len(series.points), min(p.path for p in series.points))


def threads_of_key(catalog: Catalog, key: str) -> list[FigureSeries]:
    """The reports of ``key`` in the library as threads (``Threads.split``), most articles first."""
    figures = catalog.figures_with_key(key)
    if not figures:
        return []
    articles = {a.path: a for a in catalog.articles({f.path for f in figures})}
    threads = Threads(catalog.entities_of, catalog.entities_of_paths).split(figures)
    return sorted((build_series(key, thread, articles) for thread in threads), key=_by_articles)


def series_of_key(catalog: Catalog, key: str) -> FigureSeries | None:
    """The thread of ``key`` most articles report, or None when no figure has the key."""
    threads = threads_of_key(catalog, key)
    return threads[0] if threads else None


def _thread_of(threads: list[FigureSeries], figure: CatalogFigure) -> FigureSeries | None:
    mine = (figure.path, figure.position)
    return next((s for s in threads if any((p.path, p.position) == mine for p in s.points)), None)


def series_for(catalog: Catalog, path: str, position: int) -> FigureSeries | None:
    """The thread the figure at ``position`` of the article at ``path`` belongs to (None: no key)."""
    for figure in catalog.figures_of(path):
        if figure.position == position:
            return _thread_of(threads_of_key(catalog, figure.key), figure) if figure.key else None
    return None


def series_of_article(catalog: Catalog, path: str) -> list[tuple[CatalogFigure, FigureSeries | None]]:
    """Each figure of the article with its thread (None when it has no key), in figure order."""
    found: dict[str, list[FigureSeries]] = {}
    result = []
    for figure in catalog.figures_of(path):
        series = None
        if figure.key:
            if figure.key not in found:
                found[figure.key] = threads_of_key(catalog, figure.key)
            series = _thread_of(found[figure.key], figure)
        result.append((figure, series))
    return result


def histories(
    catalog: Catalog, path: str, figures: Sequence[Figure] | None = None
) -> dict[int, FigureSeries]:
    """By figure position: the series of each figure of ``path`` that other articles report too.

    With the article's ``figures`` (its analysis as shown), only positions that still hold the
    same figure: the catalog may lag behind an article that has just changed.
    """
    return {
        figure.position: series
        for figure, series in series_of_article(catalog, path)
        if series is not None and series.elsewhere(path)
        and (figures is None or _still_there(figure, figures))
    }


def _still_there(figure: CatalogFigure, figures: Sequence[Figure]) -> bool:
    return figure.position < len(figures) and figures[figure.position].text == figure.text


def groups(catalog: Catalog, min_articles: int = 2) -> list[FigureSeries]:
    """Every thread reported by at least ``min_articles`` articles, largest first."""
    found = [
        series
        for key, _count in catalog.figure_keys(min_articles)
        for series in threads_of_key(catalog, key)
        if series.articles >= min_articles
    ]
    return sorted(found, key=lambda s: (-s.articles, s.key, min(p.path for p in s.points)))


def day_label(day: str | None, *, long: bool = False) -> str:
    """ "3 Jan 2024" (or "3 January 2024" when ``long``); "an unknown day" without one."""
    if not day:
        return "an unknown day"
    try:
        moment = dt.date.fromisoformat(day)
    except ValueError:
        return day
    return f"{moment.day} {moment.strftime('%B' if long else '%b')} {moment.year}"


def describe_elsewhere(series: FigureSeries, path: str, *, long: bool = False, limit: int = 3) -> str:
    """The series' reports in other articles, newest first: "66 on 9 Jan 2024 in B; 58 on ... in A"."""
    others = sorted(series.elsewhere(path), key=lambda p: (p.day or "", p.path, p.position), reverse=True)
    parts = [
        (f"{p.text} on {day_label(p.day, long=long)} in {p.title}" if p.dated_by != "saved"
         else f"{p.text} in {p.title} (saved {day_label(p.day, long=long)})")
        + (" (disagrees)" if p.disagrees else "")
        for p in others[:limit]
    ]
    if len(others) > limit:
        parts.append(f"{len(others) - limit} more")
    return "; ".join(parts)


def disagreement_note(series: FigureSeries, path: str, *, long: bool = False) -> str | None:
    """ "Reports disagree on 9 Jan 2024: 58 (A), 66 (B)" for the days this article's report is part of."""
    notes = []
    for found in series.disagreements:
        if any(p.path == path for p in found.points):
            values = ", ".join(f"{p.text} ({p.title})" for p in found.points)
            notes.append(f"reports disagree on {day_label(found.day, long=long)}: {values}")
    return "; ".join(notes) or None


def briefing_notes(catalog: Catalog, pairs: Iterable[tuple[Article, Analysis | None]]) -> LibraryNotes:
    """For ``build_briefing(library_notes=...)``: where else the library reports each article's figures,
    and the day each undated article's file was saved."""
    figures: dict[str, dict[int, FigureNote]] = {}
    saved_days: dict[str, str] = {}
    for article, analysis in pairs:
        path = article.path
        figures[path] = {
            position: FigureNote(
                history=describe_elsewhere(series, path, long=True) or None,
                disagreement=disagreement_note(series, path, long=True),
            )
            for position, series in histories(catalog, path, analysis.figures if analysis else ()).items()
        }
        known = catalog.article(path)
        if known is not None and known.dated_by == "saved" and known.day:
            saved_days[path] = known.day
    return LibraryNotes(figures=figures, saved_days=saved_days)
