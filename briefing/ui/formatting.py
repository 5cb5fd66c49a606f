"""Words and numbers as the app shows them (plain Python, no Qt)."""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import urlsplit

from briefing.core.article import Article, Figure

_CHANGE_WORDS = {
    "up": "▲ rise",
    "down": "▼ fall",
    "approximate": "≈ about",
    "at least": "≥ at least",
    "at most": "≤ at most",
}


def format_date(value: str | None) -> str:
    """ "2024-01-20" -> "20 January 2024"; a time is kept ("…, 10:15"); anything else as given."""
    if not value:
        return ""
    try:
        if len(value) <= 10:
            return _day(date.fromisoformat(value))
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    text = _day(moment.date())
    if (moment.hour, moment.minute) != (0, 0):
        text += f", {moment:%H:%M}"
    return text


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def saved_label(day: str | None) -> str:
    """ "saved 3 Dec 2026": the file's day, marked as such (it says nothing of the article's)."""
    if not day:
        return ""
    try:
        moment = date.fromisoformat(day[:10])
    except ValueError:
        return f"saved {day}"
    return f"saved {moment.day} {moment:%b %Y}"


def day_text(published: str | None, saved: str | None) -> str:
    """The article's own date when it has one, else the day its file was saved, marked."""
    return format_date(published) if published else saved_label(saved)


def host_of(url: str | None) -> str:
    if not url:
        return ""
    return urlsplit(url).netloc.removeprefix("www.")


def meta_parts(article: Article, saved: str | None = None) -> list[str]:
    """Source, date (or the ``saved`` day, marked) and author, in that order, the ones known."""
    parts = [article.source or host_of(article.url), day_text(article.published, saved)]
    if article.author:
        parts.append(f"by {article.author}")
    return [p for p in parts if p]


def format_number(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def figure_value(figure: Figure) -> str:
    """The figure's value with its unit: "2,500 troops", "1.5 to 2 %"."""
    if isinstance(figure.value, tuple):
        low, high = figure.value
        number = f"{format_number(low)}\u2013{format_number(high)}"
    else:
        number = format_number(figure.value)
    if figure.unit:
        glue = "" if figure.unit in {"%", "$", "€", "£"} else " "
        if figure.unit in {"$", "€", "£"}:
            return f"{figure.unit}{number}"
        return f"{number}{glue}{figure.unit}"
    return number


def figure_caption(figure: Figure) -> str:
    """What the figure counts, with its direction: "≥ at least · attacks on US forces"."""
    parts = []
    if figure.change:
        parts.append(_CHANGE_WORDS.get(figure.change, figure.change))
    parts.append(figure.concept or "(what it counts is unclear)")
    return " · ".join(parts)
