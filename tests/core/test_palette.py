"""Entity and figure colours: readable text on every highlight, and every colour told apart from
every other under normal vision and simulated deuteranopia and protanopia, in both themes."""

from __future__ import annotations

from itertools import combinations

import pytest

from briefing.core import palette

SWATCHES = (*palette.ENTITY_SWATCHES.values(), palette.FIGURE, palette.OTHER)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_text_on_every_highlight_meets_wcag_aaa(theme: str) -> None:
    text = palette.ON_LIGHT if theme == "light" else palette.ON_DARK
    for s in SWATCHES:
        assert palette.contrast_ratio(text, getattr(s, theme)) >= 7.0, (s.label, theme)


@pytest.mark.parametrize("vision", palette.VISIONS)
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_highlights_differ_from_each_other_and_the_page(theme: str, vision: str) -> None:
    page = palette.LIGHT_PAGE if theme == "light" else palette.DARK_PAGE
    colours = {s.label: getattr(s, theme) for s in SWATCHES} | {"page": page}
    for (a, ca), (b, cb) in combinations(colours.items(), 2):
        assert palette.distance(ca, cb, vision) >= palette.MIN_DISTANCE, (theme, vision, a, b)


@pytest.mark.parametrize("vision", palette.VISIONS)
def test_legend_accents_differ_and_stand_out_on_both_pages(vision: str) -> None:
    colours = {s.label: s.accent for s in SWATCHES} | {"grey": palette.ACCENT_GROUND}
    for (a, ca), (b, cb) in combinations(colours.items(), 2):
        assert palette.distance(ca, cb, vision) >= palette.MIN_DISTANCE, (vision, a, b)
    for s in SWATCHES:
        for page in (palette.LIGHT_PAGE, palette.DARK_PAGE):
            assert palette.contrast_ratio(s.accent, page) >= 3.0, (s.label, page)


def test_the_simulation_is_a_real_one() -> None:
    # Red and green, far apart for most readers, come close for a deuteranope; blue and yellow do not.
    assert palette.distance("#d62728", "#2ca02c") > 70
    assert palette.distance("#d62728", "#2ca02c", "deuteranopia") < palette.distance("#d62728", "#2ca02c") / 2
    assert palette.distance("#1f77b4", "#ffdd44", "deuteranopia") > 60
