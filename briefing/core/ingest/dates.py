# ruff: noqa: RUF001, RUF002  (typographic dashes and quotes are the data here)
"""Dates from front matter, web pages and PDF metadata, as ISO 8601 strings."""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as dateparser

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_FULL_DATE = (rf"(?:\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
              r"|\d{4}-\d{2}-\d{2})")
# A dateline: an optional "Published"/"Updated", an optional CITY, and a full date (with its year)
# at the start of a line, then the line's end or the dash or "(Agency)" that opens the story.
_DATELINE = re.compile(
    r"^\s*(?:(?i:published|updated|posted|last\s+updated)(?:\s+on)?\s*:?\s*)?"
    r"(?:[A-Z][A-Z .'’-]{1,30},\s+)?"
    r"(?:(?i:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    rf"(?P<date>{_FULL_DATE})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[apAP]\.?[mM]\.?)?(?:\s+[A-Z]{2,4})?)?"
    r"\s*(?P<end>$|[-–—|(])"
)
_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?")
_EARLY = dt.datetime(1900, 1, 1)
_LATE = dt.datetime(1904, 12, 28, 23, 59, 58)


def _format(value: dt.date) -> str:
    if isinstance(value, dt.datetime):
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.date().isoformat()
        return value.replace(tzinfo=None, microsecond=0).isoformat()
    return value.isoformat()


def to_iso(value: object) -> str | None:
    """``value`` (a date, datetime or date-like string) as "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS".

    Partial dates stay partial ("2024", "2024-01"); anything unreadable gives None.
    """
    if isinstance(value, dt.date):
        return _format(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    pdf = _PDF_DATE.match(text)
    if pdf:
        year, month, day, hour, minute, second = (int(g) if g else None for g in pdf.groups())
        try:
            if month is None or day is None:
                return f"{year:04d}" + (f"-{month:02d}" if month else "")
            return _format(dt.datetime(year or 1, month, day, hour or 0, minute or 0, second or 0))
        except ValueError:
            return None
    try:
        early = dateparser.parse(text[:100], default=_EARLY, ignoretz=True)
        late = dateparser.parse(text[:100], default=_LATE, ignoretz=True)
    except (ValueError, OverflowError, TypeError):
        return None
    if early.year != late.year:
        return None
    if early.month != late.month:
        return f"{early.year:04d}"
    if early.day != late.day:
        return f"{early.year:04d}-{early.month:02d}"
    if (early.hour, early.minute) != (late.hour, late.minute):
        iso_day: str = early.date().isoformat()
        return iso_day
    return _format(early)


def dateline(line: str) -> tuple[str, bool] | None:
    """The ISO date of a dateline opening ``line`` ("LONDON, 20 January 2024 –", "Published 3 Feb
    2005 10:15 GMT"), and whether the date is all the line says; None if it opens with none.

    Only full dates (day, month and year) count: "Jan 20 (Reuters)" says no year.
    """
    found = _DATELINE.match(line[:200])
    if found is None:
        return None
    day = to_iso(found.group("date"))
    if day is None or len(day) < 10:
        return None
    return day[:10], found.group("end") == ""


# "2024" or "2024-01": a partial date an article may carry in its published field.
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?$")


def parse_date(published: str | None) -> dt.datetime | None:
    """An Article.published ISO string as a naive UTC datetime, or None if absent or unreadable."""
    if not published:
        return None
    text = published.strip()
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        match = _PARTIAL_DATE.match(text)
        if not match:
            return None
        try:
            moment = dt.datetime(int(match.group(1)), int(match.group(2) or 1), 1)
        except ValueError:
            return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment
