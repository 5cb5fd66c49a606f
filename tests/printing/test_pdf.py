"""PDF briefings through Qt's printing, checked by their text, fonts and rendered pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QUrl
from PySide6.QtGui import QImage, QPageSize, QPdfWriter, QTextCursor, QTextDocument

from briefing.core.article import Analysis, Article
from briefing.core.briefing import build_briefing
from briefing.printing.document import OfflineTextDocument, briefing_document
from briefing.printing.page import apply_page_setup, default_page_size, page_frame
from briefing.printing.pdf import write_pdf
from briefing.printing.render import paginated_document
from tests.printing.poppler import page_png, pdf_fonts, pdf_page_points, pdf_pages, pdf_text

pytestmark = pytest.mark.usefixtures("qapp")


def _ink(image: QImage, top: int, bottom: int) -> float:
    """The share of pixels in rows [top, bottom) that are not near-white."""
    dark = total = 0
    for y in range(top, bottom):
        for x in range(0, image.width(), 2):
            total += 1
            colour = image.pixelColor(x, y)
            if colour.red() + colour.green() + colour.blue() < 3 * 235:
                dark += 1
    return dark / total if total else 0.0


def test_seed_pdf_has_title_source_figures_and_entities(
    tmp_path: Path, seed_pair: tuple[Article, Analysis]
) -> None:
    briefing = build_briefing([seed_pair])
    out = tmp_path / "seed.pdf"
    assert write_pdf(briefing, out) == 2  # figures, entities and sources run onto a second page
    text = pdf_text(out)
    assert "US personnel suffer minor injuries in attack on Iraqi base" in text
    assert "The Jerusalem Post" in text
    for row in briefing.articles[0].figures:
        assert row.figure in text
        if row.counts:
            assert " ".join(row.counts.split()) in text
    for figure in ("58", "83", "900", "2,500"):
        assert figure in text
    assert "Erbil" in text and "al-Sudani" in text
    assert "Page 1 of 2" in text and "Page 2 of 2" in text


def test_fonts_are_embedded(tmp_path: Path, seed_pair: tuple[Article, Analysis]) -> None:
    out = tmp_path / "seed.pdf"
    write_pdf(build_briefing([seed_pair]), out)
    fonts = pdf_fonts(out)
    assert fonts
    for row in fonts:
        # name type encoding emb sub uni object ID: "emb" is 4th from the end
        assert row[-5] == "yes", f"font not embedded: {row}"


def test_first_page_renders_with_ink_in_body_and_footer(
    tmp_path: Path, seed_pair: tuple[Article, Analysis]
) -> None:
    out = tmp_path / "seed.pdf"
    write_pdf(build_briefing([seed_pair]), out, QPageSize(QPageSize.PageSizeId.A4))
    image = QImage(str(page_png(out, 1, tmp_path)))
    assert not image.isNull()
    height = image.height()
    body = _ink(image, int(height * 0.08), int(height * 0.5))
    assert 0.02 < body < 0.5  # text, tables and highlights, on white paper
    assert _ink(image, int(height * 0.94), height) > 0.0  # the footer's page number
    assert _ink(image, 0, int(height * 0.02)) == 0.0  # nothing printed in the top margin


def test_five_bbc_articles_make_one_pdf_with_contents_and_every_title(
    tmp_path: Path, bbc_pairs: list[tuple[Article, Analysis]]
) -> None:
    briefing = build_briefing(bbc_pairs, title="Five BBC stories", created=dt.date(2024, 3, 1))
    out = tmp_path / "five.pdf"
    pages = write_pdf(briefing, out)
    assert pages == pdf_pages(out) >= 6  # a cover and a page or more per article
    text = pdf_text(out)
    assert "contents" in text.casefold() and "Five BBC stories" in text
    for article, _ in bbc_pairs:
        assert text.count(" ".join(article.title.split())) >= 2  # in the contents and as a heading
    # every page after the first carries the running header and its number
    for page in range(2, pages + 1):
        page_text = pdf_text(out, page, page)
        assert "Five BBC stories" in page_text and f"Page {page} of {pages}" in page_text
    # the contents' page numbers point at the pages the articles start on
    cover = pdf_text(out, 1, 1)
    for brief in briefing.articles:
        after_title = cover.split(brief.title, 1)[1]
        listed = int(after_title.split()[0]) if after_title.split()[0].isdigit() else None
        if listed is None:  # the meta line comes between title and page number
            listed = int(next(w for w in after_title.split() if w.isdigit() and int(w) <= pages))
        assert brief.title in pdf_text(out, listed, listed)
    header = QImage(str(page_png(out, 2, tmp_path)))
    assert _ink(header, int(header.height() * 0.05), int(header.height() * 0.075)) > 0.0  # header band


def test_lines_and_table_rows_are_never_cut_by_a_page_break(
    tmp_path: Path, bbc_pairs: list[tuple[Article, Analysis]]
) -> None:
    briefing = build_briefing(bbc_pairs, max_figures=40, max_entities=40)
    writer = QPdfWriter(str(tmp_path / "rows.pdf"))
    writer.setResolution(300)
    apply_page_setup(writer, QPageSize(QPageSize.PageSizeId.A5))  # small pages: many breaks
    document = paginated_document(briefing, writer)
    page_height = page_frame(writer).body.height()

    def page_of(y: float) -> int:
        return int(y // page_height)

    # Qt places a block pushed to the next page a hair (< 0.1 px) above the boundary.
    slack = 0.5

    layout = document.documentLayout()
    rows: dict[tuple[int, int], set[int]] = {}
    lines_checked = 0
    block = document.begin()
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        lines = block.layout()
        for i in range(lines.lineCount() if block.text().strip() else 0):  # empty blocks print nothing
            line = lines.lineAt(i)
            y0, y1 = top + line.y() + slack, top + line.y() + line.height() - slack
            assert page_of(y0) == page_of(y1), f"line cut by a page break: {block.text()!r}"
            lines_checked += 1
            table = QTextCursor(block).currentTable()
            if table is not None:
                key = (table.firstPosition(), table.cellAt(block.position()).row())
                rows.setdefault(key, set()).update((page_of(y0), page_of(y1)))
        block = block.next()
    assert lines_checked > 200 and document.pageCount() > 8 and len(rows) > 40
    split = [key for key, pages in rows.items() if len(pages) > 1]
    assert split == [], f"{len(split)} of {len(rows)} table rows split across pages"


@pytest.mark.parametrize(
    ("language", "country", "size"),
    [
        (QLocale.Language.English, QLocale.Country.UnitedStates, QPageSize.PageSizeId.Letter),
        (QLocale.Language.French, QLocale.Country.Canada, QPageSize.PageSizeId.Letter),
        (QLocale.Language.German, QLocale.Country.Germany, QPageSize.PageSizeId.A4),
        (QLocale.Language.English, QLocale.Country.UnitedKingdom, QPageSize.PageSizeId.A4),
    ],
)
def test_paper_follows_the_locale(
    language: QLocale.Language, country: QLocale.Country, size: QPageSize.PageSizeId
) -> None:
    assert default_page_size(QLocale(language, country)).id() == size


def test_letter_paper_is_written_as_letter(tmp_path: Path, seed_pair: tuple[Article, Analysis]) -> None:
    out = tmp_path / "letter.pdf"
    write_pdf(build_briefing([seed_pair]), out, QPageSize(QPageSize.PageSizeId.Letter))
    width, height = pdf_page_points(out)
    assert (round(width), round(height)) == (612, 792)


def test_nothing_is_fetched_and_markup_in_text_stays_text(tmp_path: Path) -> None:
    assert (
        OfflineTextDocument().loadResource(
            QTextDocument.ResourceType.ImageResource.value, QUrl("https://example.com/pixel.png")
        )
        is None
    )
    hostile = Article(
        path="/x/evil.html",
        title='Evil <img src="https://example.com/pixel.png"> title',
        text="Body.",
        url="https://example.com/story",
    )
    briefing = build_briefing([(hostile, Analysis(summary=("Body.",)))])
    document = briefing_document(briefing)
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            assert not iterator.fragment().charFormat().isImageFormat()
            iterator += 1
        block = block.next()
    out = tmp_path / "evil.pdf"
    write_pdf(briefing, out)
    assert 'Evil<imgsrc="https://example.com/pixel.png">title' in pdf_text(out).replace(" ", "")
