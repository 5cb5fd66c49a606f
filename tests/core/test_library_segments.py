"""A long run commits further and further apart, and the end of a run never rewrites the big segments.

Whoosh merges cost about three times what writing the documents did, so how a run commits and what it
folds at the end decides whether indexing stays linear in the library's size (benchmarks/bench_scale.py).
"""

from __future__ import annotations

from pathlib import Path

from whoosh import index as whoosh_index

from briefing.core.library import IndexerSettings, Library


def _write(folder: Path, start: int, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(start, start + count):
        (folder / f"{n:03d}.txt").write_text(f"Report {n}\n\nThe zebra{n} crossed the river.\n", "utf-8")


def _segments(index: Path) -> dict[str, int]:
    """Segment id -> documents, of the index as committed."""
    with whoosh_index.open_dir(str(index)).reader() as reader:
        return {leaf.segment().segment_id(): leaf.doc_count_all() for leaf, _ in reader.leaf_readers()}


def test_a_run_writes_segments_that_double_and_folds_only_the_small_ones(tmp_path: Path) -> None:
    index = tmp_path / "index"
    settings = IndexerSettings(commit_docs=5, commit_seconds=3600, analysis_batch=5, small_segment=5)
    _write(tmp_path / "a", 0, 100)
    with Library(index, settings=settings) as library:
        report = library.update([tmp_path / "a"])
        assert report.added == 100 and library.count() == 100
    # Commits after 5, 5, 10, 20 and 40 documents, then the last 20: the end of the run folds the
    # segments under an eighth of the library (5, 5, 10) into the last one and leaves 20 and 40 alone.
    sizes = _segments(index)
    assert sorted(sizes.values()) == [20, 40, 40]

    _write(tmp_path / "a", 100, 1)
    with Library(index, settings=settings) as library:
        assert library.update().added == 1
        assert library.searcher().search("zebra100").total == 1
    after = _segments(index)
    kept = {s: n for s, n in sizes.items() if n == 40}
    assert kept.items() <= after.items()  # the two big segments were not rewritten for one article
    assert sum(after.values()) == 101


def test_a_small_library_still_ends_a_run_in_one_segment(tmp_path: Path) -> None:
    index = tmp_path / "index"
    _write(tmp_path / "a", 0, 60)
    settings = IndexerSettings(commit_docs=5, commit_seconds=3600, analysis_batch=5)
    with Library(index, settings=settings) as library:
        library.update([tmp_path / "a"])
    assert list(_segments(index).values()) == [60]  # every segment is under the default small size
