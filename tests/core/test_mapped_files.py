"""The index's mapped files give their resident pages back (Linux: read in /proc/self/smaps)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from test_library_facets import capitals, write

from briefing.core.library import Library
from briefing.core.library.mapped_files import give_back_mapped_pages
from tests.resident_pages import resident_kb

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/smaps")


def test_the_pages_a_search_read_are_given_back_and_read_again_as_needed(tmp_path: Path) -> None:
    root, index = tmp_path / "articles", tmp_path / "index"
    for n in range(40):
        write(root / f"a{n:02d}.txt", f"Harbour news from Lisbon, number {n}. " * 40)
    with Library(index) as lib:
        lib.update([root], analyser=capitals)
        searcher = lib.searcher()
        first = searcher.search("harbour lisbon", limit=40)
        assert first.total == 40
        assert resident_kb(index) > 0  # segment and postings pages read by the search
        assert give_back_mapped_pages() >= 2  # the segment file and its postings file at least
        assert resident_kb(index) == 0
        # Nothing is lost: the same searcher reads the same answer, faulting pages in again.
        again = searcher.search("harbour lisbon", limit=40)
        assert [h.path for h in again.hits] == [h.path for h in first.hits]
        assert [h.snippet for h in again.hits] == [h.snippet for h in first.hits]
        assert resident_kb(index) > 0
        searcher.close()
    # A closed searcher's mappings are gone; giving back skips them without an error.
    give_back_mapped_pages()
    assert resident_kb(index) == 0
