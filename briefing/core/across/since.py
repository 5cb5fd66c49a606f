"""What is new since the last printed or exported briefing: articles, and figures that moved.

An article is new until a briefing includes it: briefing one article of 121
leaves the other 120 new (the reader has not been briefed on them). A briefed
article is updated when its text changed after the last briefing that included
it. A figure of a new article has changed when other articles,
ones the reader had before, give a figure of the same key (``figure_keys``) and
of the same thread (``figure_series.Threads``: one magnitude and period, and
evidence of one story), and the latest of those (by the day the article speaks
for) says another value, beyond what rounding and hedging allow ("more than
$27bn" is not a change from $27.5bn).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from briefing.core.across.figure_series import (
    SeriesPoint,
    Threads,
    agree,
    briefing_notes,
    is_earlier_level,
    is_forecast,
)
from briefing.core.article import Analysis, Article
from briefing.core.briefing.model import Briefing, ChangeRow, build_briefing, display_day
from briefing.core.library.catalog import BriefingRecord, Catalog, CatalogArticle, CatalogFigure

Direction = Literal["up", "down", "same"]
MAX_CHANGES = 30  # rows of "What changed" in a briefing
TITLE = "Since your last briefing"
_PREFETCH = 500  # new articles whose names are read in one query


@dataclass(frozen=True, slots=True)
class FigureChange:
    """One figure of a new article next to the value the reader had before for the same key."""

    key: str
    label: str  # "unemployment rate · Germany (%)"
    before: CatalogFigure
    before_article: CatalogArticle
    after: CatalogFigure
    after_article: CatalogArticle
    direction: Direction

    @property
    def subject(self) -> str:
        """The label without its unit ("(%)"): the figures' own text carries the unit."""
        label = self.label
        if label.endswith(")") and " (" in label:
            label = label[: label.rindex(" (")]
        return label

    @property
    def text(self) -> str:
        """ "unemployment rate · Germany: 11.7% → 12.1% (up)" """
        return f"{self.subject}: {shown(self.before)} → {shown(self.after)} ({self.direction})"


def is_movement(figure: CatalogFigure) -> bool:
    """A figure that is itself a rise or a fall ("fell 0.7%"), not a level (figure_keys marks them)."""
    return (figure.key or "").endswith("|change") and figure.change in ("up", "down")


def _is_from_to(figure: CatalogFigure) -> bool:
    """ "rose 206,900 to 4.64 million": a move and the level it reached (the level is the figure)."""
    return figure.value_high is not None and figure.change in ("up", "down") and " to " in figure.text


def shown(figure: CatalogFigure) -> str:
    """The figure as the article gives it, signed when it is a rise or a fall: "-0.7%", "+1.1%"."""
    if _is_from_to(figure):
        return figure.text.rsplit(" to ", 1)[1]
    if not is_movement(figure):
        return figure.text
    return ("+" if figure.change == "up" else "-") + figure.text


@dataclass(frozen=True, slots=True)
class WhatIsNew:
    last: BriefingRecord | None  # None: no briefing yet, so every article is new
    articles: list[CatalogArticle]  # added since, oldest day first
    changed_figures: list[FigureChange]
    updated: list[CatalogArticle] = field(default_factory=list)  # there before, text changed since
    unchanged_figures: list[FigureChange] = field(default_factory=list)  # same value confirmed
    briefed: int = 0  # articles of the library some briefing included

    @property
    def paths(self) -> list[str]:
        return [a.path for a in self.articles]

    def headline(self) -> str:
        """ "12 new articles (not in a briefing yet); last briefing 3 March, 14:20" (or every article,
        with none yet)."""
        count = len(self.articles)
        if self.last is None:
            return f"{count} article{'' if count == 1 else 's'}: no briefing made yet"
        when = moment_label(self.last.made_at)
        if not count:
            return f"Nothing new since your briefing of {when}"
        return f"{count} new article{'' if count == 1 else 's'} (not in a briefing yet); last briefing {when}"


def moment_label(when: float, today: dt.date | None = None) -> str:
    """ "3 March, 14:20" (the year too when it is not this year's)."""
    moment = dt.datetime.fromtimestamp(when)
    today = today or dt.date.today()
    day = f"{moment.day} {moment:%B}" + ("" if moment.year == today.year else f" {moment.year}")
    return f"{day}, {moment:%H:%M}"


def _level(figure: CatalogFigure) -> tuple[float, float | None]:
    if _is_from_to(figure) and figure.value_high is not None:
        return figure.value_high, None
    return figure.value, figure.value_high


def _hedged(figure: CatalogFigure) -> SeriesPoint:
    value, high = _level(figure)
    hedge = figure.change if figure.change in ("approximate", "at least", "at most") else None
    return SeriesPoint(None, value, high, figure.unit, figure.text, hedge, figure.path, figure.position,
                       "", None, figure.sentence, "saved")  # fmt: skip


