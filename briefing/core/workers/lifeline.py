"""Worker processes die with their parent (a crash, ``kill -9``, a closed laptop lid's OOM killer).

A child started by ``spawn`` is a separate program: when its parent dies it is re-parented (to
init) and, holding the spaCy model or stuck in a pathological file, would run on for minutes.
Two mechanisms, both set up by ``die_with_parent`` in the child:

- Linux: ``prctl(PR_SET_PDEATHSIG)``: the kernel signals the child the moment the parent dies.
  Linux sends it when the *thread* that started the child ends, so a child that may be started by a
  short-lived thread asks for a catchable signal whose handler exits only when ``getppid()`` has
  changed (``kill=False``); a child whose spawning thread outlives it (or that is replaced when it
  dies, like the reading worker) asks for SIGKILL, which also stops code that never returns to Python.
- Everywhere (macOS, Windows, and as a second line on Linux): a watchdog thread that exits the
  process when the parent's lifeline pipe reaches end-of-file (the parent's end is closed by the
  kernel when it dies, however it dies) or ``os.getppid()`` changes. It needs the GIL, so code stuck
  in C without releasing it is stopped by the signal (Linux) or, elsewhere, when it returns.

The parent keeps the writing end of one pipe for its lifetime (``lifeline()``) and passes the reading
end to each child; it never writes to it.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from multiprocessing.connection import Connection
from types import FrameType

_PR_SET_PDEATHSIG = 1
_POLL_SECONDS = 0.5
# Exit status of a worker whose parent has gone (EX_SOFTWARE would suggest a bug; this is not one).
PARENT_GONE_STATUS = 70

_pipe: tuple[Connection, Connection] | None = None
_pipe_lock = threading.Lock()


def lifeline() -> Connection:
    """The reading end of this process's lifeline pipe, to pass to a child as it is started."""
    global _pipe
    with _pipe_lock:
        if _pipe is None:
            _pipe = multiprocessing.Pipe(duplex=False)  # (reader, writer); the writer is never written
        return _pipe[0]


def _exit_now() -> None:
    os._exit(PARENT_GONE_STATUS)


def _set_parent_death_signal(number: int) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, int(number), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent_pid: int, pipe: Connection | None) -> None:
    while True:
        if os.getppid() != parent_pid:
            _exit_now()
        if pipe is None:
            threading.Event().wait(_POLL_SECONDS)
            continue
        try:
            if pipe.poll(_POLL_SECONDS):
                pipe.recv_bytes()  # the parent never writes: only end-of-file wakes this
        except (EOFError, OSError):
            _exit_now()


def die_with_parent(parent_pid: int, pipe: Connection | None, *, kill: bool) -> None:
    """In a child: exit as soon as the process ``parent_pid`` is gone (see the module's doc).

    ``kill``: on Linux, SIGKILL on the parent's death (only for a child whose spawning thread lives
    as long as it); otherwise a handled signal that checks the parent really died. Call it first
    thing, from the child's main thread.
    """
    if kill:
        _set_parent_death_signal(signal.SIGKILL)
    elif hasattr(signal, "SIGUSR1") and sys.platform.startswith("linux"):

        def parent_died(number: int, frame: FrameType | None) -> None:
            if os.getppid() != parent_pid:
                _exit_now()

        signal.signal(signal.SIGUSR1, parent_died)
        _set_parent_death_signal(signal.SIGUSR1)
    if os.getppid() != parent_pid:  # the parent died before the signal was asked for
        _exit_now()
    threading.Thread(target=_watch, args=(parent_pid, pipe), name="briefing-lifeline", daemon=True).start()
