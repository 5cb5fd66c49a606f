# ruff: noqa: RUF001  (typographic quotes and dashes are the data here)
"""Decoding by the bytes: BOMs, UTF-16, strict UTF-8, broken bytes, Latin-1 and declared charsets."""

from __future__ import annotations

from pathlib import Path

from briefing.core.ingest import decode, read
from briefing.core.ingest.encoding import looks_binary

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"
SAMPLE = "Grüße – “quoted” café, 5 €"


def test_boms() -> None:
    for codec in ("utf-8-sig", "utf-16", "utf-32"):
        assert decode(SAMPLE.encode(codec)) == SAMPLE
    assert decode(b"\xfe\xff" + SAMPLE.encode("utf-16-be")) == SAMPLE


def test_utf16_without_bom() -> None:
    assert decode("Plain English text with one ü.".encode("utf-16-le")) == "Plain English text with one ü."


def test_utf8_wins_over_a_wrong_declaration() -> None:
    assert decode(SAMPLE.encode("utf-8"), declared="ISO-8859-1") == SAMPLE


def test_latin1_and_cp1252() -> None:
    assert (
        decode("Les élèves fêtent l'été à Genève.".encode("latin-1")) == "Les élèves fêtent l'été à Genève."
    )
    assert decode(b"\x93quoted\x94 caf\xe9", declared="iso-8859-1") == "“quoted” café"


def test_other_single_byte_code_pages() -> None:
    russian = "Привет, как дела? Это тест на русском языке, который должен быть прочитан правильно."
    assert decode(russian.encode("cp1251")) == russian


def test_broken_utf8_bytes_become_replacement_characters() -> None:
    data = "Naïve café – crème brûlée".encode() + b"\xff\xfe" + b" for two"
    text = decode(data)
    assert text == "Naïve café – crème brûlée\ufffd\ufffd for two"


def test_binary_detection() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert looks_binary(bytes(range(256)) * 4)
    assert not looks_binary(b"ordinary text\n")
    assert not looks_binary("text".encode("utf-16"))


def test_fixture_files_decode() -> None:
    latin = read(FIXTURES / "latin1.txt")
    assert (latin.title, latin.source) == ("Les élèves fêtent l'été", "Le Journal")
    assert (
        latin.text == "À Genève, les élèves ont fêté la fin de l'année scolaire. Le café était offert à 5 €."
    )
    utf16 = read(FIXTURES / "utf16_bom.txt")
    assert (utf16.title, utf16.source) == ("Grüße aus Köln", "The Rhine Post")
    assert "über eine Million Menschen" in utf16.text
    broken = read(FIXTURES / "broken_utf8.txt")
    assert broken.title == "Naïve café owners"
    assert broken.source == "The Daily Clip"
    assert broken.text == "The café \ufffd\ufffd\ufffdserved crème brûlée to 40 guests."
    assert any("undecodable" in w for w in broken.warnings)