def _same(a: CatalogFigure, b: CatalogFigure) -> bool:
    """Whether two reports give one value, rounding and hedging allowed for ("more than $27bn", $27.5bn)."""
    if is_movement(a) and is_movement(b) and a.change != b.change:
        return False  # a rise of 2% is not a fall of 2%
    value_a, high_a = _level(a)
    value_b, high_b = _level(b)
    if math.isclose(value_a, value_b, rel_tol=1e-9) and math.isclose(
        value_a if high_a is None else high_a, value_b if high_b is None else high_b, rel_tol=1e-9
    ):
        return True
    return agree(_hedged(a), _hedged(b))


def _middle(figure: CatalogFigure) -> float:
    value, high = _level(figure)
    middle = value if high is None else (value + high) / 2
    return -middle if is_movement(figure) and figure.change == "down" else middle


def direction(before: CatalogFigure, after: CatalogFigure) -> Direction:
    if _same(before, after):
        return "same"
    return "up" if _middle(after) > _middle(before) else "down"


def _reported(figure: CatalogFigure) -> bool:
    """A value the article reports as it stands: not a forecast or plan, not the level it moved from."""
    return not is_forecast(figure) and not is_earlier_level(figure)


def _best(figures: Iterable[CatalogFigure]) -> CatalogFigure:
    return max(figures, key=lambda f: (f.score, -f.position))


def _latest_first(
    figures: Iterable[CatalogFigure], old: dict[str, CatalogArticle]
) -> list[tuple[str, list[CatalogFigure]]]:
    """The figures by old article, latest first (by the day it speaks for, then when it came, then path)."""
    by_path: dict[str, list[CatalogFigure]] = defaultdict(list)
    for figure in figures:
        by_path[figure.path].append(figure)
    def recency(item: tuple[str, list[CatalogFigure]]) -> tuple[str, float, str]:
        return old[item[0]].day or "", old[item[0]].added_at, item[0]

    return sorted(by_path.items(), key=recency, reverse=True)


def _latest_linked(
    reports: Sequence[tuple[str, list[CatalogFigure]]],
    figures: Sequence[CatalogFigure],
    article: CatalogArticle,
    old: dict[str, CatalogArticle],
    threads: Threads,
) -> tuple[str, list[tuple[CatalogFigure, CatalogFigure]]] | None:
    """The latest old article with a report linked to one of ``figures``, and those (before, after) pairs.

    Old articles are tried latest first and the first with a link ends the search: a key that a
    large library reports thousands of times costs the few latest articles, not a comparison with
    every report of it (which made ``since`` grow with the square of the library).
    """
    for path, before in reports:
        # An article speaking of an earlier day than the old one is catching up, not moving on.
        if (old[path].day or "") > (article.day or ""):
            continue
        # Values in other units (pounds and dollars) say nothing of a rise or a fall.
        pairs = [
            (b, a) for a in figures for b in before
            if (a.unit or "") == (b.unit or "") and threads.same_thread(b, a)
        ]  # fmt: skip
        if pairs:
            return path, pairs
    return None


def _changes(
    catalog: Catalog, new: Sequence[CatalogArticle], old: dict[str, CatalogArticle]
) -> tuple[list[FigureChange], list[FigureChange]]:
    changed: list[FigureChange] = []
    unchanged: list[FigureChange] = []
    if not old:
        return changed, unchanged
    history: dict[str, list[tuple[str, list[CatalogFigure]]]] = {}
    threads = Threads(catalog.entities_of, catalog.entities_of_paths)
    for at, article in enumerate(new):
        if at % _PREFETCH == 0:
            threads.prefetch(a.path for a in new[at : at + _PREFETCH])
        by_key: dict[str, list[CatalogFigure]] = defaultdict(list)
        for figure in catalog.figures_of(article.path):
            if figure.key is not None and _reported(figure):
                by_key[figure.key].append(figure)
        for key, figures in by_key.items():
            if key not in history:
                reported = [f for f in catalog.figures_with_key(key) if f.path in old and _reported(f)]
                history[key] = _latest_first(reported, old)
            # The reader's latest word on it: the old article of the latest day (the last one
            # indexed on a tie) among those reporting it in the same thread.
            linked = _latest_linked(history[key], figures, article, old, threads)
            if linked is None:
                continue
            latest, pairs = linked
            # A new article repeating the value it had before confirms it, whatever else it says.
            pair = next(((b, a) for b, a in pairs if _same(a, b)), None)
            if pair is None:
                after = _best(a for _, a in pairs)
                pair = (_best(b for b, a in pairs if a is after), after)
            before, after = pair
            change = FigureChange(
                key=key,
                label=after.label or before.label or key,
                before=before,
                before_article=old[latest],
                after=after,
                after_article=article,
                direction=direction(before, after),
            )
            (unchanged if change.direction == "same" else changed).append(change)
    # The new articles' most salient figures first (the analysis' own score).
    for found in (changed, unchanged):
        found.sort(key=lambda c: (-c.after.score, c.label.casefold(), c.after_article.path))
    return changed, unchanged


