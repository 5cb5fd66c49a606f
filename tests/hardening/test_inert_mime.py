"""Hostile MIME files (.mhtml, .eml): bombs of nested or countless parts are refused quickly, and
remote references (images, style sheets, frames) are never fetched."""

from __future__ import annotations

import socket
import time
from pathlib import Path
from typing import Any, NoReturn

import pytest
from saved_files import eml, mhtml

from briefing.core.errors import ReadError
from briefing.core.ingest import read
from hardening import hostile


def _no_network(*args: Any, **kwargs: Any) -> NoReturn:
    raise AssertionError(f"network access attempted: {args!r}")


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    monkeypatch.setattr(socket.socket, "connect_ex", _no_network)
    monkeypatch.setattr(socket, "create_connection", _no_network)
    monkeypatch.setattr(socket, "getaddrinfo", _no_network)


def _nested(depth: int) -> bytes:
    head = "".join(f'Content-Type: multipart/mixed; boundary="b{i}"\r\n\r\n--b{i}\r\n' for i in range(depth))
    tail = "".join(f"\r\n--b{i}--\r\n" for i in reversed(range(depth)))
    return (
        "From: bomb@example.org\r\nSubject: nested\r\nMIME-Version: 1.0\r\n"
        + head
        + "Content-Type: text/plain\r\n\r\nThe harbour quay opens.\r\n"
        + tail
    ).encode()


def _wide(parts: int) -> bytes:
    body = "".join(f"--w\r\nContent-Type: text/plain\r\n\r\npart {n}\r\n" for n in range(parts))
    return (
        "From: bomb@example.org\r\nSubject: wide\r\nMIME-Version: 1.0\r\n"
        f'Content-Type: multipart/mixed; boundary="w"\r\n\r\n{body}--w--\r\n'
    ).encode()


@pytest.mark.parametrize("suffix", [".eml", ".mhtml"])
@pytest.mark.parametrize(
    ("bomb", "reason"),
    [(_nested(5000), "too many nested MIME parts"), (_wide(200_000), "too many MIME parts")],
)
def test_mime_bombs_are_refused_quickly(tmp_path: Path, suffix: str, bomb: bytes, reason: str) -> None:
    path = tmp_path / f"bomb{suffix}"
    path.write_bytes(bomb)
    started = time.monotonic()
    with pytest.raises(ReadError, match=reason):
        read(path)
    assert time.monotonic() - started < 5


def test_remote_references_in_mhtml_and_eml_are_never_fetched(tmp_path: Path) -> None:
    page = hostile.HOSTILE_HTML.encode()
    saved = tmp_path / "page.mhtml"
    saved.write_bytes(mhtml(page, "https://tracker.example.invalid/page", images=3))
    mail = tmp_path / "mail.eml"
    mail.write_bytes(eml("Harbour quay opens", "Harbour News <news@example.invalid>", html=page))
    for path in (saved, mail):
        article = read(path)
        assert "quayside will host a market" in article.text
        for debris in ("INJECTED", "alert", "fetch", "document.write", "@import"):
            assert debris not in article.text
