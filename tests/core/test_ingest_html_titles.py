"""Saved web pages' headlines and sources: real L3S-GN1 pages, read as saved, against their ground
truth (the headline) and address (the site)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from briefing.core.ingest import read
from briefing.core.ingest.html_page import linked_hosts

# (stem, headline, source)
PAGES = [
    # "Covic turns up heat on Schwarzer - Football - Sport - smh.com.au": the part the text is about;
    # the site's part is the source.
    ("0bc30b43-db01-45d0-9ec4-c9b0848ed8cd", "Covic turns up heat on Schwarzer", "smh.com.au"),
    # "Philippine president ... typhoon_English_Xinhua": the headline part; the part naming the
    # site the page's links point to (news.xinhuanet.com) is the source.
    (
        "01f31bbb-9c7d-4703-af51-1ddc7f4b1e38",
        "Philippine president orders evacuations owing to typhoon",
        "Xinhua",
    ),
    # "cbs4denver.com - Sports Wire": no part is about the text; the heading above it is.
    (
        "36fefe4c-3af7-45f7-87b8-3a4163919eb7",
        "Congress asks Justice Department to investigate Tejada",
        "cbs4denver.com",
    ),
    # "Fresh warning from bin Laden - World - theage.com.au": the headline shares one telling word
    # with the text, the other parts none: the part more about the text than the others.
    ("4ef56518-0288-4176-b711-570eaae21dd6", "Fresh warning from bin Laden", "theage.com.au"),
    # No <title> at all: the heading above the text; no links to tell the site.
    ("3006baa7-a951-4b4f-a692-ce47f746f80e", "Toyota to unveil concept truck at show", None),
    # The page's <title> names no site ("Breaking News"); most of its links are belfasttelegraph.co.uk's.
    (
        "022b482d-88d7-4951-a3c8-d7248db02989",
        "Chelsea hoping to sign Anelka before weekend",
        "belfasttelegraph.co.uk",
    ),
]


def _words(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").lower()))


@pytest.mark.parametrize(("stem", "headline", "source"), PAGES)
def test_saved_page_headline_and_source(
    shared_dir: Path, stem: str, headline: str, source: str | None
) -> None:
    corpus = shared_dir / "corpus" / "html-l3s-gn1"
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))[stem]
    assert _words(headline) in [_words(line) for line in truth["headline"].split("\n")]
    article = read(corpus / "original" / f"{stem}.html")
    assert _words(article.title) == _words(headline)
    assert article.source == source


def test_linked_hosts_count_each_address_once() -> None:
    markup = (
        '<a href="http://www.example.com/a">A</a><a href="http://example.com/b">B</a>'
        '<a href="http://ads.example.net/x">ad</a><a href="http://ads.example.net/x">ad</a>'
        '<a href="/relative">here</a><a href="http://[broken/">?</a><a href="mailto:x@example.org">m</a>'
    )
    assert linked_hosts(markup) == {"example.com": 2, "ads.example.net": 1}


@pytest.mark.timeout(60)
def test_linked_hosts_stay_linear_on_unclosed_tags() -> None:
    # Two million "<a " that never close: an unbounded attribute scan would rescan to the end from
    # each one (hours); the bounded one reads each character a few times.
    assert linked_hosts("<a " * 2_000_000) == {}
    assert linked_hosts("<a " + "x" * 6_000_000) == {}
