"""The briefing model from hand-made (Article, Analysis) pairs: ranking, caps, cross-article tables."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.core.article import Analysis, Article, Entity, Figure
from briefing.core.briefing import build_briefing
from briefing.core.briefing.model import MAX_FIGURES, display_date, figure_row

TEXT = "Acme hired 40 staff in Leeds. Acme also opened 3 shops in York, said Jane Doe."


def _entity(text: str, label: str, canonical: str | None = None, nth: int = 0) -> Entity:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return Entity(start, start + len(text), text, label, canonical or text)


def _figure(text: str, concept: str, score: float, change: str | None = None) -> Figure:
    start = TEXT.index(text)
    sentence_start = TEXT.rfind(". ", 0, start) + 2 if TEXT.rfind(". ", 0, start) >= 0 else 0
    end_of_sentence = TEXT.find(".", start) + 1
    return Figure(
        start=start,
        end=start + len(text),
        text=text,
        value=float(text.split()[0]),
        unit=None,
        concept=concept,
        change=change,
        sentence=TEXT[sentence_start:end_of_sentence],
        sentence_start=sentence_start,
        score=score,
    )


def _pair(
    path: str = "/news/a.txt", title: str = "Acme grows", url: str | None = None
) -> tuple[Article, Analysis]:
    entities = (
        _entity("Acme", "ORG", "Acme Ltd"),
        _entity("Leeds", "GPE"),
        _entity("Acme", "ORG", "Acme Ltd", nth=1),
        _entity("York", "GPE"),
        _entity("Jane Doe", "PERSON"),
    )
    figures = (_figure("40 staff", "staff hired", 0.9, change="up"), _figure("3 shops", "shops opened", 0.4))
    return (
        Article(
            path=path, title=title, text=TEXT, source="The Post", published="2024-01-20T10:15:00", url=url
        ),
        Analysis(entities=entities, figures=figures, summary=("Acme hired 40 staff in Leeds.",)),
    )


def test_one_article_briefing_carries_title_source_date_summary_figures_entities() -> None:
    briefing = build_briefing([_pair(url="https://example.com/acme")], created=dt.date(2024, 2, 1))
    assert not briefing.is_collection
    assert briefing.title == "Acme grows"
    (article,) = briefing.articles
    assert (article.source, article.date, article.link) == (
        "The Post",
        "20 January 2024",
        "https://example.com/acme",
    )
    assert article.summary == ("Acme hired 40 staff in Leeds.",)
    assert [r.figure for r in article.figures] == ["40 staff", "3 shops"]
    first = article.figures[0]
    assert (first.counts, first.note) == ("staff hired", "a rise")
    assert first.sentence_parts == ("Acme hired ", "40 staff", " in Leeds.")
    groups = {g.label: [(e.name, e.mentions) for e in g.items] for g in article.entities}
    assert groups == {
        "PERSON": [("Jane Doe", 1)],
        "ORG": [("Acme Ltd", 2)],
        "GPE": [("Leeds", 1), ("York", 1)],
    }
    assert [g.heading for g in article.entities] == ["People", "Organisations", "Places"]
    assert briefing.created_label == "1 February 2024"


def test_figures_are_ranked_by_score_and_capped() -> None:
    article, _ = _pair()
    many = tuple(
        Figure(0, 4, "Acme", float(i), None, f"thing {i}", None, TEXT, 0, score=i / 10) for i in range(12)
    )
    briefing = build_briefing([(article, Analysis(figures=many))])
    rows = briefing.articles[0].figures
    assert len(rows) == MAX_FIGURES
    assert [r.counts for r in rows] == [f"thing {i}" for i in range(11, 3, -1)]


def test_several_articles_get_shared_figures_and_entities_with_article_numbers() -> None:
    a = _pair("/news/a.txt", title="First")
    b_article = Article(path="/news/b.txt", title="Second", text=TEXT)
    b = (
        b_article,
        Analysis(entities=(_entity("York", "GPE"),), figures=(_figure("3 shops", "shops opened", 0.5),)),
    )
    briefing = build_briefing([a, b, (Article(path="/news/c.txt", title="", text="Just text."), None)])
    assert briefing.is_collection
    assert briefing.title == "Briefing" and briefing.subtitle == "3 articles"
    assert [x.number for x in briefing.articles] == [1, 2, 3]
    assert briefing.articles[2].title == "c"  # untitled: the file name
    assert briefing.articles[2].summary == ("Just text.",)  # no analysis: the opening words
    shared = {(s.row.figure, s.articles) for s in briefing.shared_figures}
    assert ("3 shops", (1, 2)) in shared and ("40 staff", (1,)) in shared
    assert briefing.shared_figures[0].articles == (1, 2)  # shared by most articles first
    places = next(g for g in briefing.shared_entities if g.label == "GPE")
    assert [(e.name, e.mentions, e.articles) for e in places.items] == [
        ("York", 2, (1, 2)),
        ("Leeds", 1, (1,)),
    ]


def test_empty_briefing_is_refused() -> None:
    with pytest.raises(ValueError):
        build_briefing([])


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("2024-01-20", "20 January 2024"),
        ("2024-01-05T08:00:00+00:00", "5 January 2024"),
        ("last spring", "last spring"),
        (None, None),
    ],
)
def test_dates_are_shown_in_words(stored: str | None, shown: str | None) -> None:
    assert display_date(stored) == shown


def test_figure_found_in_its_sentence_even_with_stale_offsets() -> None:
    figure = Figure(999, 1003, "3 shops", 3.0, None, None, None, "  It opened 3 shops. ", 0, 0.1)
    row = figure_row(figure)
    assert row.sentence_parts == ("It opened ", "3 shops", ".")
    assert row.counts == ""


def test_figure_sentence_run_on_from_a_subheading_keeps_the_figures_paragraph() -> None:
    sentence = "Troops abroad\n\nThe U.S. has 900 troops in Syria."
    start = sentence.index("900")
    row = figure_row(
        Figure(100 + start, 100 + start + 3, "900", 900.0, None, "troops", None, sentence, 100, 1.0)
    )
    assert row.sentence_parts == ("The U.S. has ", "900", " troops in Syria.")
