"""Datelines: the place a report is filed from, at the start of a line.

"BELGRADE 1996-08-30", "BAGHDAD (Reuters) -", "LONDON, March 3 -": the name before a date or
an agency credit at a line's start is a place, whatever the model made of it (it often takes
the capitals for an organisation, or the name and date for one event). With a full date
the shape alone decides; before an agency or a day of a month the name must also be a place
known to the gazetteer.
"""

from __future__ import annotations

import re

from briefing.core.analysis import gazetteer

_NAME = r"([A-Z][A-Za-z.'\-]*(?:[ \t]+[A-Z][A-Za-z.'\-]*){0,3})"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_FULL_DATE = re.compile(r"(?m)^" + _NAME + r"[ \t]+\d{4}-\d\d-\d\d[ \t]*$")
_CREDITED = re.compile(
    r"(?m)^" + _NAME + r"(?:,[ \t]*[A-Z][A-Za-z.]*)?"
    r"(?:[ \t]*\((?:Reuters|AP|AFP|UPI|dpa|Xinhua|Bloomberg)\)|,[ \t]+" + _MONTH + r"[ \t]+\d{1,2})"
    r"[ \t]*(?:\([A-Za-z]+\)[ \t]*)?[-\u2013\u2014]"
)


def dateline_places(text: str) -> list[tuple[int, int]]:
    """(start, end) of each dateline's place name in ``text``, in text order."""
    found = [(m.start(1), m.end(1)) for m in _FULL_DATE.finditer(text)]
    for m in _CREDITED.finditer(text):
        if _known_place(m.group(1)):
            found.append((m.start(1), m.end(1)))
    return sorted(set(found))


def _known_place(name: str) -> bool:
    return gazetteer.place_kind(name) is not None or gazetteer.place_kind(name.title()) is not None
