"""Briefings: a summary of one article or many, as Markdown or HTML (PDF: briefing.printing)."""

from briefing.core.briefing.html_render import default_css, palette_css, to_html
from briefing.core.briefing.markdown_render import to_markdown
from briefing.core.briefing.model import (
    ArticleBrief,
    Briefing,
    EntityCount,
    EntityGroup,
    FigureNote,
    FigureNotes,
    FigureRow,
    SharedEntity,
    SharedEntityGroup,
    SharedFigure,
    build_briefing,
)

__all__ = [
    "ArticleBrief",
    "Briefing",
    "EntityCount",
    "EntityGroup",
    "FigureNote",
    "FigureNotes",
    "FigureRow",
    "SharedEntity",
    "SharedEntityGroup",
    "SharedFigure",
    "build_briefing",
    "default_css",
    "palette_css",
    "to_html",
    "to_markdown",
]
