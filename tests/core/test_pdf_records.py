"""Reader comments and "more stories" lists found in a printed page's paragraphs by their shape."""

from __future__ import annotations

from briefing.core.ingest.pdf_records import Paragraph, comment_span, is_stamp, teaser_summaries

ARTICLE = [
    Paragraph("Council opens nine depots for old Christmas trees", linked=False),
    Paragraph("Last Updated: Thursday, December 27, 2007 | 10:56 AM CT", linked=False),
    *(
        Paragraph(f"Paragraph {n} of the story, long enough to be the article's own text. " * 3, linked=False)
        for n in range(4)
    ),
]


def _comments(signature_first: bool) -> list[Paragraph]:
    out = [Paragraph("Comments (3)", linked=False)]
    for name, time in (("ann", "6:24 PM"), ("bob", "7:12 PM"), ("cy", "7:20 PM")):
        text = Paragraph(f"What {name} thinks of the story, at some length.", linked=False)
        signature = Paragraph(f"Posted by: {name} | January 14, 2008 {time}", linked=False)
        out += [signature, text] if signature_first else [text, signature]
    return out


def test_stamps_are_short_lines_with_a_date_or_time() -> None:
    assert is_stamp("Posted by Ann on January 7, 2008 8:21 PM")
    assert is_stamp("TonyZ (6 days ago)")
    assert is_stamp("JHOHL27 Jan 09 2008 07:53 PM PST |")
    assert not is_stamp("Nine fenced depots are open across the city")
    assert not is_stamp("The council said on January 7, 2008 that the depots, which open at 8:00, " * 2)


def test_a_run_of_signatures_after_the_article_is_cut_with_its_heading() -> None:
    for signature_first in (True, False):
        paragraphs = [*ARTICLE, *_comments(signature_first), Paragraph("© 2008 The Paper", linked=False)]
        span = comment_span(paragraphs)
        assert span is not None
        start, end = span
        assert paragraphs[start].text == "Comments (3)"  # the lead-in goes with the comments
        assert all(
            "thinks of the story" in p.text or "Posted by" in p.text for p in paragraphs[start + 1 : end]
        )
        assert not any("Posted by" in p.text for p in paragraphs[end:])
        assert paragraphs[:start] == ARTICLE  # the article and its dateline stay


def test_a_dateline_and_two_comments_are_not_a_run() -> None:
    assert comment_span(ARTICLE) is None  # one dateline before the text
    assert comment_span([*ARTICLE, *_comments(True)[:5]]) is None  # two signatures only


def test_signatures_must_be_alike() -> None:
    """An article's byline just above the comments (it ends a blog post) is not the first comment."""
    byline = Paragraph("By Jennifer Agiesta | January 14, 2008; 4:38 PM ET Post Polls", linked=False)
    paragraphs = [*ARTICLE, byline, *_comments(False)]
    span = comment_span(paragraphs)
    assert span is not None and paragraphs[span[0]].text == "Comments (3)"
    assert byline in paragraphs[: span[0]]


def test_teaser_summaries_come_in_turn_with_linked_headlines() -> None:
    teasers = [
        Paragraph("MORE MANITOBA HEADLINES »", linked=True),
        Paragraph("Inquest report urges more help for sexually exploited teens", linked=True),
        Paragraph("An inquest report released Thursday recommends improvements.", linked=False),
        Paragraph("Winnipeg hotelier eager to dive into water park proposal", linked=True),
        Paragraph("A committee at City Hall approved a plan for an indoor water park.", linked=False),
    ]
    paragraphs = [*ARTICLE, *teasers]
    assert teaser_summaries(paragraphs) == {len(ARTICLE) + 2, len(ARTICLE) + 4}


def test_a_link_before_the_story_is_not_a_teaser_list() -> None:
    """ "Read comments (1)" then the lead paragraph; a map link then a paragraph further on."""
    paragraphs = [
        Paragraph("Read Comments (1)", linked=True),
        Paragraph("Dan Shittu and Marlon King have been recalled to the line-up.", linked=False),
        Paragraph("The manager said both were ready.", linked=False),
        Paragraph("Map: Canberra 2600", linked=True),
        Paragraph("Police charged a man with manslaughter on Sunday.", linked=False),
    ]
    assert teaser_summaries(paragraphs) == set()
