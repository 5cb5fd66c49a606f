"""The writer saves each segment's word postings beside the index; searchers read them, not its blocks."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import numpy as np
from test_library_facets import capitals, write
from whoosh import index as whoosh_index
from whoosh.qparser import QueryParser

from briefing.core.library import IndexerSettings, Library, postings_file


def _live_segments(index: Path) -> set[str]:
    with whoosh_index.open_dir(str(index)).reader() as reader:
        return {leaf.segment().segment_id() for leaf, _ in reader.leaf_readers()}


def _saved(index: Path) -> set[str]:
    return {p.name.removesuffix(".bin") for p in (index / postings_file.FOLDER).iterdir()}


def _library(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "articles"
    for n in range(30):
        write(root / f"a{n:02d}.txt", "Harbour news from Lisbon" + (" and Porto." if n % 3 else "."))
    return root, tmp_path / "index"


def test_every_segment_has_its_postings_and_a_run_with_nothing_new_writes_missing_ones(
    tmp_path: Path,
) -> None:
    root, index = _library(tmp_path)
    settings = IndexerSettings(commit_docs=5, commit_seconds=3600, analysis_batch=5, small_segment=2)
    with Library(index, settings=settings) as lib:
        lib.update([root], analyser=capitals)
        assert len(_live_segments(index)) > 1
        assert _saved(index) == _live_segments(index)
        with whoosh_index.open_dir(str(index)).reader() as reader:
            for leaf, _ in reader.leaf_readers():
                saved = postings_file.load(index, leaf)
                assert saved is not None
                assert "body" in saved.fields and "path" not in saved.fields
                docs, weights = saved.postings("body", b"harbour")
                assert docs.tolist() == list(leaf.postings("body", b"harbour").all_ids())
                assert weights.tolist() == [1.0] * len(docs)
                docs, _ = saved.postings("body", b"nothingatallhere")
                assert len(docs) == 0
                assert saved.postings("path", b"anything") is None  # not saved: read from Whoosh
        assert lib.searcher().search("porto").total == 20

        # A run with nothing new writes the files missing (a library indexed before they existed).
        first = sorted(_saved(index))[0]
        (index / postings_file.FOLDER / f"{first}.bin").unlink()
        lib.update(analyser=capitals)
        assert _saved(index) == _live_segments(index)

        # A later run folds small segments: the files of the segments gone go with them.
        write(root / "b.txt", "Harbour talks in Madrid.")
        lib.update(analyser=capitals)
        assert _saved(index) == _live_segments(index)
        assert lib.searcher().search("harbour").total == 31


def test_a_damaged_or_stale_postings_file_is_not_believed(tmp_path: Path) -> None:
    root, index = _library(tmp_path)
    with Library(index) as lib:
        lib.update([root], analyser=capitals)
        (segment,) = _live_segments(index)
        saved = index / postings_file.FOLDER / f"{segment}.bin"
        whole = saved.read_bytes()
        with whoosh_index.open_dir(str(index)).reader() as reader:
            assert postings_file.load(index, reader) is not None
            saved.write_bytes(whole[: len(whole) // 2])  # cut short
            assert postings_file.load(index, reader) is None
            saved.write_bytes(b"")
            assert postings_file.load(index, reader) is None
            saved.write_bytes(whole.replace(segment.encode(), b"x" * len(segment)))  # another segment's
            assert postings_file.load(index, reader) is None
        # The searcher falls back to Whoosh's blocks: the counts are still right.
        assert lib.searcher().search("porto").total == 20


def test_a_file_of_other_postings_under_this_segments_name_is_not_believed(tmp_path: Path) -> None:
    root, index = _library(tmp_path)
    other_root, other_index = tmp_path / "other", tmp_path / "other-index"
    for n in range(30):
        write(other_root / f"o{n:02d}.txt", "Airport news from Madrid.")
    with Library(index) as lib, Library(other_index) as other:
        lib.update([root], analyser=capitals)
        other.update([other_root], analyser=capitals)
        (segment,) = _live_segments(index)
        (other_segment,) = _live_segments(other_index)
        # Same number of documents, the segment id patched to this one's: its terms give it away.
        stale = (other_index / postings_file.FOLDER / f"{other_segment}.bin").read_bytes()
        target = index / postings_file.FOLDER / f"{segment}.bin"
        shutil.copy(target, tmp_path / "kept.bin")
        target.write_bytes(stale.replace(other_segment.encode(), segment.encode()))
        with whoosh_index.open_dir(str(index)).reader() as reader:
            assert postings_file.load(index, reader) is None
        assert lib.searcher().search("porto").total == 20
        assert lib.searcher().search("airport").total == 0


def test_a_file_of_the_older_version_is_not_read_and_is_written_again(tmp_path: Path) -> None:
    """A library whose files were written before they held positions (version 1): searchers read
    Whoosh's blocks, and the next run, even with nothing new, writes them again."""
    root, index = _library(tmp_path)
    with Library(index) as lib:
        lib.update([root], analyser=capitals)
        (segment,) = _live_segments(index)
        target = index / postings_file.FOLDER / f"{segment}.bin"
        current = target.read_bytes()
        older = current[:8] + struct.pack("<q", 1) + current[16:]
        target.write_bytes(older)
        assert not postings_file.is_current(target)
        with whoosh_index.open_dir(str(index)).reader() as reader:
            assert postings_file.load(index, reader) is None
        assert lib.searcher().search('"news from lisbon"').total == 30
        lib.update(analyser=capitals)
        assert postings_file.is_current(target)
        assert target.read_bytes() == current
        with whoosh_index.open_dir(str(index)).reader() as reader:
            saved = postings_file.load(index, reader)
            assert saved is not None and "body" in saved.positioned


