"""Datelines: the place a report is filed from is a place, whatever the model read there."""

from __future__ import annotations

from briefing.core.analysis import Analyzer
from briefing.core.analysis.datelines import dateline_places

REPORT = (
    "MINISTERS MEET ON GRAIN EXPORTS\n"
    "COLOMBO 2024-03-02\n"
    "Ministers from six countries met on Saturday to discuss grain exports.\n\n"
    "KYIV (Reuters) - Ukraine said on Sunday that shipments would resume.\n\n"
    "NAIROBI, March 4 - Kenya's central bank left rates unchanged.\n"
)


def spans(text: str) -> list[str]:
    return [text[s:e] for s, e in dateline_places(text)]


def test_dated_credited_and_month_day_datelines() -> None:
    assert spans(REPORT) == ["COLOMBO", "KYIV", "NAIROBI"]


def test_other_lines_are_not_datelines() -> None:
    assert spans("Ukraine said on Sunday that shipments would resume.\n") == []
    assert spans("ACME CORP (Reuters) - Acme said profits rose.\n") == []  # not a known place
    assert spans("The talks in Nairobi, March 4 - a date to remember.\n") == []  # not a line's start


def test_dateline_places_are_places_in_the_analysis(analyzer: Analyzer) -> None:
    entities = analyzer.analyse_text(REPORT).entities
    labels = {(e.text, e.label) for e in entities}
    assert {("COLOMBO", "GPE"), ("KYIV", "GPE"), ("NAIROBI", "GPE")} <= labels
    assert not [e for e in entities if "2024" in e.text and e.label != "DATE"]


def test_datelines_the_model_misses_are_found(analyzer: Analyzer) -> None:
    """Under a sports or markets heading the model drops or misreads the capitals of a dateline."""
    for text, place in [
        ("TENNIS - SEEDS ADVANCE IN OPEN\nSEOUL 2024-03-02\nTop seeds advanced on Saturday.\n", "SEOUL"),
        ("GOLF - LEADERS\nMONTE CARLO 2024-03-02\nLeading scores after round two.\n", "MONTE CARLO"),
        ("MARKETS - BONDS STEADY\nMADRID 2024-03-02\nSpanish bonds were steady on Friday.\n", "MADRID"),
    ]:
        assert (place, "GPE") in {(e.text, e.label) for e in analyzer.analyse_text(text).entities}
