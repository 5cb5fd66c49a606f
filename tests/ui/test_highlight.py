"""The reader's HTML and the app's words, without a display."""

from __future__ import annotations

import re

import pytest

from briefing.core.article import Analysis, Article, Entity, Figure, SearchHit
from briefing.ui.entity_types import (
    ENTITY_TYPES,
    FIGURE_TYPE,
    PAGE_COLOURS,
    contrast_ratio,
    default_visible,
    type_for_label,
)
from briefing.ui.formatting import figure_caption, figure_value, format_date, meta_parts
from briefing.ui.highlight import paragraph_spans, render_article
from briefing.ui.results_html import hit_html, safe_snippet

TEXT = "Iraq said on Monday that 2,500 troops stay.\n\nThe <b>Pentagon</b> & NATO disagreed.\nA new line."


def _article(**extra: str) -> Article:
    return Article(path="/x/a.txt", title="Troops & <bases>", text=TEXT, **extra)  # type: ignore[arg-type]


def _analysis() -> Analysis:
    iraq = Entity(0, 4, "Iraq", "GPE", "Iraq")
    pentagon_start = TEXT.index("<b>Pentagon")
    pentagon = Entity(pentagon_start + 3, pentagon_start + 11, "Pentagon", "ORG", "The Pentagon")
    monday = Entity(TEXT.index("Monday"), TEXT.index("Monday") + 6, "Monday", "DATE", "Monday")
    start = TEXT.index("2,500")
    troops = Figure(start, start + 12, "2,500 troops", 2500.0, "troops", "troops in Iraq", None,
                    TEXT[: TEXT.index("\n")], 0, 1.0)
    return Analysis(entities=(iraq, pentagon, monday), figures=(troops,), summary=("Iraq said.",))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_type_is_readable_and_visible_in_both_themes(scheme: str) -> None:
    page = PAGE_COLOURS[scheme][0]  # type: ignore[index]
    for kind in (*ENTITY_TYPES, FIGURE_TYPE):
        colours = kind.colours(scheme)  # type: ignore[arg-type]
        assert contrast_ratio(colours.foreground, colours.background) >= 7.0, kind.key  # WCAG AAA
        assert colours.background.lower() != page.lower(), kind.key


def test_paragraphs_are_runs_of_non_blank_lines() -> None:
    assert paragraph_spans("a\n\n\n  \n\nb\nc") == [(0, 1), (8, 11)]


def test_entities_become_coloured_anchors_with_type_and_canonical_name() -> None:
    doc = render_article(_article(), _analysis(), visible=default_visible(), scheme="light")
    place = type_for_label("GPE").colours("light")
    anchors = re.findall(r'<a href="entity:(\d)" title="([^"]*)" style="([^"]*)">([^<]*)</a>', doc.html)
    assert [(i, text) for i, _t, _s, text in anchors] == [("0", "Iraq"), ("1", "Pentagon")]
    assert anchors[0][1] == "Place (GPE) — Iraq"
    assert anchors[1][1] == "Organisation (ORG) — The Pentagon"
    assert f"background-color:{place.background}" in anchors[0][2]
    assert f"color:{place.foreground}" in anchors[0][2]
    assert "entity:2" not in doc.html  # dates are hidden by default


def test_markup_in_the_article_is_shown_as_text_never_run() -> None:
    doc = render_article(_article(), _analysis(), visible=default_visible(), scheme="light")
    assert "Troops &amp; &lt;bases&gt;" in doc.html
    assert "&lt;b&gt;" in doc.html and "<b>Pentagon" not in doc.html
    assert "&amp; NATO" in doc.html
    assert "<br />A new line" in doc.html  # a single line break stays inside its paragraph


def test_hidden_types_and_figures_are_not_marked() -> None:
    shown = default_visible() - {"GPE", FIGURE_TYPE.key}
    doc = render_article(_article(), _analysis(), visible=shown, scheme="dark")
    assert "entity:0" not in doc.html and "entity:1" in doc.html
    assert "font-weight:700" not in doc.html
    with_figures = render_article(_article(), _analysis(), visible=default_visible(), scheme="dark")
    figure = FIGURE_TYPE.colours("dark")
    style = f"font-weight:700; color:{figure.foreground}; background-color:{figure.background};"
    assert f'<span style="{style}">2,500 troops</span>' in with_figures.html


def test_captions_are_shown_apart_with_their_own_entities() -> None:
    caption = "Guards in Baghdad, 2020. (Source: Portal)"
    baghdad = Entity(10, 17, "Baghdad", "GPE", "Baghdad", caption=0)
    iraq = Entity(0, 4, "Iraq", "GPE", "Iraq")  # the same offsets, but into the body
    article = Article(path="/x", title="T", text=TEXT, captions=(caption,))
    analysis = Analysis(entities=(iraq, baghdad))
    doc = render_article(article, analysis, visible=default_visible())
    body, _, after = doc.html.partition("PHOTO CAPTION")
    assert '<a href="entity:0"' in body and ">Iraq</a>" in body  # body offsets 0:4 are "Iraq"
    assert '<a href="entity:1"' in after and ">Baghdad</a>" in after and "font-style:italic" in after
    assert doc.header_blocks == 1


def test_header_has_source_date_author_and_a_safe_link() -> None:
    article = _article(source="The Jerusalem Post", published="2024-01-20T10:15:00", author="A. Writer",
                       url="https://www.jpost.com/x?a=1&b=2")
    doc = render_article(article, None, visible=default_visible())
    assert "The Jerusalem Post · 20 January 2024, 10:15 · by A. Writer" in doc.html
    assert doc.header_blocks == 3
    assert 'href="https://www.jpost.com/x?a=1&amp;b=2"' in doc.html
    risky = render_article(_article(url="javascript:alert(1)"), None, visible=default_visible())
    assert "javascript:" not in risky.html


def test_dates_figures_and_meta_are_worded_for_people() -> None:
    assert format_date("2024-01-02") == "2 January 2024"
    assert format_date("not a date") == "not a date"
    assert format_date(None) == ""
    bbc = Article(path="p", title="t", text="", url="https://www.bbc.co.uk/news/1")
    assert meta_parts(bbc) == ["bbc.co.uk"]
    up = Figure(0, 3, "5 %", 5.0, "%", "inflation", "up", "s")
    assert figure_value(up) == "5%"
    assert figure_caption(up) == "▲ rise · inflation"
    span = Figure(0, 3, "x", (1.5, 2.0), "$", None, None, "s")
    assert figure_value(span) == "$1.5\u20132"
    assert "unclear" in figure_caption(span)


def test_snippets_keep_only_the_match_marks() -> None:
    assert safe_snippet('a <b class="match">base</b> <script>x</script>') == (
        'a <b class="match">base</b> &lt;script&gt;x&lt;/script&gt;'
    )
    hit = SearchHit("/p", "Title & co", "BBC", "2024-05-01", 1.0, 'the <b class="match">base</b>')
    assert hit_html(hit) == (
        '<div class="title">Title &amp; co</div><div class="meta">BBC · 1 May 2024</div>'
        '<div class="snippet">the <b class="match">base</b></div>'
    )
