"""The top hits of a word search are the best-scoring articles, exactly (real BBC articles)."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from whoosh import collectors
from whoosh import query as wq

from briefing.core.library import Library


@pytest.fixture(scope="module")
def bbc_library(
    shared_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Library, list[str]]]:
    """600 BBC articles in one index (one segment of under 5,000 articles), and queries of title words."""
    source = shared_dir / "corpus" / "bbc"
    with open(source / "MANIFEST.tsv", encoding="utf-8") as handle:
        titles = {row["file"]: row["title"] for row in csv.DictReader(handle, delimiter="\t")}
    root = tmp_path_factory.mktemp("ranking")
    folder = root / "bbc"
    folder.mkdir()
    names = sorted(titles)[::3][:600]
    for name in names:
        shutil.copy(source / name, folder / name)
    queries = []
    for name in names[::10]:
        words = [w for w in titles[name].split() if w.isalpha() and len(w) > 3]
        if len(words) >= 2:
            queries.append(" ".join(words[:2]).lower())
        if words:
            queries.append(words[0].lower())
    with Library(root / "index") as library:
        library.update([folder])
        yield library, queries


def _nodes(q: wq.Query) -> Iterator[wq.Query]:
    yield q
    for child in q.children():
        yield from _nodes(child)


def test_top_hits_equal_an_exhaustive_ranking(bbc_library: tuple[Library, list[str]]) -> None:
    library, queries = bbc_library
    searcher = library.searcher()
    whoosh = searcher._current()
    compared = 0
    for text in queries:
        parsed = searcher.parse(text)
        # Every Or is a plain binary union (not Whoosh's ArrayUnionMatcher, which can miss a hit).
        unions = [q for q in _nodes(parsed) if isinstance(q, wq.Or)]
        assert unions and all(q.matcher_type == wq.Or.DEFAULT_MATCHER for q in unions)
        every = collectors.TopCollector(10, usequality=False)  # scores every match, skips nothing
        whoosh.search_with_collector(parsed, every)
        exact = [(h.fields()["path"], round(h.score, 9)) for h in every.results()]
        found = searcher.search(text, limit=10, facets=False)
        assert [(h.path, round(h.score, 9)) for h in found.hits] == exact, text
        compared += bool(exact)
    assert compared > 50
