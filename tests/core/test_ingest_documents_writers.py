"""Word, OpenDocument and EPUB files written by the formats' own writer libraries (python-docx,
odfpy, EbookLib: test-only dependencies) from real BBC articles, read back as articles.

tests/core/test_ingest_documents.py builds the same kinds part by part from their specifications;
these are the files those libraries make, with everything they add (styles, settings, manifests,
a navigation document), as an analyst's tools would write them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
from ebooklib import epub
from odf import dc, meta
from odf.opendocument import OpenDocumentText
from odf.text import H, P

from briefing.core.ingest import read

CREATED = dt.datetime(2005, 2, 10, 8, 0, tzinfo=dt.UTC)


def _bbc(shared_dir: Path, name: str) -> tuple[str, list[str]]:
    parts = (shared_dir / "corpus" / "bbc" / name).read_text(encoding="utf-8").split("\n\n")
    return parts[0].strip(), [p.strip() for p in parts[1:] if p.strip()]


def test_word_document_written_by_python_docx(shared_dir: Path, tmp_path: Path) -> None:
    title, paragraphs = _bbc(shared_dir, "bbc_business_004.txt")
    document = docx.Document()
    document.core_properties.author = "BBC News"
    document.core_properties.created = CREATED
    document.add_heading(title, level=0)  # Word's "Title" style
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    path = tmp_path / "article.docx"
    document.save(str(path))
    article = read(path)
    assert (article.format, article.title, article.author) == ("docx", title, "BBC News")
    assert article.published == "2005-02-10T08:00:00"
    assert article.paragraphs == paragraphs


def test_opendocument_text_written_by_odfpy(shared_dir: Path, tmp_path: Path) -> None:
    title, paragraphs = _bbc(shared_dir, "bbc_business_009.txt")
    document = OpenDocumentText()
    document.meta.addElement(dc.Title(text=title))
    document.meta.addElement(meta.InitialCreator(text="BBC News"))
    document.meta.addElement(meta.CreationDate(text="2005-02-14T09:30:00"))
    document.text.addElement(H(outlinelevel=1, text=title))
    for paragraph in paragraphs:
        document.text.addElement(P(text=paragraph))
    path = tmp_path / "article.odt"
    document.save(str(path))
    article = read(path)
    assert (article.format, article.title, article.author) == ("odt", title, "BBC News")
    assert article.published == "2005-02-14T09:30:00"
    assert article.paragraphs == paragraphs


def test_epub_written_by_ebooklib(shared_dir: Path, tmp_path: Path) -> None:
    """Three BBC stories as the chapters of one book, with EbookLib's navigation document first in
    the spine, as its documentation writes books: the table of contents is not article text."""
    stories = [_bbc(shared_dir, f"bbc_business_00{n}.txt") for n in (5, 6, 7)]
    book = epub.EpubBook()
    book.set_identifier("bbc-business-2005")
    book.set_title("The business year")
    book.set_language("en")
    book.add_author("BBC News")
    book.add_metadata("DC", "publisher", "BBC")
    book.add_metadata("DC", "date", "2005-03-01")
    chapters = []
    for n, (headline, paragraphs) in enumerate(stories):
        chapter = epub.EpubHtml(title=headline, file_name=f"chapter{n}.xhtml", lang="en")
        chapter.content = f"<h2>{headline}</h2>" + "".join(f"<p>{p}</p>" for p in paragraphs)
        book.add_item(chapter)
        chapters.append(chapter)
    book.toc = chapters
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *chapters]
    path = tmp_path / "long-read.epub"
    epub.write_epub(str(path), book)
    article = read(path)
    assert (article.format, article.title, article.author, article.source) == (
        "epub",
        "The business year",
        "BBC News",
        "BBC",
    )
    assert article.published == "2005-03-01"
    for _, paragraphs in stories:
        assert paragraphs[0] in article.text and paragraphs[-1] in article.text
    assert article.text.index(stories[0][1][0]) < article.text.index(stories[2][1][0])
    assert article.text.count(stories[1][0]) == 1  # its chapter's heading, not also the contents list
