# ruff: noqa: RUF001  (typographic dashes are the data here)
"""A clipping's own date from its dateline, and the sort key of articles without one."""

from __future__ import annotations

from briefing.core.ingest.dates import dateline
from briefing.core.ingest.txt import parse_plain
from briefing.core.library.documents import FileState, to_fields
from briefing.core.library.schema import NO_DATE
from tests.conftest import SEED


def test_datelines_with_a_full_date_date_the_story() -> None:
    assert dateline("LONDON, 20 January 2024 – The Bank of England held rates") == ("2024-01-20", False)
    assert dateline("Published 3 Feb 2005 10:15 GMT") == ("2005-02-03", True)
    assert dateline("Saturday, January 20, 2024") == ("2024-01-20", True)
    assert dateline("Updated: March 3rd, 2024 at 5:30 p.m. EST") == ("2024-03-03", True)
    # No year, or a date inside the story: no dateline.
    assert dateline("WASHINGTON, Jan 20 (Reuters) - Troops") is None
    assert dateline("January 1, 2020 was the day the embassy was stormed") is None
    assert dateline("Since the Israel-Hamas war began in October") is None


def test_a_clipping_takes_its_dateline_and_drops_a_date_only_line() -> None:
    dated = parse_plain("Troops leave base – Example Wire\n\nBAGHDAD, 20 January 2024 – Troops left.\n")
    assert dated.published == "2024-01-20" and dated.paragraphs[0].startswith("BAGHDAD, 20 January 2024")
    alone = parse_plain("Rates held – Example Wire\n\n10 February 2005\n\nThe Bank held rates.\n")
    assert alone.published == "2005-02-10" and alone.paragraphs == ["The Bank held rates."]
    # The seed gives no date of its own (its caption's "January 1, 2020" is not the article's).
    assert parse_plain(SEED.read_text(encoding="utf-8")).published is None


def test_undated_articles_sort_after_dated_ones_by_the_day_they_were_saved() -> None:
    seed = parse_plain(SEED.read_text(encoding="utf-8")).to_article(SEED, "txt", [])
    older = to_fields(seed, FileState(1_000_000_000 * 10**9, 1, "a"), None, "")
    newer = to_fields(seed, FileState(1_700_000_000 * 10**9, 1, "a"), None, "")
    dated = to_fields(
        parse_plain("T – S\n\n1 January 1900\n\nText.\n").to_article(SEED, "txt", []),
        FileState(0, 1, "a"), None, "")
    assert NO_DATE < older["sort_date"] < newer["sort_date"] < dated["sort_date"]