def briefed_at(records: Iterable[BriefingRecord], until: float | None = None) -> dict[str, float]:
    """Path -> when the latest briefing (made no later than ``until``) that included it was made."""
    seen: dict[str, float] = {}
    for record in records:
        if until is not None and record.made_at > until:
            continue
        for path in record.paths:
            seen[path] = max(seen.get(path, record.made_at), record.made_at)
    return seen


def unbriefed(catalog: Catalog) -> tuple[list[CatalogArticle], BriefingRecord | None]:
    """The articles no briefing has included yet (oldest day first), and the last briefing."""
    records = catalog.briefings()
    seen = briefed_at(records)
    return [a for a in catalog.articles() if a.path not in seen], (records[0] if records else None)


def since_last_briefing(catalog: Catalog, last: BriefingRecord | None = None) -> WhatIsNew:
    """What no briefing up to ``last`` (default: the catalog's last one) included, and what changed."""
    records = catalog.briefings()
    last = last if last is not None else (records[0] if records else None)
    seen = briefed_at(records, last.made_at) if last is not None else {}
    articles = catalog.articles()
    new = [a for a in articles if a.path not in seen]
    updated = [a for a in articles if a.path in seen and a.changed_at > seen[a.path]]
    old = {a.path: a for a in articles if a.path in seen}
    changed, unchanged = _changes(catalog, new, old)
    return WhatIsNew(last, new, changed, updated, unchanged, briefed=len(old))


# -- the briefing of what is new ---------------------------------------------------------


def _where(article: CatalogArticle) -> str:
    day = display_day(article.day, article.dated_by)
    return f"{article.title}, {day}" if day else article.title


def change_rows(changes: Sequence[FigureChange], paths: Sequence[str]) -> tuple[ChangeRow, ...]:
    """The changes as "What changed" rows, pointing at the articles' numbers in a briefing of ``paths``."""
    numbers = {path: n for n, path in enumerate(paths, 1)}
    return tuple(
        ChangeRow(
            label=c.subject,
            before=shown(c.before),
            before_source=_where(c.before_article),
            after=shown(c.after),
            after_article=numbers.get(c.after_article.path),
            direction=c.direction,
        )
        for c in changes[:MAX_CHANGES]
    )


def briefing_of_new(
    what: WhatIsNew,
    pairs: Sequence[tuple[Article, Analysis | None]],
    *,
    created: dt.date | None = None,
    catalog: Catalog | None = None,
) -> Briefing:
    """A briefing of the new articles (``pairs``, in that order) opening with what changed.

    With the ``catalog``, figure rows also say where else the library reports them.
    """
    paths = [article.path for article, _ in pairs]
    briefed = set(paths)
    changes = change_rows([c for c in what.changed_figures if c.after_article.path in briefed], paths)
    count = len(pairs)
    if what.last is not None:
        subtitle = (f"{count} article{'' if count == 1 else 's'} not in a briefing yet "
                    f"(last briefing {moment_label(what.last.made_at)})")
    else:
        subtitle = f"{count} article{'' if count == 1 else 's'} (no briefing made before)"
    notes = briefing_notes(catalog, pairs) if catalog is not None else None
    return build_briefing(
        pairs, title=TITLE, subtitle=subtitle, created=created, changes=changes, library_notes=notes
    )


# -- JSON ----------------------------------------------------------------------------------


def _iso(when: float) -> str:
    return dt.datetime.fromtimestamp(when).astimezone().isoformat(timespec="seconds")


def article_json(article: CatalogArticle) -> dict[str, Any]:
    return {
        "path": article.path,
        "title": article.title,
        "source": article.source,
        "published": article.published,
        "day": article.day,
        "dated_by": article.dated_by,
        "added_at": _iso(article.added_at),
        "changed_at": _iso(article.changed_at),
    }


def _side_json(figure: CatalogFigure, article: CatalogArticle) -> dict[str, Any]:
    value: float | list[float] = (
        figure.value if figure.value_high is None else [figure.value, figure.value_high]
    )
    return {
        "text": figure.text,
        "value": value,
        "unit": figure.unit,
        "concept": figure.concept,
        "sentence": figure.sentence,
        "path": article.path,
        "title": article.title,
        "day": article.day,
    }


def change_json(change: FigureChange) -> dict[str, Any]:
    return {
        "key": change.key,
        "label": change.label,
        "direction": change.direction,
        "text": change.text,
        "before": _side_json(change.before, change.before_article),
        "after": _side_json(change.after, change.after_article),
    }


def briefing_record_json(record: BriefingRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "made_at": _iso(record.made_at),
        "title": record.title,
        "kind": record.kind,
        "articles": len(record.paths),
    }


def what_is_new_json(what: WhatIsNew) -> dict[str, Any]:
    return {
        "last_briefing": briefing_record_json(what.last) if what.last is not None else None,
        "briefed": what.briefed,
        "articles": [article_json(a) for a in what.articles],
        "changed_figures": [change_json(c) for c in what.changed_figures],
        "unchanged_figures": [change_json(c) for c in what.unchanged_figures],
        "updated": [article_json(a) for a in what.updated],
    }
