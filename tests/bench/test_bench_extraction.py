"""bench_extraction.py's title and source measures, on real L3S-GN1 ground truth."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from bench_extraction import headline_measures, names_site  # noqa: E402

TWO_LINES = "915ff932-cc4b-4717-ab02-93edb8345397"  # headline "Movie Review:\nThere Will Be Blood"


def test_sources_named_by_the_pages_address() -> None:
    assert names_site("The Hindu", "http://www.hindu.com/thehindu/holnus/001200801111540.htm")
    assert names_site("New York Times", "http://www.nytimes.com/2008/01/09/world/asia/09suharto.html")
    assert names_site("Reuters.com", "http://africa.reuters.com/wire/news/usnL0813407.html")
    assert names_site("The Sports Network", "http://www.sportsnetwork.com/default.asp?c=sportsnetwork")
    assert not names_site("Local Sports Wire", "http://cbs11tv.com/localsportswire/22.0.html")
    assert not names_site("National Hockey League", "http://www.sportsnetwork.com/default.asp")
    assert not names_site(None, "http://www.hindu.com/")


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
