"""A briefing as Markdown (GitHub-flavoured tables; anchors as inline HTML)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.core.briefing.model import ArticleBrief, Briefing, FigureRow

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


def _cover(briefing: Briefing) -> list[str]:
    lines = [f"# {md_text(briefing.title)}", ""]
    lines += [" · ".join(md_text(p) for p in (briefing.subtitle, briefing.created_label) if p), ""]
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
