"""Key figures from real Docs of the spaCy pipeline (NER + senter): the seed, BBC text, rules."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from spacy.language import Language

from briefing.core.analysis import nlp
from briefing.core.analysis.figures import FIGURES_VERSION, TRIVIA_SCORE, extract_figures, names_a_thing
from briefing.core.analysis.parse import sentence_parser
from briefing.core.article import Figure
from briefing.core.ingest import read


@pytest.fixture(scope="module")
def pipeline() -> Language:
    return nlp.load()


def figures_of(pipeline: Language, text: str) -> list[Figure]:
    return extract_figures(pipeline(text), sentence_parser(pipeline))


def by_value(figures: list[Figure], value: float) -> Figure:
    found = [f for f in figures if not isinstance(f.value, tuple) and math.isclose(f.value, value)]
    assert found, f"no figure {value} in {[(f.text, f.value) for f in figures]}"
    return found[0]


def test_version_is_a_string() -> None:
    assert isinstance(FIGURES_VERSION, str) and FIGURES_VERSION


def test_seed_figures_have_meaning_and_rank_first(pipeline: Language, seed_path: Path) -> None:
    article = read(seed_path)
    figures = extract_figures(pipeline(article.text), sentence_parser(pipeline))
    attacks_iraq = by_value(figures, 58)
    attacks_syria = by_value(figures, 83)
    troops_syria = by_value(figures, 900)
    troops_iraq = by_value(figures, 2500)
    for figure, words in (
        (attacks_iraq, ("attack", "iraq")),
        (attacks_syria, ("attack", "syria")),
        (troops_syria, ("troops", "syria")),
        (troops_iraq, ("troops", "iraq")),
    ):
        assert figure.concept is not None
        assert all(w in figure.concept.lower() for w in words), figure.concept
        assert figure.unit is None
        assert article.text[figure.start : figure.end] == figure.text
        assert (
            figure.sentence
            == article.text[figure.sentence_start : figure.sentence_start + len(figure.sentence)]
        )
    assert attacks_iraq.change == "at least"
    # The counted noun, a count's own part ("2,500 troops", and "900 in Syria" shares it); "attacked at
    # least 58 times" counts no noun, and the reader's concept still says what it counts.
    assert (troops_iraq.counted, troops_syria.counted, attacks_iraq.counted) == ("troops", "troops", None)
    assert {f.value for f in figures[:4]} == {58.0, 83.0, 900.0, 2500.0}
    assert figures == sorted(figures, key=lambda f: -f.score)
    # "Two security sources" is kept as a weak count, ranked below the key figures.
    two = by_value(figures, 2)
    assert two.score < TRIVIA_SCORE < troops_syria.score


def test_bbc_timewarner_sentence(pipeline: Language, shared_dir: Path) -> None:
    article = read(shared_dir / "corpus" / "bbc" / "bbc_business_001.txt")
    figures = extract_figures(pipeline(article.text), sentence_parser(pipeline))
    percent = by_value(figures, 76)
    assert percent.unit == "percentage"
    assert percent.change == "up"
    assert percent.concept is not None and "profits" in percent.concept
    dollars = by_value(figures, 1.13e9)
    assert dollars.unit == "dollar"
    assert dollars.change is None
    pounds = by_value(figures, 6e8)
    assert pounds.unit == "pound sterling"
    assert by_value(figures, 639e6).unit == "dollar"


@pytest.mark.parametrize(
    ("text", "value", "change"),
    [
        ("Nvidia advanced 8% on Monday.", 8, "up"),
        ("Shares fell 3.5% in early trade.", 3.5, "down"),
        ("The index ended 0.68 percent lower.", 0.68, "down"),
        ("Tesla shares were up nearly 57% this year.", 57, "up"),
        ("The plant employs about 600 people.", 600, "approximate"),
        ("The company has more than 1000 customers.", 1000, "at least"),
        ("The grant is worth up to $8 million.", 8e6, "at most"),
        ("Fewer than 20 percent of adults agreed.", 20, "at most"),
        ("Revenue rose to $7.36 billion.", 7.36e9, None),
        ("The aircraft is 72.7 metres long.", 72.7, None),
    ],
)
def test_change(pipeline: Language, text: str, value: float, change: str | None) -> None:
    assert by_value(figures_of(pipeline, text), value).change == change


@pytest.mark.parametrize(
    "text",
    [
        "The war began in 2014 and ended in 2017.",
        "She died on September 8 in Dar es Salaam.",
        "He finished second for the third time.",
        "The meeting starts at 10:30 a.m. on Monday.",
        "Call 0800 123 4567 for details.",
        "The Boeing 747 and the G8 summit were discussed.",
        "Chorlton-cum-Hardy 575 Wilbraham Road.",
        "The category 4 hurricane hit the coast.",
    ],
)
def test_not_figures(pipeline: Language, text: str) -> None:
    assert figures_of(pipeline, text) == []


@pytest.mark.parametrize(
    ("text", "value", "unit", "concept_word"),
    [
        ("Dell plans to lay off more than 6,650 employees.", 6650, None, "employees"),
        ("China already had a 25% tax on imported vehicles.", 25, "percentage", "tax"),
        (
            "The Chinese giant generates more than 60 per cent of its revenue from ads.",
            60,
            "percentage",
            "revenue",
        ),
        ("The crime is punishable by a fine of $7.5 million.", 7.5e6, "dollar", "fine"),
        ("The tablet comes with a 5 W USB-C charger.", 5, "watt", "charger"),
        ("It will boost the driving range by about 35 miles.", 35, "mile", "range"),
        ("Exports to China dropped 7% to $2.3 billion.", 7, "percentage", "exports"),
        ("The charge stored in the capacitor was 2.5 F and the voltage was 5 volts.", 5, "volt", "voltage"),
    ],
)
def test_concept_and_unit(
    pipeline: Language, text: str, value: float, unit: str | None, concept_word: str
) -> None:
    figure = by_value(figures_of(pipeline, text), value)
    assert figure.unit == unit
    assert figure.concept is not None and concept_word in figure.concept.lower(), figure.concept


def test_elliptic_count_shares_its_head(pipeline: Language) -> None:
    figures = figures_of(pipeline, "The army has 900 troops in Syria and 2,500 in Iraq.")
    iraq = by_value(figures, 2500)
    assert iraq.concept is not None and "troops in Iraq" in iraq.concept


def test_ranges_keep_their_order(pipeline: Language) -> None:
    figures = figures_of(pipeline, "Growth was forecast to slow from 4.8 to 4.7 percent.")
    assert [f.value for f in figures] == [(4.8, 4.7)]
    assert figures[0].unit == "percentage"


def test_empty_and_numberless_text(pipeline: Language) -> None:
    assert figures_of(pipeline, "") == []
    assert figures_of(pipeline, "Nothing to count here at all.") == []


def test_concepts_from_the_parse(pipeline: Language) -> None:
    figures = figures_of(
        pipeline,
        "Five members of the Security Council body voted against the resolution. "
        "The U.S. has deployed 900 troops in Syria and 2,500 in Iraq to advise local forces.",
    )
    assert by_value(figures, 5).concept == "members of the Security Council body"
    assert (by_value(figures, 2500).concept or "").startswith("troops in Iraq")  # ellipsis across "and"
    assert (by_value(figures, 900).concept or "").startswith("troops in Syria")


def test_without_a_parser_the_word_lists_still_answer(pipeline: Language) -> None:
    doc = pipeline("The U.S. has deployed 900 troops in Syria and 2,500 in Iraq.")
    figures = extract_figures(doc)
    assert (by_value(figures, 2500).concept or "").startswith("troops in Iraq")


def test_figures_of_speech_and_orders_of_magnitude_are_not_key_figures(pipeline: Language) -> None:
    figures = figures_of(
        pipeline,
        "The Tigris divides Mosul in two, and militants have blown up key bridges crossing it. "
        "The government ordered the deletion of millions of e-mails, officials said. "
        "One of the bridges was rebuilt in 2018 at a cost of $12m.",
    )
    assert by_value(figures, 2).concept is None
    assert by_value(figures, 2).score < TRIVIA_SCORE
    assert by_value(figures, 1).score < TRIVIA_SCORE
    millions = [f for f in figures if f.text == "millions"]
    assert millions and millions[0].score < TRIVIA_SCORE
    assert figures[0].value == 12_000_000


def test_names_a_thing() -> None:
    assert names_a_thing("attacks on U.S. forces in Iraq")
    assert names_a_thing("government e-mails (deletion)")
    assert not names_a_thing(None)
    assert not names_a_thing("now")
    assert not names_a_thing("ranging")


def test_a_verb_or_adverb_is_no_concept_the_parse_says_so(pipeline: Language) -> None:
    """The word lists read "now" and "stretches" as the thing measured; the parse knows better."""
    figures = figures_of(
        pipeline,
        "We will extend maternity leave from the six months where it now is to nine months, "
        "that's the extra £1,400. "
        "Cutting the waiting lists would save £300m, the minister told MPs. "
        "The eruption forms an ash cloud that stretches hundreds of miles across the sea.",
    )
    assert by_value(figures, 1400).concept is None
    # A verb of which the figure is the object names the event: "save £300m" keeps "save".
    assert by_value(figures, 300_000_000).concept == "save"
    miles = [f for f in figures if f.text == "hundreds of miles"]
    assert miles and miles[0].concept == "ash cloud"  # the relative clause's noun


def test_a_duration_before_a_noun_measures_that_noun(pipeline: Language) -> None:
    figures = figures_of(pipeline, "The club signed a three year deal with the stadium's owners.")
    # The noun's owner, the subject of the verb it is the object of, follows in brackets.
    assert by_value(figures, 3).concept == "deal (club)"


def test_a_gerund_subject_stays_the_concept(pipeline: Language) -> None:
    figures = figures_of(pipeline, "Testing between 2019 and 2021 came back at 6 ppb, well below the limit.")
    assert by_value(figures, 6).concept == "Testing"
