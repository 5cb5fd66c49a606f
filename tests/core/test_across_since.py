"""Since my last briefing, on real BBC articles reporting the same stories (German and US jobs).

The library is indexed with the real Analyzer; file times give the articles their days
(BBC files carry no dates). Timeline: 022 (4.464m Germans out of work, December) and 292
(US unemployment 5.4%) are in the library when a briefing is made; then 275 (5.037m, 12.1%),
416 (292 again) and 453 (US jobless rate 5.4% again) arrive; later 139 (11.7% adjusted).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.core.across.since import (
    FigureChange,
    WhatIsNew,
    briefing_of_new,
    moment_label,
    since_last_briefing,
    what_is_new_json,
)
from briefing.core.analysis import Analyzer
from briefing.core.briefing import to_html, to_markdown
from briefing.core.library import Library

GERMAN_DECEMBER = "bbc_business_022.txt"  # "Sluggish economy hits German jobs"
US_JANUARY = "bbc_business_292.txt"  # "Steady job growth continues in US"
GERMAN_JANUARY = "bbc_business_275.txt"  # "Five million Germans out of work"
US_AGAIN = "bbc_business_416.txt"  # the same story as 292
US_OUTPUT = "bbc_business_453.txt"  # "US industrial output growth eases" (jobless rate 5.4%)
GERMAN_FEBRUARY = "bbc_business_139.txt"  # "German jobless rate at new record"

# Stories whose figures share keys with others that are not the same figure (test below).
LEE_MADE = "bbc_entertainment_052.txt"  # Spike Lee's films in all
LEE_STARRED = "bbc_entertainment_356.txt"  # an actor "starring in seven Lee films"
HALIFAX_JANUARY = "bbc_business_248.txt"  # Halifax: house prices rose 0.8% in January
NATIONWIDE = "bbc_business_405.txt"  # Nationwide: house prices fell 0.2% in December
HALIFAX_DECEMBER = "bbc_business_415.txt"  # Halifax: house prices increased by 1.1% in December
CAIRN_UP = "bbc_business_198.txt"  # Shares in Cairn Energy have jumped 6%
CAIRN_DOWN = "bbc_business_307.txt"  # Shares in Cairn Energy have closed down 18%
OECD_FORECAST = "bbc_business_030.txt"  # a forecast of US growth in 2004
US_GROWTH = "bbc_business_094.txt"  # the reported US growth of 2004

DAYS = {
    LEE_MADE: "2005-01-03",
    HALIFAX_JANUARY: "2005-01-04",
    CAIRN_UP: "2005-01-05",
    OECD_FORECAST: "2005-01-06",
    LEE_STARRED: "2005-01-10",
    NATIONWIDE: "2005-01-11",
    HALIFAX_DECEMBER: "2005-01-12",
    CAIRN_DOWN: "2005-01-13",
    US_GROWTH: "2005-01-14",
    GERMAN_DECEMBER: "2005-01-05",
    US_JANUARY: "2005-01-08",
    GERMAN_JANUARY: "2005-02-02",
    US_AGAIN: "2005-02-05",
    US_OUTPUT: "2005-02-16",
    GERMAN_FEBRUARY: "2005-03-02",
}


class News:
    """A folder of real BBC articles and its library, grown article by article."""

    def __init__(self, shared: Path, root: Path, index_dir: Path, analyzer: Analyzer) -> None:
        self.shared, self.root, self.index_dir, self.analyzer = shared, root, index_dir, analyzer
        self.root.mkdir(parents=True)

    def path(self, name: str) -> str:
        return str((self.root / name).resolve())

    def add(self, *names: str) -> None:
        for name in names:
            target = self.root / name
            shutil.copy(self.shared / "corpus" / "bbc" / name, target)
            noon = dt.datetime.fromisoformat(DAYS[name]).timestamp() + 12 * 3600
            os.utime(target, (noon, noon))
        with Library(self.index_dir) as library:
            report = library.update([self.root], analyser=self.analyzer.analyse_batch)
        assert not report.failed

    def what(self) -> WhatIsNew:
        with Library(self.index_dir) as library:
            return since_last_briefing(library.catalog())

    def record(self, names: list[str], title: str = "Morning briefing", kind: str = "pdf") -> None:
        with Library(self.index_dir) as library:
            library.catalog().record_briefing([self.path(n) for n in names], title, kind)


@pytest.fixture
def news(shared_dir: Path, tmp_path: Path, analyzer: Analyzer) -> News:
    """022 and 292 indexed and briefed; then 275, 416 and 453 added."""
    found = News(shared_dir, tmp_path / "news", tmp_path / "index", analyzer)
    found.add(GERMAN_DECEMBER, US_JANUARY)
    first = found.what()
    assert first.last is None and [a.path for a in first.articles] == [
        found.path(GERMAN_DECEMBER), found.path(US_JANUARY)
    ]
    assert first.headline() == "2 articles: no briefing made yet" and not first.changed_figures
    found.record([GERMAN_DECEMBER, US_JANUARY])
    nothing = found.what()
    assert nothing.articles == [] and nothing.headline().startswith("Nothing new since your briefing")
    found.add(GERMAN_JANUARY, US_AGAIN, US_OUTPUT)
    return found


def _names(articles: list[str]) -> list[str]:
    return [Path(p).name for p in articles]


def _between(changes: list[FigureChange], before: str, after: str) -> list[FigureChange]:
    return [c for c in changes if Path(c.before.path).name == before and Path(c.after.path).name == after]


def test_the_articles_added_since_the_briefing_and_the_figures_that_moved(news: News) -> None:
    what = news.what()
    assert what.last is not None and what.last.title == "Morning briefing"
    assert _names(what.paths) == [GERMAN_JANUARY, US_AGAIN, US_OUTPUT]  # oldest day first
    assert what.headline() == (f"3 new articles (not in a briefing yet); last briefing "
                               f"{moment_label(what.last.made_at)}")
    assert what.updated == []

    # Germany: the number out of work rose from December's report to January's.
    german = _between(what.changed_figures, GERMAN_DECEMBER, GERMAN_JANUARY)
    assert german, [c.text for c in what.changed_figures]
    rise = german[0]
    assert rise.direction == "up" and rise.before.value < rise.after.value
    assert rise.before.value in (4_000_000, 4_464_000) and rise.after.value in (5_037_000, 5_000_000)
    assert "Germany" in rise.label and rise.text.endswith("(up)") and " → " in rise.text

    # The US rate was 5.4% before and is 5.4% again: confirmed, not changed.
    assert not [c for c in what.changed_figures if "United States" in c.label and c.after.value == 5.4]
    same = [c for c in what.unchanged_figures if c.after.value == 5.4 and c.after.unit == "percentage"]
    assert {Path(c.after.path).name for c in same} == {US_AGAIN, US_OUTPUT}
    assert all(c.direction == "same" and Path(c.before.path).name == US_JANUARY for c in same)
    # Nothing compares values in different units.
    assert all((c.before.unit or "") == (c.after.unit or "") for c in what.changed_figures)


def test_a_later_report_is_compared_with_the_latest_one_before_it(news: News) -> None:
    news.record([GERMAN_JANUARY, US_AGAIN, US_OUTPUT], "Second", "md")
    news.add(GERMAN_FEBRUARY)
    what = news.what()
    assert _names(what.paths) == [GERMAN_FEBRUARY]
    rates = [c for c in what.changed_figures if c.after.unit == "percentage" and c.after.value == 11.7]
    assert len(rates) == 1, [c.text for c in what.changed_figures]
    rate = rates[0]
    # January's 12.1% (article 275, the latest of the German reports) against 11.7% now.
    assert Path(rate.before.path).name == GERMAN_JANUARY and rate.before.value == 12.1
    assert rate.direction == "down" and rate.before_article.day == "2005-02-02"
    assert rate.text.endswith(": 12.1% → 11.7% (down)")


def test_an_article_whose_text_changed_is_listed_apart(news: News) -> None:
    news.record([GERMAN_JANUARY, US_AGAIN, US_OUTPUT])
    edited = news.root / US_AGAIN
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text + "\nCorrection: figures revised.\n", encoding="utf-8")
    with Library(news.index_dir) as library:
        report = library.update(analyser=news.analyzer.analyse_batch)
    assert report.updated == 1
    what = news.what()
    assert what.articles == [] and _names([a.path for a in what.updated]) == [US_AGAIN]


def test_a_briefing_of_one_article_leaves_the_others_new(news: News) -> None:
    news.record([GERMAN_JANUARY], "Just one", "md")
    what = news.what()
    assert what.last is not None and what.last.title == "Just one"
    assert _names(what.paths) == [US_AGAIN, US_OUTPUT]  # the reader was not briefed on these
    assert what.briefed == 3
    # An older briefing's articles stay briefed: the new one adds to them.
    news.record([US_AGAIN, US_OUTPUT], "The rest", "pdf")
    assert news.what().articles == [] and news.what().briefed == 5


def test_since_json(news: News, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["since", "--json", "--index-dir", str(news.index_dir)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"last_briefing", "articles", "changed_figures"}
    assert data["last_briefing"]["title"] == "Morning briefing" and data["last_briefing"]["articles"] == 2
    assert data["last_briefing"]["kind"] == "pdf" and data["briefed"] == 2
    assert [Path(a["path"]).name for a in data["articles"]] == [GERMAN_JANUARY, US_AGAIN, US_OUTPUT]
    assert data["articles"][0]["title"] == "Five million Germans out of work"
    assert data["articles"][0]["day"] == "2005-02-02"
    rises = [c for c in data["changed_figures"]
             if Path(c["before"]["path"]).name == GERMAN_DECEMBER and c["direction"] == "up"]
    assert rises and rises[0]["after"]["value"] in (5_037_000, 5_000_000)
    assert rises[0]["before"]["day"] == "2005-01-05" and rises[0]["after"]["title"].startswith("Five million")
    assert data == what_is_new_json(news.what())

    assert main(["since", "--index-dir", str(news.index_dir)]) == 0
    plain = capsys.readouterr().out
    assert plain.startswith("3 new articles (not in a briefing yet); last briefing")
    assert "Five million Germans out of work" in plain and "Figures that changed" in plain


def test_brief_since_last_writes_what_changed_then_nothing_new(
    news: News, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "new.md"
    assert main(["brief", "--since-last", str(out), "--index-dir", str(news.index_dir)]) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"wrote {out} (3 new articles, ")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Since your last briefing")
    assert "3 articles not in a briefing yet (last briefing" in text
    changed, contents = text.index("## What changed"), text.index("## Contents")
    assert changed < contents  # near the top
    section = text[changed:contents]
    assert "**5\\.037 million** ↑ up" in section or "**five million** ↑ up" in section
    assert "↑ up" in section and "(Sluggish economy hits German jobs, saved 5 January 2005)" in section
    assert "5.4%" not in section  # unchanged
    assert "1. [Five million Germans out of work](#article-1)" in text
    # Recorded: the briefing just written is now the last one, so nothing is new.
    with Library(news.index_dir) as library:
        last = library.catalog().last_briefing()
    assert last is not None and last.kind == "md" and last.title == "Since your last briefing"
    assert _names(list(last.paths)) == [GERMAN_JANUARY, US_AGAIN, US_OUTPUT]
    again = tmp_path / "again.md"
    assert main(["brief", "--since-last", "--out", str(again), "--index-dir", str(news.index_dir)]) == 0
    assert "nothing new since your briefing of" in capsys.readouterr().err
    assert not again.exists()
    # Wrong uses say so.
    assert main(["brief", "--since-last", str(tmp_path / "x.txt"), "--index-dir", str(news.index_dir)]) == 2
    assert main(["brief", "--since-last", "--query", "jobs", str(out)]) == 2


def test_the_briefing_model_and_html_carry_what_changed(news: News) -> None:
    what = news.what()
    with Library(news.index_dir) as library:
        pairs = [found for found in map(library.document, what.paths) if found is not None]
    briefing = briefing_of_new(what, pairs, created=dt.date(2005, 2, 20))
    assert briefing.is_collection and len(briefing.articles) == 3
    assert briefing.changes and all(r.direction in ("up", "down") for r in briefing.changes)
    german = [r for r in briefing.changes if r.before_source.startswith("Sluggish economy hits German jobs")]
    assert german and german[0].after_article == 1  # 275 is article 1
    html = to_html(briefing)
    assert html.index("What changed") < html.index("Contents")
    assert 'href="#article-1"' in html and "Sluggish economy hits German jobs, saved 5 January 2005" in html
    # A briefing without changes has no such section.
    assert "What changed" not in to_markdown(briefing_of_new(WhatIsNew(None, [], []), pairs))


def test_brief_files_records_only_articles_of_the_library(
    news: News, tmp_path: Path, briefing_home: Path
) -> None:
    inside = news.path(GERMAN_JANUARY)
    outside = tmp_path / "elsewhere" / GERMAN_FEBRUARY
    outside.parent.mkdir()
    shutil.copy(news.shared / "corpus" / "bbc" / GERMAN_FEBRUARY, outside)
    index = ["--index-dir", str(news.index_dir)]
    assert main(["brief", inside, str(outside), "--out", str(tmp_path / "two.md"), *index]) == 0
    with Library(news.index_dir) as library:
        last = library.catalog().last_briefing()
    assert last is not None and list(last.paths) == [inside] and last.kind == "md"
    # Files of no library: briefed, recorded nowhere, and no library is created for them.
    default_index = briefing_home / "index"
    assert main(["brief", str(outside), "--out", str(tmp_path / "one.html")]) == 0
    assert not default_index.exists()
    # A cancelled or failed write records nothing.
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    # (a failed write is one line on stderr and a non-zero exit, never a traceback: issue 16)
    assert main(["brief", inside, "--out", str(blocker / "x.md"), *index]) != 0
    assert not (blocker / "x.md").exists()
    with Library(news.index_dir) as library:
        assert len(library.catalog().briefings()) == 2


def test_only_figures_of_one_thread_are_called_changed(
    shared_dir: Path, tmp_path: Path, analyzer: Analyzer
) -> None:
    """Same keys, other things: films Lee made and films with him, Nationwide's prices and Halifax's,
    a forecast and the figure reported; only Halifax's prices and Cairn's shares moved."""
    news = News(shared_dir, tmp_path / "news", tmp_path / "index", analyzer)
    news.add(LEE_MADE, HALIFAX_JANUARY, CAIRN_UP, OECD_FORECAST)
    news.record([LEE_MADE, HALIFAX_JANUARY, CAIRN_UP, OECD_FORECAST])
    news.add(LEE_STARRED, NATIONWIDE, HALIFAX_DECEMBER, CAIRN_DOWN, US_GROWTH)
    what = news.what()
    assert _names(what.paths) == [LEE_STARRED, NATIONWIDE, HALIFAX_DECEMBER, CAIRN_DOWN, US_GROWTH]
    moves = {(Path(c.before.path).name, c.before.text, Path(c.after.path).name, c.after.text)
             for c in what.changed_figures}
    assert (HALIFAX_JANUARY, "0.8%", HALIFAX_DECEMBER, "1.1%") in moves
    assert (CAIRN_UP, "6%", CAIRN_DOWN, "18%") in moves
    # Nothing else: no "films · Spike Lee: 25 → seven", no Nationwide against Halifax, no forecast.
    assert {after for _, _, after, _ in moves} == {HALIFAX_DECEMBER, CAIRN_DOWN}, moves
    halifax = next(c for c in what.changed_figures if Path(c.after.path).name == HALIFAX_DECEMBER)
    assert halifax.direction == "up" and halifax.text.endswith("+0.8% → +1.1% (up)")
