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

# Chosen for colour-blind readers as much as for everyone: every highlight differs from every
# other (and from the page) by at least MIN_DISTANCE in CIELAB under normal vision and under
# simulated deuteranopia and protanopia, in each theme; the same holds for the accents (legend dots)
# on a mid grey; text on every highlight has a WCAG contrast of 7:1 (AAA) or more; an accent has 3:1
# or more against both pages (WCAG 1.4.11). ``tests/core/test_palette.py`` checks all of it. The
# hues keep their meaning where they could (people blue, places green, figures yellow), with
# lightness and chroma doing the separating that hue cannot do for red-green colour blindness.
ENTITY_SWATCHES: dict[str, Swatch] = {
    s.label: s
    for s in (
        Swatch("PERSON", "Person", "People", "#a0a3fe", "#2c51a2", "#1068de"),
        Swatch("ORG", "Organisation", "Organisations", "#a7a6dd", "#3c1863", "#446ea9"),
        Swatch("GPE", "Place", "Places", "#e7fcb6", "#273424", "#577d02"),
        Swatch("LOC", "Location", "Locations", "#9ae2f5", "#315e44", "#287687"),
        Swatch("FAC", "Facility", "Facilities", "#edae83", "#804600", "#976039"),
        Swatch("NORP", "Group", "Groups", "#b7a6b8", "#6c467c", "#ce68da"),
        Swatch("EVENT", "Event", "Events", "#f8e382", "#6d4824", "#bb8646"),
        Swatch("DATE", "Date", "Dates", "#e9dbc6", "#2b3a4b", "#826667"),
    )
}

# The order entity types are listed in, everywhere.
ENTITY_ORDER: tuple[str, ...] = tuple(ENTITY_SWATCHES)

FIGURE = Swatch("FIGURE", "Figure", "Figures", "#c6a94d", "#362b05", "#b88664")
OTHER = Swatch("OTHER", "Entity", "Entities", "#baa897", "#3a5a5c", "#a28c7f")

MIN_DISTANCE = 12.0  # CIE76 delta E; ~2.3 is a just-noticeable difference
LIGHT_PAGE = "#ffffff"
DARK_PAGE = "#1f2228"
ACCENT_GROUND = "#8a8f98"  # the mid grey the accents are told apart from


def swatch(label: str) -> Swatch:
    """The colours and names for an OntoNotes label (``OTHER`` if it has none of its own)."""
    return ENTITY_SWATCHES.get(label, OTHER)


def highlight(label: str, dark: bool = False) -> str:
    """The highlight background for ``label`` on a light or a dark theme."""
    s = swatch(label)
    return s.dark if dark else s.light


# -- checking colours: WCAG contrast, colour-blindness simulation, CIELAB distance ----------

# Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
_DEFICIENCIES: dict[str, tuple[tuple[float, float, float], ...]] = {
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
}
VISIONS: tuple[str, ...] = ("normal", *_DEFICIENCIES)


def _linear(colour: str) -> tuple[float, float, float]:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return r, g, b


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    r, g, b = _linear(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def seen_as(colour: str, vision: str) -> tuple[float, float, float]:
    """The linear RGB a reader with ``vision`` ("normal", "deuteranopia", "protanopia") sees."""
    rgb = _linear(colour)
    matrix = _DEFICIENCIES.get(vision)
    if matrix is None:
        return rgb
    r, g, b = (min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in matrix)
    return r, g, b


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def distance(a: str, b: str, vision: str = "normal") -> float:
    """CIE76 delta E between two colours as a reader with ``vision`` sees them."""
    la, lb = _lab(seen_as(a, vision)), _lab(seen_as(b, vision))
    return float(sum((p - q) ** 2 for p, q in zip(la, lb, strict=True)) ** 0.5)
