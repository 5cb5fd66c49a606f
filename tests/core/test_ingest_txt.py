# ruff: noqa: RUF001  (typographic quotes and dashes are the data here)
"""Plain-text clippings: the seed, BBC articles, headline splitting and clipping debris."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.article import PARAGRAPH_BREAK
from briefing.core.ingest import read
from briefing.core.ingest.debris import clean_paragraphs, strip_captions
from briefing.core.ingest.headline import split_headline

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


def test_seed_title_source_and_clean_body(seed_path: Path) -> None:
    article = read(seed_path)
    assert article.title == "US personnel suffer minor injuries in attack on Iraqi base"
    assert article.source == "The Jerusalem Post"
    assert article.format == "txt"
    assert "Advertising" not in article.text
    assert "(Source:" not in article.text
    assert "stun grenades" not in article.text
    assert "THAIER AL-SUDANI" not in article.text
    assert (
        "by Iran-backed militants, mostly with a mix of missiles and disposable attack drones."
        in article.text
    )
    assert "Since the Israel-Hamas war began in October" in article.text
    assert "US troops in Iraq" in article.paragraphs
    assert "before being defeated." in article.text
    assert article.paragraphs[-1].endswith("Iraqi and Iraqi Kurdish officials.")
    assert article.text == PARAGRAPH_BREAK.join(article.paragraphs)
    assert article.warnings == ()


def test_seed_paragraph_with_caption_keeps_its_real_sentences(seed_path: Path) -> None:
    article = read(seed_path)
    paragraph = next(p for p in article.paragraphs if p.startswith("Since the Israel-Hamas war"))
    assert paragraph.endswith("disposable attack drones.")


@pytest.mark.shared
def test_bbc_sample_title_is_line_one_and_no_source(shared_dir: Path) -> None:
    files = sorted((shared_dir / "corpus" / "bbc").glob("bbc_*.txt"))
    assert len(files) > 2000
    for path in files[::97]:
        lines = path.read_text(encoding="utf-8").splitlines()
        article = read(path)
        assert article.title == " ".join(lines[0].split())
        assert article.source is None
        body = [line.strip() for line in lines[1:] if line.strip()]
        assert article.paragraphs == [" ".join(line.split()) for line in body]


@pytest.mark.shared
def test_bbc_headlines_with_a_dash_stay_whole(shared_dir: Path) -> None:
    for path in sorted((shared_dir / "corpus" / "bbc").glob("bbc_*.txt")):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        if " - " in first:
            assert split_headline(first).source is None, first


@pytest.mark.parametrize(
    ("line", "title", "source"),
    [
        ("Stocks slide on rate fears | Reuters", "Stocks slide on rate fears", "Reuters"),
        ("Stocks slide on rate fears - BBC News", "Stocks slide on rate fears", "BBC News"),
        ("Ceasefire talks stall — police sources — The Times", "Ceasefire talks stall", "The Times"),
        ("Big story – nytimes.com", "Big story", "nytimes.com"),
        ("Choose hope over fear - Kennedy", "Choose hope over fear - Kennedy", None),
        ("Wood - Ireland can win Grand Slam", "Wood - Ireland can win Grand Slam", None),
        ("Tevez - an Argentine in Brazil - BBC Sport", "Tevez - an Argentine in Brazil", "BBC Sport"),
        ("A headline without any source", "A headline without any source", None),
    ],
)
def test_headline_split(line: str, title: str, source: str | None) -> None:
    parts = split_headline(line)
    assert (parts.title, parts.source) == (title, source)


def test_debris_lines_go_and_real_content_stays() -> None:
    paragraphs = [
        "Advertisement",
        "Read more: Why the dollar fell",
        "Photo: John Smith/Reuters",
        "Advertising revenue rose 5% in the quarter, the company said.",
        "The report (Source: WHO) said five million people were affected.",
        "Prices rose sharply. Advertising",
        "Protesters gather in Baghdad on Jan. 3. (Photo: AFP)",
        "Short subheading",
    ]
    assert clean_paragraphs(paragraphs) == [
        "Advertising revenue rose 5% in the quarter, the company said.",
        "The report (Source: WHO) said five million people were affected.",
        "Prices rose sharply.",
        "Short subheading",
    ]


def test_caption_in_the_middle_of_a_paragraph() -> None:
    text = (
        "Talks resumed on Monday. Mr. Smith speaks to U.S. reporters in Geneva. "
        "(Photo by A. Lee/Getty Images) "
        "Both sides said progress was slow."
    )
    assert strip_captions(text) == "Talks resumed on Monday. Both sides said progress was slow."


def test_header_lines_and_hard_wrapped_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "wrapped.txt"
    path.write_text(
        "Harbour reopens after storm – The Coast Courier\n"
        "By Maria Lopez\n"
        "Date: 12 March 2024\n"
        "https://coast.example/harbour\n\n"
        "The harbour reopened on Tuesday after engineers checked the sea wall for\n"
        "damage caused by last week's storm, the port authority said in a state-\n"
        "ment.\n\n"
        "Fishing boats were back at sea by noon.\n",
        encoding="utf-8",
    )
    article = read(path)
    assert (article.title, article.source) == ("Harbour reopens after storm", "The Coast Courier")
    assert article.author == "Maria Lopez"
    assert article.published == "2024-03-12"
    assert article.url == "https://coast.example/harbour"
    assert article.paragraphs == [
        "The harbour reopened on Tuesday after engineers checked the sea wall for damage caused by last "
        "week's storm, the port authority said in a statement.",
        "Fishing boats were back at sea by noon.",
    ]


def test_first_line_that_is_a_paragraph_is_not_a_title(tmp_path: Path) -> None:
    path = tmp_path / "no_headline.txt"
    sentence = "The committee met for the third time this week to discuss the budget proposals. " * 5
    path.write_text(sentence + "\n\nA second paragraph.\n", encoding="utf-8")
    article = read(path)
    assert article.title == "no headline"
    assert len(article.paragraphs) == 2
    assert any("no headline line" in w for w in article.warnings)


def test_seed_caption_is_kept_apart_from_the_text(seed_path: Path) -> None:
    article = read(seed_path)
    assert len(article.captions) == 1
    caption = article.captions[0]
    assert caption.startswith("U.S. Embassy security guards set off stun grenades")
    assert caption.endswith("on January 1, 2020.")
    assert "(Source:" not in caption
    assert article.to_dict()["captions"] == [caption]


def test_html_entities_of_a_saved_text_are_decoded(tmp_path: Path) -> None:
    path = tmp_path / "clip.txt"
    path.write_text(
        "Tories attack Blair &amp; Brown – BBC News\n\n"
        "Shadow secretary Tim Collins said: \"Mr Blair&#191;s government is all talk.\" "
        "The minister&rsquo;s reply came later, Jos&#233; Manuel said, at &#163;5bn.\n",
        encoding="utf-8",
    )
    article = read(path)
    assert article.title == "Tories attack Blair & Brown"
    assert "Mr Blair’s government is all talk." in article.text
    assert "The minister’s reply came later, José Manuel said, at £5bn." in article.text
    assert "&" not in article.text


def test_a_text_without_clear_entities_keeps_its_ampersands(tmp_path: Path) -> None:
    path = tmp_path / "clip.txt"
    path.write_text("AT&T results – Example\n\nAT&T and R&D rose; the &amp; sign is written so.\n",
                    encoding="utf-8")
    article = read(path)
    assert "AT&T and R&D rose; the &amp; sign is written so." in article.text


def test_bbc_apostrophes_lost_to_entities_come_back(shared_dir: Path) -> None:
    article = read(shared_dir / "corpus" / "bbc" / "bbc_politics_352.txt")
    assert "&#" not in article.text
    assert "Blair’s government" in article.text
    assert "¿" not in article.text
