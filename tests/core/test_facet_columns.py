"""The writer saves each segment's facet columns beside the index; searchers read them, not the postings."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from test_library_facets import capitals, write
from whoosh import index as whoosh_index

from briefing.core.library import IndexerSettings, Library, facet_columns


def _live_segments(index: Path) -> set[str]:
    with whoosh_index.open_dir(str(index)).reader() as reader:
        return {leaf.segment().segment_id() for leaf, _ in reader.leaf_readers()}


def _saved(index: Path) -> set[str]:
    return {p.name.removesuffix(".npz") for p in (index / facet_columns.FOLDER).iterdir()}


def _library(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "articles"
    for n in range(30):
        write(root / f"a{n:02d}.txt", "Harbour news from Lisbon" + (" and Porto." if n % 3 else "."))
    return root, tmp_path / "index"


def test_every_segment_has_its_columns_and_they_equal_the_postings(tmp_path: Path) -> None:
    root, index = _library(tmp_path)
    settings = IndexerSettings(commit_docs=5, commit_seconds=3600, analysis_batch=5, small_segment=2)
    with Library(index, settings=settings) as lib:
        lib.update([root], analyser=capitals)
        assert len(_live_segments(index)) > 1
        assert _saved(index) == _live_segments(index)
        with whoosh_index.open_dir(str(index)).reader() as reader:
            for leaf, _ in reader.leaf_readers():
                segment_id = leaf.segment().segment_id()
                loaded = facet_columns.load(index, segment_id, leaf.doc_count_all())
                assert loaded is not None
                for key, column in facet_columns.read_columns(leaf).items():
                    assert loaded[key].names == column.names
                    assert np.array_equal(loaded[key].docs, column.docs)
                    assert np.array_equal(loaded[key].values, column.values)
        assert lib.searcher().search("harbour").facets["org"] == {"Harbour": 30, "Lisbon": 30, "Porto": 20}

        # A later run folds small segments: the columns of the segments gone go with them.
        write(root / "b.txt", "Harbour talks in Madrid.")
        lib.update(analyser=capitals)
        assert _saved(index) == _live_segments(index)
        assert lib.searcher().search("harbour").facets["org"]["Madrid"] == 1


def test_a_damaged_columns_file_is_not_believed(tmp_path: Path) -> None:
    root, index = _library(tmp_path)
    with Library(index) as lib:
        lib.update([root], analyser=capitals)
        (segment,) = _live_segments(index)
        saved = index / facet_columns.FOLDER / f"{segment}.npz"
        saved.write_bytes(saved.read_bytes()[:100])
        assert facet_columns.load(index, segment, 30) is None
        # The searcher falls back to the postings: the counts are still right.
        assert lib.searcher().search("harbour").facets["org"]["Porto"] == 20
        # Saved for another number of documents: not this segment's.
        with whoosh_index.open_dir(str(index)).reader() as reader:
            facet_columns.save(index, segment, 29, facet_columns.read_columns(reader))
        assert facet_columns.load(index, segment, 30) is None
