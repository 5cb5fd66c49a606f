"""Giving freed memory back to the system after a burst of large temporaries.

glibc's malloc raises its mmap threshold once a large block is freed, so the next large
temporaries (numpy's sorts of millions of rows when the entity directory is built) come from
the heap, and the heap keeps their pages after they are freed: the app's resident memory stays
hundreds of megabytes above what it holds. ``malloc_trim`` returns them (Dask's workers call it
for the same reason). Elsewhere (macOS, Windows, musl) there is nothing to do.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from collections.abc import Callable

_TRIM: Callable[[int], int] | None = None
if sys.platform.startswith("linux"):
    try:
        _libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        _TRIM = getattr(_libc, "malloc_trim", None)
    except OSError:  # no C library by that name: nothing to trim
        _TRIM = None


def give_back_free_memory() -> bool:
    """Return the heap's free pages to the system; False where that cannot be done."""
    if _TRIM is None:
        return False
    _TRIM(0)
    return True
