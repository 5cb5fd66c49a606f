"""One figure followed across the library: its series, by day, and where reports disagree.

A series is every figure of one key (``figure_keys.figure_key``: same counted
thing, same place or owner, same unit kind) in the catalog, as points ordered by
the day each article speaks for. Two reports of one key on the same day
*disagree* when their values cannot be the same quantity, allowing for the way
news rounds and hedges: "five million" covers 4.875 million, "about 60" covers
58, "at least 58" covers 66, and a range covers what falls inside it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from briefing.core.across.catalog import Catalog, CatalogArticle, CatalogFigure

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
    ("rose to 5.5% from 5.4%") is telling of a change, not disagreeing with itself.
    """
    flagged: set[tuple[str, int]] = set()
    found: list[Disagreement] = []
    by_day: dict[str, list[SeriesPoint]] = {}
    for point in points:
        if point.day:
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


def build_series(key: str, figures: list[CatalogFigure], articles: dict[str, CatalogArticle]) -> FigureSeries:
    points = sorted(
        (_point(f, articles.get(f.path)) for f in figures),
        key=lambda p: (p.day or "", p.path, p.position),
    )
    marked, found = disagreements(points)
    labels = Counter(f.label for f in figures if f.label)
    label = min(labels, key=lambda lbl: (-labels[lbl], lbl)) if labels else key
    return FigureSeries(key, label, tuple(marked), tuple(found))


def series_of_key(catalog: Catalog, key: str) -> FigureSeries | None:
    """Every report of ``key`` in the library, or None when there is none."""
    figures = catalog.figures_with_key(key)
    if not figures:
        return None
    articles = {a.path: a for a in catalog.articles({f.path for f in figures})}
    return build_series(key, figures, articles)


def series_for(catalog: Catalog, path: str, position: int) -> FigureSeries | None:
    """The series the figure at ``position`` of the article at ``path`` belongs to (None: no key)."""
    for figure in catalog.figures_of(path):
        if figure.position == position:
            return series_of_key(catalog, figure.key) if figure.key else None
    return None


def series_of_article(catalog: Catalog, path: str) -> list[tuple[CatalogFigure, FigureSeries | None]]:
    """Each figure of the article with its series (None when it has no key), in figure order."""
    found: dict[str, FigureSeries | None] = {}
    result = []
    for figure in catalog.figures_of(path):
        series = None
        if figure.key:
            if figure.key not in found:
                found[figure.key] = series_of_key(catalog, figure.key)
            series = found[figure.key]
        result.append((figure, series))
    return result


def histories(catalog: Catalog, path: str) -> dict[int, FigureSeries]:
    """By figure position: the series of each figure of ``path`` that other articles report too."""
    return {
        figure.position: series
        for figure, series in series_of_article(catalog, path)
        if series is not None and series.elsewhere(path)
    }


def groups(catalog: Catalog, min_articles: int = 2) -> list[FigureSeries]:
    """Every series reported by at least ``min_articles`` articles, largest first."""
    found = []
    for key, _count in catalog.figure_keys(min_articles):
        series = series_of_key(catalog, key)
        if series is not None:
            found.append(series)
    return found


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
        f"{p.text} on {day_label(p.day, long=long)} in {p.title}" + (" (disagrees)" if p.disagrees else "")
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
