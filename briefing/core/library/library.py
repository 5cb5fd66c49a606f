"""The library: one index folder holding the Whoosh index, the analysis cache and the roots.

Layout of the index folder: Whoosh's own files, ``analysis.sqlite`` (the analysis
cache), ``library.json`` (roots, schema version), ``failures.json`` (bad files of
the last run), ``skipped.json`` (files of other types, by extension), ``write.lock`` (the one-writer
lock), ``indexing.json`` (present
while an update runs: one left behind tells the next run the last was killed)
and, after a recovery, ``unreadable-<time>/`` (the index that could not be read).

Crash safety: commits are batched and durable (see ``recovery``), so a run killed
at any moment loses at most its current batch; the next run notices, cleans up
and finishes the work. An unreadable index is set aside and rebuilt from the
roots; the articles are the source of truth.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import TracebackType

from whoosh.index import FileIndex

from briefing.core.article import Analysis, Article, FileError
from briefing.core.ingest import SUPPORTED_SUFFIXES
from briefing.core.library import facet_columns, postings_file, recovery, whoosh_compat
from briefing.core.library.analysis_cache import AnalysisCache, analysis_version
from briefing.core.library.catalog import Catalog, IndexedDocument, SyncReport
from briefing.core.library.documents import to_article
from briefing.core.library.entity_overrides import OverrideStore
from briefing.core.library.indexer import BatchAnalyser, Indexer, IndexerSettings, IndexReport
from briefing.core.library.lock import WriterLock
from briefing.core.library.scan import scan
from briefing.core.library.schema import SCHEMA_VERSION, build_schema
from briefing.core.library.search import Searcher
from briefing.core.library.state import LibraryState
from briefing.core.library.storage import storage_errors
from briefing.core.workers.reading import ReadingWorker, ReadLimits

CACHE_NAME = "analysis.sqlite"
# How long opening a library waits for another process that is creating or rebuilding its index.
_CREATE_WAIT = 30.0
_FORMAT_CHANGED = "the index format changed; the index is being rebuilt from your library"
_CACHE_RESET = "the analysis cache was unreadable and has been reset; analyses will be computed again"


def _normal(path: Path | str) -> Path:
    return Path(path).expanduser().resolve()


class Library:
    """The one object that owns the index's writer; searches go through ``searcher()``."""

    def __init__(self, index_dir: Path, *, settings: IndexerSettings | None = None) -> None:
        self.index_dir = Path(index_dir)
        self.settings = settings or IndexerSettings()
        self._state = LibraryState(self.index_dir)
        # What opening had to repair, told to the user by the next update's report (and the app).
        self.notices: list[str] = []
        self._stale_pid: int | None = None
        with storage_errors(self.index_dir):
            self.index_dir.mkdir(parents=True, exist_ok=True)
            self._ix = self._open_index()
            self._cache = self._open_cache()
        self._searcher: Searcher | None = None
        self._searcher_lock = threading.Lock()
        self._catalog: Catalog | None = None
        self._catalog_lock = threading.Lock()
        self.overrides = OverrideStore(self.index_dir)  # the reader's hidden and retyped entities
        self._reader: ReadingWorker | None = None  # started by the first update, kept for the next

    def _writer_lock(self) -> WriterLock:
        return WriterLock(self.index_dir, label=f"the library in {self.index_dir}")

    def _open_index(self) -> FileIndex:
        if self._state.schema_version() == SCHEMA_VERSION and recovery.exists(self.index_dir):
            try:
                return recovery.open_checked(self.index_dir)
            except recovery.IndexUnreadable:
                pass  # looked at again with the writer lock held: a writer may have been mid-commit
        lock = self._writer_lock()
        lock.acquire(wait=_CREATE_WAIT)
        try:
            self._stale_pid = lock.stale_pid
            return self._open_or_rebuild()
        finally:
            lock.release()

    def _open_or_rebuild(self) -> FileIndex:
        """With the writer lock held: the index, or a new empty one that the next update refills."""
        version = self._state.schema_version()
        if recovery.exists(self.index_dir):
            if version == SCHEMA_VERSION:
                try:
                    return recovery.open_checked(self.index_dir)
                except recovery.IndexUnreadable:
                    self._set_aside()
            elif version is not None:  # another schema version: refilled from the files (analyses cached)
                self._state.set_rebuild_pending(_FORMAT_CHANGED)
            # (no version: a run was killed while creating the index, so there is nothing in it to lose)
        elif version is not None:  # there was an index here, and its table of contents is gone
            self._set_aside()
        ix = recovery.create(self.index_dir, build_schema())
        self._state.set_schema_version(SCHEMA_VERSION)
        return ix

    def _set_aside(self) -> None:
        recovery.set_aside(self.index_dir)
        self._state.set_rebuild_pending(recovery.REBUILT_NOTICE)

    def _open_cache(self) -> AnalysisCache:
        path = self.index_dir / CACHE_NAME
        try:
            return AnalysisCache(path)
        except sqlite3.DatabaseError:  # "file is not a database": a cache is only a cache
            stamp = time.strftime("%Y%m%d-%H%M%S")
            for suffix in ("", "-wal", "-shm"):
                damaged = path.with_name(path.name + suffix)
                if damaged.exists():
                    damaged.replace(self.index_dir / f"{recovery.SET_ASIDE_PREFIX}{stamp}-{damaged.name}")
            self.notices.append(_CACHE_RESET)
            return AnalysisCache(path)

    @property
    def rebuild_pending(self) -> str | None:
        """Why the index is (being) rebuilt from every root: the next ``update()`` should run soon."""
        return self._state.rebuild_pending()

    # -- roots -------------------------------------------------------------------------

    def roots(self) -> list[Path]:
        return self._state.roots()

    def add_root(self, p: Path) -> None:
        with storage_errors(self.index_dir):
            self._state.add_root(_normal(p))

    def remove_root(self, p: Path) -> None:
        gone = {Path(p), _normal(p)}
        with storage_errors(self.index_dir):
            self._state.set_roots([r for r in self.roots() if r not in gone])

    # -- indexing ----------------------------------------------------------------------

    def update(
        self,
        roots: Sequence[Path] | None = None,
        *,
        progress: Callable[[int, int, str], None] | None = None,
        cancel: threading.Event | None = None,
        analyser: BatchAnalyser | None = None,
        wait: float = 0.0,
        written: Callable[[int, int, str], None] | None = None,
        on_wait: Callable[[str], None] | None = None,
    ) -> IndexReport:
        """Bring the index up to date with ``roots`` (added to the stored roots) or all stored roots.

        Files under no stored root are dropped; files of a root that is missing on disk are kept.
        ``progress(done, total, path)`` counts the files that needed a look (new or changed) as they are
        read; ``written(done, total, path)`` those analysed and written, which lag behind while analysing.
        Raises LibraryBusyError if another process is indexing and ``wait`` seconds pass (``on_wait``
        is told once when waiting starts), StorageError when the index folder's disk fails.
        """
        with storage_errors(self.index_dir):
            return self._update(roots, progress, cancel, analyser, wait, on_wait, written)

    def _update(
        self,
        roots: Sequence[Path] | None,
        progress: Callable[[int, int, str], None] | None,
        cancel: threading.Event | None,
        analyser: BatchAnalyser | None,
        wait: float,
        on_wait: Callable[[str], None] | None,
        written: Callable[[int, int, str], None] | None,
    ) -> IndexReport:
        lock = self._writer_lock()
        lock.acquire(wait=wait, on_wait=on_wait)
        try:
            notices = self._start_run(lock)
            interrupted = bool(notices)
            notices = [*self.notices, *notices]
            self.notices = []
            if not self._readable():
                self._set_aside()
                self._ix = recovery.create(self.index_dir, build_schema())
            rebuilding = self._state.rebuild_pending()
            if roots is None:
                scanned_roots = self.roots()
            else:
                scanned_roots = [_normal(r) for r in roots]
                for root in scanned_roots:
                    self.add_root(root)
            if rebuilding:  # the index was emptied: every root, not only the ones asked for
                scanned_roots = list(dict.fromkeys([*scanned_roots, *self.roots()]))
            scanned = scan(scanned_roots, SUPPORTED_SUFFIXES)
            # Without an analyser, analyses of the last analysed run's version still come from the cache.
            version = self._state.analysis_version()
            if analyser is not None:
                version = analysis_version()
                self._state.set_analysis_version(version)
            reader = self._reading_worker()

            def run() -> IndexReport:
                indexer = Indexer(
                    self._ix, self._cache, reader, analyser=analyser, analysis_version=version,
                    progress=progress, cancel=cancel, settings=self.settings, written=written,
                )
                return indexer.run(scanned, scanned_roots, self.roots())

            try:
                report = run()
            except Exception:
                if self._readable():
                    raise
                # The index broke under the run (a segment deleted or damaged meanwhile): once more.
                self._set_aside()
                self._ix = recovery.create(self.index_dir, build_schema())
                rebuilding = recovery.REBUILT_NOTICE
                report = run()
            report.interrupted = interrupted
            if rebuilding and not report.cancelled:
                self._state.set_rebuild_pending(None)
                report.rebuilt = rebuilding == recovery.REBUILT_NOTICE
                notices.append(rebuilding)
            report.notices.extend(dict.fromkeys(notices))
            self._state.set_failures(report.failed)
            self._state.set_skipped(report.skipped)
            self._state.mark_run_finished()
            facet_columns.save_missing(self._ix, self.index_dir)
            postings_file.save_missing(self._ix, self.index_dir)
            self.sync_catalog()
            return report
        finally:
            lock.release()

    def _reading_worker(self) -> ReadingWorker:
        """Files are read in a worker process, each within the settings' time and memory limits."""
        settings = self.settings
        limits = ReadLimits(settings.read_seconds, settings.read_memory_mb, settings.max_bytes)
        if self._reader is None or self._reader.limits != limits:
            if self._reader is not None:
                self._reader.close()
            self._reader = ReadingWorker(limits)
        return self._reader

    def _start_run(self, lock: WriterLock) -> list[str]:
        """With the writer lock held: notice a run that was killed, clean up after it, mark this one."""
        notices = []
        marker = self._state.run_marker()
        stale = lock.stale_pid or self._stale_pid
        self._stale_pid = None
        if marker is not None:
            notices.append(f"{marker.describe()}; this run has finished the work")
        if stale is not None:
            notices.append(f"cleared the stale lock of process {stale}, which stopped while indexing")
        recovery.clean_leftovers(self.index_dir)
        self._state.mark_run_started()
        return notices

    def _readable(self) -> bool:
        try:
            recovery.check(self._ix)
        except recovery.IndexUnreadable:
            return False
        return True

    # -- reading -----------------------------------------------------------------------

    def searcher(self) -> Searcher:
        with self._searcher_lock:
            if self._searcher is None:
                self._searcher = Searcher(self._ix, self.index_dir)
            return self._searcher

    def document(self, path: str) -> tuple[Article, Analysis | None] | None:
        """The article at ``path`` and its cached analysis, from the index alone (no file is read),
        with the entities the reader hid or retyped in this library so."""
        stored = self.searcher().stored(path)
        if stored is None:
            return None
        key, version = stored.get("analysis_key"), stored.get("analysis_version")
        analysis = self._cache.get(key, version) if key and version else None
        if analysis is not None:
            analysis = self.overrides.current().apply(analysis)
        return to_article(stored), analysis

    def documents(self, paths: Iterable[str]) -> list[tuple[Article, Analysis | None]]:
        """``document(path)`` of each path the index has, in the order given."""
        return [found for found in map(self.document, paths) if found is not None]

    def count(self) -> int:
        return self.searcher().count()

    # -- the catalog (across articles) ---------------------------------------------------

    def state_token(self) -> str:
        """Changes whenever the index's documents may have changed (generation and segments)."""
        return whoosh_compat.state_token(self._ix)

    def indexed_documents(self) -> list[IndexedDocument]:
        """Every document of the index, as the catalog needs it."""
        with self._ix.reader() as reader:
            return [
                IndexedDocument(
                    path=stored["path"],
                    analysis_key=stored.get("analysis_key") or "",
                    analysis_version=stored.get("analysis_version") or "",
                    title=stored.get("title", ""),
                    source=stored.get("source"),
                    published=stored.get("published"),
                    mtime_ns=int(stored.get("mtime_ns") or 0),
                )
                for stored in reader.all_stored_fields()
            ]

    def sync_catalog(self) -> SyncReport:
        """Bring the catalog in step with the index (cheap when nothing changed)."""
        with self._catalog_lock:
            if self._catalog is None:
                self._catalog = Catalog(self.index_dir)
            catalog = self._catalog
            token = self.state_token()
            if catalog.synced_token == token:
                return SyncReport()

            def analyses(pairs: Sequence[tuple[str, str]]) -> dict[str, Analysis]:
                by_version: dict[str, list[str]] = {}
                for key, version in pairs:
                    by_version.setdefault(version, []).append(key)
                found: dict[str, Analysis] = {}
                for version, keys in by_version.items():
                    found.update(self._cache.get_many(keys, version))
                return found

            return catalog.sync(self.indexed_documents(), analyses, token)

    def catalog(self) -> Catalog:
        """The catalog, brought up to date with the index first."""
        self.sync_catalog()
        assert self._catalog is not None
        return self._catalog

    def failures(self) -> list[FileError]:
        return self._state.failures()

    def skipped(self) -> dict[str, int]:
        """Files of kinds Briefing does not read, by extension, in the last run."""
        return self._state.skipped()

    @property
    def analysis_cache(self) -> AnalysisCache:
        return self._cache

    def close(self) -> None:
        with self._searcher_lock:
            if self._searcher is None:
                # Kept, closed: a late searcher() call (a search thread) gets SearcherClosed, not a new
                # reader. (Not when the index cannot be opened any more: a vanished folder.)
                with contextlib.suppress(Exception):
                    self._searcher = Searcher(self._ix, self.index_dir)
            if self._searcher is not None:
                self._searcher.close()
        with self._catalog_lock:
            if self._catalog is not None:
                self._catalog.close()
                self._catalog = None
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        self._cache.close()
        self._ix.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
