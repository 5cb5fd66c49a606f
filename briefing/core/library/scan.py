"""Finding the article files under the library's roots, and fingerprinting them."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefing.core.article import FileError

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class FileStat:
    mtime_ns: int
    size: int


@dataclass(slots=True)
class ScanResult:
    files: dict[str, FileStat] = field(default_factory=dict)  # absolute path -> stat
    missing_roots: list[Path] = field(default_factory=list)  # roots that do not exist (left alone)
    errors: list[FileError] = field(default_factory=list)  # folders that could not be listed


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def scan(roots: Iterable[Path], suffixes: Collection[str]) -> ScanResult:
    """Every file under ``roots`` (folders or files) with one of ``suffixes``; hidden entries skipped."""
    result = ScanResult()
    for root in roots:
        if root.is_file():
            _add(result, str(root))
            continue
        if not root.is_dir():
            result.missing_roots.append(root)
            continue

        def on_error(error: OSError) -> None:
            reason = f"folder could not be read: {error.strerror}"
            result.errors.append(FileError(str(error.filename), reason))

        for folder, dirs, names in os.walk(root, onerror=on_error):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if not name.startswith(".") and _suffix(name) in suffixes:
                    _add(result, os.path.join(folder, name))
    return result


def _add(result: ScanResult, path: str) -> None:
    try:
        stat = os.stat(path)
    except OSError as error:
        result.errors.append(FileError(path, f"file could not be read: {error.strerror}"))
        return
    result.files[path] = FileStat(stat.st_mtime_ns, stat.st_size)


def content_hash(path: str) -> str:
    """A hash of the file's bytes (BLAKE2b, 128 bits, hex)."""
    digest = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def is_under(path: str, root: Path) -> bool:
    """Whether ``path`` is ``root`` itself or inside it."""
    prefix = str(root)
    return path == prefix or path.startswith(prefix.rstrip(os.sep) + os.sep)
