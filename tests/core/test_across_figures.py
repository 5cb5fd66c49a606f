"""Figures across articles on real BBC stories and the seed: keys, series, disagreements, CLI, briefings.

The BBC files carry no dates, so each copy gets a day from its modification time (``os.utime``):
German unemployment (business 022, 098, 139, 387, 275), the US unemployment rate of 5.4%
(292, its duplicate 416, and 453), and the seed with a later report of the same count.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.core.across.figure_series import (
    SeriesPoint,
    Threads,
    agree,
    briefing_notes,
    describe_elsewhere,
    disagreements,
    groups,
    is_forecast,
    period,
    series_for,
    series_of_article,
    series_of_key,
    threads_of_key,
)
from briefing.core.analysis import Analyzer
from briefing.core.analysis.figures.keys import figure_key
from briefing.core.article import Article
from briefing.core.briefing import build_briefing, to_html, to_markdown
from briefing.core.library import Library
from briefing.core.library.catalog import Catalog, CatalogFigure

DAYS = {
    "bbc_business_022.txt": "2024-01-03",
    "bbc_business_098.txt": "2024-01-09",
    "bbc_business_139.txt": "2024-01-09",  # same day as 098: 4.875 million against 5.2 million
    "bbc_business_387.txt": "2024-01-15",
    "bbc_business_275.txt": "2024-02-02",
    "bbc_business_292.txt": "2024-01-09",
    "bbc_business_416.txt": "2024-01-09",
    "bbc_business_453.txt": "2024-01-20",
}
SEED_DAY = "2024-01-03"
FOLLOW_UP_DAY = "2024-01-09"
FOLLOW_UP = "000_follow_up.txt"


def set_day(path: Path, day: str) -> None:
    moment = dt.datetime.fromisoformat(f"{day}T12:00").timestamp()
    os.utime(path, (moment, moment))


def clip(text: str, day: str) -> str:
    """The article as a clipping that carries its date: a "Date:" line under the headline."""
    headline, rest = text.split("\n", 1)
    return f"{headline}\nDate: {day}\n{rest}"


def build_library(shared_dir: Path, seed_path: Path, folder: Path) -> None:
    """Real BBC articles and the seed, dated, plus the seed as a later report would give it (66 attacks)."""
    folder.mkdir()
    for name, day in DAYS.items():
        text = (shared_dir / "corpus" / "bbc" / name).read_text(encoding="utf-8")
        (folder / name).write_text(clip(text, day), encoding="utf-8")
        set_day(folder / name, day)
    text = seed_path.read_text(encoding="utf-8")
    seed = folder / seed_path.name
    seed.write_text(clip(text, SEED_DAY), encoding="utf-8")
    set_day(seed, SEED_DAY)
    assert "attacked at least 58 times in Iraq" in text
    later = text.replace("attacked at least 58 times in Iraq", "attacked at least 66 times in Iraq")
    later = later.replace("US personnel suffer minor injuries", "Attacks on US forces go on", 1)
    (folder / FOLLOW_UP).write_text(clip(later, FOLLOW_UP_DAY), encoding="utf-8")
    set_day(folder / FOLLOW_UP, FOLLOW_UP_DAY)


@pytest.fixture(scope="module")
def indexed(
    shared_dir: Path, seed_path: Path, analyzer: Analyzer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, Path]]:
    """(articles folder, index folder), indexed with the real analyser once for this module."""
    root = tmp_path_factory.mktemp("across-figures")
    folder, index_dir = root / "articles", root / "index"
    build_library(shared_dir, seed_path, folder)
    with Library(index_dir) as library:
        report = library.update([folder], analyser=analyzer.analyse_batch)
        assert report.added == len(DAYS) + 2 and not report.failed
    yield folder, index_dir


@pytest.fixture
def catalog(indexed: tuple[Path, Path]) -> Iterator[Catalog]:
    opened = Catalog(indexed[1])
    yield opened
    opened.close()


def figure_at(catalog: Catalog, path: Path, text: str) -> tuple[int, str | None]:
    for figure in catalog.figures_of(str(path)):
        if figure.text == text:
            return figure.position, figure.key
    raise AssertionError(f"{text!r} not among {[f.text for f in catalog.figures_of(str(path))]}")


def test_german_unemployment_is_one_series_across_five_articles(
    catalog: Catalog, indexed: tuple[Path, Path]
) -> None:
    folder = indexed[0]
    levels = {
        "bbc_business_022.txt": "4.464 million",  # "people (German unemployment)"
        "bbc_business_098.txt": "5.2 million",  # "unemployment levels", German economy
        "bbc_business_139.txt": "4.875 million",  # the overall jobless count, in people
        "bbc_business_275.txt": "5.037 million",  # "jobless total"
        "bbc_business_387.txt": "206,900 to 4.64 million",  # a rise to a level: the level counts
    }
    keys = {name: figure_at(catalog, folder / name, text)[1] for name, text in levels.items()}
    assert len(set(keys.values())) == 1, keys
    key = keys["bbc_business_022.txt"]
    assert key is not None and "unemploy" in key and "Germany" in key
    # "rose 7,000" is the size of a change: a series of its own.
    _, change = figure_at(catalog, folder / "bbc_business_022.txt", "7,000")
    assert change is not None and change != key and change.endswith("|change")
    series = series_of_key(catalog, key)
    assert series is not None and series.articles == 5
    values = [p.value for p in series.points]
    assert max(values) / min(values) < 1.5  # one series, one magnitude ("to 4.64 million": the level)


def test_us_unemployment_rate_groups_its_reports_and_not_germany(
    catalog: Catalog, indexed: tuple[Path, Path]
) -> None:
    folder = indexed[0]
    keys = {figure_at(catalog, folder / name, "5.4%")[1] for name in
            ("bbc_business_292.txt", "bbc_business_416.txt", "bbc_business_453.txt")}
    assert len(keys) == 1
    key = keys.pop()
    assert key is not None and "United States" in key and key.endswith("|%")
    german = figure_at(catalog, folder / "bbc_business_275.txt", "12.1%")[1]
    assert german is not None and "Germany" in german and german != key


def test_vague_concepts_get_no_key(catalog: Catalog, indexed: tuple[Path, Path]) -> None:
    folder = indexed[0]
    # "five million people" with nothing saying which people; "two security sources": trivia.
    for name, text in (("bbc_business_275.txt", "five million"), ("000_1485d72a6eece34e.txt", "Two")):
        rows = [f for f in catalog.figures_of(str(folder / name)) if f.text == text]
        assert rows and any(f.key is None for f in rows), rows
    generic = [
        f for f in (row for p in DAYS for row in catalog.figures_of(str(folder / p)))
        if f.key and f.key.split("|")[0] in {"peopl", "deal", "sale", "firm", "job"} and f.key.count("|") == 2
        and f.concept and f.concept.strip().lower() in {"people", "deal", "sales", "firm"}
    ]
    assert generic == []


def test_seed_attacks_follow_the_count_by_day(catalog: Catalog, indexed: tuple[Path, Path]) -> None:
    folder = indexed[0]
    seed = folder / "000_1485d72a6eece34e.txt"
    position, key = figure_at(catalog, seed, "58")
    assert key is not None and "attack" in key and "Iraq" in key and "United States" in key
    assert figure_at(catalog, seed, "83")[1] != key  # attacks in Syria
    assert figure_at(catalog, seed, "2,500")[1] != key  # troops, not attacks
    series = series_for(catalog, str(seed), position)
    assert series is not None
    assert [(p.day, p.text, Path(p.path).name) for p in series.points] == [
        (SEED_DAY, "58", seed.name),
        (FOLLOW_UP_DAY, "66", FOLLOW_UP),
    ]
    assert not series.disagreements  # different days
    later = "Attacks on US forces go on in attack on Iraqi base"
    assert describe_elsewhere(series, str(seed)) == f"66 on 9 Jan 2024 in {later}"


def test_reports_of_one_day_that_differ_are_flagged(catalog: Catalog, indexed: tuple[Path, Path]) -> None:
    folder = indexed[0]
    key = figure_at(catalog, folder / "bbc_business_098.txt", "5.2 million")[1]
    assert key is not None
    series = series_of_key(catalog, key)
    assert series is not None
    days = [p.day or "" for p in series.points]
    assert days == sorted(days)
    by_day = {d.day: d for d in series.disagreements}
    assert set(by_day) == {"2024-01-09"}
    flagged = {(Path(p.path).name, p.text) for p in by_day["2024-01-09"].points}
    assert flagged == {("bbc_business_098.txt", "5.2 million"), ("bbc_business_139.txt", "4.875 million")}
    # 275 says 5.037 million and "five million" the same day: one article, and they agree anyway.
    assert not any(p.disagrees for p in series.points if p.path.endswith("275.txt"))
    # The US rate: 292, its duplicate 416 and 453 all say 5.4%; nothing to flag.
    us = series_of_key(catalog, figure_at(catalog, folder / "bbc_business_292.txt", "5.4%")[1] or "")
    assert us is not None and not any(p.disagrees for p in us.points if p.text == "5.4%")


def _point(
    value: float, change: str | None = None, high: float | None = None, path: str = "a",
    dated_by: str = "published",
) -> SeriesPoint:
    return SeriesPoint("2024-01-09", value, high, None, str(value), change, path, 0, "A", None, "", dated_by)


def test_only_publication_dates_can_disagree() -> None:
    published = [_point(5.2e6, path="a"), _point(4.875e6, path="b")]
    assert [p.disagrees for p in disagreements(published)[0]] == [True, True]
    saved = [_point(5.2e6, path="a", dated_by="saved"), _point(4.875e6, path="b", dated_by="saved")]
    marked, found = disagreements(saved)  # saved the same day, maybe reported months apart
    assert not found and not any(p.disagrees for p in marked)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (_point(60, "approximate"), _point(58), True),  # "about 60" and 58
        (_point(5e6), _point(5.037e6), True),  # "five million" rounds 5.037 million
        (_point(5.4), _point(5.5), False),  # rates a tenth apart
        (_point(4.875e6), _point(5.2e6), False),
        (_point(3, high=5), _point(4.5), True),  # inside a range
        (_point(3, high=5), _point(6, high=8), False),
        (_point(58, "at least"), _point(66), True),
        (_point(100), _point(140), False),
    ],
)
def test_agreement_allows_for_rounding_and_hedging(a: SeriesPoint, b: SeriesPoint, same: bool) -> None:
    assert agree(a, b) is same
    assert agree(b, a) is same


def test_millions_of_euros_are_not_metres(analyzer: Analyzer, shared_dir: Path) -> None:
    text = (shared_dir / "corpus" / "bbc" / "bbc_business_090.txt").read_text(encoding="utf-8")
    sentence = next(line for line in text.splitlines() if "70m euros" in line)
    figures = analyzer.analyse(Article(path="x.txt", title="", text=sentence)).figures
    found = {f.text: (f.value, f.unit) for f in figures}
    assert found["70m euros"] == (70_000_000.0, "euro")
    tower = analyzer.analyse(Article(path="y.txt", title="", text="The tower is 508m tall.")).figures
    assert [(f.value, f.unit) for f in tower] == [(508.0, "metre")]


def test_key_of_a_figure_needs_no_text(analyzer: Analyzer, seed_path: Path) -> None:
    """The catalog computes keys from the analysis alone (offsets into the sentence)."""
    from briefing.core.ingest import read

    article = read(seed_path)
    analysis = analyzer.analyse(article)
    bare = Article(path=article.path, title=article.title, text="")
    keys = [figure_key(f, analysis, bare) for f in analysis.figures]
    assert keys[0] is not None and keys[0].label.startswith("attacks on U.S. military in Iraq")


def test_cli_figures_json(indexed: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    folder, index_dir = indexed
    assert main(["figures", "--index-dir", str(index_dir), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    german = [g for g in found["groups"] if "unemploy" in g["key"] and "Germany" in g["key"]
              and g["key"].endswith("|count")]
    assert len(german) == 1 and german[0]["articles"] == 5
    assert german[0]["disagreements"][0]["day"] == "2024-01-09"
    assert all(g["articles"] >= 2 for g in found["groups"])
    days = [p["day"] for p in german[0]["points"]]
    assert days == sorted(days)

    seed = folder / "000_1485d72a6eece34e.txt"
    assert main(["figures", "--index-dir", str(index_dir), "--path", str(seed), "--json"]) == 0
    mine = json.loads(capsys.readouterr().out)
    first = mine["figures"][0]
    assert first["text"] == "58" and [p["text"] for p in first["series"]["points"]] == ["58", "66"]
    key = first["key"]

    assert main(["figures", "--index-dir", str(index_dir), "--key", key, "--json"]) == 0
    one = json.loads(capsys.readouterr().out)
    assert one["key"] == key and one["articles"] == 2
    assert main(["figures", "--index-dir", str(index_dir), "--key", "no|such|key"]) == 2


def test_briefing_rows_tell_the_history(indexed: tuple[Path, Path], catalog: Catalog) -> None:
    folder, index_dir = indexed
    with Library(index_dir) as library:
        found = library.document(str(folder / "bbc_business_098.txt"))
        seed = library.document(str(folder / "000_1485d72a6eece34e.txt"))
    assert found is not None and seed is not None
    plain = to_markdown(build_briefing([found, seed]))
    assert "also " not in plain.lower().replace("will also", "")
    briefing = build_briefing([found, seed], library_notes=briefing_notes(catalog, [found, seed]))
    rows = {row.figure: row for article in briefing.articles for row in article.figures}
    assert rows["58"].history is not None and rows["58"].history.startswith("66 on 9 January 2024 in ")
    assert rows["5.2 million"].disagreement is not None
    assert "4.875 million (German jobless rate at new record)" in rows["5.2 million"].disagreement
    markdown = to_markdown(briefing)
    assert "also 66 on 9 January 2024 in Attacks on US forces go on" in markdown
    assert "**reports disagree on 9 January 2024:" in markdown
    html = to_html(briefing)
    assert "Also 66 on 9 January 2024" in html and 'class="disagrees"' in html


def test_series_of_article_lists_every_figure(catalog: Catalog, indexed: tuple[Path, Path]) -> None:
    seed = indexed[0] / "000_1485d72a6eece34e.txt"
    rows = series_of_article(catalog, str(seed))
    assert [f.position for f, _ in rows] == list(range(len(rows)))
    assert all((s is None) == (f.key is None) for f, s in rows)
    assert {g.key for g in groups(catalog)} >= {f.key for f, s in rows if s is not None and s.articles > 1}


# -- threads: one key, several stories -------------------------------------------------------------

THREAD_DAYS = {
    "bbc_entertainment_052.txt": "2005-01-10",  # Spike Lee's films in all
    "bbc_entertainment_356.txt": "2005-01-20",  # an actor "starring in seven Lee films"
    "bbc_business_248.txt": "2005-02-08",  # Halifax: house prices rose 0.8% in January
    "bbc_business_405.txt": "2005-01-07",  # Nationwide: house prices fell 0.2% in December
    "bbc_business_415.txt": "2005-01-10",  # Halifax: house prices increased 1.1% in December
    "bbc_business_030.txt": "2004-12-01",  # OECD: US growth "would reach 4.4% in 2004"
    "bbc_business_094.txt": "2005-01-28",  # US growth "for the year it came in at 4.4%"
    "bbc_business_198.txt": "2005-01-13",  # Shares in Cairn Energy have jumped 6%
    "bbc_business_307.txt": "2005-02-17",  # ... have closed down 18%
    "bbc_business_433.txt": "2005-03-01",  # ... rose 3.8%
    "bbc_business_220.txt": "2005-01-25",  # $500m to shareholders, with a pounds conversion
    "bbc_business_454.txt": "2005-02-25",  # the same $500m, another conversion
    "bbc_business_137.txt": "2005-02-09",  # UK rates held at 4.75%
    "bbc_business_290.txt": "2005-02-10",  # the Bank rate left at 4.75%
    "bbc_business_438.txt": "2005-02-10",  # the same story
    "bbc_business_459.txt": "2005-01-19",  # a forecast of 4% by year end
}


@pytest.fixture(scope="module")
def threads_catalog(
    shared_dir: Path, analyzer: Analyzer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, Catalog]]:
    """(articles folder, catalog) of BBC articles whose figures share keys across stories."""
    root = tmp_path_factory.mktemp("across-threads")
    folder = root / "articles"
    folder.mkdir()
    for name, day in THREAD_DAYS.items():
        shutil.copy(shared_dir / "corpus" / "bbc" / name, folder / name)
        set_day(folder / name, day)
    with Library(root / "index") as library:
        report = library.update([folder], analyser=analyzer.analyse_batch)
        assert report.added == len(THREAD_DAYS) and not report.failed
    opened = Catalog(root / "index")
    yield folder, opened
    opened.close()


def _figure(catalog: Catalog, folder: Path, name: str, text: str, said: str = "") -> CatalogFigure:
    """The figure ``text`` of article ``name`` (the first in a sentence saying ``said``)."""
    found = [f for f in catalog.figures_of(str(folder / name)) if f.text == text and said in f.sentence]
    assert found, f"{text!r} not among {[f.text for f in catalog.figures_of(str(folder / name))]}"
    return found[0]


def _thread_files(catalog: Catalog, figure: CatalogFigure) -> set[tuple[str, str]]:
    series = series_for(catalog, figure.path, figure.position)
    assert series is not None
    return {(Path(p.path).name, p.text) for p in series.points}


def test_a_key_shared_by_two_stories_makes_two_threads(threads_catalog: tuple[Path, Catalog]) -> None:
    folder, catalog = threads_catalog
    made = _figure(catalog, folder, "bbc_entertainment_052.txt", "25")
    starred = _figure(catalog, folder, "bbc_entertainment_356.txt", "seven")
    # Both are "films · Spike Lee", but films he made are not films an actor made with him.
    assert made.key is not None and made.key == starred.key and "Spike Lee" in made.key
    assert not Threads(catalog.entities_of).same_thread(made, starred)
    assert _thread_files(catalog, made) == {("bbc_entertainment_052.txt", "25")}
    assert [len(s.points) for s in threads_of_key(catalog, made.key)] == [1, 1]
    assert not any(g.key == made.key for g in groups(catalog))


def test_house_prices_of_one_lender_are_one_thread(threads_catalog: tuple[Path, Catalog]) -> None:
    folder, catalog = threads_catalog
    january = _figure(catalog, folder, "bbc_business_248.txt", "0.8%", "Halifax said house prices rose")
    december = _figure(catalog, folder, "bbc_business_415.txt", "1.1%", "The Halifax")
    nationwide = _figure(catalog, folder, "bbc_business_405.txt", "0.2%", "the Nationwide said")
    assert january.key == december.key == nationwide.key and january.key is not None
    together = _thread_files(catalog, january)
    assert ("bbc_business_415.txt", "1.1%") in together
    assert ("bbc_business_405.txt", "0.2%") not in together
    threads = Threads(catalog.entities_of)
    assert threads.other_owners(january, nationwide) and not threads.other_owners(january, december)


def test_a_forecast_is_not_a_report_of_the_same_figure(threads_catalog: tuple[Path, Catalog]) -> None:
    folder, catalog = threads_catalog
    oecd = _figure(catalog, folder, "bbc_business_030.txt", "4.4%", "US growth would reach 4.4%")
    actual = _figure(catalog, folder, "bbc_business_094.txt", "4.4%", "for the year it came in at 4.4%")
    assert oecd.key == actual.key and oecd.key is not None and "United States" in oecd.key
    assert is_forecast(oecd) and not is_forecast(actual)
    assert not Threads(catalog.entities_of).same_thread(oecd, actual)
    # a quarter's annual rate (4%) and the whole year's figure (4.4%) in one sentence
    assert period(_figure(catalog, folder, "bbc_business_094.txt", "4%")) == "quarter"
    assert period(actual) == "year"


def test_one_story_told_by_several_articles_is_one_thread(threads_catalog: tuple[Path, Catalog]) -> None:
    folder, catalog = threads_catalog
    jumped = _figure(catalog, folder, "bbc_business_198.txt", "6%")
    assert jumped.key is not None and jumped.key.endswith("|change") and "Cairn Energy" in jumped.key
    assert _thread_files(catalog, jumped) == {
        ("bbc_business_198.txt", "6%"), ("bbc_business_307.txt", "18%"), ("bbc_business_433.txt", "3.8%"),
    }
    # The Bank of England's rate, whatever the analysis names the figure ("Bank of England", "UK
    # interest rates"); "will fall to 4%" is a forecast, apart.
    held = _figure(catalog, folder, "bbc_business_290.txt", "4.75%")
    assert held.key is not None and held.key.startswith("interest|")
    rate = _thread_files(catalog, held)
    assert {("bbc_business_137.txt", "4.75%"), ("bbc_business_438.txt", "4.75%")} <= rate
    assert ("bbc_business_459.txt", "4%") not in rate


def test_an_amount_converted_into_pounds_has_no_key(threads_catalog: tuple[Path, Catalog]) -> None:
    folder, catalog = threads_catalog
    # "$500m (£266m)" and "$500m (£350m)": the reporters' conversions differ, the amount does not.
    assert _figure(catalog, folder, "bbc_business_220.txt", "£266m").key is None
    assert _figure(catalog, folder, "bbc_business_454.txt", "£350m").key is None
    dollars = _figure(catalog, folder, "bbc_business_220.txt", "$500m")
    assert dollars.key is not None and _thread_files(catalog, dollars) == {
        ("bbc_business_220.txt", "$500m"), ("bbc_business_454.txt", "$500m"),
    }
