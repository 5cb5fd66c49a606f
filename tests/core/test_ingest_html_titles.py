"""Saved web pages' headlines and sources: real L3S-GN1 pages, read as saved, against their ground
truth (the headline) and address (the site)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from briefing.core.ingest import read
from briefing.core.ingest.html_page import linked_hosts
from briefing.core.ingest.sites import Printed, copyright_holder, printed_names, site_source

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
    # "The Sports Network - National Hockey League" names the site the links point to: not the
    # headline, which is the heading above the text.
    (
        "ee50fd49-8001-4b9f-b3a5-c50229fd154a",
        "Montreal closes out road swing with a trip to New York",
        "The Sports Network",
    ),
    # No <title>; no h1-h3: the headline is a styled block (<div class="sh">) above the text,
    # above a photograph's caption that shares more words with the text.
    ("104ac8ce-3000-4106-bf10-b6ca9d01a475", "Gulf states urge peace with Iran", "bbc.co.uk"),
    # The title is the site's name, which the links' site confirms (digitalartsonline.co.uk): the
    # heading above the text, though it shares a single telling word with it.
    ("b73fce96-e5c3-4b23-8fca-08c82441a866", "CES: iSleep to iDream with iPod-ready bed", "Digital Arts"),
    # "Winona Daily News": the site's name; the headline is a block above the text.
    (
        "0cab2c4b-d0ff-47fb-80a0-5cfd391f3d94",
        "Peterson eyes NFC rushing title, playoffs",
        "Winona Daily News",
    ),
    # "Top Classifieds": a title about nothing in the text; the heading above the text is.
    (
        "9b8b6d87-74a3-422b-a972-33f31608ebbc",
        "S.F. anti-violence activist slain near daughter's basketball game",
        "ContraCostaTimes.com",
    ),
    # "Headline -- Page 1 -- Times Union": "--" parts the title.
    ("ee52b0ea-4e12-437c-808c-a9aaa84ceb22", "Snake saved after eating golf balls", "Times Union"),
    # Most links go through an advertisement server's click script carrying the address it sends
    # to ("ads.advance.net/RealMedia/ads/click_lx.ads/www.al.com/..."): no site's link.
    ("990c0b66-32f6-4897-b213-0972ccc97be8", "2008 will get off to cold start", "al.com"),
    # No site in the title, no link to its own site: the copyright line at the page's foot, "(c)
    # 2002-2008 Online Betting Guide (OLBG), part of Invendium Ltd".
    (
        "cd49f963-9dce-4761-aa74-58b24e334a40",
        "Shearer and Redknapp play down Newcastle links",
        "Online Betting Guide",
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


def test_copyright_holder_of_a_page_foot() -> None:
    assert copyright_holder(["(c) Copyright Clubcall.com 2006 Contact Us"]) == "Clubcall.com"
    assert copyright_holder(["© 1997-2008 Anatolia.com Inc"]) == "Anatolia.com"
    assert copyright_holder(["Copyright © 2008, The Hays Daily News"]) == "The Hays Daily News"
    # The last line is the page's own; a caption's credit is no copyright line.
    assert copyright_holder(["© 2007 Agence France Presse. All rights", "© Gulf Times Newspaper, 2008"]) == (
        "Gulf Times Newspaper"
    )
    assert copyright_holder(["Benni McCarthy © Action Images", "© 2008", "Copyright"]) is None
    # Two words before the sign when a year or the word follows it (a WorldNow station's foot).
    line = "All content © Copyright 2000 - 2008 WorldNow and KMPH. All Rights Reserved."
    assert copyright_holder([line]) == "WorldNow and KMPH"
    assert copyright_holder(["He said copyright law was changed in 2007"]) is None


def test_copyright_holder_stops_at_a_colon() -> None:
    # The foot of a finanznachrichten.de page: the name, then the site's keywords.
    line = "© 2000-2008 FinanzNachrichten.de: Aktie, Aktien, Aktienkurse, Nachrichten"
    assert copyright_holder([line]) == "FinanzNachrichten.de"


# The first and last lines of a printed summitdaily.com page (Chromium, L3S-GN1 2a3c5970).
SUMMIT_LINES = [
    "SUMMIT DAILY Search:",
    "Submit Classifieds | Place an Ad January 20, 2008",
    "Wheels",
    "Graceful girl in a similar world",
    "By LESLIE BREFELD",
    "Visit our other news and portal sites.",
    "All contents © Copyright 2008 summitdaily.com",
    "Summit Daily - 40 West Main Street - Frisco, CO 80443",
    "P.O. Box 329 · Frisco, CO 80443-0329",
    "E-mail: news@summitdaily.com",
]


def test_printed_names_are_copyright_holders_addresses_and_mail_domains() -> None:
    # The holder and the mail domain, once each.
    assert printed_names(SUMMIT_LINES, 8) == [Printed("summitdaily.com")]
    # A masthead's address over the navigation (nbc11.com); one in the middle of the page is a link
    # among others, and an address inside a sentence is no line of its own.
    lines = ["NBC11.com", "Monday, January 14, 2008, 3:16 pm", *["News"] * 9, "Graphics.com", *["Home"] * 9]
    assert printed_names(lines, 8) == [Printed("NBC11.com", address=True)]
    assert printed_names(["Read more at madison.com today", "Write to letters@nwherald.com."], 8) == [
        Printed("nwherald.com")
    ]


def test_a_printed_name_of_the_most_linked_site_is_the_source() -> None:
    # The title names no site ("Bay Area DUI Arrests Down - News Story - KNTV | San Francisco"); the
    # page prints "NBC11.com" and links to nbc11.com more than to any other site, but to 22 others.
    title = "Bay Area DUI Arrests Down - News Story - KNTV | San Francisco"
    hosts = Counter({"video.nbc11.com": 6, "traffic.com": 3, "nbcsports.com": 2, "nbc11.com": 2})
    hosts.update(f"advertiser{n}.com" for n in range(20))
    headline = "Bay Area DUI Arrests Down"
    assert site_source(title, headline, "San Francisco", hosts) == "nbc11.com"  # the address only
    assert site_source(title, headline, "San Francisco", hosts, [Printed("NBC11.com", address=True)]) == (
        "NBC11.com"
    )
    # The holder of the copyright line names the most-linked dispatch.com: a name, not an address.
    hosts = Counter({"dispatch.com": 43, "hosted.ap.org": 11, "wwwphp.dispatch.com": 6, "legacy.com": 3})
    printed = [Printed("The Associated Press"), Printed("The Columbus Dispatch")]
    assert site_source("Seattle QB beats media blitz", "Seattle QB beats media blitz", None, hosts) == (
        "dispatch.com"
    )
    assert site_source("Seattle QB beats media blitz", None, None, hosts, printed) == "The Columbus Dispatch"
    # A partner's or a parent's name is not the page's own: "© Canoe" on a page linking mostly to
    # lfpress.ca; a name that is no more than the site's address gives the address ("News Limited").
    hosts = Counter({"lfpress.ca": 12, "canoe.ca": 4})
    assert site_source(None, "Headline here", None, hosts, [Printed("Canoe")]) == "lfpress.ca"
    hosts = Counter({"news.com.au": 11, "foxsports.com.au": 1})
    assert site_source(None, "Headline here", None, hosts, [Printed("News")]) == "news.com.au"
    hosts = Counter({"blog.musicomh.com": 2, "facebook.com": 1})  # "© 1996-2008 OMH. all rights reserved"
    title = "Charlie Wilson's War: film review"
    assert site_source(title, "Charlie Wilson's War", None, hosts, [Printed("OMH")]) == "musicomh.com"


def test_a_place_at_the_end_of_the_title_does_not_outweigh_the_most_linked_site() -> None:
    # "Shuttle Launch Scrubbed - News - Charleston, SC": the last part is taken as the site only for
    # its place in the title. The page links to wcbd.com more than to any other site (7 of 27
    # links), if to none with a good share; a masthead's word ("Herald") keeps the title's part.
    hosts = Counter({"wcbd.com": 7, "mediageneral.com": 5, "mgnetwork.com": 2, "nbc.com": 2})
    hosts.update(f"advertiser{n}.com" for n in range(11))
    title = "Shuttle Launch Scrubbed - News - Charleston, SC"
    assert site_source(title, "Shuttle Launch Scrubbed", "Charleston, SC", hosts) == "wcbd.com"
    assert site_source(title, "Shuttle Launch Scrubbed", "Charleston Herald", hosts) == "Charleston Herald"


def test_an_address_printed_at_the_top_outweighs_a_place_when_no_site_leads_the_links() -> None:
    # thedenverchannel.com printed: its links to its own pages were relative and are lost; three
    # links to three sites tell nothing. The page prints its address over its navigation.
    hosts = Counter({"ticketsnow.com": 1, "sportsnetwork.com": 1, "ibsys.com": 1})
    title = "National Basketball Association Game Capsules - NBA News Story - KMGH Denver"
    headline = "National Basketball Association Game Capsules"
    printed = [Printed("TheDenverChannel.com", address=True), Printed("Internet Broadcasting Systems")]
    assert site_source(title, headline, "KMGH Denver", hosts) == "KMGH Denver"
    assert site_source(title, headline, "KMGH Denver", hosts, printed) == "TheDenverChannel.com"
    assert site_source(title, headline, "KMGH Denver", Counter(), printed) == "TheDenverChannel.com"
    # A publication's name in the title stays; a copyright holder is no address.
    assert site_source(title, headline, "Denver Post", hosts, printed) == "Denver Post"
    assert site_source(title, headline, "KMGH Denver", hosts, printed[1:]) == "KMGH Denver"


def test_a_title_part_that_is_an_address_outweighs_the_most_linked_site() -> None:
    # "soccer365.com | european news | Headline": the page's links go to a shop's store.yahoo.com.
    hosts = Counter({"store.yahoo.com": 5, "worldsoccershop.com": 1, "bigsoccer.com": 1, "rugbyrugby.com": 1})
    title = "soccer365.com | european news | Keegan makes Owen Toon skipper"
    assert site_source(title, "Keegan makes Owen Toon skipper", None, hosts) == "soccer365.com"
    # The address as the page links to it: "MotorcycleUSA.com" is motorcycle-usa.com.
    hosts = Counter({"motorcycle-usa.com": 2, "store.yahoo.com": 5})
    assert site_source("MotorcycleUSA.com | Headline", "Headline", None, hosts) == "motorcycle-usa.com"


def test_a_title_part_the_copyright_line_names_outweighs_a_place() -> None:
    # "Gulf Times - Qatar's top-selling English daily newspaper - Britain/Ireland": the last part is
    # a section; the page's copyright line, "© Gulf Times Newspaper, 2008", names the first.
    title = "Gulf Times – Qatar’s top-selling English daily newspaper - Britain/Ireland"  # noqa: RUF001
    headline = "Junk food advertising ban comes into force"
    hosts = Counter({"qatarbillboard.com": 1})
    held = [Printed("Gulf Times Newspaper")]
    assert site_source(title, headline, "Britain/Ireland", hosts) == "Britain/Ireland"
    assert site_source(title, headline, "Britain/Ireland", hosts, held) == "Gulf Times"
    # "clubcall - Latest football news, transfers, reports" and "(c) Copyright Clubcall.com 2006".
    title = "clubcall - Latest football news, transfers, reports"
    assert site_source(title, "Reading 0-2 Portsmouth", None, Counter(), [Printed("Clubcall.com")]) == (
        "Clubcall.com"
    )
    # "NBA News Story" is in no name the page prints.
    title = "Headline - NBA News Story - KMGH Denver"
    assert site_source(title, "Headline", "KMGH Denver", hosts, held) == "KMGH Denver"


def test_a_printed_name_spelling_more_of_the_site_than_the_title_part() -> None:
    # "Headline - The Elements" names hiphop-elements.com by part of its name; the page prints it
    # whole over its navigation and in its copyright line.
    hosts = Counter({"hiphop-elements.com": 18})
    title, headline = "Britney Spears Has No Visitation - The Elements", "Britney Spears Has No Visitation"
    printed = [Printed("HipHop-Elements.com", address=True)]
    assert site_source(title, headline, None, hosts) == "The Elements"
    assert site_source(title, headline, None, hosts, printed) == "HipHop-Elements.com"
    # A title's part spelling the whole name stays.
    assert site_source("Headline - HipHop Elements", "Headline", None, hosts, printed) == "HipHop Elements"


def test_a_printed_address_of_the_most_linked_site_under_another_name() -> None:
    # The page prints "seattlepi.com"; its links go to seattlepi.nwsource.com: one site, as linked.
    hosts = Counter({"seattlepi.nwsource.com": 9, "seattlepi.com": 2, "nwsource.com": 3})
    printed = [Printed("seattlepi.com", address=True)]
    assert site_source("Headline", "Headline", None, hosts, printed) == "nwsource.com"
    # The printed page's links, all but three to seattlepi.nwsource.com.
    hosts = Counter({"seattlepi.nwsource.com": 50, "nwsource.com": 1, "msnbc.com": 1, "komotv.com": 1})
    title = "Seattle Post-Intelligencer: Hockey"
    assert site_source(title, "Headline", None, hosts, [Printed("seattlepi.com")]) == "nwsource.com"


def test_a_title_part_naming_an_address_is_no_mere_place() -> None:
    # The printed planet-rugby.co.za page's links: a partner's sports.co.uk leads, with no good share.
    hosts = Counter({"sports.co.uk": 4, "skybet.com": 2, "planet-rugby.com": 2})
    hosts.update(f"advertiser{n}.com" for n in range(8))
    source = "Rugby News, Results, Fixtures and Features from Planet-Rugby.com"
    assert site_source(f"Headline - {source}", "Headline", source, hosts) == source


def test_linked_hosts_count_each_address_once() -> None:
    markup = (
        '<a href="http://www.example.com/a">A</a><a href="http://example.com/b">B</a>'
        '<a href="http://ads.example.net/x">ad</a><a href="http://ads.example.net/x">ad</a>'
        '<a href="/relative">here</a><a href="http://[broken/">?</a><a href="mailto:x@example.org">m</a>'
        '<a href="http://ad.doubleclick.net/clk;1;2;?http://www.advertiser.com/">ad</a>'
        '<a href="http://ads.example.org/click/www.example.com/x">ad</a>'
    )
    assert linked_hosts(markup) == {"example.com": 2, "ads.example.net": 1}


@pytest.mark.timeout(60)
def test_linked_hosts_stay_linear_on_unclosed_tags() -> None:
    # Two million "<a " that never close: an unbounded attribute scan would rescan to the end from
    # each one (hours); the bounded one reads each character a few times.
    assert linked_hosts("<a " * 2_000_000) == {}
    assert linked_hosts("<a " + "x" * 6_000_000) == {}
