"""Entity types as the reader shows them, on top of the shared ``briefing.core.palette``.

One type per label of ``palette.ENTITY_ORDER`` plus "OTHER" for the rest; each
knows its search facet (the contract's label -> field map) and its colours in
the light and the dark theme. A test checks the contrast of every pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from briefing.core import palette

Scheme = Literal["light", "dark"]

# Entity label -> Searcher filter field / SearchResult.facets key (FAC is also counted as a place).
LABEL_FACETS: dict[str, str] = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "facility",
    "NORP": "group",
    "EVENT": "event",
}
FACET_NAMES: dict[str, str] = {
    "source": "Sources",
    "person": "People",
    "org": "Organisations",
    "place": "Places",
    "facility": "Facilities",
    "group": "Groups",
    "event": "Events",
}
FACET_SINGULAR: dict[str, str] = {
    "source": "Source",
    "person": "Person",
    "org": "Organisation",
    "place": "Place",
    "facility": "Facility",
    "group": "Group",
    "event": "Event",
}
# Which label's colours a facet wears in the library pane.
FACET_LABELS: dict[str, str] = {
    "person": "PERSON",
    "org": "ORG",
    "place": "GPE",
    "facility": "FAC",
    "group": "NORP",
    "event": "EVENT",
}
HIDDEN_BY_DEFAULT = frozenset({"DATE"})
OTHER_KEY = palette.OTHER.label
FIGURE_KEY = palette.FIGURE.label


@dataclass(frozen=True, slots=True)
class Colours:
    background: str  # highlight behind the word
    foreground: str  # the word itself
    swatch: str  # legend dot, facet icon


@dataclass(frozen=True, slots=True)
class EntityType:
    key: str  # the OntoNotes label, or "OTHER" / "FIGURE"
    name: str  # "Person"
    plural: str  # "People"
    facet: str | None

    def colours(self, scheme: Scheme) -> Colours:
        s = palette.swatch(self.key) if self.key != FIGURE_KEY else palette.FIGURE
        if scheme == "dark":
            return Colours(s.dark, palette.ON_DARK, s.accent)
        return Colours(s.light, palette.ON_LIGHT, s.accent)


def _make(swatch: palette.Swatch) -> EntityType:
    return EntityType(swatch.label, swatch.name, swatch.plural, LABEL_FACETS.get(swatch.label))


ENTITY_TYPES: tuple[EntityType, ...] = (
    *(_make(palette.swatch(label)) for label in palette.ENTITY_ORDER),
    _make(palette.OTHER),
)
FIGURE_TYPE = EntityType(FIGURE_KEY, "Key figure", "Key figures", None)

PAGE_COLOURS: dict[Scheme, tuple[str, str, str]] = {  # (page background, body text, muted text)
    "light": (palette.LIGHT_PAGE, "#1d2129", "#5f6673"),
    "dark": (palette.DARK_PAGE, "#e3e6eb", "#9aa1ad"),
}

_BY_KEY = {t.key: t for t in (*ENTITY_TYPES, FIGURE_TYPE)}


def type_for_label(label: str) -> EntityType:
    """The type of an OntoNotes label; labels without their own colours are "OTHER"."""
    return _BY_KEY.get(label, _BY_KEY[OTHER_KEY])


def type_by_key(key: str) -> EntityType:
    return _BY_KEY[key]


def default_visible() -> frozenset[str]:
    return frozenset(k for k in _BY_KEY if k not in HIDDEN_BY_DEFAULT)


# Re-exported for the UI's own checks.
relative_luminance = palette.relative_luminance
contrast_ratio = palette.contrast_ratio
