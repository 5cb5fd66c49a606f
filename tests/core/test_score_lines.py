"""Towns and counties on sports results lines are their clubs; datelines and prose stay places."""

from __future__ import annotations

from briefing.core.analysis import Analyzer
from briefing.core.analysis.score_lines import in_score_line, split_at_score

RESULTS = (
    "SOCCER - ENGLISH LEAGUE RESULTS\n"
    "LONDON 2024-03-02\n"
    "Results of English league matches on Saturday:\n"
    "Leeds 2 Sheffield 1\n"
    "Bristol 0 Plymouth 3\n"
    "Standings:\n"
    "Plymouth 30 18 6 6 52 30 60\n"
    "Leeds 30 17 7 6 48 28 58\n"
    "Fixtures on Sunday:\n"
    "LEEDS AT BRISTOL\n"
)


def _at(text: str, name: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return start, start + len(name)


def test_results_rows_tables_and_fixtures_are_score_lines() -> None:
    assert in_score_line(RESULTS, *_at(RESULTS, "Bristol"))
    assert in_score_line(RESULTS, *_at(RESULTS, "Plymouth", 1))  # a standings row
    assert in_score_line(RESULTS, *_at(RESULTS, "LEEDS"))  # "LEEDS AT BRISTOL"
    assert in_score_line(RESULTS, *_at(RESULTS, "BRISTOL"))
    cricket = "Warwickshire 195 and 109 ( J. Smith 4-17 ) , Surrey 468 ( C. Jones 94 )"
    assert in_score_line(cricket, *_at(cricket, "Surrey"))


def test_datelines_prices_and_prose_are_not() -> None:
    assert not in_score_line(RESULTS, *_at(RESULTS, "LONDON"))
    prices = "Frankfurt 1.5040 1.5060\n"
    assert not in_score_line(prices, *_at(prices, "Frankfurt"))
    prose = "The convoy reached Erbil 3 hours later, and 12 people were hurt on the way to Mosul."
    assert not in_score_line(prose, *_at(prose, "Erbil"))
    assert not in_score_line(prose, *_at(prose, "Mosul"))


def test_two_teams_glued_around_a_score_come_apart() -> None:
    start, _ = _at(RESULTS, "Leeds 2 Sheffield")
    assert split_at_score(RESULTS, start, start + len("Leeds 2 Sheffield")) == [
        (start, start + 5),
        (start + 8, start + 17),
    ]
    prose = "He scored 2 Premier League goals."
    assert split_at_score(prose, 10, len(prose) - 1) is None


def test_teams_on_results_lines_are_organisations(analyzer: Analyzer) -> None:
    entities = analyzer.analyse_text(RESULTS).entities
    found = {(e.text, e.label) for e in entities}
    assert {("Leeds", "ORG"), ("Sheffield", "ORG"), ("Bristol", "ORG"), ("Plymouth", "ORG")} <= found
    assert not [e for e in entities if e.label in ("GPE", "LOC") and e.text in ("Leeds", "Plymouth")]
    assert not [e for e in entities if " 2 " in e.text]


def test_places_in_news_prose_stay_places(analyzer: Analyzer) -> None:
    text = "BAGHDAD 2023-05-01\nIn Basra 12 people died and 30 were hurt, officials in Baghdad said.\n"
    labels = {e.text: e.label for e in analyzer.analyse_text(text).entities}
    assert labels.get("Basra") == "GPE"
