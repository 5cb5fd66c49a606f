"""Files that cannot be read give a clear reason; readable ones are never written to."""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

import pytest

from briefing.core.errors import ReadError
from briefing.core.ingest import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES, read

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


def _reason(path: Path, **kwargs: int) -> str:
    with pytest.raises(ReadError) as caught:
        read(path, **kwargs)
    assert caught.value.path == str(path.absolute())
    return caught.value.reason


def test_supported_suffixes_and_default_limit() -> None:
    kinds = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".mhtml", ".mht", ".eml"}
    assert kinds <= SUPPORTED_SUFFIXES
    assert DEFAULT_MAX_BYTES >= 8 * 1024 * 1024


def test_unsupported_type(tmp_path: Path) -> None:
    path = tmp_path / "notes.pages"
    path.write_bytes(b"PK\x03\x04")
    assert "not a supported file type (.pages)" in _reason(path)


def test_binary_junk_named_txt() -> None:
    assert _reason(FIXTURES / "binary_junk.txt") == "binary data, not text"


def test_binary_junk_named_html(tmp_path: Path) -> None:
    path = tmp_path / "image.html"
    path.write_bytes((FIXTURES / "binary_junk.txt").read_bytes())
    assert _reason(path) == "binary data, not text"


def test_empty_file() -> None:
    assert "empty" in _reason(FIXTURES / "empty.txt")


def test_whitespace_only(tmp_path: Path) -> None:
    path = tmp_path / "blank.md"
    path.write_text(" \n\n\t \n", encoding="utf-8")
    assert "empty" in _reason(path)


def test_too_large_says_size_limit_and_how_to_raise(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Headline\n\n" + "word " * 600, encoding="utf-8")
    reason = _reason(path, max_bytes=1024)
    assert reason.startswith("too large")
    assert "2.9 KB" in reason and "1.0 KB" in reason
    assert "raised" in reason
    assert read(path, max_bytes=10_000).title == "Headline"


def test_directory_named_like_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "x.txt"
    folder.mkdir()
    assert _reason(folder) == "a directory, not a file"


def test_symlink_loop(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    assert "symbolic link loop" in _reason(a)


def test_missing_file(tmp_path: Path) -> None:
    assert "not found" in _reason(tmp_path / "gone.md")


def test_fifo_is_not_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert "not a regular file" in _reason(fifo)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without permission")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Title\n\nBody.\n", encoding="utf-8")
    path.chmod(0)
    try:
        reason = _reason(path)
    finally:
        path.chmod(0o600)
    assert reason.startswith("unreadable:") and "ermission" in reason


def _fingerprint(folder: Path) -> dict[str, tuple[str, int, int]]:
    out = {}
    for path in sorted(folder.iterdir()):
        info = path.stat()
        out[path.name] = (hashlib.sha256(path.read_bytes()).hexdigest(), info.st_mtime_ns, info.st_size)
    return out


def test_readers_never_write(tmp_path: Path) -> None:
    before = _fingerprint(FIXTURES)
    for path in sorted(FIXTURES.iterdir()):
        with contextlib.suppress(ReadError):
            read(path)
    assert _fingerprint(FIXTURES) == before
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(before)
