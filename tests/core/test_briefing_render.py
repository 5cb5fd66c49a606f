"""Markdown and HTML briefings of the seed and of BBC articles, read and analysed for real."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from briefing.core.analysis import Analyzer
from briefing.core.article import Analysis, Article
from briefing.core.briefing import Briefing, build_briefing, to_html, to_markdown
from briefing.core.ingest import read
from briefing.core.palette import ENTITY_SWATCHES

SEED_TITLE = "US personnel suffer minor injuries in attack on Iraqi base"
BBC = ("bbc_business_001.txt", "bbc_politics_001.txt", "bbc_tech_001.txt")


@pytest.fixture(scope="module")
def seed_briefing(seed_path: Path) -> Briefing:
    article = read(seed_path)
    return build_briefing([(article, Analyzer().analyse(article))], created=dt.date(2024, 1, 22))


@pytest.fixture(scope="module")
def bbc_pairs(shared_dir: Path) -> list[tuple[Article, Analysis]]:
    articles = [read(shared_dir / "corpus" / "bbc" / name) for name in BBC]
    return list(zip(articles, Analyzer().analyse_batch(articles), strict=True))


class _Text(HTMLParser):
    """Visible text, tag balance and every URL-bearing attribute of an HTML page."""

    VOID = frozenset({"meta", "br", "hr", "img", "link", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.stack: list[str] = []
        self.urls: list[tuple[str, str, str]] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)
        self.in_style = tag == "style"
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.urls.append((tag, name, value))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}> after {self.stack[-3:]}"
        self.stack.pop()
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if not self.in_style:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def _parse(page: str) -> _Text:
    parser = _Text()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    return parser


def test_seed_markdown_is_complete(seed_briefing: Briefing) -> None:
    md = to_markdown(seed_briefing)
    assert md.startswith(f"# {SEED_TITLE}\n")
    assert "The Jerusalem Post" in md
    article = seed_briefing.articles[0]
    assert article.summary and article.figures and article.entities
    html = markdown.markdown(md, extensions=["tables"])
    page = _parse(f"<div>{html}</div>")
    assert "<table>" in html and html.count("<tr>") == len(article.figures) + 1
    for row in article.figures:
        assert row.figure in page.text and " ".join(row.counts.split()) in page.text
    for figure in ("58", "83", "900", "2,500"):
        assert figure in [row.figure for row in article.figures] or figure in page.text
    for group in article.entities:
        assert f"{group.heading}:" in page.text
        for entity in group.items:
            assert f"{entity.name} ({entity.mentions})" in page.text
    assert "Erbil" in page.text and "Mohammed Shia al-Sudani" in page.text
    assert article.summary[0] in page.text


def test_seed_html_is_self_contained_and_complete(seed_briefing: Briefing) -> None:
    page_html = to_html(seed_briefing)
    page = _parse(page_html)
    assert f"<title>{SEED_TITLE}</title>" in page_html
    assert "<script" not in page_html and "<img" not in page_html and "@import" not in page_html
    assert all(tag == "a" and name == "href" for tag, name, _ in page.urls)  # links only, nothing loaded
    assert not re.search(r"url\(", page_html)
    article = seed_briefing.articles[0]
    for expected in (
        SEED_TITLE,
        "The Jerusalem Post",
        "Summary",
        "Key figures",
        "Key entities",
        *article.summary,
    ):
        assert expected in page.text
    for row in article.figures:
        assert row.figure in page.text and row.counts in page.text
    for group in article.entities:
        assert f"entity-{group.label}" in page_html
        assert ENTITY_SWATCHES[group.label].light in page_html  # the reader's palette
    assert "Erbil" in page.text and "al-Sudani" in page.text
    assert "Briefing made on 22 January 2024." in page.text


def test_collection_markdown_and_html_have_contents_and_shared_tables(
    bbc_pairs: list[tuple[Article, Analysis]],
) -> None:
    briefing = build_briefing(bbc_pairs, title="Three stories")
    md = to_markdown(briefing)
    md_html = markdown.markdown(md, extensions=["tables"])
    html_page = _parse(to_html(briefing))
    md_page = _parse(f"<div>{md_html}</div>")
    for page in (md_page, html_page):
        assert "Contents" in page.text and "Figures across the articles" in page.text
        assert "Entities across the articles" in page.text
        for article, _ in bbc_pairs:
            assert page.text.count(article.title) >= 2  # contents and section heading
    for n in range(1, len(bbc_pairs) + 1):
        assert f'id="article-{n}"' in md_html and f'href="#article-{n}"' in md_html
    shared = {e.name for g in briefing.shared_entities for e in g.items}
    assert shared and all(name in html_page.text for name in shared)


def test_markdown_escapes_text_that_looks_like_markup() -> None:
    article = Article(path="/a.md", title="# Not a *heading* | pipe", text="x", source="[Source](evil)")
    briefing = build_briefing([(article, Analysis(summary=("1. Not a list <b>bold</b>",)))])
    html = markdown.markdown(to_markdown(briefing), extensions=["tables"])
    assert "<em>heading</em>" not in html and "<b>" not in html and 'href="evil"' not in html
    assert "Not a list &lt;b&gt;bold&lt;/b&gt;" in html and "<ol>" not in html
    assert "<h1># Not a *heading* | pipe</h1>" in html
