"""Article + Analysis -> the reader's HTML (plain Python, testable without a display).

Each paragraph of ``Article.text`` becomes one ``white-space: pre-wrap`` block,
so every character of a paragraph keeps its place: the reader maps character
offsets (entities, figures) to document positions as
``block.position() + offset - paragraph_start``, counting body blocks from
``header_blocks``. Photo captions (``Article.captions``, entities with
``Entity.caption`` set) follow the body, apart from it.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefing.core.article import Analysis, Article, Entity, Figure
from briefing.ui.entity_types import FIGURE_KEY, FIGURE_TYPE, PAGE_COLOURS, Scheme, type_for_label
from briefing.ui.formatting import meta_parts

TITLE_FONTS = "'Inter', 'Segoe UI', 'Helvetica Neue', 'DejaVu Sans', sans-serif"
ENTITY_SCHEME = "entity"  # anchors are "entity:<index into Analysis.entities>"
_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")


@dataclass(frozen=True, slots=True)
class ReaderDocument:
    html: str
    paragraphs: tuple[tuple[int, int], ...]  # (start, end) in Article.text of each body block, in order
    header_blocks: int  # text blocks before the body (title, meta line, link)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs are runs of non-blank lines; whitespace-only ones are dropped."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def entity_anchor(index: int) -> str:
    return f"{ENTITY_SCHEME}:{index}"


def entity_tooltip(entity: Entity) -> str:
    kind = type_for_label(entity.label).name
    return f"{kind} ({entity.label}) — {entity.canonical}"


def render_article(
    article: Article,
    analysis: Analysis | None,
    *,
    visible: Iterable[str],
    scheme: Scheme = "light",
) -> ReaderDocument:
    """The reader HTML: a header (title, source, date, link), then the highlighted body."""
    shown = frozenset(visible)
    analysis = analysis or Analysis()
    figures = list(analysis.figures) if FIGURE_KEY in shown else []
    spans = paragraph_spans(article.text)
    in_text = _entities_of(analysis, shown, None, article.text)
    body = [_paragraph(article.text, start, end, in_text, figures, scheme) for start, end in spans]
    page, ink, _ = PAGE_COLOURS[scheme]
    header = _header(article, scheme)
    parts = [
        f'<html><body style="color:{ink}; background-color:{page};">',
        *header,
        *body,
        *_captions(article, analysis, shown, scheme),
        "</body></html>",
    ]
    return ReaderDocument("\n".join(parts), tuple(spans), len(header))


def _entities_of(
    analysis: Analysis, shown: frozenset[str], caption: int | None, text: str
) -> list[tuple[int, Entity]]:
    """The shown entities whose offsets are into ``text`` (the body, or caption number ``caption``)."""
    return [
        (i, e)
        for i, e in enumerate(analysis.entities)
        if e.caption == caption and type_for_label(e.label).key in shown and 0 <= e.start < e.end <= len(text)
    ]


def _captions(article: Article, analysis: Analysis, shown: frozenset[str], scheme: Scheme) -> list[str]:
    if not article.captions:
        return []
    muted = PAGE_COLOURS[scheme][2]
    heading = "Photo caption" if len(article.captions) == 1 else "Photo captions"
    parts = [
        f'<p style="color:{muted}; font-family:{TITLE_FONTS}; font-size:small; font-weight:600; '
        f'margin-top:18px; margin-bottom:4px;">{heading.upper()}</p>'
    ]
    for number, caption in enumerate(article.captions):
        entities = _entities_of(analysis, shown, number, caption)
        block = _paragraph(caption, 0, len(caption), entities, [], scheme)
        parts.append(block.replace("<p style=\"", f'<p style="color:{muted}; font-style:italic; ', 1))
    return parts


def _header(article: Article, scheme: Scheme) -> list[str]:
    """One string per text block of the header."""
    muted = PAGE_COLOURS[scheme][2]
    lines = [
        f'<p style="font-size:x-large; font-weight:600; font-family:{TITLE_FONTS}; margin-bottom:6px;">'
        f"{html.escape(article.title)}</p>"
    ]
    meta = " · ".join(html.escape(p) for p in meta_parts(article))
    if meta:
        style = f"color:{muted}; font-family:{TITLE_FONTS}; margin-top:0px; margin-bottom:2px;"
        lines.append(f'<p style="{style}">{meta}</p>')
    if article.url and article.url.startswith(("http://", "https://")):
        url = html.escape(article.url, quote=True)
        link = f'<a href="{url}" style="color:{muted};">{url}</a>'
        lines.append(f'<p style="margin-top:0px; margin-bottom:14px;">{link}</p>')
    return lines


def _paragraph(
    text: str,
    start: int,
    end: int,
    entities: Sequence[tuple[int, Entity]],
    figures: Sequence[Figure],
    scheme: Scheme,
) -> str:
    inner = [(i, e) for i, e in entities if e.start < end and e.end > start]
    marks = [f for f in figures if f.start < end and f.end > start]
    cuts = {start, end}
    for _, e in inner:
        cuts.update((max(e.start, start), min(e.end, end)))
    for f in marks:
        cuts.update((max(f.start, start), min(f.end, end)))
    points = sorted(cuts)
    out = []
    for a, b in itertools.pairwise(points):
        out.append(_segment(text[a:b], a, b, inner, marks, scheme))
    return '<p style="white-space:pre-wrap; margin-top:0px; margin-bottom:12px;">' + "".join(out) + "</p>"


def _segment(
    chunk: str,
    a: int,
    b: int,
    entities: Sequence[tuple[int, Entity]],
    figures: Sequence[Figure],
    scheme: Scheme,
) -> str:
    piece = html.escape(chunk).replace("\n", "<br />")
    in_figure = any(f.start <= a and b <= f.end for f in figures)
    hit = next(((i, e) for i, e in entities if e.start <= a and b <= e.end), None)
    if in_figure:
        colours = FIGURE_TYPE.colours(scheme)
        style = "font-weight:700;"
        if hit is None:
            style += f" color:{colours.foreground}; background-color:{colours.background};"
        piece = f'<span style="{style}">{piece}</span>'
    if hit is not None:
        index, entity = hit
        colours = type_for_label(entity.label).colours(scheme)
        title = html.escape(entity_tooltip(entity), quote=True)
        piece = (
            f'<a href="{entity_anchor(index)}" title="{title}" style="color:{colours.foreground}; '
            f'background-color:{colours.background}; text-decoration:none;">{piece}</a>'
        )
    return piece
