"""The one-writer-at-a-time lock of an index folder.

An OS lock (flock) on a file in the index folder: the kernel releases it when
the holding process exits or dies, so a crashed run never leaves it stuck.
The holder writes its pid into the file so a waiting process can say who, and
empties it on release: a pid still there when the lock is next taken is the
stale lock of a run that died holding it (``stale_pid``), noticed and cleared.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from types import TracebackType

from briefing.core.errors import LibraryBusyError

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


LOCK_NAME = "write.lock"


class WriterLock:
    """Exclusive lock on ``folder/write.lock``; ``acquire(wait)`` raises LibraryBusyError after ``wait`` s."""

    def __init__(self, folder: Path, label: str | None = None, name: str = LOCK_NAME) -> None:
        self.path = folder / name
        self.label = label or str(folder)
        self._fd: int | None = None
        # The pid left in the lock file by a holder that died without releasing it (None: clean).
        self.stale_pid: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, wait: float = 0.0, poll: float = 0.1) -> None:
        if self._fd is not None:
            raise RuntimeError("the writer lock is already held by this object")
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + max(0.0, wait)
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                holder = _read_pid(fd)
                os.close(fd)
                who = f" (pid {holder})" if holder else ""
                raise LibraryBusyError(f"{self.label} is being indexed by another process{who}")
            time.sleep(min(poll, max(0.0, deadline - time.monotonic())) or poll)
        stale = _read_pid(fd)
        self.stale_pid = stale if stale != os.getpid() else None
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            os.ftruncate(fd, 0)
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> WriterLock:
        if self._fd is None:
            self.acquire()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


def _read_pid(fd: int) -> int | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = os.read(fd, 32)
    except OSError:
        return None
    text = data.decode("ascii", "ignore").strip()
    return int(text) if text.isdigit() else None
