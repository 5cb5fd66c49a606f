"""Crash safety of the Whoosh index: durable commits, leftovers of killed runs, unreadable indexes.

Whoosh commits by writing new segment files, then a new table of contents
(``_MAIN_<generation>.toc``) under a temporary name renamed into place, so a
run killed at any moment leaves the last committed generation readable. It
does not fsync, though, so after a power cut the new TOC could name segment
bytes that never reached the disk: ``DurableFileStorage`` fsyncs every file it
writes when it is closed, and the folder after every rename.

If the index is unreadable anyway (a truncated or deleted segment, a garbage
TOC), it is set aside and rebuilt from the library: the articles are the
source of truth, and their analyses come back from the analysis cache.
"""

from __future__ import annotations

import gc
import os
import re
import shutil
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from whoosh.fields import Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import BufferFile, StructFile
from whoosh.index import FileIndex

from briefing.core.library.mapped_files import map_file
from briefing.core.library.state import fsync_folder
from briefing.core.library.whoosh_compat import MappedFile

INDEX_NAME = "MAIN"  # Whoosh's default index name: files _MAIN_<gen>.toc, MAIN_<segment>.<ext>
SET_ASIDE_PREFIX = "unreadable-"
REBUILT_NOTICE = "the index was unreadable and has been rebuilt from your library"

# Whoosh's files: the TOCs (and their temporary names), segment files, the writer's temporary folder.
_WHOOSH_FILE = re.compile(rf"^(_{INDEX_NAME}_\d+\.toc.*|{INDEX_NAME}_[0-9a-z]+\..+|{INDEX_NAME}\.tmp)$")
# Leftovers of a killed run that nothing else ever removes: temporary TOCs and settings files.
_TOC_LEFTOVER = re.compile(rf"^_{INDEX_NAME}_\d+\.toc\..+$")
_JSON_LEFTOVER = re.compile(r"^.+\.json.*\.tmp$")
# Settings are written outside the writer lock: a younger temporary file may be another process's.
_JSON_LEFTOVER_AGE = 120.0


class IndexUnreadable(Exception):
    """The index on disk cannot be read; ``str()`` says what failed."""


def _map(path: str, name: str, **kwargs: Any) -> StructFile:
    with open(path, "rb") as handle:
        if os.fstat(handle.fileno()).st_size == 0:  # mmap cannot map an empty file
            return BufferFile(b"", name=name, **kwargs)
        mapping = map_file(handle)
    return MappedFile(memoryview(mapping), name=name, mapping=mapping, **kwargs)


class DurableFileStorage(FileStorage):
    """Whoosh's FileStorage, but every written file is fsynced on close and every rename is made durable,
    and files are read through ``mmap`` (MappedFile) rather than copied into memory or kept open.

    Whoosh closes a segment's files before it writes the TOC that names them, and the TOC before
    renaming it into place, so a TOC that survives a power cut never names bytes that did not.
    """

    def open_file(self, name: str, **kwargs: Any) -> StructFile:
        return _map(self._fpath(name), name, **kwargs)

    def create_file(self, name: str, excl: bool = False, mode: str = "wb", **kwargs: Any) -> StructFile:
        handle = super().create_file(name, excl=excl, mode=mode, **kwargs)
        previous = handle.onclose

        def sync_on_close(structfile: StructFile) -> None:
            if previous is not None:
                previous(structfile)
            structfile.file.flush()
            os.fsync(structfile.file.fileno())

        handle.onclose = sync_on_close
        return handle

    def rename_file(self, oldname: str, newname: str, safe: bool = False) -> None:
        super().rename_file(oldname, newname, safe=safe)
        fsync_folder(Path(self.folder))

    def temp_storage(self, name: str | None = None) -> FileStorage:
        # The writer's scratch files (posting pools) are thrown away after a crash: no fsync needed.
        return FileStorage(self.folder).temp_storage(name)


def storage(index_dir: Path) -> DurableFileStorage:
    return DurableFileStorage(str(index_dir))


def exists(index_dir: Path) -> bool:
    """Whether ``index_dir`` holds any generation of an index (readable or not)."""
    return any(re.match(rf"^_{INDEX_NAME}_\d+\.toc$", name) for name in _names(index_dir))


def create(index_dir: Path, schema: Schema) -> FileIndex:
    return storage(index_dir).create_index(schema, indexname=INDEX_NAME)


def open_checked(index_dir: Path) -> FileIndex:
    """The index in ``index_dir``, read through once; IndexUnreadable if any part of it cannot be read."""
    ix: FileIndex = _quietly(lambda: storage(index_dir).open_index(INDEX_NAME))
    check(ix)
    return ix


def _quietly(action: Callable[[], Any]) -> Any:
    """``action()``, any failure as IndexUnreadable; files Whoosh leaves open on a failure closed silently."""
    failure = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            return action()
        except IndexUnreadable as error:
            failure = str(error)
        except Exception as error:
            failure = _describe(error)
        gc.collect()  # the half-opened segment files of a failed read
    raise IndexUnreadable(failure)


def check(ix: FileIndex) -> None:
    """Open every segment and read its ends (stored fields, columns, a term and its postings).

    Cheap (it does not read every document) but touches each file of each segment, which is
    what a truncated, deleted or overwritten file breaks.
    """
    _quietly(lambda: _probe(ix))


def _probe(ix: FileIndex) -> None:
    with ix.reader() as reader:
        for leaf, _ in reader.leaf_readers():
            count = leaf.doc_count_all()
            if not count:
                continue
            for docnum in {0, count - 1}:
                if leaf.stored_fields(docnum).get("path") is None:
                    raise IndexUnreadable(f"document {docnum} of a segment has no path")
            paths = leaf.column_reader("path")
            if not (paths[0] and paths[count - 1]):
                raise IndexUnreadable("a segment's path column is empty")
            for term in leaf.lexicon("path"):
                leaf.postings("path", term).all_ids()
                break


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:300]


def _names(index_dir: Path) -> list[str]:
    try:
        return os.listdir(index_dir)
    except OSError:
        return []


def set_aside(index_dir: Path) -> Path:
    """Move Whoosh's files into ``index_dir/unreadable-<time>/`` (for a bug report); keep only the latest."""
    for name in _names(index_dir):
        if name.startswith(SET_ASIDE_PREFIX):
            shutil.rmtree(index_dir / name, ignore_errors=True)
    target = index_dir / f"{SET_ASIDE_PREFIX}{time.strftime('%Y%m%d-%H%M%S')}"
    target.mkdir(exist_ok=True)
    for name in _names(index_dir):
        if _WHOOSH_FILE.match(name):
            os.replace(index_dir / name, target / name)
    fsync_folder(index_dir)
    return target


def clean_leftovers(index_dir: Path) -> list[str]:
    """Remove the temporary files a killed run left behind (call with the writer lock held)."""
    removed = []
    now = time.time()
    for name in _names(index_dir):
        path = index_dir / name
        try:
            if _JSON_LEFTOVER.match(name) and now - path.stat().st_mtime < _JSON_LEFTOVER_AGE:
                continue
            if _TOC_LEFTOVER.match(name) or _JSON_LEFTOVER.match(name):
                path.unlink()
                removed.append(name)
        except OSError:
            continue
    return removed
