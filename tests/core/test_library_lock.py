"""One writer at a time, across real processes; a killed writer never leaves the lock stuck."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from briefing.core.errors import LibraryBusyError
from briefing.core.library import Library

# A second process that starts an update and stays inside it (its progress callback sleeps).
_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from briefing.core.library import Library

    def progress(done, total, path):
        print("indexing", flush=True)
        time.sleep(600)

    Library(Path(sys.argv[1])).update([Path(sys.argv[2])], progress=progress)
    """
)


def _start_writer(index: Path, root: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(index), str(root)],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2],
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line.strip() == "indexing", f"the writer process did not start: {line!r}"
    return child


def _stop(child: subprocess.Popen[str]) -> None:
    if child.poll() is None:
        os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    if child.stdout is not None:
        child.stdout.close()


def test_a_second_writer_waits_then_reports_the_busy_process(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    root.mkdir()
    (root / "one.txt").write_text("One\n\nThe first article.\n", encoding="utf-8")
    index = tmp_path / "index"
    with Library(index) as lib:
        lib.update([root])
        (root / "two.txt").write_text("Two\n\nThe second article.\n", encoding="utf-8")
        child = _start_writer(index, root)
        try:
            started = time.monotonic()
            with pytest.raises(LibraryBusyError) as caught:
                lib.update(wait=0.5)
            waited = time.monotonic() - started
            assert 0.5 <= waited < 5
            assert f"is being indexed by another process (pid {child.pid})" in str(caught.value)
            # Readers keep working while the other process holds the writer.
            assert lib.searcher().search("first").total == 1
            assert lib.document(str(root.resolve() / "one.txt")) is not None

            os.kill(child.pid, signal.SIGKILL)
            child.wait(timeout=10)
            # The kernel released the dead process's lock: the next update runs.
            report = lib.update(wait=5)
            assert report.added == 1
            assert lib.count() == 2
        finally:
            _stop(child)


def test_two_library_objects_in_one_process_also_exclude_each_other(tmp_path: Path) -> None:
    from briefing.core.library.lock import WriterLock

    index = tmp_path / "index"
    with Library(index) as lib:
        holder = WriterLock(index)
        holder.acquire()
        try:
            with pytest.raises(LibraryBusyError, match=f"pid {os.getpid()}"):
                lib.update(wait=0.2)
        finally:
            holder.release()
        assert lib.update().cancelled is False
