"""Index files are read through mmap without copies, and every reader is closed when it is replaced."""

from __future__ import annotations

import gc
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.core.library import IndexerSettings, Library
from briefing.core.library.recovery import MappedFile, _map
from briefing.core.library.search import SearcherClosed


def _index_fds(index: Path) -> list[str]:
    """Targets of this process's file descriptors that lie in ``index`` (mapped files keep one each)."""
    out = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(index)):
            out.append(target)
    return out


def _write(folder: Path, start: int, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(start, start + count):
        (folder / f"{n:03d}.txt").write_text(f"Report {n}\n\nThe zebra{n} crossed the river.\n", "utf-8")


@pytest.fixture
def no_gc() -> Iterator[None]:
    """Nothing may be left for the garbage collector to close."""
    gc.collect()
    gc.disable()
    yield
    gc.enable()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_replaced_and_closed_readers_release_their_files(tmp_path: Path, no_gc: None) -> None:
    index = tmp_path / "index"
    library = Library(index, settings=IndexerSettings(commit_docs=5))
    _write(tmp_path / "a", 0, 12)
    library.update([tmp_path / "a"])
    searcher = library.searcher()
    assert searcher.search("river").total == 12
    held = _index_fds(index)
    assert held and all(" (deleted)" not in t for t in held)
    for round_ in range(3):  # each update commits new segments and deletes the merged ones
        _write(tmp_path / "a", 12 + 4 * round_, 4)
        library.update()
        assert searcher.search("river").total == 16 + 4 * round_
        # The replaced generation was closed: nothing deleted by the merge is still mapped.
        assert all(" (deleted)" not in t and Path(t).exists() for t in _index_fds(index))
    library.close()
    assert _index_fds(index) == []
    with pytest.raises(SearcherClosed):
        searcher.search("river")
    with pytest.raises(SearcherClosed):  # a late call does not open the index again
        library.searcher().count()
    assert _index_fds(index) == []


@given(st.binary(max_size=300), st.lists(st.tuples(st.integers(0, 320), st.integers(-1, 40)), max_size=8))
def test_a_mapped_file_reads_like_a_real_file(tmp_path_factory: pytest.TempPathFactory, data: bytes,
                                              reads: list[tuple[int, int]]) -> None:
    path = tmp_path_factory.mktemp("mapped") / "part"
    path.write_bytes(data + b"\nsecond line\n")
    whole = path.read_bytes()
    mapped = _map(str(path), "part")
    expected = io.BytesIO(whole)
    for position, size in reads:
        mapped.seek(position)
        expected.seek(position)
        assert mapped.read(size) == expected.read(size)
        assert mapped.readline() == expected.readline()
        assert mapped.tell() == expected.tell()
        assert mapped.get(position, max(size, 0)) == whole[position : position + max(size, 0)]
    if isinstance(mapped, MappedFile):
        part = mapped.subset(1, 10)
        assert part.read() == whole[1:11]
        part.close()
    mapped.close()


def test_an_empty_file_can_be_opened(tmp_path: Path) -> None:
    (tmp_path / "empty").write_bytes(b"")
    handle = _map(str(tmp_path / "empty"), "empty")
    assert handle.read() == b""
    handle.close()


def test_pickles_are_read_from_a_mapped_file(tmp_path: Path) -> None:
    import pickle

    values = [{"path": "a" * 5000, "n": 1}, ("x", 2.5), list(range(300))]
    with open(tmp_path / "pickles", "wb") as out:
        for value in values:
            pickle.dump(value, out, protocol=2)
        out.write(b"end")
    mapped = _map(str(tmp_path / "pickles"), "pickles")
    assert [mapped.read_pickle() for _ in values] == values
    assert mapped.read() == b"end"
    mapped.close()