def test_positions_past_what_two_bytes_hold(tmp_path: Path) -> None:
    """An article of 70,000 words: its segment's positions are saved four bytes wide, and a phrase
    at its end is found from the file as Whoosh finds it."""
    root = tmp_path / "articles"
    filler = " ".join(f"w{n % 500}x" for n in range(70_000))
    write(root / "long.txt", f"{filler} harbour talks ended late. Harbour talks again.")
    write(root / "short.txt", "Harbour talks in Lisbon.")
    index = tmp_path / "index"
    with Library(index) as lib:
        lib.update([root], analyser=capitals)
        with whoosh_index.open_dir(str(index)).reader() as reader:
            saved = postings_file.load(index, reader)
            assert saved is not None
            positions = saved.positions("body", b"end")
            assert positions is not None and positions.deltas.dtype == np.uint32
            found, counts = positions.of(np.arange(len(positions.counts), dtype=np.int64))
            expected = list(reader.postings("body", b"end").items_as("positions"))
            assert [int(c) for c in counts] == [len(p) for _, p in expected]
            assert found.tolist() == [p for _, ps in expected for p in ps]
            assert max(found.tolist()) > 65_535
        searcher = lib.searcher()
        for text in ('"talks ended late"', '"harbour talks"', '"ended harbour"'):
            result = searcher.search(text, limit=10)
            whoosh = searcher._current()
            plain = whoosh.search(QueryParser("body", whoosh.schema).parse(text), limit=None)
            assert [(h.path, h.score) for h in result.hits] == [
                (hit["path"], hit.score) for hit in plain
            ], text
        assert searcher.search('"talks ended late"').total == 1
        assert searcher.search('"harbour talks"').total == 2


def test_an_open_searcher_takes_up_a_file_written_after_it_found_none(tmp_path: Path) -> None:
    """A searcher that met an older version's file (or none) reads the file the next run writes,
    without being opened again (the app keeps its searcher across updates that change nothing)."""
    root, index = _library(tmp_path)
    with Library(index) as lib:
        lib.update([root], analyser=capitals)
        (segment,) = _live_segments(index)
        target = index / postings_file.FOLDER / f"{segment}.bin"
        target.write_bytes(target.read_bytes()[:8] + struct.pack("<q", 1) + target.read_bytes()[16:])
        searcher = lib.searcher()
        assert searcher.search("porto").total == 20
        with whoosh_index.open_dir(str(index)).reader() as reader:
            assert searcher._postings.of(reader) is None
            lib.update(analyser=capitals)  # nothing new: the file is written again
            assert postings_file.is_current(target)
            saved = searcher._postings.of(reader)
            assert saved is not None and "body" in saved.positioned
        assert searcher.search("porto").total == 20


def test_a_newer_versions_file_is_left_alone_and_not_read(tmp_path: Path) -> None:
    root, index = _library(tmp_path)
    with Library(index) as lib:
        lib.update([root], analyser=capitals)
        (segment,) = _live_segments(index)
        target = index / postings_file.FOLDER / f"{segment}.bin"
        newer = target.read_bytes()[:8] + struct.pack("<q", 99) + target.read_bytes()[16:]
        target.write_bytes(newer)
        with whoosh_index.open_dir(str(index)).reader() as reader:
            assert postings_file.load(index, reader) is None
        assert lib.searcher().search("porto").total == 20
        lib.update(analyser=capitals)
        assert target.read_bytes() == newer


def test_a_term_whose_saved_document_numbers_are_damaged_is_read_from_whoosh(tmp_path: Path) -> None:
    # Document numbers are checked a term at a time as they are read (opening the file reads none
    # of them): one term's damaged numbers send that term to Whoosh's blocks, the others stay saved.
    root, index = _library(tmp_path)
    with Library(index) as lib:
        lib.update([root], analyser=capitals)
        (segment,) = _live_segments(index)
        saved_path = index / postings_file.FOLDER / f"{segment}.bin"
        with whoosh_index.open_dir(str(index)).reader() as reader:
            saved = postings_file.load(index, reader)
            assert saved is not None
            found = saved.postings("body", b"porto")
            assert found is not None
            porto = found[0].astype("<i4").tobytes()
            saved.close()
            whole = saved_path.read_bytes()
            assert porto in whole  # (in each field that has the word, the same numbers)
            damaged = np.frombuffer(porto, dtype="<i4").copy()
            damaged[-1] = reader.doc_count_all() + 5
            saved_path.write_bytes(whole.replace(porto, damaged.tobytes()))
            saved = postings_file.load(index, reader)
            assert saved is not None
            assert saved.postings("body", b"porto") is None
            assert saved.postings("body", b"lisbon") is not None
            saved.close()
        assert lib.searcher().search("porto").total == 20
        assert lib.searcher().search("lisbon").total == 30
