"""Hostile HTML is inert while reading: no connection, no local file pulled in, no script text kept."""

from __future__ import annotations

import socket
import time
from pathlib import Path
from typing import Any, NoReturn

import pytest

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


def test_the_network_guard_is_real() -> None:
    with pytest.raises(AssertionError, match="network access attempted"):
        socket.create_connection(("127.0.0.1", 9))


def test_scripts_trackers_frames_and_refresh_are_dropped(tmp_path: Path) -> None:
    page = tmp_path / "trackers.html"
    page.write_text(hostile.HOSTILE_HTML, encoding="utf-8")
    article = read(page)
    assert article.title == "Harbour quay opens"
    assert "quayside will host a market" in article.text
    for debris in (
        "INJECTED",
        "alert",
        "fetch",
        "tracker.invalid",
        "document.write",
        "@import",
        "background",
    ):
        assert debris not in article.text and debris not in article.title


def test_entities_and_xinclude_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    root = tmp_path / "lib"
    hostile.build(root, secret)
    article = read(root / "entities.html")
    assert hostile.SECRET not in article.text and "lol" not in article.text
    assert "harbour authority" in article.text


@pytest.mark.parametrize(
    ("opening", "closing"), [("<div>", "</div>"), ("<span><b>", ""), ("<table><tr><td>", "")]
)
def test_deep_nesting_is_handled_in_bounded_time(tmp_path: Path, opening: str, closing: str) -> None:
    page = tmp_path / "deep.html"
    story = "The harbour authority said on Tuesday that the new quay would open in spring. " * 3
    page.write_text(f"<html><body>{opening * 50_000}<p>{story}</p>{closing * 50_000}</body></html>")
    started = time.monotonic()
    try:
        article = read(page)
    except ReadError as error:  # text nested beyond the parser's depth limit: a clean skip
        assert error.reason == "no article text found in this page"
    else:
        assert "harbour" in article.text
    assert time.monotonic() - started < 20
