"""A briefing as Markdown (GitHub-flavoured tables; anchors as inline HTML)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.core.briefing.model import ArticleBrief, Briefing, ChangeRow, EntityFigureRow, FigureRow

_SPECIAL = re.compile(r"([\\`*_\[\]|])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^([#+\-=]|\d+(?=[.)]))")


def md_text(text: str) -> str:
    """Text made literal in Markdown: no emphasis, links, tables or HTML can come out of it."""
    flat = " ".join(text.split())
    escaped = _SPECIAL.sub(r"\\\1", flat)
    # Not every Markdown escapes "\<"; character references work in all of them.
    escaped = _ENTITY_LIKE.sub("&amp;", escaped).replace("<", "&lt;").replace(">", "&gt;")
    # A leading "#", "-" or "1." would start a heading or a list.
    return _LINE_START.sub(_escape_start, escaped)


def _escape_start(match: re.Match[str]) -> str:
    mark = match.group(1)
    return mark + "\\" if mark[0].isdigit() else "\\" + mark


def md_url(url: str) -> str:
    return url.strip().replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _meta(article: ArticleBrief) -> str:
    parts = [md_text(p) for p in (article.source, article.date) if p]
    if article.link:
        parts.append(f"[{md_text(article.link)}]({md_url(article.link)})")
    else:
        parts.append(f"File: {md_text(article.file_name)}")
    return " · ".join(parts)


def _figure_cells(row: FigureRow) -> tuple[str, str, str]:
    before, figure, after = row.sentence_parts
    sentence = md_text(before) + (f" **{md_text(figure)}** " if figure else "") + md_text(after)
    counts = md_text(row.counts) or "—"
    if row.note:
        counts += f" ({md_text(row.note)})"
    if row.history:
        counts += f"; also {md_text(row.history)}"
    if row.disagreement:
        counts += f"; **{md_text(row.disagreement)}**"
    return f"**{md_text(row.figure)}**", counts, " ".join(sentence.split())


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return lines


def _article(article: ArticleBrief, level: int, numbered: bool) -> list[str]:
    h = "#" * level
    sub = "#" * (level + 1)
    heading = f"{article.number}. {md_text(article.title)}" if numbered else md_text(article.title)
    lines: list[str] = []
    if numbered:
        lines += [f'<a id="{article.anchor}"></a>', ""]
    lines += [f"{h} {heading}", "", _meta(article), ""]
    lines += [f"{sub} Summary", ""]
    lines += [" ".join(md_text(s) for s in article.summary) if article.summary else "*No summary.*", ""]
    lines += [f"{sub} Key figures", ""]
    if article.figures:
        lines += _table(("Figure", "What it counts", "Sentence"), [_figure_cells(r) for r in article.figures])
    else:
        lines.append("*No key figures.*")
    lines += ["", f"{sub} Key entities", ""]
    if article.entities:
        for group in article.entities:
            names = ", ".join(f"{md_text(e.name)} ({e.mentions})" for e in group.items)
            lines.append(f"- **{group.heading}:** {names}")
    else:
        lines.append("*No named entities.*")
    lines += ["", f"{sub} Sources", ""]
    if article.sources:
        for row in article.sources:
            lines.append(f"- **{md_text(row.source)}** ({row.kind}): {md_text(row.claim)}")
    else:
        lines.append("*No attributed statements.*")
    lines.append("")
    return lines


def _numbers(numbers: tuple[int, ...]) -> str:
    return ", ".join(f"[{n}](#article-{n})" for n in numbers)


ARROWS = {"up": "↑", "down": "↓"}


def _change_cells(row: ChangeRow) -> tuple[str, str, str, str]:
    now = f"**{md_text(row.after)}** {ARROWS.get(row.direction, '')} {md_text(row.direction)}"
    where = _numbers((row.after_article,)) if row.after_article is not None else ""
    return md_text(row.label), f"{md_text(row.before)} ({md_text(row.before_source)})", now, where


def _changes(briefing: Briefing) -> list[str]:
    if not briefing.changes:
        return []
    lines = ["## What changed", "", "Figures of the new articles that differ from the latest value in the "
             "articles you had before.", ""]
    lines += _table(("What", "Before", "Now", "Article"), [_change_cells(r) for r in briefing.changes])
    return [*lines, ""]


def _entity_figure_cells(item: EntityFigureRow) -> tuple[str, str, str, str]:
    figure, counts, sentence = _figure_cells(item.row)
    where = _numbers((item.article,)) if item.article is not None else md_text(item.title)
    return figure, counts, sentence, where + (f" ({md_text(item.day)})" if item.day else "")


def _entity_head(briefing: Briefing) -> list[str]:
    """An entity briefing's head: the entity across the library, and the figures involving it."""
    entity = briefing.entity
    if entity is None:
        return []
    lines = [f"## {md_text(entity.name)} across the library", "", f"- **Kind:** {md_text(entity.kind)}",
             f"- **Articles:** {entity.article_count:,} in the library, {entity.mentions:,} mentions"]
    if entity.aliases:
        lines.append(f"- **Also called:** {', '.join(md_text(a) for a in entity.aliases)}")
    if entity.related:
        lines.append(f"- **Named with:** {', '.join(f'{md_text(n)} ({c})' for n, c in entity.related)}")
    lines.append("")
    if entity.figures:
        lines += [f"## Figures involving {md_text(entity.name)}", ""]
        rows = [_entity_figure_cells(f) for f in entity.figures]
        lines += [*_table(("Figure", "What it counts", "Sentence", "Article"), rows), ""]
    return lines


def _cover(briefing: Briefing) -> list[str]:
    lines = [f"# {md_text(briefing.title)}", ""]
    lines += [" · ".join(md_text(p) for p in (briefing.subtitle, briefing.created_label) if p), ""]
    lines += _changes(briefing)
    lines += _entity_head(briefing)
    lines += ["## Contents", ""]
    for a in briefing.articles:
        meta = ", ".join(md_text(p) for p in (a.source, a.date) if p)
        lines.append(f"{a.number}. [{md_text(a.title)}](#{a.anchor})" + (f" — {meta}" if meta else ""))
    lines.append("")
    if briefing.shared_figures:
        lines += ["## Figures across the articles", ""]
        rows = []
        for shared in briefing.shared_figures:
            figure, counts, _ = _figure_cells(shared.row)
            rows.append((figure, counts, _numbers(shared.articles)))
        lines += _table(("Figure", "What it counts", "Articles"), rows)
        lines.append("")
    if briefing.shared_entities:
        lines += [
            "## Entities across the articles",
            "",
            "With the numbers of the articles that mention each.",
            "",
        ]
        for group in briefing.shared_entities:
            names = ", ".join(f"{md_text(e.name)} ({_numbers(e.articles)})" for e in group.items)
            lines.append(f"- **{group.heading}:** {names}")
        lines.append("")
    return lines


def to_markdown(briefing: Briefing) -> str:
    """The whole briefing as one Markdown document."""
    if briefing.is_collection:
        lines = _cover(briefing)
        for article in briefing.articles:
            lines += ["---", "", *_article(article, 2, numbered=True)]
    else:
        lines = _article(briefing.articles[0], 1, numbered=False)
    lines += ["---", "", f"*Briefing made on {briefing.created_label}.*", ""]
    return "\n".join(lines)
