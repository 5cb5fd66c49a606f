"""One incremental update of the index: the single writer, batched commits, cancellable.

A file is re-read only when it is new or its mtime/size changed and then its
content hash too; a file whose bytes are unchanged only gets its stored mtime
updated. Every file ends indexed or in ``failed``; one bad file never stops a run.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from whoosh.index import FileIndex
from whoosh.reading import IndexReader
from whoosh.writing import IndexWriter

from briefing.core.article import Analysis, Article, FileError
from briefing.core.errors import ReadError
from briefing.core.library.analysis_cache import AnalysisCache
from briefing.core.library.documents import FileState, analysis_key, to_article, to_fields
from briefing.core.library.scan import ScanResult, content_hash, is_under

BatchAnalyser = Callable[[Sequence[Article]], list[Analysis]]
Progress = Callable[[int, int, str], None]
Reader = Callable[[str], Article]

Kind = Literal["added", "updated", "unchanged"]
Action = Literal["new", "changed", "reanalyse"]


@dataclass(slots=True)
class IndexReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: list[FileError] = field(default_factory=list)
    cancelled: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "failed": [f.to_dict() for f in self.failed],
            "cancelled": self.cancelled,
        }


@dataclass(frozen=True, slots=True)
class _Known:
    docnum: int
    state: FileState
    analysis_version: str


@dataclass(slots=True)
class _Pending:
    article: Article
    state: FileState
    kind: Kind
    replace: bool  # an older document of this path exists


@dataclass(slots=True)
class IndexerSettings:
    commit_docs: int = 200  # commit after this many documents...
    commit_seconds: float = 5.0  # ...or this many seconds, whichever comes first
    analysis_batch: int = 32  # articles handed to the analyser at once


def _reason(error: BaseException) -> str:
    if isinstance(error, ReadError):
        return error.reason
    if isinstance(error, OSError):
        return f"file could not be read: {error.strerror or error}"
    return f"unexpected error: {type(error).__name__}: {error}"


class Indexer:
    """Runs one update; the caller holds the writer lock for the whole run."""

    def __init__(
        self,
        ix: FileIndex,
        cache: AnalysisCache,
        read: Reader,
        *,
        analyser: BatchAnalyser | None = None,
        analysis_version: str | None = None,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        settings: IndexerSettings | None = None,
    ) -> None:
        self.ix = ix
        self.cache = cache
        self.read = read
        self.analyser = analyser
        # Analyses of this version come from the cache (and the analyser, if any); None: no analysis.
        self.version = analysis_version
        self.progress = progress
        self.cancel = cancel
        self.settings = settings or IndexerSettings()
        self.report = IndexReport()
        self._writer: IndexWriter | None = None
        self._uncommitted = 0
        self._last_commit = time.monotonic()
        self._pending: list[_Pending] = []

    # -- the run ---------------------------------------------------------------

    def run(
        self, scanned: ScanResult, scanned_roots: Sequence[Path], all_roots: Sequence[Path]
    ) -> IndexReport:
        """Index ``scanned`` (files now under ``scanned_roots``); drop files under none of ``all_roots``."""
        report = self.report
        report.failed.extend(scanned.errors)
        report.failed.extend(
            FileError(str(root), "folder not found (its articles are kept)") for root in scanned.missing_roots
        )
        live_roots = [r for r in scanned_roots if r not in scanned.missing_roots]
        try:
            with self.ix.reader() as reader:
                known = _known_files(reader)
                for path in known:
                    in_library = any(is_under(path, root) for root in all_roots)
                    rescanned = any(is_under(path, root) for root in live_roots)
                    if not in_library or (rescanned and path not in scanned.files):
                        self._writer_().delete_by_term("path", path)
                        report.removed += 1
                work = self._plan(scanned, known)
                total = len(work)
                if self.progress:
                    self.progress(0, total, "")
                for done, (path, action) in enumerate(work, 1):
                    if self.cancel is not None and self.cancel.is_set():
                        report.cancelled = True
                        break
                    self._visit(reader, path, action, known.get(path))
                    if len(self._pending) >= self.settings.analysis_batch:
                        self._flush()
                    if self.progress:
                        self.progress(done, total, path)
            self._flush()
            self._commit()
        except BaseException:
            if self._writer is not None:
                self._writer.cancel()
                self._writer = None
            raise
        return report

    def _plan(self, scanned: ScanResult, known: dict[str, _Known]) -> list[tuple[str, Action]]:
        """Files to look at: new, or with a changed mtime/size, or analysed with an older analysis."""
        work: list[tuple[str, Action]] = []
        version = self.version if self.analyser is not None else None
        for path, stat in scanned.files.items():
            old = known.get(path)
            if old is None:
                work.append((path, "new"))
            elif old.state.mtime_ns != stat.mtime_ns or old.state.size != stat.size:
                work.append((path, "changed"))
            elif version is not None and old.analysis_version != version:
                work.append((path, "reanalyse"))
            else:
                self.report.unchanged += 1
        return work

    def _visit(self, reader: IndexReader, path: str, action: Action, old: _Known | None) -> None:
        try:
            if old is None:
                article = self.read(path)
                self._pending.append(_Pending(article, _state_now(path), "added", replace=False))
            elif action == "reanalyse":  # same bytes, analysed by an older analysis or not at all
                article = to_article(reader.stored_fields(old.docnum))
                self._pending.append(_Pending(article, old.state, "updated", replace=True))
            else:
                state = _state_now(path)
                if state.content_hash == old.state.content_hash:  # touched, not changed
                    article = to_article(reader.stored_fields(old.docnum))
                    self._pending.append(_Pending(article, state, "unchanged", replace=True))
                else:
                    article = self.read(path)
                    self._pending.append(_Pending(article, state, "updated", replace=True))
        except Exception as error:  # one bad file never stops the run
            self.report.failed.append(FileError(path, _reason(error)))
            if old is not None:  # its old text is stale now
                self._writer_().delete_by_term("path", path)

    # -- writing -----------------------------------------------------------------

    def _writer_(self) -> IndexWriter:
        if self._writer is None:
            self._writer = self.ix.writer()
        return self._writer

    def _flush(self) -> None:
        pending, self._pending = self._pending, []
        if not pending:
            return
        analyses = self._analyses(pending)
        writer = self._writer_()
        for item in pending:
            analysis = analyses.get(analysis_key(item.article))
            doc = to_fields(item.article, item.state, analysis, self.version or "")
            if item.replace:
                writer.update_document(**doc)
            else:
                writer.add_document(**doc)
            if item.kind == "added":
                self.report.added += 1
            elif item.kind == "updated":
                self.report.updated += 1
            else:
                self.report.unchanged += 1
        self._uncommitted += len(pending)
        if (
            self._uncommitted >= self.settings.commit_docs
            or time.monotonic() - self._last_commit >= self.settings.commit_seconds
        ):
            self._commit()

    def _analyses(self, pending: list[_Pending]) -> dict[str, Analysis]:
        """Analyses by analysis key: from the cache, else from the analyser (and then cached)."""
        if self.version is None:
            return {}
        keyed = {analysis_key(p.article): p for p in pending}
        found = self.cache.get_many(keyed, self.version)
        missing = [(key, p) for key, p in keyed.items() if key not in found]
        if self.analyser is None or not missing:
            return found
        fresh: dict[str, Analysis] = {}
        try:
            results = self.analyser([p.article for _, p in missing])
            if len(results) != len(missing):
                raise ValueError(f"the analyser returned {len(results)} analyses for {len(missing)} articles")
            fresh = {key: result for (key, _), result in zip(missing, results, strict=True)}
        except Exception:
            # Find the article that breaks the batch; the others still get their analysis.
            for key, item in missing:
                try:
                    fresh[key] = self.analyser([item.article])[0]
                except Exception as error:
                    self.report.failed.append(
                        FileError(item.article.path, f"indexed without analysis: {_reason(error)}")
                    )
        if fresh:
            self.cache.put_many(fresh, self.version)
        return found | fresh

    def _commit(self) -> None:
        if self._writer is not None:
            self._writer.commit()
            self._writer = None
        self._uncommitted = 0
        self._last_commit = time.monotonic()


def _state_now(path: str) -> FileState:
    stat = os.stat(path)
    return FileState(stat.st_mtime_ns, stat.st_size, content_hash(path))


def _known_files(reader: IndexReader) -> dict[str, _Known]:
    """Path -> what the index remembers of it, read from the columns (not the stored bodies)."""
    if reader.doc_count() == 0:  # also the case of a new index, whose reader has no columns
        return {}
    paths = reader.column_reader("path")
    hashes = reader.column_reader("content_hash")
    mtimes = reader.column_reader("mtime_ns")
    sizes = reader.column_reader("size")
    versions = reader.column_reader("analysis_version")
    known: dict[str, _Known] = {}
    for docnum in reader.all_doc_ids():
        state = FileState(int(mtimes[docnum]), int(sizes[docnum]), str(hashes[docnum]))
        known[str(paths[docnum])] = _Known(docnum, state, str(versions[docnum]))
    return known
