"""Entity and figure colours, shared by the reader, the side panel and briefings.

One entry per OntoNotes label Briefing highlights. ``light`` is the highlight
background on paper and light themes, ``dark`` on dark themes (read it with
``on_dark`` text), and ``accent`` a stronger tone of the same hue for swatches,
underlines and borders. Labels not listed fall back to ``OTHER``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Swatch:
    label: str
    name: str  # one of them: "Person"
    plural: str  # a list of them: "People"
    light: str
    dark: str
    accent: str


ON_LIGHT = "#111827"  # text over a light highlight
ON_DARK = "#f8fafc"  # text over a dark highlight

ENTITY_SWATCHES: dict[str, Swatch] = {
    s.label: s
    for s in (
        Swatch("PERSON", "Person", "People", "#dbeafe", "#1e3a8a", "#1d4ed8"),
        Swatch("ORG", "Organisation", "Organisations", "#ede9fe", "#4c1d95", "#6d28d9"),
        Swatch("GPE", "Place", "Places", "#dcfce7", "#14532d", "#15803d"),
        Swatch("LOC", "Location", "Locations", "#ccfbf1", "#134e4a", "#0f766e"),
        Swatch("FAC", "Facility", "Facilities", "#fef3c7", "#78350f", "#b45309"),
        Swatch("NORP", "Group", "Groups", "#fce7f3", "#831843", "#be185d"),
        Swatch("EVENT", "Event", "Events", "#ffedd5", "#7c2d12", "#c2410c"),
        Swatch("DATE", "Date", "Dates", "#e2e8f0", "#334155", "#475569"),
    )
}

# The order entity types are listed in, everywhere.
ENTITY_ORDER: tuple[str, ...] = tuple(ENTITY_SWATCHES)

FIGURE = Swatch("FIGURE", "Figure", "Figures", "#fef9c3", "#713f12", "#a16207")
OTHER = Swatch("OTHER", "Entity", "Entities", "#f3f4f6", "#374151", "#6b7280")


def swatch(label: str) -> Swatch:
    """The colours and names for an OntoNotes label (``OTHER`` if it has none of its own)."""
    return ENTITY_SWATCHES.get(label, OTHER)


def highlight(label: str, dark: bool = False) -> str:
    """The highlight background for ``label`` on a light or a dark theme."""
    s = swatch(label)
    return s.dark if dark else s.light
