"""A briefing as one self-contained HTML page (inline CSS, no images, no scripts).

The same HTML feeds the PDF: Qt's QTextDocument lays it out with the CSS
media "print", so only block elements, tables and spans are used (no
<section>, flexbox or CSS grid, which QTextDocument does not know).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from html import escape
from typing import Any

from briefing.core.briefing.model import (
    ArticleBrief,
    Briefing,
    ChangeRow,
    EntityFigureRow,
    EntityGroup,
    FigureRow,
    SharedEntityGroup,
)
from briefing.core.palette import ENTITY_SWATCHES, FIGURE, ON_DARK
from briefing.resources import resource


def palette_css() -> str:
    """The entity colours as CSS classes, from the one palette the reader uses too."""
    rules = [f".fig {{ background-color: {FIGURE.light}; }}"]
    for label, s in ENTITY_SWATCHES.items():
        rules.append(f".entity-{label} {{ background-color: {s.light}; }}")
        rules.append(f".type-{label} {{ color: {s.accent}; }}")
    dark = [f".fig {{ background-color: {FIGURE.dark}; color: {ON_DARK}; }}"]
    for label, s in ENTITY_SWATCHES.items():
        dark.append(f".entity-{label} {{ background-color: {s.dark}; color: {ON_DARK}; }}")
    return "\n".join(rules) + (
        "\n@media screen and (prefers-color-scheme: dark) {\n  " + "\n  ".join(dark) + "\n}\n"
    )


def default_css() -> str:
    """resources/styles/briefing.css followed by the palette classes."""
    return resource("styles", "briefing.css").read_text(encoding="utf-8") + "\n" + palette_css()


def _e(text: str) -> str:
    return escape(text, quote=True)


def _meta(article: ArticleBrief) -> str:
    parts = [f'<span class="source">{_e(article.source)}</span>'] if article.source else []
    if article.date:
        parts.append(_e(article.date))
    line = ' <span class="dot">·</span> '.join(parts)
    if article.link:
        link = f'<a href="{_e(article.link)}">{_e(article.link)}</a>'
    else:
        link = f'File: <span class="file">{_e(article.file_name)}</span>'
    return (f'<p class="meta">{line}</p>' if line else "") + f'<p class="link">{link}</p>'


def _figure_counts(row: FigureRow) -> str:
    counts = _e(row.counts) if row.counts else '<span class="none">—</span>'
    if row.note:
        counts += f' <span class="note">({_e(row.note)})</span>'
    if row.history:
        counts += f'<br><span class="note">Also {_e(row.history)}</span>'
    if row.disagreement:
        note = row.disagreement[:1].upper() + row.disagreement[1:]
        counts += f'<br><span class="disagrees">\u2260 {_e(note)}</span>'
    return counts


def _sentence(row: FigureRow) -> str:
    before, figure, after = row.sentence_parts
    if not figure:
        return _e(before)
    return f'{_e(before)}<span class="fig">{_e(figure)}</span>{_e(after)}'


# A column heading: (CSS class, width such as "15%" or None, text).
Column = tuple[str, str | None, str]


def _table(kind: str, rows: Iterable[str], columns: Sequence[Column] = ()) -> str:
    """A full-width table of class ``kind`` (the stylesheet's hook), with headings when given."""
    head = ""
    if columns:
        cells = "".join(
            f'<th class="{cls}"' + (f' width="{width}"' if width else "") + f">{text}</th>"
            for cls, width, text in columns
        )
        head = f"<thead><tr>{cells}</tr></thead>"
    return (
        f'<table class="{kind}" width="100%" cellspacing="0" cellpadding="0">'
        f"{head}<tbody>{''.join(rows)}</tbody></table>"
    )


def _type_rows(groups: Iterable[EntityGroup | SharedEntityGroup], count: Callable[[Any], str]) -> list[str]:
    """One row per entity type: its heading, then its names, each followed by ``count(item)``."""
    rows = []
    for group in groups:
        names = ", ".join(
            f'<span class="entity entity-{group.label}">{_e(e.name)}</span>'
            f'<span class="count">\u00a0{count(e)}</span>'
            for e in group.items
        )
        rows.append(
            f'<tr><td class="type type-{group.label}" width="18%">{_e(group.heading)}</td>'
            f'<td class="names">{names}</td></tr>'
        )
    return rows


def _figures_table(article: ArticleBrief) -> str:
    if not article.figures:
        return '<p class="empty">No key figures.</p>'
    rows = (
        f'<tr><td class="figure">{_e(r.figure)}</td><td class="counts">{_figure_counts(r)}</td>'
        f'<td class="sentence">{_sentence(r)}</td></tr>'
        for r in article.figures
    )
    return _table(
        "figures", rows, [("figure", "15%", "Figure"), ("counts", "25%", "What it counts"),
                          ("sentence", None, "Sentence")]
    )


def _entities_table(article: ArticleBrief) -> str:
    if not article.entities:
        return '<p class="empty">No named entities.</p>'
    return _table("entities", _type_rows(article.entities, lambda e: str(e.mentions)))


def _sources_table(article: ArticleBrief) -> str:
    if not article.sources:
        return '<p class="empty">No attributed statements.</p>'
    rows = (
        f'<tr><td class="source" width="30%">{_e(r.source)}<br><span class="note">{r.kind}</span></td>'
        f'<td class="claim">{_e(r.claim)}</td></tr>'
        for r in article.sources
    )
    return _table("sources", rows, [("source", None, "Source"), ("claim", None, "Claim")])


def _article(article: ArticleBrief, numbered: bool, sources: bool = True) -> str:
    if numbered:
        heading = (
            f'<h2 class="article-title new-page" id="{article.anchor}"><a name="{article.anchor}"></a>'
            f'<span class="number">{article.number}.</span> {_e(article.title)}</h2>'
        )
        sub = "h3"
    else:
        heading = f'<p class="kicker">Briefing</p><h1 class="article-title">{_e(article.title)}</h1>'
        sub = "h2"
    summary = "".join(f"{_e(s)} " for s in article.summary).strip()
    return (
        f'<div class="article">{heading}{_meta(article)}'
        f'<{sub} class="section">Summary</{sub}>'
        + (f'<p class="summary">{summary}</p>' if summary else '<p class="empty">No summary.</p>')
        + f'<{sub} class="section">Key figures</{sub}>{_figures_table(article)}'
        f'<{sub} class="section">Key entities</{sub}>{_entities_table(article)}'
        + (f'<{sub} class="section">Sources</{sub}>{_sources_table(article)}' if sources else "")
        + "</div>"
    )


def _article_refs(numbers: tuple[int, ...]) -> str:
    return ", ".join(f'<a href="#article-{n}">{n}</a>' for n in numbers)


def _contents(briefing: Briefing, pages: Mapping[int, int] | None) -> str:
    rows = []
    for a in briefing.articles:
        meta = " · ".join(_e(p) for p in (a.source, a.date) if p)
        page = f'<td class="page" width="8%" align="right">{pages[a.number]}</td>' if pages else ""
        rows.append(
            f'<tr><td class="number" width="6%">{a.number}.</td>'
            f'<td class="entry"><a href="#{a.anchor}">{_e(a.title)}</a>'
            + (f'<br><span class="entry-meta">{meta}</span>' if meta else "")
            + f"</td>{page}</tr>"
        )
    return '<h2 class="section">Contents</h2>' + _table("contents", rows)


def _shared_figures(briefing: Briefing) -> str:
    if not briefing.shared_figures:
        return ""
    rows = (
        f'<tr><td class="figure">{_e(s.row.figure)}</td><td class="counts">{_figure_counts(s.row)}</td>'
        f'<td class="refs">{_article_refs(s.articles)}</td></tr>'
        for s in briefing.shared_figures
    )
    columns = [("figure", "18%", "Figure"), ("counts", None, "What it counts"), ("refs", "18%", "Articles")]
    return '<h2 class="section">Figures across the articles</h2>' + _table("figures shared", rows, columns)


def _shared_entities(briefing: Briefing) -> str:
    if not briefing.shared_entities:
        return ""
    rows = _type_rows(briefing.shared_entities, lambda e: f"({_article_refs(e.articles)})")
    return (
        '<h2 class="section">Entities across the articles</h2>'
        '<p class="hint">Each name is followed by the numbers of the articles that mention it.</p>'
        + _table("entities shared", rows)
    )


_ARROWS = {"up": "↑", "down": "↓"}


def _change_row(row: ChangeRow) -> str:
    refs = _article_refs((row.after_article,)) if row.after_article is not None else ""
    return (
        f'<tr><td class="counts">{_e(row.label)}</td>'
        f'<td class="figure">{_e(row.before)}<br><span class="note">{_e(row.before_source)}</span></td>'
        f'<td class="figure">{_e(row.after)} <span class="note">{_ARROWS.get(row.direction, "")}'
        f" {_e(row.direction)}</span></td>"
        f'<td class="refs">{refs}</td></tr>'
    )


def _changes(briefing: Briefing) -> str:
    if not briefing.changes:
        return ""
    return (
        '<h2 class="section">What changed</h2>'
        '<p class="hint">Figures of the new articles that differ from the latest value in the articles '
        "you had before.</p>"
        + _table(
            "figures changes",
            map(_change_row, briefing.changes),
            [("counts", "34%", "What"), ("figure", "30%", "Before"), ("figure", "24%", "Now"),
             ("refs", None, "Article")],
        )
    )


def _entity_figure(item: EntityFigureRow) -> str:
    where = _article_refs((item.article,)) if item.article is not None else _e(item.title)
    day = f'<br><span class="note">{_e(item.day)}</span>' if item.day else ""
    return (
        f'<tr><td class="figure">{_e(item.row.figure)}</td><td class="counts">{_figure_counts(item.row)}</td>'
        f'<td class="sentence">{_sentence(item.row)}</td><td class="refs">{where}{day}</td></tr>'
    )


def _entity_head(briefing: Briefing) -> str:
    """An entity briefing's head: the entity across the library, and the figures involving it."""
    entity = briefing.entity
    if entity is None:
        return ""
    facts = [("Kind", _e(entity.kind)),
             ("Articles", f"{entity.article_count:,} in the library, {entity.mentions:,} mentions")]
    if entity.aliases:
        facts.append(("Also called", ", ".join(_e(a) for a in entity.aliases)))
    if entity.related:
        facts.append(("Named with", ", ".join(f"{_e(n)}<span class=\"count\">\u00a0{c}</span>"
                                              for n, c in entity.related)))
    rows = "".join(
        f'<tr><td class="type" width="18%">{k}</td><td class="names">{v}</td></tr>' for k, v in facts
    )
    html = f'<h2 class="section">{_e(entity.name)} across the library</h2>' + _table(
        "entities entity-page", [rows]
    )
    if entity.figures:
        columns = [("figure", "13%", "Figure"), ("counts", "20%", "What it counts"),
                   ("sentence", None, "Sentence"), ("refs", "18%", "Article")]
        html += f'<h2 class="section">Figures involving {_e(entity.name)}</h2>' + _table(
            "figures entity-figures", map(_entity_figure, entity.figures), columns
        )
    return html


def _cover(briefing: Briefing, pages: Mapping[int, int] | None) -> str:
    subtitle = " · ".join(_e(p) for p in (briefing.subtitle, briefing.created_label) if p)
    return (
        f'<div class="cover"><p class="kicker">Briefing</p><h1 class="cover-title">{_e(briefing.title)}</h1>'
        f'<p class="meta">{subtitle}</p>{_changes(briefing)}{_entity_head(briefing)}'
        f"{_contents(briefing, pages)}{_shared_figures(briefing)}{_shared_entities(briefing)}</div>"
    )


def body_html(
    briefing: Briefing, pages: Mapping[int, int] | None = None, colophon: bool = True, sources: bool = True
) -> str:
    """The <body> content; ``pages`` (article number -> page) adds page numbers to the contents."""
    if briefing.is_collection:
        parts = [_cover(briefing, pages)] + [_article(a, True, sources) for a in briefing.articles]
    else:
        parts = [_article(briefing.articles[0], False, sources)]
    if colophon:
        parts.append(f'<p class="colophon">Briefing made on {_e(briefing.created_label)}.</p>')
    return "\n".join(parts)


def to_html(
    briefing: Briefing,
    *,
    css: str | None = None,
    pages: Mapping[int, int] | None = None,
    colophon: bool = True,
    sources: bool = True,
) -> str:
    """The whole briefing as one HTML document with its CSS inlined.

    ``pages`` adds page numbers to the contents and ``colophon=False`` drops the
    closing "made on" line (printed pages carry it in their footer); ``sources=False``
    leaves out the Sources sections (the printed page of one article stays one page).
    """
    style = default_css() if css is None else css
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="Briefing">\n'
        f"<title>{_e(briefing.title)}</title>\n<style>\n{style}\n</style>\n</head>\n"
        f"<body>\n{body_html(briefing, pages, colophon, sources)}\n</body>\n</html>\n"
    )
