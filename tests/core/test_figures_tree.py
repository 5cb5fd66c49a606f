"""What a figure counts or measures, read from the dependency parse of its sentence (figures/tree.py).

Real spaCy pipeline and parser on sentences written for these tests (not taken from the dev sets).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from spacy.language import Language

from briefing.core.analysis import nlp
from briefing.core.analysis.figures import extract_figures
from briefing.core.analysis.parse import sentence_parser
from briefing.core.article import Figure
from briefing.core.ingest import read


@pytest.fixture(scope="module")
def pipeline() -> Language:
    return nlp.load()


def figures_of(pipeline: Language, text: str) -> list[Figure]:
    return sorted(extract_figures(pipeline(text), sentence_parser(pipeline)), key=lambda f: f.start)


def by_value(figures: list[Figure], value: float | tuple[float, float]) -> Figure:
    def same(f: Figure) -> bool:
        if isinstance(value, tuple) or isinstance(f.value, tuple):
            return f.value == value
        return math.isclose(f.value, value)

    found = [f for f in figures if same(f)]
    assert found, f"no figure {value} in {[(f.text, f.value) for f in figures]}"
    return found[0]


def test_a_change_measures_the_subject_of_its_verb(pipeline: Language) -> None:
    figures = figures_of(
        pipeline, "Britain's budget deficit narrowed last year, having fallen by £12 billion to £38 billion."
    )
    assert "budget deficit" in (by_value(figures, 12e9).concept or "")
    assert "budget deficit" in (by_value(figures, 38e9).concept or "")


def test_a_change_with_an_object_measures_the_object(pipeline: Language) -> None:
    figures = figures_of(pipeline, "The company cut the price of its cheapest model by 10%.")
    assert (by_value(figures, 10).concept or "").startswith("price")


def test_a_figure_as_object_is_not_what_the_other_figure_measures(pipeline: Language) -> None:
    # "lost 2.7 percent to 5,182 yen": the object is itself a figure; the subject is what is measured.
    figures = figures_of(pipeline, "In Tokyo, Sony lost 2.7 percent to 5,182 yen.")
    assert by_value(figures, 5182).concept == "Sony"


def test_a_measure_after_be_measures_the_subject(pipeline: Language) -> None:
    figures = figures_of(pipeline, "The old bridge across the river is 300 metres long.")
    assert by_value(figures, 300).concept == "old bridge across the river"


def test_a_count_is_owned_by_the_subject_of_its_verb(pipeline: Language) -> None:
    figures = figures_of(pipeline, "The clinic, which treated 40 patients last week, is closing.")
    assert by_value(figures, 40).concept == "patients (clinic)"


def test_a_measure_is_owned_by_the_subject_of_its_verb(pipeline: Language) -> None:
    figures = figures_of(pipeline, "The refinery has produced 2 million barrels of diesel since March.")
    assert by_value(figures, 2e6).concept == "diesel (refinery)"


def test_clauses_of_figures_alone_share_the_first_clauses_concepts(pipeline: Language) -> None:
    text = (
        "Two-bedroom flats from £200,000 to £300,000 sold in 30 days; £300,000 to £400,000, 45 days; "
        "and £400,000 to £600,000, 62 days."
    )
    figures = figures_of(pipeline, text)
    first = by_value(figures, (200_000.0, 300_000.0)).concept
    assert first == "Two-bedroom flats"
    assert by_value(figures, (300_000.0, 400_000.0)).concept == first
    assert by_value(figures, (400_000.0, 600_000.0)).concept == first


def test_a_clause_with_its_own_noun_is_not_elliptic(pipeline: Language) -> None:
    figures = figures_of(pipeline, "Houses sold for £300,000 on average; flats in the centre, £200,000.")
    assert by_value(figures, 200_000).concept != by_value(figures, 300_000).concept


def test_another_number_is_never_the_concept(pipeline: Language) -> None:
    text = "Two-bedroom flats from £200,000 to £300,000 sold in 30 days; £300,000 to £400,000, 45 days."
    for figure in figures_of(pipeline, text):
        assert figure.concept is None or any(c.isalpha() for c in figure.concept)


def test_a_measure_as_object_measures_the_subject_of_its_verb(pipeline: Language) -> None:
    figures = figures_of(
        pipeline, "Under the bonnet sits a small diesel engine, built by a Welsh firm to produce 150 hp."
    )
    assert by_value(figures, 150).concept == "small diesel engine"
    # A sum as object keeps its verb as the event: "return $500m" (see extract._acted).
    sums = figures_of(pipeline, "Investors want the exchange's operator to return $500m to shareholders.")
    assert by_value(sums, 500e6).concept == "return"


def test_the_of_object_may_hang_from_any_word_of_the_figure(pipeline: Language) -> None:
    figures = figures_of(pipeline, "The miners dug through hundreds of metres of rock to reach the seam.")
    assert by_value(figures, (100.0, 1000.0)).concept == "rock"


def test_times_needs_a_verb_in_the_tree_to_name_an_event(pipeline: Language) -> None:
    # "attacked 58 times" names attacks; the adjective "industrialised" names no event.
    text = "Support for farmers in industrialised nations was worth 30 times the amount given as aid."
    concept = by_value(figures_of(pipeline, text), 30).concept or ""
    assert concept.startswith("amount") and "industrialis" not in concept


def test_a_measure_before_a_compound_measures_the_whole_noun(pipeline: Language) -> None:
    figures = figures_of(pipeline, "She won her 60m world indoor silver medal in Birmingham.")
    assert (by_value(figures, 60).concept or "").endswith("world indoor silver medal")


def test_a_speaker_owns_no_figure_of_what_he_reports(pipeline: Language) -> None:
    text = "Mr Adams added that there had been a nine per cent rise in tax revenues from bars."
    concept = by_value(figures_of(pipeline, text), 9).concept or ""
    assert "rise in tax revenues" in concept and "Adams" not in concept


def test_the_seed_troops_are_owned_by_the_us(pipeline: Language, seed_path: Path) -> None:
    # "The U.S. has deployed 900 troops in Syria and 2,500 in Iraq": in the article the parsed sentence
    # starts with the heading "US troops in Iraq" (a second subject); the verb's own subject is the owner.
    figures = figures_of(pipeline, read(seed_path).text)
    assert by_value(figures, 900).concept == "troops in Syria (U.S.)"
    assert by_value(figures, 2500).concept == "troops in Iraq (U.S.)"


def test_a_word_the_parser_gave_a_subject_is_a_verb_whatever_its_tag(pipeline: Language) -> None:
    # The tagger reads "stay" after "$2 million" as a noun; the parser still gives it the subject "Flats"
    # and the complement "an average", so the average is the flats'.
    text = "Flats from $400,000 to $2 million stay an average of 45 days on the market."
    figures = figures_of(pipeline, text)
    assert by_value(figures, 45).concept == "average (Flats)"


def test_a_gapped_clause_shares_the_owner_read_through_a_mistagged_verb(pipeline: Language) -> None:
    figures = figures_of(
        pipeline, "Houses under $1 million stay an average of 40 days; $1 million to $3 million, 75 days."
    )
    assert by_value(figures, 75).concept == "average (Houses)"


def test_he_is_the_one_person_named_before_him_in_the_sentence(pipeline: Language) -> None:
    figures = figures_of(
        pipeline,
        "After a slow start at Leeds, Patrick Bamford's third season ended in promotion as he scored "
        "21 goals in 40 games.",
    )
    assert by_value(figures, 21).concept == "goals (Patrick Bamford)"


def test_she_is_the_one_person_of_the_sentence_before(pipeline: Language) -> None:
    text = "Maria Lopez opened a bakery in Leeds in 2015. She now employs 45 people across four shops."
    figures = figures_of(pipeline, text)
    assert by_value(figures, 45).concept == "people (Maria Lopez)"


def test_a_pronoun_with_two_people_before_it_owns_nothing(pipeline: Language) -> None:
    figures = figures_of(
        pipeline, "Maria Lopez and her partner David Chen opened a bakery in 2015. He now employs 45 people."
    )
    concept = by_value(figures, 45).concept or ""
    assert "Chen" not in concept and "Lopez" not in concept


def test_a_relative_clause_hung_on_a_pronoun_is_said_of_the_noun_it_follows(pipeline: Language) -> None:
    # The parser hangs "that is ..." on "everyone"; the noun before "that" is what is 12 miles wide, and
    # "30 miles long" ("long" an adverb of "is") measures it too.
    text = (
        "Locals joke that everyone knows everyone in the small island that is about 12 miles wide "
        "and 30 miles long."
    )
    figures = figures_of(pipeline, text)
    assert by_value(figures, 12).concept == "small island"
    assert by_value(figures, 30).concept == "small island"


def test_a_count_after_a_preposition_is_owned_by_the_subject_of_the_nouns_verb(pipeline: Language) -> None:
    # "for 40 fishing boats" hangs from "port", the complement of "is": the boats are Whitby's.
    text = "Whitby is the home port for about 40 fishing boats, which land cod and crab."
    figures = figures_of(pipeline, text)
    assert by_value(figures, 40).concept == "fishing boats (Whitby)"


def test_a_count_in_an_of_phrase_is_owned_by_the_subject_of_the_nouns_verb(pipeline: Language) -> None:
    text = "The new film Harvest tells the story of two brothers who run a farm in Wales."
    assert by_value(figures_of(pipeline, text), 2).concept == "brothers (new film Harvest)"


def test_a_count_with_its_own_possessor_is_not_owned_through_a_phrase(
    pipeline: Language, shared_dir: Path
) -> None:
    # BBC sport_284: "... admitted his wayward kicking played a big part in England's 18-17 defeat to
    # France": the defeat is England's, not the kicking's.
    article = read(shared_dir / "corpus" / "bbc" / "bbc_sport_284.txt")
    figures = [f for f in figures_of(pipeline, article.text) if f.text == "18-17"]
    assert figures, "no 18-17 figure"
    assert "kicking" not in (figures[0].concept or "")


def test_a_change_after_a_name_in_a_list_is_that_names(pipeline: Language) -> None:
    # "up" hangs from "BT" and carries "4p" and "at 210p": each figure is its own company's.
    text = "Among the risers were BT, up 4p at 210p, Tesco, up 2.5p at 318p, and Vodafone, up 1p at 98p."
    figures = figures_of(pipeline, text)
    assert [by_value(figures, v).concept for v in (4, 210, 2.5, 318, 1, 98)] == [
        "BT", "BT", "Tesco", "Tesco", "Vodafone", "Vodafone",
    ]  # fmt: skip


def test_another_figures_sign_is_not_part_of_the_concept(pipeline: Language) -> None:
    text = "BT now has a 36% share of the broadband market - down from 39% - after a price war."
    assert (by_value(figures_of(pipeline, text), 39).concept or "").startswith("share of")


def test_a_count_keeps_its_counted_noun_apart_from_what_it_is_of_and_whose(pipeline: Language) -> None:
    # Figure.counted is the noun alone (the unit of a count); the concept the reader sees goes on with
    # its "of" phrase, its other phrases and its owner.
    text = (
        "Police charged the driver with two counts of dangerous driving after the crash. "
        "Acme, which employs 4,000 staff in Leeds, raised $5m from 20,000 donors. "
        "Hundreds of fans queued outside the stadium. "
        "Ministers approved 1,200 new homes in Kent and 800 in Essex."
    )
    figures = figures_of(pipeline, text)
    two = by_value(figures, 2)
    assert (two.counted, (two.concept or "").startswith("counts of dangerous driving")) == ("counts", True)
    staff = by_value(figures, 4000)
    assert (staff.counted, staff.concept) == ("staff", "staff in Leeds (Acme)")
    assert by_value(figures, 20000).counted == "donors"
    assert by_value(figures, 5e6).counted is None  # a sum: its unit is the currency
    hundreds = [f for f in figures if f.text == "Hundreds"]
    assert hundreds and hundreds[0].counted == "fans"
    kent, essex = by_value(figures, 1200), by_value(figures, 800)
    assert (kent.counted, essex.counted) == ("new homes", "new homes")
    assert essex.concept is not None and essex.concept.startswith("new homes in Essex")


def test_a_verb_phrase_is_no_owner(pipeline: Language) -> None:
    # The word lists' subject of "close" is "employs 4,000 staff in Leeds": the parse reads "employs" as
    # a verb wherever it stands, so it names no one and the depots are left without an owner.
    text = "Acme, which employs 4,000 staff in Leeds, said it would close three depots next year."
    assert by_value(figures_of(pipeline, text), 3).concept == "depots"
