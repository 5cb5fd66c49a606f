"""An OSError said in one line for a user: what failed, on which file or folder, what to do."""

from __future__ import annotations

import errno

_ADVICE = {
    errno.ENOSPC: "no space left on the disk: free some space and try again",
    errno.EDQUOT: "the disk quota is used up: free some space and try again",
    errno.EROFS: "the disk is read-only: choose a folder on another disk",
    errno.EACCES: "permission denied: choose a folder you can write to, or change its permissions",
    errno.EPERM: "operation not permitted: choose a folder you can write to",
    errno.EIO: "input/output error: the disk is failing or was unplugged; check it",
    errno.ENOENT: "no such file or folder (was it moved or deleted?)",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder, not a file",
}


def describe_os_error(error: OSError) -> str:
    where = error.filename if error.filename is not None else None
    what = _ADVICE.get(error.errno or 0) or (error.strerror or str(error))
    return f"{where}: {what}" if where is not None else what
