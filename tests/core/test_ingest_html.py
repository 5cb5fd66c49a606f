# ruff: noqa: RUF001  (typographic quotes and dashes are the data here)
"""Saved web pages: metadata, main text, charset lies, broken markup, bounded work, no network."""

from __future__ import annotations

import importlib.util
import json
import socket
import time
from pathlib import Path
from types import ModuleType

import pytest

from briefing.core.errors import ReadError
from briefing.core.ingest import read

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"

# A handful of L3S-GN1 pages: two that declare ISO-8859-1 while being UTF-8 and ones that are
# mangled (an unclosed <title> swallows the page; a stray quote in the <html> tag).
L3S_SAMPLE = [
    "01ccc7c5-a1d1-46e1-a5f7-43310df16575",
    "082e02bd-40d9-40d2-9ab5-61cac83db2c1",
    "ce6830ee-9292-4855-be7b-c5fe64d347b2",
    "19956250-1bc8-4f9d-b8de-8fb525e22f3c",
    "907e52d9-4df4-46d0-86ff-911dacc1e94b",
    "e255c4b2-79a0-4bab-a66b-91a7f8649110",
]


def test_page_metadata_and_main_text() -> None:
    article = read(FIXTURES / "page_declares_latin1.html")
    assert article.format == "html"
    assert article.title == "Café owners welcome Zürich’s new trams"
    assert article.source == "The Lakeside Herald"
    assert article.author == "Anna Müller"
    assert article.published == "2024-02-14"
    assert article.url == "https://lakeside.example/news/zurich-trams"
    assert len(article.paragraphs) == 3
    assert article.paragraphs[1].startswith(
        "“We served twice as many coffees as last February,” said Jürg Weber"
    )
    for junk in ("INJECTED", "tracker", "Related stories", "Bus fares", "All rights reserved", "Home"):
        assert junk not in article.text
    assert "Ã" not in article.text  # UTF-8 bytes were not read as the declared ISO-8859-1


def test_page_is_read_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the HTML reader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    article = read(FIXTURES / "page_declares_latin1.html")
    assert "48,000 passengers" in article.text


def test_unclosed_title_does_not_swallow_the_page(tmp_path: Path) -> None:
    path = tmp_path / "mangled.html"
    body = "".join(
        f"<p>Paragraph {i} of the story says something long enough to count as text here.</p>"
        for i in range(6)
    )
    path.write_text(
        f"<html><head><title>Storm hits coast\nfunction x() {{}}\n</head><body>{body}</body></html>",
        encoding="utf-8",
    )
    article = read(path)
    assert article.title.startswith("Storm hits coast")
    assert "Paragraph 5 of the story" in article.text


def test_deeply_nested_page_is_bounded(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    text = "<p>The council met on Monday and agreed a budget for the coming year after a long debate.</p>"
    path.write_text(
        "<html><body>" + text + "<div>" * 100_000 + "deep" + "</div>" * 100_000 + "</body></html>",
        encoding="utf-8",
    )
    start = time.perf_counter()
    article = read(path)
    assert time.perf_counter() - start < 20
    assert "agreed a budget" in article.text


def test_huge_page_uses_the_bounded_path(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    paragraph = (
        "<p>" + "Residents said the new bridge had cut their journey times considerably. " * 3 + "</p>"
    )
    path.write_text("<html><body>" + paragraph * 30_000 + "</body></html>", encoding="utf-8")
    start = time.perf_counter()
    article = read(path)
    assert time.perf_counter() - start < 30
    assert article.paragraphs
    assert any("too large for full extraction" in w for w in article.warnings)


def test_page_without_text(tmp_path: Path) -> None:
    path = tmp_path / "empty_page.htm"
    path.write_text(
        "<html><head><script>var a = 1;</script></head><body><nav><a href='/'>Home</a></nav></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(ReadError, match="no article text"):
        read(path)


def _scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "score_extraction", shared / "tools" / "score_extraction.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _f1(scorer: ModuleType, truth: str, predicted: str) -> float:
    counts = scorer.page_counts(truth, predicted)
    p, r = scorer.precision(*counts), scorer.recall(*counts)
    return 2 * p * r / (p + r) if p + r else 0.0


@pytest.mark.shared
def test_l3s_pages_close_to_ground_truth(shared_dir: Path) -> None:
    corpus = shared_dir / "corpus" / "html-l3s-gn1"
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    scorer = _scorer(shared_dir)
    scores = {}
    for stem in L3S_SAMPLE:
        article = read(corpus / "original" / f"{stem}.html")
        scores[stem] = _f1(scorer, truth[stem]["articleBody"], article.text)
    assert min(scores.values()) >= 0.75, scores
    assert sum(scores.values()) / len(scores) >= 0.9, scores


@pytest.mark.shared
def test_l3s_pages_declaring_latin1_decode_as_utf8(shared_dir: Path) -> None:
    pages = sorted((shared_dir / "corpus" / "html-l3s-gn1" / "original").glob("*.html"))
    checked = 0
    for page in pages:
        data = page.read_bytes()
        if b"charset=iso-8859-1" not in data[:4000].lower() or not any(b > 0x7F for b in data):
            continue
        article = read(page)
        assert "Ã" not in article.text and "â€" not in article.text, page.name
        checked += 1
        if checked == 8:
            break
    assert checked == 8
