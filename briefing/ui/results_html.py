"""HTML for list items: search hits and key figures (plain Python, no Qt)."""

from __future__ import annotations

import html
import re

from briefing.core.article import Figure, SearchHit
from briefing.ui.formatting import day_text, figure_caption, figure_value

_MATCH_TAGS = re.compile(r'(<b class="match">|</b>)')


def safe_snippet(snippet: str) -> str:
    """Keep the Searcher's ``<b class="match">`` marks, neutralise any other markup."""
    out = []
    for part in _MATCH_TAGS.split(snippet):
        if _MATCH_TAGS.fullmatch(part):
            out.append(part)
        else:
            out.append(part.replace("<", "&lt;").replace(">", "&gt;"))
    return "".join(out)


def hit_html(hit: SearchHit) -> str:
    meta = " · ".join(html.escape(p) for p in (hit.source or "", day_text(hit.date, hit.saved)) if p)
    parts = [f'<div class="title">{html.escape(hit.title or "(untitled)")}</div>']
    if meta:
        parts.append(f'<div class="meta">{meta}</div>')
    if hit.snippet:
        parts.append(f'<div class="snippet">{safe_snippet(hit.snippet)}</div>')
    return "".join(parts)


def hits_css(muted: str, match_background: str, match_text: str, *, underline: bool = False) -> str:
    decoration = " text-decoration: underline;" if underline else ""
    return (
        ".title { font-weight: 600; }"
        f".meta {{ color: {muted}; }}"
        f"b.match {{ background-color: {match_background}; color: {match_text};"
        f" font-weight: 600;{decoration} }}"
    )


def figure_html(figure: Figure) -> str:
    value = html.escape(figure_value(figure))
    quoted = html.escape(figure.text)
    caption = html.escape(figure_caption(figure))
    shown = f'<span class="value">{value}</span>'
    if figure.text.strip() and figure.text.strip() != figure_value(figure):
        shown += f' <span class="meta">“{quoted}”</span>'
    return f'<div>{shown}</div><div class="meta">{caption}</div>'


def figures_css(muted: str, accent: str) -> str:
    return f".value {{ font-weight: 700; color: {accent}; }} .meta {{ color: {muted}; }}"
