"""bench_extraction.py's title and source measures, on real L3S-GN1 ground truth."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from bench_extraction import headline_measures, names_site, source_right  # noqa: E402

TWO_LINES = "915ff932-cc4b-4717-ab02-93edb8345397"  # headline "Movie Review:\nThere Will Be Blood"


def test_sources_named_by_the_pages_address() -> None:
    assert names_site("The Hindu", "http://www.hindu.com/thehindu/holnus/001200801111540.htm")
    assert names_site("New York Times", "http://www.nytimes.com/2008/01/09/world/asia/09suharto.html")
    assert names_site("Reuters.com", "http://africa.reuters.com/wire/news/usnL0813407.html")
    assert names_site("The Sports Network", "http://www.sportsnetwork.com/default.asp?c=sportsnetwork")
    assert not names_site("Local Sports Wire", "http://cbs11tv.com/localsportswire/22.0.html")
    assert not names_site("National Hockey League", "http://www.sportsnetwork.com/default.asp")
    assert not names_site(None, "http://www.hindu.com/")


def test_source_right_judged_by_the_address_not_by_the_readers_matching() -> None:
    # names: their words, whole or by initials, spell the start of one of the host's own labels
    assert source_right("The Hindu", "http://www.hinduonnet.com/2008/01/12/stories/x.htm")
    assert source_right("New York Times", "http://www.nytimes.com/2008/01/09/world/asia/09suharto.html")
    assert source_right("The Hays Daily News", "http://www.hdnews.net/sports/x.htm")
    assert source_right("South Florida Sun-Sentinel.com", "http://www.sun-sentinel.com/news/x.html")
    assert source_right("Telegraph & Argus", "http://www.thetelegraphandargus.co.uk/news/x.html")
    assert not source_right("Local Sports Wire", "http://cbs11tv.com/localsportswire/22.0.html")
    assert not source_right("Sports", "http://www.foxsports.com.au/story/x.html")
    assert not source_right("News", "http://news.bbc.co.uk/2/hi/uk_news/7180048.stm")  # a part, not the site
    # hosts: the page's host or one it is under; never an ad server, a sibling or a look-alike
    assert source_right("bbc.co.uk", "http://news.bbc.co.uk/2/hi/uk_news/7180048.stm")
    assert source_right("news.com.au", "http://www.news.com.au/story/x.html")  # the old measure said no
    assert source_right("al.com", "http://www.al.com/news/x.html")
    assert not source_right("banners.expressindia.com", "http://www.expressindia.com/latest-news/x.html")
    assert not source_right("news.google.com", "http://afp.google.com/article/x")
    assert not source_right("winnipegfreepress2.com", "http://www.winnipegfreepress.com/x.html")
    assert not source_right("co.uk", "http://bbc.co.uk/x")
    assert not source_right(None, "http://www.hindu.com/") and not source_right(" ", "http://www.hindu.com/")
    # the old measure took an ad server's host for the site
    assert names_site("banners.expressindia.com", "http://www.expressindia.com/latest-news/x.html")


@pytest.mark.shared
def test_headline_measures_strict_and_on_pages_with_a_headline(shared_dir: Path) -> None:
    truth = json.loads((shared_dir / "corpus" / "html-l3s-gn1" / "ground-truth.json").read_text("utf-8"))
    assert truth[TWO_LINES]["headline"] == "Movie Review:\nThere Will Be Blood"
    empty = next(stem for stem, page in truth.items() if not page["headline"].strip())
    rows: dict[str, tuple[str | None, str | None]] = {
        TWO_LINES: ("Movie review: There Will Be Blood", None),  # the two lines joined: one title
        empty: ("Whatever it printed", None),  # cannot be checked
    }
    measures = headline_measures(rows, truth)
    assert measures["title_ok"] == 0.0  # the strict measure wants one line exactly
    assert measures["headlined_pages"] == 1
    assert measures["title_ok_headlined"] == 1.0
    wrong = headline_measures({TWO_LINES: ("There Will Be Blood Review", None)}, truth)
    assert wrong["title_ok_headlined"] == 0.0


def test_source_right_accepts_initials_word_starts_and_the_less_hosts() -> None:
    # a name by the initials of its words (3+), a long word's own start, a host without "the"
    assert source_right("Daily News & Analysis", "http://www.dnaindia.com/report.asp?id=1")
    assert source_right("Hemelhempstead Today", "http://www.hemeltoday.co.uk/news/x.html")
    assert source_right("globeandmail.com", "http://www.theglobeandmail.com/servlet/story/x")
    assert source_right("theglobeandmail.com", "http://www.theglobeandmail.com/servlet/story/x")
    # a wrong site stays wrong: partner and parent sites, places, another city's paper, chance initials
    assert not source_right("ndtv.com", "http://www.ndtvprofit.com/x.aspx")
    assert not source_right("covers.com", "http://www.covers.co.uk/news/x.html")
    assert not source_right("chinaview.cn", "http://news.xinhuanet.com/english/x.htm")
    assert not source_right("iol.co.za", "http://www.thepost.co.za/index.php?x")
    assert not source_right("San Francisco", "http://www.nbc11.com/news/x.html")
    assert not source_right("Augusta, GA", "http://www.wjbf.com/x.shtml")
    assert not source_right("Kansas City Business Journal", "http://charlotte.bizjournals.com/charlotte/x.html")
    assert not source_right("Daily Mail", "http://www.dmregister.com/x.html")  # two initials: chance
    assert not source_right("Hemelhempstead Gazette", "http://www.hemeltoday.co.uk/news/x.html")
    assert not source_right("theglobe.com", "http://www.globeandmail.com/x")
