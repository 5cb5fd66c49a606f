"""The set-based matcher finds exactly the documents Whoosh's docs_for_query finds, deletions included."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from briefing.core.library import Library
from briefing.core.library import query as parsing
from briefing.core.library.matches import matching_docs

QUERIES = [
    "harbour",
    "harbour lisbon",
    "lisbon OR porto",
    "harbour NOT porto",
    "harbour AND NOT (lisbon OR madrid)",
    "title:news",
    '"harbour news"',
    "harb*",
    "harbour ANDMAYBE porto",
    "nothingatall",
    "date:[2024-01-01 to 2024-12-31]",
]


@pytest.fixture()
def index_dir(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    root.mkdir()
    # 300 short articles over several commits (several segments), then deletions in old segments.
    for n in range(300):
        town = ("Lisbon", "Porto", "Madrid")[n % 3]
        words = "harbour news" if n % 2 else "market report"
        (root / f"a{n:03d}.txt").write_text(
            f"News {n}\nDate: 2024-03-{n % 28 + 1:02d}\n\n{words} from {town}.\n"
        )
    with Library(tmp_path / "index") as lib:
        lib.settings.commit_docs = 70
        lib.settings.commit_seconds = 3600  # commits by count only, not by the machine's speed
        lib.settings.small_segment = 1  # and the end of the run folds none of them together
        lib.settings.analysis_batch = 10
        lib.update([root])
        for n in range(0, 300, 7):
            (root / f"a{n:03d}.txt").unlink()
        lib.update([root])
        assert lib.count() == 300 - len(range(0, 300, 7))
    return tmp_path / "index"


def test_matching_docs_equals_docs_for_query(index_dir: Path) -> None:
    ix = whoosh_index.open_dir(str(index_dir))
    parser = parsing.make_parser(ix.schema)
    with ix.searcher() as searcher:
        assert not searcher.is_atomic()
        assert any(r.has_deletions() for r, _ in searcher.reader().leaf_readers())
        for text in QUERIES:
            q = parsing.parse(parser, text)
            expected = set(searcher.docs_for_query(q))
            found = matching_docs(searcher, q).tolist()
            # The same documents, ascending, each once.
            assert found == sorted(expected), text
            if text != "nothingatall":
                assert expected, text
    ix.close()
