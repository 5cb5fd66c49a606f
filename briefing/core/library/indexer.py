"""One incremental update of the index: the single writer, batched commits, cancellable.

A file is re-read only when it is new or its mtime/size changed and then its
content hash too; a file whose bytes are unchanged only gets its stored mtime
updated. Every file ends indexed or in ``failed``; one bad file never stops a run.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

from whoosh.index import FileIndex
from whoosh.reading import IndexReader
from whoosh.writing import IndexWriter

from briefing.core.article import Analysis, Article, FileError
from briefing.core.errors import ReadError
from briefing.core.library.analysis_cache import AnalysisCache
from briefing.core.library.documents import FileState, analysis_key, to_article, to_fields
from briefing.core.library.scan import ScanResult, content_hash, is_under
from briefing.core.workers.reading import DEFAULT_MEMORY_MB, DEFAULT_SECONDS

BatchAnalyser = Callable[[Sequence[Article]], list[Analysis]]


@runtime_checkable
class SubmittingAnalyser(Protocol):
    """A BatchAnalyser that can also start a batch without waiting (e.g. in worker processes).

    With one, the indexer reads and writes the next batches while the analysis runs.
    """

    workers: int

    def __call__(self, articles: Sequence[Article]) -> list[Analysis]: ...

    def submit(self, articles: Sequence[Article]) -> Future[list[Analysis]]: ...


@runtime_checkable
class StartableAnalyser(Protocol):
    """An analyser whose workers can be started ahead of the first batch."""

    def start(self) -> None: ...


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
    skipped: dict[str, int] = field(default_factory=dict)  # files of other types, by extension
    cancelled: bool = False
    interrupted: bool = False  # the previous run was killed before it finished (this one finished it)
    rebuilt: bool = False  # the index was unreadable, set aside and rebuilt from the library
    notices: list[str] = field(default_factory=list)  # what a user should be told about the run

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "failed": [f.to_dict() for f in self.failed],
            "skipped": dict(sorted(self.skipped.items())),
            "cancelled": self.cancelled,
            "interrupted": self.interrupted,
            "rebuilt": self.rebuilt,
            "notices": list(self.notices),
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
class _Batch:
    """Pending documents whose analyses are found in the cache or on their way."""

    items: list[_Pending]
    found: dict[str, Analysis]
    missing: list[tuple[str, _Pending]]
    future: Future[list[Analysis]] | None = None


@dataclass(slots=True)
class IndexerSettings:
    commit_docs: int = 200  # commit after this many documents...
    commit_seconds: float = 5.0  # ...or this many seconds, whichever comes first
    analysis_batch: int = 32  # articles handed to the analyser at once
    small_segment: int = 200  # segments this small are always folded together at the end of a run
    max_bytes: int | None = None  # files larger than this are skipped (None: the readers' DEFAULT_MAX_BYTES)
    # Each file is read in a worker process within these limits (briefing.core.workers.reading).
    read_seconds: float = DEFAULT_SECONDS
    read_memory_mb: int | None = DEFAULT_MEMORY_MB


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
        written: Progress | None = None,
    ) -> None:
        self.ix = ix
        self.cache = cache
        self.read = read
        self.analyser = analyser
        # Analyses of this version come from the cache (and the analyser, if any); None: no analysis.
        self.version = analysis_version
        self.progress = progress  # files read (or looked at) of the files needing a look
        self.written = written  # of those, documents analysed and written (lags behind while analysing)
        self._written = 0
        self._total = 0
        self.cancel = cancel
        self.settings = settings or IndexerSettings()
        self.report = IndexReport()
        self._writer: IndexWriter | None = None
        self._uncommitted = 0
        self._last_commit = self._run_start = time.monotonic()
        self._committed = False  # whether this run has committed anything yet
        self._committed_docs = 0  # documents this run has committed
        self._pending: list[_Pending] = []
        self._in_flight: deque[_Batch] = deque()
        # Batches analysed ahead of the writer: enough to keep every worker busy.
        self._ahead = analyser.workers + 1 if isinstance(analyser, SubmittingAnalyser) else 0

    # -- the run ---------------------------------------------------------------

    def run(
        self, scanned: ScanResult, scanned_roots: Sequence[Path], all_roots: Sequence[Path]
    ) -> IndexReport:
        """Index ``scanned`` (files now under ``scanned_roots``); drop files under none of ``all_roots``."""
        report = self.report
        report.failed.extend(scanned.errors)
        report.skipped.update(scanned.skipped)
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
                self._start_workers(work)
                total = self._total = len(work)
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
            while self._in_flight:
                self._write(self._in_flight.popleft())
            self._commit(final=True)
        except BaseException:
            for batch in self._in_flight:
                if batch.future is not None:
                    batch.future.cancel()
            self._in_flight.clear()
            writer, self._writer = self._writer, None
            if writer is not None:
                # A commit that failed (a full disk) has closed it already: no second error.
                with contextlib.suppress(Exception):
                    writer.cancel()
            raise
        return report

    def _start_workers(self, work: list[tuple[str, Action]]) -> None:
        """Start the analysis workers now when new files will need them: they load spaCy while this
        process reads the first files, not after (20 s on a loaded machine)."""
        analyser = self.analyser
        new_files = any(action != "reanalyse" for _, action in work)
        if self.version is not None and new_files and isinstance(analyser, StartableAnalyser):
            analyser.start()

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
        """Start the analyses of the pending documents; write the batches that are far enough behind."""
        pending, self._pending = self._pending, []
        if pending:
            self._in_flight.append(self._start(pending))
        while len(self._in_flight) > self._ahead:
            self._write(self._in_flight.popleft())

    def _write(self, batch: _Batch) -> None:
        analyses = self._finish(batch)
        writer = self._writer_()
        for item in batch.items:
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
        self._uncommitted += len(batch.items)
        self._written += len(batch.items)
        if self.written and batch.items:
            self.written(self._written, self._total, batch.items[-1].article.path)
        if self._commit_due():
            self._commit()

    def _start(self, pending: list[_Pending]) -> _Batch:
        """The cached analyses of ``pending``; the missing ones submitted to the analyser if it can wait."""
        if self.version is None:
            return _Batch(pending, {}, [])
        keyed = {analysis_key(p.article): p for p in pending}
        found = self.cache.get_many(keyed, self.version)
        missing = [(key, p) for key, p in keyed.items() if key not in found]
        batch = _Batch(pending, found, missing if self.analyser is not None else [])
        if batch.missing and isinstance(self.analyser, SubmittingAnalyser):
            batch.future = self.analyser.submit([p.article for _, p in batch.missing])
        return batch

    def _finish(self, batch: _Batch) -> dict[str, Analysis]:
        """Analyses by analysis key: from the cache, else from the analyser (and then cached)."""
        if not batch.missing or self.analyser is None:
            return batch.found
        missing = batch.missing
        fresh: dict[str, Analysis] = {}
        try:
            if batch.future is not None:
                results = batch.future.result()
            else:
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
            self.cache.put_many(fresh, self.version or "")
        return batch.found | fresh

    def _commit_due(self) -> bool:
        """Whether the documents written since the last commit should be made searchable now.

        Each commit writes a new segment, and Whoosh's merges of segments cost about three times
        what writing the documents did. So a long run's commits come further apart as it goes: a
        commit waits for at least as many documents as the run has committed (segments double in
        size), or for half the time the run has taken so far. The first articles are searchable
        after seconds; a 100,000-article run writes about ten segments, not hundreds to merge.
        """
        settings = self.settings
        now = time.monotonic()
        docs_due = max(settings.commit_docs, self._committed_docs)
        seconds_due = max(settings.commit_seconds, (now - self._run_start) / 2)
        return self._uncommitted >= docs_due or now - self._last_commit >= seconds_due

    def _commit(self, final: bool = False) -> None:
        if final and self._writer is None and self._committed:
            self._writer = self.ix.writer()  # nothing new to write, but the segments to fold
        if self._writer is not None:
            self._committed = True
            # Segments stay compound files: a searcher then holds no open file handles (separate
            # segment files are read in place, but every replaced searcher left handles for the
            # garbage collector, and a file-handle leak is worse than the memory they save).
            # Whoosh's default policy leaves many small segments after a big run, and every query
            # pays for each; the last commit of a run folds the small ones together.
            merge = partial(merge_small_segments, small=self.settings.small_segment) if final else None
            self._writer.commit(mergetype=merge)
            self._writer = None
        self._committed_docs += self._uncommitted
        self._uncommitted = 0
        self._last_commit = time.monotonic()


def merge_small_segments(writer: Any, segments: list[Any], small: int = 200) -> list[Any]:
    """A Whoosh merge policy for the end of a run: fold the smallest segments into the one being
    written while the next is at most twice their total and under an eighth of the library. After a
    run a few segments remain (not Whoosh's dozens); a small update rewrites only small segments, and
    no run rewrites the big ones (a merge costs Whoosh about 30 ms a document: minutes at 100,000).
    Returns the segments left alone."""
    ordered = sorted(segments, key=lambda s: s.doc_count_all())
    total = writer.doc_count()  # documents of the segment this commit writes
    biggest = max(small, (total + sum(s.doc_count_all() for s in segments)) // 8)
    merged = 0
    for segment in ordered:
        size = segment.doc_count_all()
        if total and (size > 2 * total or size > biggest):
            break
        total += size
        merged += 1
    if merged + (writer.doc_count() > 0) < 2:
        return segments  # nothing to fold together
    from whoosh.reading import SegmentReader

    for segment in ordered[:merged]:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return ordered[merged:]


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
