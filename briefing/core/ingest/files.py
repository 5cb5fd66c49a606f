"""Reading a file's bytes safely: read-only, bounded, with a plain reason for every failure."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from briefing.core.errors import ReadError

# The one list of the kinds of file Briefing reads (the library scan, the watcher, drag and drop),
# each with the reader that reads it (``briefing.core.ingest.read``).
FORMAT_OF_SUFFIX: Mapping[str, str] = MappingProxyType({
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".mhtml": "mhtml",
    ".mht": "mhtml",
    ".eml": "eml",
    ".docx": "docx",
    ".odt": "odt",
    ".epub": "epub",
    ".webarchive": "webarchive",
    ".rtf": "rtf",
})
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(FORMAT_OF_SUFFIX)

# Far above any saved article (the BBC and L3S pages are all under 200 KB), low enough that
# one pathological file cannot exhaust memory. Callers can pass a larger max_bytes.
DEFAULT_MAX_BYTES: int = 32 * 1024 * 1024


def human_size(n: int) -> str:
    """1536 -> '1.5 KB'."""
    size = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{int(size)} bytes" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} bytes"


def suffix_of(path: Path) -> str:
    return path.suffix.lower()


def check_suffix(path: Path) -> str:
    suffix = suffix_of(path)
    if suffix not in SUPPORTED_SUFFIXES:
        kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
        shown = suffix or "no extension"
        raise ReadError(str(path), f"not a supported file type ({shown}); Briefing reads {kinds}")
    return suffix


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The whole file, opened for reading only; ReadError for anything that is not a readable file."""
    where = str(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise ReadError(where, _os_reason(exc)) from exc
    if stat.S_ISDIR(info.st_mode):
        raise ReadError(where, "a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(where, "not a regular file (a device, socket or pipe)")
    if info.st_size == 0:
        raise ReadError(where, "empty file (0 bytes)")
    if info.st_size > max_bytes:
        raise ReadError(where, _too_large(info.st_size, max_bytes))
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise ReadError(where, _os_reason(exc)) from exc
    if len(data) > max_bytes:  # grew since stat
        raise ReadError(where, _too_large(len(data), max_bytes))
    if not data:
        raise ReadError(where, "empty file (0 bytes)")
    return data


def _too_large(size: int, limit: int) -> str:
    return (
        f"too large: {human_size(size)} is over the {human_size(limit)} limit "
        "(the limit can be raised: briefing index --max-size MB)"
    )


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop (the link never reaches a file)"
    if exc.errno == errno.ENOENT:
        return "file not found (or a broken symbolic link)"
    if exc.errno == errno.EISDIR:
        return "a directory, not a file"
    return f"unreadable: {exc.strerror or exc}"
