"""The library: one index folder holding the Whoosh index, the analysis cache and the roots.

Layout of the index folder: Whoosh's own files, ``analysis.sqlite`` (the analysis
cache), ``library.json`` (roots, schema version), ``failures.json`` (bad files of
the last run) and ``write.lock`` (the one-writer lock).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType

from whoosh import index as whoosh_index
from whoosh.index import FileIndex

from briefing.core.article import Analysis, Article, FileError
from briefing.core.library.analysis_cache import AnalysisCache, analysis_version
from briefing.core.library.documents import to_article
from briefing.core.library.indexer import BatchAnalyser, Indexer, IndexerSettings, IndexReport
from briefing.core.library.lock import WriterLock
from briefing.core.library.scan import scan
from briefing.core.library.schema import SCHEMA_VERSION, build_schema
from briefing.core.library.search import Searcher
from briefing.core.library.state import LibraryState

CACHE_NAME = "analysis.sqlite"
# How long opening a library waits for another process that is creating or rebuilding its index.
_CREATE_WAIT = 30.0


def _normal(path: Path | str) -> Path:
    return Path(path).expanduser().resolve()


class Library:
    """The one object that owns the index's writer; searches go through ``searcher()``."""

    def __init__(self, index_dir: Path, *, settings: IndexerSettings | None = None) -> None:
        self.index_dir = Path(index_dir)
        self.index_dir.mkdir(parents=True, exist_ok=True)
        self.settings = settings or IndexerSettings()
        self._state = LibraryState(self.index_dir)
        self._ix = self._open_index()
        self._cache = AnalysisCache(self.index_dir / CACHE_NAME)
        self._searcher: Searcher | None = None
        self._searcher_lock = threading.Lock()

    def _writer_lock(self) -> WriterLock:
        return WriterLock(self.index_dir, label=f"the library in {self.index_dir}")

    def _open_index(self) -> FileIndex:
        if self._state.schema_version() == SCHEMA_VERSION and whoosh_index.exists_in(str(self.index_dir)):
            try:
                return whoosh_index.open_dir(str(self.index_dir))
            except Exception:  # unreadable (e.g. an older, incompatible schema): rebuilt below
                pass
        lock = self._writer_lock()
        lock.acquire(wait=_CREATE_WAIT)
        try:
            if self._state.schema_version() == SCHEMA_VERSION and whoosh_index.exists_in(str(self.index_dir)):
                try:
                    return whoosh_index.open_dir(str(self.index_dir))
                except Exception:
                    pass
            # New folder, or an index of another schema version: start empty; the next update
            # re-reads the files (analyses come back from the cache).
            ix = whoosh_index.create_in(str(self.index_dir), build_schema())
            self._state.set_schema_version(SCHEMA_VERSION)
            return ix
        finally:
            lock.release()

    # -- roots -------------------------------------------------------------------------

    def roots(self) -> list[Path]:
        return self._state.roots()

    def add_root(self, p: Path) -> None:
        root = _normal(p)
        roots = self.roots()
        if root not in roots:
            self._state.set_roots([*roots, root])

    def remove_root(self, p: Path) -> None:
        gone = {Path(p), _normal(p)}
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
    ) -> IndexReport:
        """Bring the index up to date with ``roots`` (added to the stored roots) or all stored roots.

        Files under no stored root are dropped; files of a root that is missing on disk are kept.
        ``progress(done, total, path)`` counts the files that needed a look (new or changed).
        Raises LibraryBusyError if another process is indexing and ``wait`` seconds pass.
        """
        from briefing.core.ingest import SUPPORTED_SUFFIXES, read

        lock = self._writer_lock()
        lock.acquire(wait=wait)
        try:
            if roots is None:
                scanned_roots = self.roots()
            else:
                scanned_roots = [_normal(r) for r in roots]
                for root in scanned_roots:
                    self.add_root(root)
            scanned = scan(scanned_roots, SUPPORTED_SUFFIXES)
            # Without an analyser, analyses of the last analysed run's version still come from the cache.
            version = self._state.analysis_version()
            if analyser is not None:
                version = analysis_version()
                self._state.set_analysis_version(version)
            indexer = Indexer(
                self._ix, self._cache, read, analyser=analyser, analysis_version=version,
                progress=progress, cancel=cancel, settings=self.settings,
            )
            report = indexer.run(scanned, scanned_roots, self.roots())
            self._state.set_failures(report.failed)
            return report
        finally:
            lock.release()

    # -- reading -----------------------------------------------------------------------

    def searcher(self) -> Searcher:
        with self._searcher_lock:
            if self._searcher is None:
                self._searcher = Searcher(self._ix)
            return self._searcher

    def document(self, path: str) -> tuple[Article, Analysis | None] | None:
        """The article at ``path`` and its cached analysis, from the index alone (no file is read)."""
        stored = self.searcher().stored(path)
        if stored is None:
            return None
        key, version = stored.get("analysis_key"), stored.get("analysis_version")
        analysis = self._cache.get(key, version) if key and version else None
        return to_article(stored), analysis

    def count(self) -> int:
        return self.searcher().count()

    def failures(self) -> list[FileError]:
        return self._state.failures()

    @property
    def analysis_cache(self) -> AnalysisCache:
        return self._cache

    def close(self) -> None:
        with self._searcher_lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
        self._cache.close()
        self._ix.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
