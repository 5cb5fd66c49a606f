"""PDFs as analysts make them: real L3S-GN1 pages printed by headless Chromium; broken, locked and
huge PDFs."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from pypdf import PdfWriter
from test_ingest_pdf import PAGE_ONE, make_pdf

from briefing.core.errors import ReadError
from briefing.core.ingest import read
from briefing.core.ingest.pdf import MAX_PAGES

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
]
# A UN News page and a sports report: navigation, "print this", related links around the story.
PRINTED = ["01ccc7c5-a1d1-46e1-a5f7-43310df16575", "0bc30b43-db01-45d0-9ec4-c9b0848ed8cd"]


def _print(page: Path, out: Path, tmp: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("needs chromium (scripts/setup.sh installs it) to print real pages")
    command = [browser, *FLAGS, f"--user-data-dir={tmp / 'profile'}", f"--print-to-pdf={out}", page.as_uri()]
    subprocess.run(command, capture_output=True, timeout=180, check=False)
    assert out.is_file(), "chromium printed nothing"


def _words(text: str) -> list[str]:
    """ASCII words: the page has no charset, so Chromium prints its UTF-8 quotes as mojibake."""
    return re.findall(r"[a-z0-9]+", text.lower())


@pytest.mark.parametrize("stem", PRINTED)
def test_printed_page_reads_like_the_page(shared_dir: Path, tmp_path: Path, stem: str) -> None:
    corpus = shared_dir / "corpus" / "html-l3s-gn1"
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))[stem]
    pdf = tmp_path / f"{stem}.pdf"
    _print(corpus / "original" / f"{stem}.html", pdf, tmp_path)
    article = read(pdf)
    assert article.format == "pdf"
    assert _words(article.title) == _words(truth["headline"].split("\n")[0])
    assert article.published != dt.date.today().isoformat()  # not the moment it was printed
    kept = set(_words(article.text))
    for text in (truth["articleBody"], read(corpus / "original" / f"{stem}.html").text):
        # A floor for one page; the quality over 621 pages is measured by benchmarks/bench_extraction.py.
        assert len(set(_words(text)) & kept) >= 0.6 * len(set(_words(text)))
    assert len(kept) <= 1.3 * len(set(_words(truth["articleBody"])))  # navigation and links left out


# Printed pages whose side matter reads as text in the PDF: (stem, a phrase of it that must go).
SIDE_MATTER = [
    # A blog post with 30 reader comments signed "Posted By: name | January 07 2008 at 03:06 PM".
    ("51070347-c727-4631-abe0-4cb3de1da201", "Posted By"),
    # "More Manitoba headlines": linked headlines, each with its summary, printed under the story.
    ("2b08c951-2408-402f-98d2-d65d50abd0e5", "An inquest report released Thursday"),
]


@pytest.mark.parametrize(("stem", "phrase"), SIDE_MATTER)
def test_printed_comments_and_story_lists_are_left_out(
    shared_dir: Path, tmp_path: Path, stem: str, phrase: str
) -> None:
    corpus = shared_dir / "corpus" / "html-l3s-gn1"
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))[stem]
    pdf = tmp_path / f"{stem}.pdf"
    _print(corpus / "original" / f"{stem}.html", pdf, tmp_path)
    article = read(pdf)
    assert _words(article.title) in [_words(line) for line in truth["headline"].split("\n")]
    assert phrase.lower() not in article.text.lower()
    kept = set(_words(article.text))
    wanted = set(_words(truth["articleBody"]))
    assert len(wanted & kept) >= 0.9 * len(wanted)  # the story itself stays
    # The comments or stories printed several times the story's words; a comment form may stay.
    assert len(kept) <= 2 * len(wanted)


def test_headline_of_a_page_without_a_title_is_the_heading_above_its_text(
    shared_dir: Path, tmp_path: Path
) -> None:
    """A BBC page with no <title>: Chromium names the PDF after the file; the headline is the
    heading printed just above the story, not the larger "RELATED BBC SITES" of the side column."""
    stem = "137e6374-af11-45fc-80c4-1b68c2e44fe6"
    corpus = shared_dir / "corpus" / "html-l3s-gn1"
    pdf = tmp_path / f"{stem}.pdf"
    _print(corpus / "original" / f"{stem}.html", pdf, tmp_path)
    assert read(pdf).title == "Press sceptical on Annapolis"


# Printed pages whose headline the PDF's title does not give: (stem, headline, source or None).
HEADLINES = [
    # The title is the site's name, "The Hindu News Update Service", printed as a masthead at the
    # top; the headline is the heading above the text.
    ("50e9c98c-fd0f-4d2e-b4f7-bf58a42e07dc", "Tributes paid to Edmund Hillary", "The Hindu"),
    # The title is only the site's name; the headline is printed in the body's font (the page's
    # styles did not print), just above its dateline and the text it is about.
    (
        "acc703fe-acb1-4b90-909e-63d6cb275241",
        "Skating champ Bowman dies of likely overdose",
        "Morris Daily Herald",
    ),
    # "The Sports Network - National Hockey League": the site's name printed at the top and in
    # the text, the headline a heading above it; the section's name is not the source, the part
    # of the title naming the site the page's links point to is.
    (
        "ee50fd49-8001-4b9f-b3a5-c50229fd154a",
        "Montreal closes out road swing with a trip to New York",
        "The Sports Network",
    ),
    # Most links point to an advertisement server (ad.doubleclick.net); the title's "ITworld.com"
    # names a site the page links to as well, so it is the source.
    (
        "53323210-d16e-4ad2-8ab8-0fffd93797a0",
        "In rare pre-Macworld move, Apple unveils fastest-ever Macs",
        "ITworld.com",
    ),
    # "Headline - IT Pro - ...": no part names a linked site; the links point to software.,
    # management. and silicon.com, one site by its registered name, silicon.com.
    ("10e8a044-915e-473b-9c8a-eb154ab420d2", "Do US businesses want Vista at last?", "silicon.com"),
    # "icScotland - Headline": the advertisements' host has most links; "icScotland" spells a
    # label of a linked host, icscotland.icnetwork.co.uk.
    ("3df8d3a3-664f-4dfe-bc52-9e7441710333", "Ryan dismayed by Gloucester", "icScotland"),
    # "Sportal > Golf > News": a breadcrumb's ">" parts the title's site from its sections.
    ("46fd5e71-124d-49e9-869c-b458f9e94415", "Gamez the man to catch", "Sportal"),
    # "Headline - OurSports Central - Independent and Minor League Sports News": both site parts
    # name the linked oursportscentral.com; the one spelling its name is the source.
    ("1e3a9cbb-b5b1-49f6-b298-1678abb097d1", "Slow Start Cost the Majors in Ottawa", "OurSports Central"),
    # "Headline - The Honolulu Advertiser - Hawaii's Newspaper": of two parts naming linked sites
    # (hawaiisclassifieds.com), the one naming the most-linked site.
    (
        "c5102bf8-6e90-460a-8648-09b055ecd166",
        "Tennis: Top seed Bondarenko falls in Hobart tourney",
        "The Honolulu Advertiser",
    ),
    # "Site - Headline" whose headline the page prints over its dateline, in one block of one font.
    # No links, no site in the title: the copyright line at the foot of the page, "(c) Copyright
    # Clubcall.com 2006", names the site.
    ("4db9677f-1e49-4c46-9afb-7c01efbb7cc0", "Reading 0-2 Portsmouth", "Clubcall.com"),
    # "(c) 2002-2008 Online Betting Guide (OLBG), part of Invendium Ltd" at the page's foot.
    (
        "cd49f963-9dce-4761-aa74-58b24e334a40",
        "Shearer and Redknapp play down Newcastle links",
        "Online Betting Guide",
    ),
    # "Bloomberg.com: Muse" names the site the page's links point to and its section: the headline
    # is the line printed above the byline and the text; the source is the title's label.
    (
        "9858dfc5-821b-4005-9a4f-d49ae977696e",
        "Sarkozy Ex-Wife Loses Bid to Bar Book's Distribution (Update4)",
        "Bloomberg.com",
    ),
    # The headline printed over its dateline at the top of the text's block, in the text's font,
    # under a photograph's caption and credit, "Benni McCarthy © Action Images".
    ("353b3de0-5b15-4c93-8c40-0d313c810218", "McCarthy is not for sale - Hughes", "supersport.co.za"),
    # Most links go through an advertisement server's click script, which carries the address it
    # sends to ("ads.advance.net/RealMedia/ads/click_lx.ads/www.al.com/..."): no site's link.
    ("990c0b66-32f6-4897-b213-0972ccc97be8", "2008 will get off to cold start", "al.com"),
    # "toledoblade.com -- Headline": "--" parts the site from the headline.
    (
        "63fc89f8-2608-4d2b-bf98-10af0d4cbb3c",
        "Steelers' Heinz turf is terrible, Taylor says",
        "toledoblade.com",
    ),
    # "Blog: Headline": the part after the label is what the page prints.
    ("e906b620-e869-4ec5-a068-5d8256247536", "Fight! Fight! Fight!", "Sound Politics"),
    # "WHO TV - Des Moines: Headline".
    (
        "b5897149-9e36-42a5-b5da-c6e44d719c4d",
        "Research confirms prairie grass could be good source of ethanol",
        "WHO TV",
    ),
    # The title spells "Pakistans Stocks And Currency ... (from The Herald )"; the page prints
    # "Pakistan's stocks ..." with a typographic apostrophe. No site in the title: the source is
    # the site most of the page's links point to.
    (
        "a60538cf-6040-4c76-b0f1-da25c8946160",
        "Pakistan\u2019s stocks and currency pay heavy price",
        "theherald.co.uk",
    ),
    # "Headline - News Story - KNTV | San Francisco": no part names a linked site, and no site has
    # a good share of the links (24 sites); the page prints "NBC11.com" over its navigation, the
    # site it links to most.
    ("28f2a0f0-ec7d-4d4f-8489-261e51b638d8", "Bay Area DUI Arrests Down", "NBC11.com"),
    # The title is the headline; the page links mostly to dispatch.com, and its copyright line,
    # "©2008, The Columbus Dispatch", names that site: the name, not the address.
    ("234b1541-c17b-4432-8c62-0709093acdb5", "Seattle QB beats media blitz", "The Columbus Dispatch"),
    # The title is the headline; the page links more to myfinances.co.uk (3 addresses) than to its
    # own site (2), whose address is the logo's text at the top of the page, drawn after the
    # navigation under it.
    ("85e7a96f-c673-4fe8-b7a7-fa32d9fe2aba", "Bank charge case in court", "InTheNews.co.uk"),
    # The title is a section's name; the page links more to its owner, capitalnewspapers.com, than
    # to madison.com, whose address it prints over its navigation.
    (
        "2b728946-d10a-43e1-8a30-3a92e73a1b63",
        "Film review: 'Diving' viewers see world through one eye",
        "madison.com",
    ),
    # "Headline - News - Charleston, SC": the place ends the title; the page links to wcbd.com more
    # than to any other site.
    ("807f2bb5-401b-4800-ac78-254655ed375c", "Shuttle Launch Scrubbed", "wcbd.com"),
    # "Headline - NBA News Story - KMGH Denver": its links to its own pages were relative and are
    # lost; it prints its address, "TheDenverChannel.com", over its navigation.
    (
        "bb2ddb38-9ac2-43d4-bfe0-9018fdeaf46b",
        "National Basketball Association Game Capsules",
        "TheDenverChannel.com",
    ),
    # "soccer365.com | european news | Headline": the title's address, not the shop (store.yahoo.com)
    # that most of the page's links go to.
    ("f49c5334-d529-4c79-bdc9-8d127af1d3f3", "Keegan makes Owen Toon skipper", "soccer365.com"),
    # No <title>, and the page's scripts printed as text above the story: not where the text starts.
    # No link to its own site: the copyright line at the foot names its publisher.
    (
        "4e9a3cb3-bc61-413b-841c-9639f62a877f",
        "Startup Reveals First Android Apps",
        "Advantage Business Media",
    ),
    # Its copyright line has two words before the sign: "All content © Copyright 2000 - 2008 WorldNow
    # and KMPH" (no site has more than one link; the title opens with a long station slogan).
    (
        "5ee7902b-05a8-428e-b412-a498819a5407",
        "9 aboard Air Canada flight hurt after Airbus hits turbulence",
        "WorldNow and KMPH",
    ),
    (
        "df234055-0922-404f-a14f-6dbefbeea1a8",
        "AT&T replaces batteries in U-verse cabinets after fires and explosions",
        "WorldNow and wdtn",
    ),
    # "Undercover - Headline": the headline was also taken for the site's part; the other part is.
    ("4ed92403-69d9-4e6b-b3f6-247c23285815", "It's Hammer Time In Silicone Valley", "Undercover"),
    # The title is the headline; 7 links to xboxer.tv, at most 1 to each other site (37 links: its
    # network's blogs, ads): far ahead, if under a third of all links. The copyright line names the
    # network that owns it ("Shiny Media"), which was taken before.
    (
        "3197cc2b-0feb-44e9-b164-33a51d080cb9",
        "Soul Calibur IV turns into geek fest with addition of Darth, Yoda",
        "xboxer.tv",
    ),
]


@pytest.mark.parametrize(("stem", "headline", "source"), HEADLINES)
def test_printed_headline_and_source(
    shared_dir: Path, tmp_path: Path, stem: str, headline: str, source: str | None
) -> None:
    corpus = shared_dir / "corpus" / "html-l3s-gn1"
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))[stem]
    pdf = tmp_path / f"{stem}.pdf"
    _print(corpus / "original" / f"{stem}.html", pdf, tmp_path)
    article = read(pdf)
    assert _words(article.title) == _words(headline)
    assert _words(headline) in [_words(line) for line in truth["headline"].split("\n")]
    assert article.source == source


def test_printed_source_an_address_stuck_to_the_titles_dash(shared_dir: Path, tmp_path: Path) -> None:
    # "Mangalorean.Com- Serving Mangaloreans Around The World!": the whole title is the site's (the
    # ground truth has no headline); its links go to three sites once each.
    corpus = shared_dir / "corpus" / "html-l3s-gn1"
    stem = "a5446936-10a6-49f7-b53f-886b8a4c1fc1"
    pdf = tmp_path / f"{stem}.pdf"
    _print(corpus / "original" / f"{stem}.html", pdf, tmp_path)
    article = read(pdf)
    assert article.source == "Mangalorean.Com"
    assert _words(article.title) == _words("Scotland Yard makes no headway in Benazir murder probe")


# The PDF's title is the headline; the printed line is nearly it: (stem, headline).
NEARLY_TITLE = [
    # The headline's last word wrapped to a line of its own: "... by crimeware" / "Trojan".
    ("30dd06f6-6568-44f8-bae1-71c90366db7c", "10,000 trusted domains infected by crimeware Trojan"),
    # A word printed against the headline's first: "SavorCanucks Edge Isles 3-2 in Shootout".
    ("d43791da-4a90-4f9c-aafe-018b56e2adcd", "Canucks Edge Isles 3-2 in Shootout"),
]


@pytest.mark.parametrize(("stem", "headline"), NEARLY_TITLE)
def test_printed_headline_nearly_the_title(
    shared_dir: Path, tmp_path: Path, stem: str, headline: str
) -> None:
    corpus = shared_dir / "corpus" / "html-l3s-gn1"
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))[stem]
    assert _words(headline) in [_words(line) for line in truth["headline"].split("\n")]
    pdf = tmp_path / f"{stem}.pdf"
    _print(corpus / "original" / f"{stem}.html", pdf, tmp_path)
    assert _words(read(pdf).title) == _words(headline)


def test_printed_heading_over_its_dateline_beats_a_breadcrumb(shared_dir: Path, tmp_path: Path) -> None:
    """ "Headline" over "Published: Wednesday, 2 January, 2008" printed as one larger block is the
    headline, not the larger linked breadcrumb "Home:Britain/Ireland" above it."""
    stem = "fffa735a-ccf6-4366-8728-679d0d497c0c"
    corpus = shared_dir / "corpus" / "html-l3s-gn1"
    headline = "Junk food advertising ban comes into force"
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))[stem]
    assert _words(headline) in [_words(line) for line in truth["headline"].split("\n")]
    pdf = tmp_path / f"{stem}.pdf"
    _print(corpus / "original" / f"{stem}.html", pdf, tmp_path)
    assert _words(read(pdf).title) == _words(headline)


def test_printed_source_counts_each_address_once(shared_dir: Path, tmp_path: Path) -> None:
    """A page with no title (its PDF title is its file's name): the source is the site the most
    different addresses are on, lfpress.ca, not canoe.ca, whose weather box links one address nine
    times."""
    stem = "41caaf23-998b-4487-bc8d-e9e11d78f2c4"
    corpus = shared_dir / "corpus" / "html-l3s-gn1"
    assert (
        "lfpress.ca/" in json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))[stem]["url"]
    )
    pdf = tmp_path / f"{stem}.pdf"
    _print(corpus / "original" / f"{stem}.html", pdf, tmp_path)
    assert read(pdf).source == "lfpress.ca"


def test_password_protected_pdf_says_so(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=io.BytesIO(make_pdf([PAGE_ONE])))
    writer.encrypt(user_password="secret", owner_password="owner")
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as out:
        writer.write(out)
    with pytest.raises(ReadError, match="encrypted PDF \\(needs a password\\)"):
        read(locked)


def test_wrong_extension_and_truncated(tmp_path: Path) -> None:
    html = tmp_path / "page.pdf"
    html.write_text("<html><body><p>Not a PDF at all.</p></body></html>")
    with pytest.raises(ReadError, match="corrupt PDF"):
        read(html)
    data = make_pdf([PAGE_ONE, PAGE_ONE])
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReadError, match="PDF"):
        read(cut)


def test_huge_pdf_reads_only_its_first_pages(tmp_path: Path) -> None:
    def code(n: int) -> str:  # letters, so that no two pages' lines look like a running header
        return "".join(chr(97 + (n // 26**i) % 26) for i in range(3))

    pages = [[f"Part {code(n)}", f"The quay report, page {n}, {code(n)} figures."] for n in range(5000)]
    huge = tmp_path / "huge.pdf"
    huge.write_bytes(make_pdf(pages))
    started = time.monotonic()
    article = read(huge)
    assert time.monotonic() - started < 60
    assert f"only the first {MAX_PAGES} of 5,000 pages were read" in article.warnings
    assert "page 199," in article.text and "page 200," not in article.text
