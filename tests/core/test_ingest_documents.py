"""Word, OpenDocument, EPUB and Safari web archive files made from real BBC and L3S-GN1 articles,
and broken ones of each kind."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from saved_files import docx, epub, odt, rtf, webarchive

from briefing.core.errors import ReadError
from briefing.core.ingest import read

L3S_PAGE = "01ccc7c5-a1d1-46e1-a5f7-43310df16575"


def _bbc(shared_dir: Path, name: str) -> tuple[str, list[str]]:
    parts = (shared_dir / "corpus" / "bbc" / name).read_text(encoding="utf-8").split("\n\n")
    return parts[0].strip(), [p.strip() for p in parts[1:] if p.strip()]


@pytest.mark.parametrize(("suffix", "writer"), [(".docx", docx), (".odt", odt)])
def test_office_documents(
    shared_dir: Path, tmp_path: Path, suffix: str, writer: Callable[..., bytes]
) -> None:
    title, paragraphs = _bbc(shared_dir, "bbc_business_004.txt")
    path = tmp_path / f"article{suffix}"
    path.write_bytes(writer(title, paragraphs, author="BBC News", created="2005-02-10T08:00:00Z"))
    article = read(path)
    assert article.format == suffix[1:]
    assert (article.title, article.author, article.published) == (title, "BBC News", "2005-02-10T08:00:00")
    assert article.paragraphs == paragraphs


def test_rich_text(shared_dir: Path, tmp_path: Path) -> None:
    title, paragraphs = _bbc(shared_dir, "bbc_business_009.txt")
    path = tmp_path / "article.rtf"
    path.write_bytes(rtf(title, paragraphs, author="BBC News"))
    article = read(path)
    assert (article.format, article.title, article.author, article.published) == (
        "rtf",
        title,
        "BBC News",
        "2005-02-14",
    )
    assert article.paragraphs == paragraphs


def test_epub_is_one_article_per_book(shared_dir: Path, tmp_path: Path) -> None:
    chapters = [_bbc(shared_dir, f"bbc_business_00{n}.txt")[1] for n in (5, 6, 7)]
    path = tmp_path / "long-read.epub"
    path.write_bytes(
        epub("The business year", chapters, author="BBC News", publisher="BBC", date="2005-03-01")
    )
    article = read(path)
    assert (article.format, article.title, article.author, article.source, article.published) == (
        "epub",
        "The business year",
        "BBC News",
        "BBC",
        "2005-03-01",
    )
    for chapter in chapters:
        assert chapter[0] in article.text and chapter[-1] in article.text
    assert article.text.index(chapters[0][0]) < article.text.index(chapters[2][0])


def test_webarchive_reads_as_the_saved_page(shared_dir: Path, tmp_path: Path) -> None:
    page = shared_dir / "corpus" / "html-l3s-gn1" / "original" / f"{L3S_PAGE}.html"
    path = tmp_path / "page.webarchive"
    path.write_bytes(webarchive(page.read_bytes(), "https://www.un.org/news/story"))
    article, as_html = read(path), read(page)
    assert article.format == "webarchive"
    assert (article.title, article.text) == (as_html.title, as_html.text)
    assert article.url == "https://www.un.org/news/story"


@pytest.mark.parametrize("suffix", [".docx", ".odt", ".epub", ".webarchive", ".rtf"])
def test_broken_documents_say_why(shared_dir: Path, tmp_path: Path, suffix: str) -> None:
    title, paragraphs = _bbc(shared_dir, "bbc_business_008.txt")
    data = {
        ".docx": lambda: docx(title, paragraphs, author="A", created="2005-01-01"),
        ".odt": lambda: odt(title, paragraphs, author="A", created="2005-01-01"),
        ".epub": lambda: epub(title, [paragraphs], author="A", publisher="B", date="2005"),
        ".webarchive": lambda: webarchive(f"<p>{paragraphs[0]}</p>".encode(), "https://x.org"),
        ".rtf": lambda: rtf(title, paragraphs, author="A"),
    }[suffix]()
    cut = tmp_path / f"cut{suffix}"
    cut.write_bytes(data[: len(data) // 2])
    if suffix == ".rtf":  # plain text inside: the first half is still read, with a warning
        assert any("closing brace" in warning for warning in read(cut).warnings)
    else:
        with pytest.raises(ReadError) as caught:
            read(cut)
        assert caught.value.reason.startswith(("not a", "damaged"))
    wrong = tmp_path / f"text{suffix}"
    wrong.write_text(f"{title}\n\n{paragraphs[0]}\n")
    with pytest.raises(ReadError) as wrong_kind:
        read(wrong)
    assert wrong_kind.value.reason.startswith("not a")
