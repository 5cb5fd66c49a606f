"""Hostile zip-packaged documents: an EPUB zip bomb is refused without inflating it, and XML
entities in a .docx never pull in a local file."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from saved_files import epub

from briefing.core.errors import ReadError
from briefing.core.ingest import read
from hardening import hostile


def _bomb(member: str, size: int) -> bytes:
    book = zipfile.ZipFile(io.BytesIO(epub("Bomb", [["A chapter."]], author="A", publisher="B", date="2020")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in book.infolist():
            if info.filename != member:
                out.writestr(info, book.read(info))
        with out.open(member, "w", force_zip64=True) as target:
            chunk = b"\0" * (1 << 20)
            for _ in range(size >> 20):
                target.write(chunk)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("size", "reason"), [(100 << 20, "a zip bomb, not a document"), (300 << 20, "inflates to")]
)
def test_epub_zip_bomb_is_refused_without_inflating(tmp_path: Path, size: int, reason: str) -> None:
    path = tmp_path / "bomb.epub"
    path.write_bytes(_bomb("OEBPS/text/c0.xhtml", size))
    assert path.stat().st_size < 2 << 20
    started = time.monotonic()
    with pytest.raises(ReadError) as caught:
        read(path)
    assert reason in caught.value.reason
    assert time.monotonic() - started < 5


def test_docx_entities_do_not_read_local_files(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(hostile.SECRET)
    document = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY s SYSTEM "file://{secret}">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        "<w:p><w:r><w:t>Harbour quay opens</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>The harbour authority said the quay opens in spring. &s;</w:t></w:r></w:p>"
        "</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        out.writestr("word/document.xml", document)
    path = tmp_path / "entities.docx"
    path.write_bytes(buffer.getvalue())
    article = read(path)
    assert article.title == "Harbour quay opens"
    assert hostile.SECRET not in article.text
