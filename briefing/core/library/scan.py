"""Finding the article files under the library's roots, and fingerprinting them."""

from __future__ import annotations

import errno
import hashlib
import os
import stat as stat_mode
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from briefing.core.article import FileError

_CHUNK = 1 << 20
_PAGE_FOLDER = "_files"


@dataclass(frozen=True, slots=True)
class FileStat:
    mtime_ns: int
    size: int


@dataclass(slots=True)
class ScanResult:
    files: dict[str, FileStat] = field(default_factory=dict)  # absolute path -> stat
    missing_roots: list[Path] = field(default_factory=list)  # roots that do not exist (left alone)
    errors: list[FileError] = field(default_factory=list)  # folders that could not be listed
    # Files of kinds Briefing does not read, counted by extension ("" for none): never silently ignored.
    skipped: dict[str, int] = field(default_factory=dict)


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def scan(roots: Iterable[Path], suffixes: Collection[str]) -> ScanResult:
    """Every file under ``roots`` (folders or files) with one of ``suffixes``; hidden entries skipped.

    Symbolic links to folders are followed, each real folder once: a link back up the tree (a loop)
    or a second link to a folder already seen is skipped with a reason.
    """
    result = ScanResult()
    seen: dict[tuple[int, int], str] = {}
    for root in roots:
        if root.is_file():
            _add(result, str(root))
            continue
        if not root.is_dir():
            result.missing_roots.append(root)
            continue

        def on_error(error: OSError) -> None:
            reason = f"folder could not be read: {error.strerror}"
            result.errors.append(FileError(shown_path(str(error.filename)), reason))

        for folder, dirs, names in os.walk(root, onerror=on_error, followlinks=True):
            if not _first_visit(result, seen, folder):
                dirs[:] = []
                continue
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _saved_page_folder(d, names))
            for name in sorted(names):
                if name.startswith("."):
                    continue
                suffix = _suffix(name)
                if suffix in suffixes:
                    _add(result, os.path.join(folder, name))
                else:
                    result.skipped[suffix] = result.skipped.get(suffix, 0) + 1
    return result


def _saved_page_folder(folder: str, names: list[str]) -> bool:
    """Whether ``folder`` is the NAME_files/ a browser's "Web page, complete" saves beside NAME.html:
    its images, scripts and frames belong to that page and are no articles (nor skipped files)."""
    if not folder.endswith(_PAGE_FOLDER):
        return False
    page = folder[: -len(_PAGE_FOLDER)]
    return any(f"{page}{suffix}" in names for suffix in (".html", ".htm", ".xhtml", ".shtml"))


def describe_skipped(skipped: Mapping[str, int]) -> str:
    """{".jpg": 9, ".zip": 5} -> "skipped: 14 files of other types: .jpg 9, .zip 5" (most first)."""
    total = sum(skipped.values())
    kinds = sorted(skipped.items(), key=lambda item: (-item[1], item[0]))
    listed = ", ".join(f"{suffix or '(no extension)'} {count}" for suffix, count in kinds)
    return f"skipped: {total} file{'' if total == 1 else 's'} of other types: {listed}"


def _first_visit(result: ScanResult, seen: dict[tuple[int, int], str], folder: str) -> bool:
    try:
        info = os.stat(folder)
    except OSError:
        return False
    key = (info.st_dev, info.st_ino)
    first = seen.setdefault(key, folder)
    if first == folder:
        return True
    if is_under(folder, Path(first)):
        reason = f"a symbolic link loop (it leads back to {first}); not followed"
    else:
        reason = f"the same folder as {first} (a symbolic link); its articles are indexed there"
    result.errors.append(FileError(shown_path(folder), reason))
    return False


def shown_path(path: str) -> str:
    """``path`` as text that can be printed and stored (undecodable bytes of its name as U+FFFD)."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _add(result: ScanResult, path: str) -> None:
    if shown_path(path) != path:
        # Python keeps undecodable bytes of a name as lone surrogates, which no index or JSON can hold.
        reason = "the file name is not valid UTF-8 (undecodable bytes); rename the file to index it"
        result.errors.append(FileError(shown_path(path), reason))
        return
    try:
        info = os.stat(path)
    except OSError as error:
        result.errors.append(FileError(path, _stat_reason(error)))
        return
    if not stat_mode.S_ISREG(info.st_mode):
        kind = "a folder" if stat_mode.S_ISDIR(info.st_mode) else "a device, socket or pipe"
        result.errors.append(FileError(path, f"not a regular file ({kind})"))
        return
    result.files[path] = FileStat(info.st_mtime_ns, info.st_size)


def _stat_reason(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "a symbolic link loop (the link never reaches a file)"
    if error.errno == errno.ENOENT:
        return "a broken symbolic link (its target is gone)"
    return f"file could not be read: {error.strerror}"


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
