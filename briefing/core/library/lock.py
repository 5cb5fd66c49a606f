"""The one-writer-at-a-time lock of an index folder.

An OS lock (flock) on a file in the index folder: the kernel releases it when
the holding process exits or dies, so a crashed run never leaves it stuck.
The holder writes its pid into the file so a waiting process can say who, and
empties it on release: a pid still there when the lock is next taken is the
stale lock of a run that died holding it (``stale_pid``), noticed and cleared.

Right after a holder is killed its lock can still be held for a moment, while the kernel tears the
dying process down (the false "busy" of a run started just after a crash). So a run keeps waiting,
up to ``DEAD_HOLDER_GRACE`` and whatever its own ``wait``, while the holder named in the file is dead
or dying (gone, a zombie, exiting, or with a SIGKILL pending: read from /proc on Linux), telling the
user through ``on_wait``; its lock is about to be released, and the run then takes it over. A live
holder is waited for ``wait`` seconds only (the command line's ``--wait``, default 0: "busy" at once).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
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
# How long a command-line run waits by default for another, live, run (``--wait`` changes it).
DEFAULT_WAIT = 0.0
# How long, at most, a run waits for a lock whose holder has died (the kernel releases it soon).
DEAD_HOLDER_GRACE = 30.0


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie (dead, its exit not yet collected)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            state = handle.read().rsplit(b")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True  # no /proc (not Linux): it exists
    return state not in (b"Z", b"X")


_PF_EXITING = 0x4
_SIGKILL_BIT = 1 << 8  # signal 9 in the pending-signal masks of /proc/PID/status


def pid_dying(pid: int) -> bool:
    """Whether ``pid`` is gone, a zombie, or on its way out (exiting, or SIGKILL pending)."""
    if not pid_alive(pid):
        return True
    try:
        proc = Path("/proc") / str(pid)
        stat = (proc / "stat").read_bytes().rsplit(b")", 1)[1].split()
        status = (proc / "status").read_text("ascii", "replace")
    except (OSError, IndexError):
        return False  # no /proc (not Linux): it is there, and alive as far as we can tell
    if int(stat[6]) & _PF_EXITING:  # field 9 of stat: the kernel's flags
        return True
    for line in status.splitlines():
        if line.startswith(("SigPnd:", "ShdPnd:")) and int(line.split()[1], 16) & _SIGKILL_BIT:
            return True
    return False


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

    def acquire(
        self, wait: float = 0.0, poll: float = 0.1, on_wait: Callable[[str], None] | None = None
    ) -> None:
        """Take the lock, waiting up to ``wait`` s (longer while its holder is dead but not yet gone).

        ``on_wait(message)`` is called once if the lock is held when asked for and ``wait`` > 0.
        Raises LibraryBusyError, or OSError if the lock file cannot be opened or written.
        """
        if self._fd is not None:
            raise RuntimeError("the writer lock is already held by this object")
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        started = time.monotonic()
        deadline = started + max(0.0, wait)
        told = False
        while not _try_lock(fd):
            holder = _read_pid(fd)
            who = f" (pid {holder})" if holder else ""
            now = time.monotonic()
            dying = holder is not None and holder != os.getpid() and pid_dying(holder)
            if now >= deadline and not (dying and now < started + DEAD_HOLDER_GRACE):
                os.close(fd)
                raise LibraryBusyError(f"{self.label} is being indexed by another process{who}")
            if not told and on_wait is not None and (dying or wait > 0):
                told = True
                if dying:
                    on_wait(f"the process{who} that was indexing {self.label} has stopped; "
                            "waiting for it to let go of the library")
                else:
                    on_wait(f"{self.label} is being indexed by another process{who}; "
                            f"waiting up to {wait:g} s for it")
            time.sleep(poll)
        stale = _read_pid(fd)
        self.stale_pid = stale if stale != os.getpid() else None
        try:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:  # a full or failing disk: not held, and said by the caller
            _unlock(fd)
            os.close(fd)
            raise
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
