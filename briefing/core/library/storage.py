"""A failure of the disk under the index folder, said in one line: what, where, what to do.

A full disk mid-commit leaves the last committed state of the index readable (Whoosh writes new
segment files, then a new table of contents; see ``recovery``), so every message can promise that
the next run, with the disk fixed, finishes the work.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefing.core.errors import StorageError

_AGAIN = "the index keeps its last saved state; run again when fixed, and it finishes the work"


def storage_error(error: OSError, folder: Path) -> StorageError:
    """The message for ``error`` raised while writing or reading the index in ``folder``."""
    code = error.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        what = f"no space left on the disk holding the index folder {folder}: free some space ({_AGAIN})"
    elif code == errno.EROFS:
        what = f"the index folder {folder} is on a read-only disk: choose another with --index-dir"
    elif code in (errno.EACCES, errno.EPERM):
        where = error.filename or folder
        what = f"no permission to write {where}: give yourself write access or choose another --index-dir"
    elif code in (errno.ENOENT, errno.ENOTDIR, errno.ESTALE):
        what = (
            f"the index folder {folder} has vanished (deleted, or its disk unplugged): "
            "reconnect it, or run again to start a new index there"
        )
    elif code == errno.EIO:
        what = f"the disk holding the index folder {folder} failed (input/output error): check it ({_AGAIN})"
    else:
        what = f"the index folder {folder} could not be written: {error.strerror or error} ({_AGAIN})"
    return StorageError(what)


_SQLITE_ERRNO = {
    "database or disk is full": errno.ENOSPC,
    "attempt to write a readonly database": errno.EROFS,
    "disk i/o error": errno.EIO,
    "unable to open database file": errno.ENOENT,
}


@contextmanager
def storage_errors(folder: Path) -> Iterator[None]:
    """Turn the disk's failures (OSError, and SQLite's words for them) into one StorageError."""
    try:
        yield
    except OSError as error:
        raise storage_error(error, folder) from error
    except sqlite3.OperationalError as error:
        code = next((c for words, c in _SQLITE_ERRNO.items() if words in str(error).lower()), None)
        if code is None:
            raise
        raise storage_error(OSError(code, os.strerror(code)), folder) from error
