"""The fast exact-phrase matcher finds what Whoosh's own phrase matcher finds, with the same scores."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh import query as wq

from briefing.core.library import Library
from briefing.core.library import query as parsing

PHRASES = [
    '"prime minister"',
    '"said the"',  # a stop word inside: dropped by the analyser on both sides
    '"told the bbc"',
    '"last year"',
    '"chief executive officer"',
    'title:"gordon brown"',
    '"interest rates" AND bank',
    '"prime minister"~3',  # a sloppy phrase keeps Whoosh's own matcher
    '"no such phrase anywhere"',
]


@pytest.fixture(scope="module")
def bbc_index(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("phrases")
    root = base / "bbc"
    root.mkdir()
    for source in sorted((shared_dir / "corpus" / "bbc").glob("bbc_*.txt"))[::5]:
        shutil.copy2(source, root / source.name)
    with Library(base / "index") as lib:
        lib.settings.commit_docs = 100  # several segments:
        lib.settings.commit_seconds = 3600  # commits by count, not by the machine's speed
        lib.settings.small_segment = 1  # none folded together at the end of the run
        assert lib.update([root]).added == 445
    return base / "index"


@pytest.mark.parametrize("text", PHRASES)
def test_fast_phrases_match_whoosh_phrases(bbc_index: Path, text: str) -> None:
    ix = whoosh_index.open_dir(str(bbc_index))
    parser = parsing.make_parser(ix.schema)
    fast = parsing.parse(parser, text)
    stock = parser.parse(text).normalize()
    leaves = list(fast.leaves())
    assert any(isinstance(leaf, parsing.FastPhrase) for leaf in leaves)
    assert not any(isinstance(leaf, parsing.FastPhrase) for leaf in stock.leaves())
    with ix.searcher() as searcher:
        mine = [(hit.docnum, round(hit.score, 9)) for hit in searcher.search(fast, limit=None)]
        theirs = [(hit.docnum, round(hit.score, 9)) for hit in searcher.search(stock, limit=None)]
    ix.close()
    assert mine == theirs


def test_a_phrase_is_still_a_phrase(bbc_index: Path) -> None:
    with Library(bbc_index) as lib:
        searcher = lib.searcher()
        assert isinstance(searcher.parse('body:"prime minister"'), parsing.FastPhrase)
        both = searcher.search("last year", limit=500).total
        adjacent = searcher.search('"last year"', limit=500).total
        reversed_ = searcher.search('"year last"', limit=500).total
        assert 0 < reversed_ < adjacent < both
        assert isinstance(searcher.parse('"year last"'), wq.Or)
