"""The index's files read through ``mmap``, and giving their pages back after each piece of work.

Every page of a mapped file that a search, a snippet or an opened article reads stays in the
process's resident memory until the file is unmapped: after an hour's use of a 100,000-article
library that was 330 MB of segment and postings pages, on top of what the app really holds. They
are clean copies of what the system's page cache keeps anyway, so dropping them from this process
(``madvise(MADV_DONTNEED)``) loses nothing: the next read of a page maps it again from the cache,
sixteen pages a fault. The app calls ``give_back_mapped_pages`` when a task ends; nothing else
changes in how files are read. Measured and meant for Linux; on macOS the advice may leave pages
in place, and Windows has none.

A mapping closed by another thread meanwhile is skipped: under the GIL, ``mmap.madvise`` checks that
its mapping is open and advises it in one step (a build of Python without the GIL would need the
closing and the advising under one lock).
"""

from __future__ import annotations

import contextlib
import mmap
import threading
import weakref
from typing import BinaryIO

_ADVICE: int | None = getattr(mmap, "MADV_DONTNEED", None)  # None on Windows: nothing to give back
_live: weakref.WeakSet[mmap.mmap] = weakref.WeakSet()
_lock = threading.Lock()


def map_file(handle: BinaryIO) -> mmap.mmap:
    """The whole of an open, non-empty file mapped read-only (the handle may be closed after)."""
    mapping = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    with _lock:
        _live.add(mapping)
    return mapping


def give_back_mapped_pages() -> int:
    """Drop the resident pages of every file ``map_file`` mapped that is still mapped; how many
    mappings were advised (0 where the system has no such advice)."""
    if _ADVICE is None:
        return 0
    with _lock:
        mappings = list(_live)
    advised = 0
    for mapping in mappings:
        # ValueError: closed meanwhile by another thread (a searcher closing, a stale side file)
        with contextlib.suppress(ValueError, OSError):
            if not mapping.closed:
                mapping.madvise(_ADVICE)
                advised += 1
    return advised
