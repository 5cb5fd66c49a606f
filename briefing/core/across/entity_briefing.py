"""A briefing headed by an entity's page: the newest articles naming it, and figures involving it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from briefing.core.across.entity_pages import EntityFigure, EntityPage, library_directory
from briefing.core.article import Figure
from briefing.core.briefing.model import (
    Briefing,
    EntityFigureRow,
    EntitySection,
    build_briefing,
    display_day,
    figure_row,
)
from briefing.core.library import Library
from briefing.core.palette import swatch

MAX_BRIEF_FIGURES = 20  # figures in the head of an entity briefing
MAX_BRIEF_RELATED = 10


def _figure(item: EntityFigure) -> Figure:
    """A catalog figure as the analysis gave it (enough of it for ``briefing.model.figure_row``)."""
    f = item.figure
    value: float | tuple[float, float] = f.value if f.value_high is None else (f.value, f.value_high)
    at = f.sentence.find(f.text)
    return Figure(start=f.start, end=f.start + len(f.text), text=f.text, value=value, unit=f.unit,
                  concept=f.concept, change=f.change, sentence=f.sentence,
                  sentence_start=f.start - at if at >= 0 else 0, score=f.score)


def best_figures(page: EntityPage, limit: int) -> list[EntityFigure]:
    """Up to ``limit`` of the page's figures: each article's best in turn, newest article first."""
    by_article: dict[str, list[EntityFigure]] = defaultdict(list)
    for item in page.figures:
        by_article[item.figure.path].append(item)
    queues = [sorted(by_article[a.path], key=lambda f: -f.figure.score) for a in page.articles
              if a.path in by_article]
    chosen: list[EntityFigure] = []
    depth = 0
    while len(chosen) < limit and any(depth < len(q) for q in queues):
        chosen += [q[depth] for q in queues if depth < len(q)][: limit - len(chosen)]
        depth += 1
    return chosen


def entity_section(page: EntityPage, numbers: dict[str, int], *, max_figures: int = MAX_BRIEF_FIGURES,
                   max_related: int = MAX_BRIEF_RELATED) -> EntitySection:
    """The head of a briefing on ``page``'s entity; ``numbers``: article path -> number in the briefing."""
    figures = tuple(
        EntityFigureRow(figure_row(_figure(item)), item.title, display_day(item.day, item.dated_by),
                        numbers.get(item.figure.path))
        for item in best_figures(page, max_figures)
    )
    return EntitySection(
        name=page.name, label=page.label, kind=swatch(page.label).name, aliases=page.aliases,
        article_count=len(page.articles), mentions=page.mentions, figures=figures,
        related=tuple((r.name, r.articles) for r in page.related[:max_related]),
    )


def entity_briefing(library: Library, name: str, *, limit: int = 20, created: dt.date | None = None
                    ) -> Briefing | None:
    """A briefing of the ``limit`` newest articles naming the entity, headed by its page (None: unknown)."""
    page = library_directory(library).page(name)
    if page is None:
        return None
    pairs = library.documents(a.path for a in page.articles[:limit])
    if not pairs:
        return None
    numbers = {article.path: n for n, (article, _) in enumerate(pairs, 1)}
    shown = len(pairs)
    total = len(page.articles)
    subtitle = f"{page.kind_phrase} named in {total:,} article{'s' if total != 1 else ''}"
    if shown < total:
        subtitle += f"; the {shown} newest"
    return build_briefing(pairs, title=page.name, subtitle=subtitle, created=created,
                          entity=entity_section(page, numbers))
