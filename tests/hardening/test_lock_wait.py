"""No false "busy": a run waits for the lock as asked, saying so, and always waits out a dying holder."""

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
from briefing.core.library.lock import DEFAULT_WAIT, WriterLock, pid_alive
from hardening.children import PROJECT

# Holds the lock with a few hundred MB resident (a killed indexer tears down for a moment).
_HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from briefing.core.library.lock import WriterLock
    lock = WriterLock(Path(sys.argv[1]))
    lock.acquire()
    ballast = bytearray(400 * 1024 * 1024)
    print("held", flush=True)
    time.sleep(600)
    """
)


def test_waiting_is_said_once_then_busy(tmp_path: Path) -> None:
    holder = WriterLock(tmp_path)
    holder.acquire()
    said: list[str] = []
    try:
        with pytest.raises(LibraryBusyError, match=f"pid {os.getpid()}"):
            WriterLock(tmp_path).acquire(wait=0.3, on_wait=said.append)
    finally:
        holder.release()
    assert len(said) == 1 and "waiting up to 0.3 s" in said[0] and f"pid {os.getpid()}" in said[0]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_lock_taken_right_after_its_holder_is_killed(tmp_path: Path) -> None:
    for _ in range(3):
        child = subprocess.Popen(
            [sys.executable, "-c", _HOLDER, str(tmp_path)], stdout=subprocess.PIPE, text=True, cwd=PROJECT
        )
        try:
            assert child.stdout is not None and child.stdout.readline().strip() == "held"
            os.kill(child.pid, signal.SIGKILL)  # and at once, while it dies and before it is collected:
            lock = WriterLock(tmp_path)
            started = time.monotonic()
            said: list[str] = []
            lock.acquire(wait=DEFAULT_WAIT, on_wait=said.append)  # the default of a command-line run: 0
            assert time.monotonic() - started < 10
            assert lock.stale_pid == child.pid  # taken over, and the dead holder noticed
            lock.release()
        finally:
            if child.poll() is None:
                child.kill()
            child.wait(timeout=10)
            if child.stdout is not None:
                child.stdout.close()
        assert not pid_alive(child.pid)
