"""An entity of the library by name (or alias), its page and its briefing."""

from __future__ import annotations

import datetime as dt

from briefing.core.across import entity_briefing as briefings
from briefing.core.across.entity_pages import EntityPage, library_directory, library_page
from briefing.core.briefing import Briefing
from briefing.core.errors import BriefingError
from briefing.core.library import Library


class UnknownEntityError(BriefingError):
    """No entity of the library goes by ``name``; ``suggestions`` are close names it has."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        super().__init__(f"no entity called “{name}” in the library")
        self.name = name
        self.suggestions = suggestions


def find_entity(library: Library, name: str, *, sentences: int = 50) -> EntityPage:
    """The page of the entity ``name`` (any alias, any case), quoting ``sentences`` articles.

    Raises UnknownEntityError, with close matches, for a name the library does not know.
    """
    page = library_page(library, name, sentences=sentences)
    if page is None:
        raise UnknownEntityError(name, library_directory(library).suggest(name))
    return page


def entity_briefing(
    library: Library, name: str, *, limit: int = 20, created: dt.date | None = None
) -> Briefing:
    """The entity's page over a briefing of the ``limit`` newest articles naming it.

    Raises UnknownEntityError for a name the library does not know (or whose articles are gone).
    """
    briefing = briefings.entity_briefing(library, name, limit=limit, created=created)
    if briefing is None:
        raise UnknownEntityError(name, library_directory(library).suggest(name))
    return briefing
