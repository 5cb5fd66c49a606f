"""A full, read-only or vanished index folder is one clear line, never a traceback (issue 16).

Real disks: a small tmpfs mounted for the test (we need root for ``mount``; skipped with the reason
where it cannot be mounted). A full disk mid-commit leaves the last committed state readable and the
next run, with space, finishes the work.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.core.errors import StorageError
from briefing.core.library import Library
from hardening.children import run_cli
from hardening.library_maker import make_library

EXIT_STORAGE = 74


def _mount(point: Path, options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True, text=True
    )


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs at tmp_path/disk, unmounted after the test."""
    point = tmp_path / "disk"
    point.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command to make a small disk")
    mounted = _mount(point, "size=1m")
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): {mounted.stderr.strip()}")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def _remount(point: Path, options: str) -> None:
    done = subprocess.run(["mount", "-o", f"remount,{options}", str(point)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _one_line(result: subprocess.CompletedProcess[str], *words: str) -> str:
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == EXIT_STORAGE, (result.returncode, result.stderr[-3000:])
    said = result.stderr.splitlines()
    lines = [line for line in said if line.startswith("briefing: ") and "interrupted" not in line]
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def test_a_full_disk_is_a_message_and_the_next_run_finishes(small_disk: Path, tmp_path: Path) -> None:
    root, home, index = tmp_path / "articles", tmp_path / "home", small_disk / "index"
    total = make_library(root, small=400, slow=0)

    full = run_cli("index", root, "--index-dir", index, "--no-analysis", "--json", home=home)
    line = _one_line(full, "no space left", str(index), "run again")
    assert "This writer is closed" not in full.stderr
    assert json.loads(full.stdout) == {"error": line.removeprefix("briefing: ")}
    with Library(index) as library:  # the last committed state, readable
        committed = library.count()
    assert committed < total

    # Still full (to the last byte): the lock's pid cannot be written either, and that is a message too.
    filler = small_disk / "filler"
    try:
        with open(filler, "wb") as handle:
            while True:
                handle.write(b"x" * 4096)
                handle.flush()
    except OSError:  # full (already, or now)
        pass
    _one_line(run_cli("index", root, "--index-dir", index, "--no-analysis", home=home), "no space left")

    filler.unlink(missing_ok=True)
    _remount(small_disk, "size=64m")
    done = run_cli("index", root, "--index-dir", index, "--no-analysis", "--json", home=home)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["failed"] == [] and report["added"] + report["unchanged"] == total
    with Library(index) as library:
        assert library.count() == total
        assert library.searcher().search("measure399").total == 1


def test_a_read_only_index_folder_is_a_message(small_disk: Path, tmp_path: Path, seed_path: Path) -> None:
    root, home, index = tmp_path / "articles", tmp_path / "home", small_disk / "index"
    root.mkdir()
    shutil.copy(seed_path, root)
    first = run_cli("index", root, "--index-dir", index, "--no-analysis", home=home)
    assert first.returncode == 0, first.stderr
    (root / "second.txt").write_text("Second article\n\nThe quay opened on Tuesday.\n", encoding="utf-8")
    _remount(small_disk, "ro")
    result = run_cli("index", root, "--index-dir", index, "--no-analysis", "--json", home=home)
    _one_line(result, "read-only", str(index))
    assert "error" in json.loads(result.stdout)


def test_a_vanished_index_folder_is_a_message(tmp_path: Path, seed_path: Path) -> None:
    root, index = tmp_path / "articles", tmp_path / "index"
    root.mkdir()
    shutil.copy(seed_path, root)
    library = Library(index)
    try:
        library.update([root])
        shutil.rmtree(index)  # deleted, or its disk unplugged, while the app has it open
        with pytest.raises(StorageError, match="has vanished"):
            library.update([root])
    finally:
        library.close()

    # From the command line: an index folder under a file is no folder at all.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    result = run_cli("index", root, "--index-dir", blocker / "index", "--no-analysis", home=tmp_path / "home")
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == EXIT_STORAGE and str(blocker) in result.stderr
    assert os.path.isfile(blocker)
