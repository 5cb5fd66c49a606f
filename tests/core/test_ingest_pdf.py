"""PDF articles, from small PDFs written byte by byte here (Helvetica text, an Info dictionary)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.errors import ReadError
from briefing.core.ingest import read


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[str]], info: dict[str, str] | None = None) -> bytes:
    """A valid PDF: one text line per entry, 14pt leading; ``info`` becomes the Info dictionary."""
    objects: list[bytes] = []
    n_pages = len(pages)
    font_id = 3 + 2 * n_pages
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    for i, lines in enumerate(pages):
        content_id = 4 + 2 * i
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_id} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        ops = ["BT", "/F1 11 Tf", "14 TL", "72 740 Td"]
        for line in lines:
            ops.append(f"({_escape(line)}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    info_ref = ""
    if info is not None:
        entries = " ".join(f"/{key} ({_escape(value)})" for key, value in info.items())
        objects.append(f"<< {entries} >>".encode("latin-1"))
        info_ref = f" /Info {len(objects)} 0 R"
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info_ref} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


PAGE_ONE = [
    "Port traffic hits a record",
    "",
    "Container traffic through the port rose by a fifth last year, the harbour",
    "board said on Monday, as shipping lines moved routes away from congested",
    "hubs further south and new cranes cut the time ships wait at the quay. The",
    "board expects growth to con-",
    "tinue this year.",
    "Dock workers welcomed the figures.",
    "1",
]
PAGE_TWO = [
    "The board will spend the extra income on dredging the channel so that the",
    "largest vessels can enter at low tide, starting in the spring of next year",
    "and finishing within eighteen months.",
    "2",
]


def test_pdf_text_paragraphs_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "port.pdf"
    path.write_bytes(
        make_pdf(
            [PAGE_ONE, PAGE_TWO],
            {
                "Title": "Port traffic hits a record",
                "Author": "Harbour Board Press Office",
                "CreationDate": "D:20240115093000Z",
            },
        )
    )
    article = read(path)
    assert article.format == "pdf"
    assert article.title == "Port traffic hits a record"
    assert article.author == "Harbour Board Press Office"
    assert article.published == "2024-01-15T09:30:00"
    assert article.paragraphs == [
        "Container traffic through the port rose by a fifth last year, the harbour board said on Monday, "
        "as shipping lines moved routes away from congested hubs further south and new cranes cut the time "
        "ships wait at the quay. The board expects growth to continue this year.",
        "Dock workers welcomed the figures.",
        "The board will spend the extra income on dredging the channel so that the largest vessels can "
        "enter at low tide, starting in the spring of next year and finishing within eighteen months.",
    ]


def test_pdf_title_from_first_line_without_metadata(tmp_path: Path) -> None:
    path = tmp_path / "untitled.pdf"
    path.write_bytes(make_pdf([PAGE_ONE], {"Title": "Microsoft Word - draft3.docx"}))
    article = read(path)
    assert article.title == "Port traffic hits a record"
    assert article.author is None and article.published is None
    assert article.paragraphs[0].startswith("Container traffic")


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\nthis is not a pdf at all\n")
    with pytest.raises(ReadError, match="corrupt PDF"):
        read(path)


def test_truncated_pdf(tmp_path: Path) -> None:
    data = make_pdf([PAGE_ONE])
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(ReadError) as caught:
        read(path)
    assert "PDF" in caught.value.reason


def test_pdf_without_text(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([[]], {"Title": "Scanned page"}))
    with pytest.raises(ReadError, match="no text in this PDF"):
        read(path)


def _titled(tmp_path: Path, first_line: str, title: str) -> Path:
    path = tmp_path / "titled.pdf"
    path.write_bytes(make_pdf([[first_line, "", *PAGE_ONE[2:]]], {"Title": title}))
    return path


def test_pdf_headline_is_the_title_part_the_page_prints(tmp_path: Path) -> None:
    """A page title carries the site and section; the printed headline line may carry a date."""
    path = _titled(
        tmp_path,
        "Wednesday, 09 January 2008 Port traffic hits a record",
        "Port traffic hits a record - Shipping - Harbour Times",
    )
    assert read(path).title == "Port traffic hits a record"
    path = _titled(tmp_path, "Port traffic hits a record", "Port traffic hits a record_English_Xinhua")
    assert read(path).title == "Port traffic hits a record"


def test_pdf_title_with_markup_is_not_a_title(tmp_path: Path) -> None:
    """A page whose <title> swallowed its own markup: the PDF's title is code, not a headline."""
    path = _titled(
        tmp_path, "Port traffic hits a record", "Ports - Ne(OAS_version >= 11) document.write('<SCRIPT"
    )
    assert read(path).title == "Port traffic hits a record"
