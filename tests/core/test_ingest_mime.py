"""Pages saved as one file (.mhtml) and e-mails (.eml), built from real L3S-GN1 and BBC articles."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pytest
from saved_files import eml, mhtml

from briefing.core.errors import ReadError
from briefing.core.ingest import read

# L3S-GN1 pages of several sites (UN, a US paper, a sports page) the HTML reader reads well.
PAGES = [
    "01ccc7c5-a1d1-46e1-a5f7-43310df16575",
    "082e02bd-40d9-40d2-9ab5-61cac83db2c1",
    "19956250-1bc8-4f9d-b8de-8fb525e22f3c",
]


def _l3s(shared_dir: Path, stem: str) -> Path:
    return shared_dir / "corpus" / "html-l3s-gn1" / "original" / f"{stem}.html"


def _bbc(shared_dir: Path, name: str) -> tuple[str, list[str]]:
    lines = (shared_dir / "corpus" / "bbc" / name).read_text(encoding="utf-8").split("\n\n")
    return lines[0].strip(), [p.strip() for p in lines[1:] if p.strip()]


@pytest.mark.parametrize("cte", ["quoted-printable", "base64"])
@pytest.mark.parametrize("stem", PAGES)
def test_mhtml_reads_as_the_saved_page(shared_dir: Path, tmp_path: Path, stem: str, cte: str) -> None:
    page = _l3s(shared_dir, stem)
    saved = tmp_path / f"{stem}.mhtml"
    saved.write_bytes(mhtml(page.read_bytes(), "https://news.example.org/story/1", cte=cte))
    article, as_html = read(saved), read(page)
    assert article.format == "mhtml"
    assert article.text == as_html.text and len(article.text) > 500
    assert (article.title, article.source, article.published) == (
        as_html.title,
        as_html.source,
        as_html.published,
    )
    assert article.url == "https://news.example.org/story/1"
    assert "PNG" not in article.text


def test_mht_extension_and_broken_mhtml(shared_dir: Path, tmp_path: Path) -> None:
    data = mhtml(_l3s(shared_dir, PAGES[0]).read_bytes(), "https://news.example.org/a", images=0)
    (tmp_path / "page.mht").write_bytes(data)
    assert "Special Representative" in read(tmp_path / "page.mht").text
    cut = tmp_path / "cut.mhtml"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReadError, match="truncated: the file ends inside its page"):
        read(cut)
    wrong = tmp_path / "photo.mhtml"
    wrong.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)) * 8)
    with pytest.raises(ReadError, match="no MIME headers"):
        read(wrong)
    images_only = tmp_path / "images.mhtml"
    images_only.write_bytes(data.replace(b"text/html", b"image/gif"))
    with pytest.raises(ReadError, match="no HTML part"):
        read(images_only)


def test_mhtml_cut_after_its_page_is_read_with_a_warning(shared_dir: Path, tmp_path: Path) -> None:
    data = mhtml(_l3s(shared_dir, PAGES[1]).read_bytes(), "https://news.example.org/b", images=3)
    cut = tmp_path / "cut.mhtml"
    cut.write_bytes(data[: len(data) - 600])  # inside the last image
    article = read(cut)
    assert article.text == read(_l3s(shared_dir, PAGES[1])).text
    assert any("cut off after its page" in w for w in article.warnings)


def _newsletter(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        "<html><body><table><tr><td><p><a href='https://mail.example.invalid/view'>View this email in "
        f"your browser</a></p><h1>{html.escape(title)}</h1>{body}"
        "<p>You are receiving this email because you signed up for the Business Brief.</p>"
        "<p><a href='https://mail.example.invalid/u'>Unsubscribe</a> | "
        "<a href='https://mail.example.invalid/p'>Manage your preferences</a></p>"
        "<p>Business Brief, 1 Market Street, London EC1A 1BB</p>"
        "<img src='https://tracker.example.invalid/open.gif' width=1 height=1></td></tr></table>"
        "</body></html>"
    ).encode()


def test_newsletter_email_is_one_article_without_its_footer(shared_dir: Path, tmp_path: Path) -> None:
    title, paragraphs = _bbc(shared_dir, "bbc_business_001.txt")
    path = tmp_path / "brief.eml"
    path.write_bytes(
        eml(
            f"Fwd: {title}",
            '"Business Brief" <brief@news.example.org>',
            html=_newsletter(title, paragraphs),
            text="\n\n".join(paragraphs),
            date=dt.datetime(2005, 1, 20, 7, 15, tzinfo=dt.UTC),
        )
    )
    article = read(path)
    assert article.format == "eml"
    assert (article.title, article.source, article.published) == (
        title,
        "Business Brief",
        "2005-01-20T07:15:00",
    )
    assert article.paragraphs[0] == paragraphs[0]
    assert paragraphs[-1] in article.text
    for footer in ("Unsubscribe", "preferences", "receiving this", "EC1A", "View this email", "tracker"):
        assert footer not in article.text


def test_plain_text_email_and_list_name(shared_dir: Path, tmp_path: Path) -> None:
    title, paragraphs = _bbc(shared_dir, "bbc_business_002.txt")
    text = "\n\n".join([*paragraphs, "To unsubscribe from this list, reply with STOP.", "Desk digest"])
    path = tmp_path / "digest.eml"
    path.write_bytes(eml(title, "desk@news.example.org", text=text, list_id="Desk Digest <desk.news>"))
    article = read(path)
    assert article.title == title and article.source == "Desk Digest"
    assert article.published == "2008-01-16T09:30:00"
    assert article.paragraphs == paragraphs


def test_broken_emails_say_why(shared_dir: Path, tmp_path: Path) -> None:
    title, paragraphs = _bbc(shared_dir, "bbc_business_003.txt")
    attached = tmp_path / "attached.eml"
    attached.write_bytes(eml(title, "a@example.org", attachments={"report.pdf": b"%PDF-1.4 ..."}))
    with pytest.raises(ReadError, match=r"no text, only attachments \(report.pdf\)"):
        read(attached)
    whole = eml(title, "a@example.org", text="\n\n".join(paragraphs))
    cut = tmp_path / "cut.eml"
    cut.write_bytes(whole[: whole.index(b"\r\n\r\n") + 4])  # the headers, then nothing
    with pytest.raises(ReadError, match="body is empty"):
        read(cut)
    wrong = tmp_path / "archive.eml"
    wrong.write_bytes(b"PK\x03\x04\x14\x00\x00\x00" + bytes(range(256)) * 4)
    with pytest.raises(ReadError, match="no MIME headers"):
        read(wrong)
    not_mail = tmp_path / "notes.eml"
    not_mail.write_bytes(b"X-Note: a note\n\nThis is a text file with a header-like first line.\n")
    with pytest.raises(ReadError, match="not an e-mail message"):
        read(not_mail)
