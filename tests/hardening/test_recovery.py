"""An unreadable index is set aside and rebuilt from the library, and the user is told."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.core.library import IndexerSettings, Library
from briefing.core.library.recovery import REBUILT_NOTICE
from hardening.children import as_json, run_cli


def _segments(index: Path) -> list[Path]:
    return sorted(p for p in index.iterdir() if p.name.startswith("MAIN_") and p.suffix == ".seg")


def _toc(index: Path) -> Path:
    return next(p for p in index.iterdir() if p.name.startswith("_MAIN_") and p.name.endswith(".toc"))


def _truncate(path: Path, keep: float) -> None:
    with open(path, "r+b") as handle:
        handle.truncate(int(path.stat().st_size * keep))


CORRUPTIONS: dict[str, Callable[[Path], object]] = {
    "segment truncated to half": lambda ix: _truncate(_segments(ix)[0], 0.5),
    "segment tail cut": lambda ix: _truncate(_segments(ix)[-1], 0.98),
    "segment deleted": lambda ix: _segments(ix)[0].unlink(),
    "segment zeroed": lambda ix: _segments(ix)[0].write_bytes(bytes(_segments(ix)[0].stat().st_size)),
    "toc garbage": lambda ix: _toc(ix).write_bytes(os.urandom(400)),
    "toc empty": lambda ix: _toc(ix).write_bytes(b""),
    "toc truncated": lambda ix: _truncate(_toc(ix), 0.3),
    "toc deleted": lambda ix: _toc(ix).unlink(),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two roots of articles and an index of them in two segments (committed every 15 documents)."""
    base = tmp_path_factory.mktemp("recovery")
    for name, count in (("news", 30), ("notes", 6)):
        for n in range(count):
            text = (
                f"{name.title()} item {n}\n\nThe zebra{n} crossed the {name} river at dawn, rangers said.\n"
            )
            (base / name).mkdir(exist_ok=True)
            (base / name / f"{n:02d}.txt").write_text(text, encoding="utf-8")
    index = base / "index"
    with Library(index, settings=IndexerSettings(commit_docs=15)) as lib:
        lib.update([base / "news"])
        lib.update([base / "notes"])
        assert lib.count() == 36
    assert len(_segments(index)) >= 2
    return base, index


def _copy(built: tuple[Path, Path], tmp_path: Path) -> Path:
    index = tmp_path / "index"
    shutil.copytree(built[1], index)
    return index


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
def test_a_damaged_index_is_rebuilt_from_every_root(
    built: tuple[Path, Path], tmp_path: Path, corruption: str
) -> None:
    base, _ = built
    index = _copy(built, tmp_path)
    CORRUPTIONS[corruption](index)
    with Library(index) as lib:
        assert lib.rebuild_pending == REBUILT_NOTICE
        # Asked to index one root only, it still refills the index from both.
        report = lib.update([base / "notes"])
        assert report.rebuilt is True
        assert REBUILT_NOTICE in report.notices
        assert lib.count() == 36
        assert lib.searcher().search("zebra3").total == 2
        assert lib.rebuild_pending is None
    set_aside = [p for p in index.iterdir() if p.name.startswith("unreadable-")]
    assert len(set_aside) == 1 and any(set_aside[0].iterdir())


def test_the_cli_search_rebuilds_and_says_so(built: tuple[Path, Path], tmp_path: Path) -> None:
    index = _copy(built, tmp_path)
    CORRUPTIONS["toc garbage"](index)
    result = run_cli("search", "zebra3", "--index-dir", index, "--json", home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert REBUILT_NOTICE in result.stderr
    assert as_json(result)["total"] == 2


def test_the_cli_index_reports_the_rebuild(built: tuple[Path, Path], tmp_path: Path) -> None:
    base, _ = built
    index = _copy(built, tmp_path)
    CORRUPTIONS["segment truncated to half"](index)
    result = run_cli(
        "index", base / "news", "--index-dir", index, "--no-analysis", "--json", home=tmp_path / "h"
    )
    report = as_json(result)
    assert report["rebuilt"] is True and REBUILT_NOTICE in report["notices"]
    assert REBUILT_NOTICE in result.stderr
    assert report["added"] == 36


def test_a_rebuild_cut_short_is_finished_by_the_next_run(built: tuple[Path, Path], tmp_path: Path) -> None:
    base, _ = built
    index = _copy(built, tmp_path)
    CORRUPTIONS["segment deleted"](index)
    cancel = threading.Event()
    cancel.set()
    with Library(index) as lib:
        assert lib.update(cancel=cancel).cancelled
        assert lib.rebuild_pending == REBUILT_NOTICE  # still owed
    with Library(index) as lib:
        report = lib.update([base / "news"])
        assert report.rebuilt and lib.count() == 36 and lib.rebuild_pending is None


def test_an_unreadable_analysis_cache_is_reset(built: tuple[Path, Path], tmp_path: Path) -> None:
    index = _copy(built, tmp_path)
    (index / "analysis.sqlite").write_bytes(b"this is not a database" * 100)
    with Library(index) as lib:
        assert any("analysis cache was unreadable" in n for n in lib.notices)
        report = lib.update()
        assert any("analysis cache was unreadable" in n for n in report.notices)
        assert lib.count() == 36 and len(lib.analysis_cache) == 0


def test_leftovers_of_a_killed_writer_are_cleaned(built: tuple[Path, Path], tmp_path: Path) -> None:
    index = _copy(built, tmp_path)
    (index / "_MAIN_99.toc.1712345678.123").write_bytes(b"half a toc")
    old = index / "library.jsonk3j4h5.tmp"
    old.write_text("{", encoding="utf-8")
    os.utime(old, (1, 1))
    young = index / "failures.jsonabc.tmp"  # maybe another process's write in flight: left alone
    young.write_text("[", encoding="utf-8")
    with Library(index) as lib:
        report = lib.update()
        assert report.rebuilt is False and lib.count() == 36
    assert not (index / "_MAIN_99.toc.1712345678.123").exists() and not old.exists()
    assert young.exists()
