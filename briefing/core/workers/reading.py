"""Reading files in a worker process with a time and a memory limit, so no file hangs or bloats a run.

    reader = ReadingWorker(ReadLimits(seconds=20, memory_bytes=1 << 30))
    article = reader(path)        # ingest.read(path) in the worker; raises ReadError
    reader.close()

A few bytes of Markdown can keep a parser busy for minutes or build gigabytes of nested lists
(100,000 unclosed ``[``, a 2,000-level list, front matter nested 100,000 levels deep). The reading
runs in one child process, reused from file to file so the common case costs a pipe round trip
(the child starts once, ~0.3 s): the parent waits at most ``seconds`` for each answer and kills
the child if none comes ("too slow to read (limit 20 s)"); the child runs under an address-space
limit (``RLIMIT_AS``, where the platform has it), so an allocation beyond it fails there ("too large
to read in memory") instead of swapping the machine. A killed or crashed child is replaced at the
next file. The child dies with its parent (``lifeline``).

One ReadingWorker serves one thread at a time (calls are serialised). Its child gets SIGKILL on
Linux when the thread that started it ends; the next call from a live thread starts another.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from types import TracebackType

from briefing.core.article import Article
from briefing.core.errors import BriefingError, ReadError
from briefing.core.ingest import read
from briefing.core.workers.lifeline import die_with_parent, lifeline

if sys.platform != "win32":
    import resource
else:  # pragma: no cover - Windows has no RLIMIT_AS; the time limit still holds
    resource = None

DEFAULT_SECONDS = 20.0
DEFAULT_MEMORY_MB = 1024
TOO_LARGE = "too large to read in memory"
TOO_DEEP = "nested too deeply to read (thousands of levels of lists, brackets or front matter)"
# Metadata longer than this is no title, byline or address (a 5 MB front matter scalar once made
# a briefing's PDF take minutes): cut, with a warning.
MAX_FIELD_CHARS = 1_000
MAX_TAGS = 100
# spaCy's tokenizer splits a run of punctuation one mark at a time, rescanning the rest: 2,000
# brackets in a row take 2 s, 100,000 hours. No article has more than a rule of dashes: longer runs
# are cut to their first three marks.
_PUNCTUATION_RUN = re.compile(r"(?:[^\w\s]|_){17,}")
# How long a new child may take to import the readers (a loaded two-core machine, a cold disk).
_START_SECONDS = 120.0


def too_slow(seconds: float) -> str:
    return f"too slow to read (limit {seconds:g} s)"


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """Per-file limits: wall-clock ``seconds``, address space ``memory_mb`` (None: unlimited) and size."""

    seconds: float = DEFAULT_SECONDS
    memory_mb: int | None = DEFAULT_MEMORY_MB
    max_bytes: int | None = None  # None: the readers' DEFAULT_MAX_BYTES

    def __post_init__(self) -> None:
        if not self.seconds > 0:
            raise ValueError("the read time limit must be a positive number of seconds")
        if self.memory_mb is not None and self.memory_mb < 64:
            raise ValueError("the read memory limit must be at least 64 MB")


class ReaderUnavailable(BriefingError):
    """The reading process could not be started (not the file's fault)."""


# -- the child ---------------------------------------------------------------------------------


def _cut(value: str | None, name: str, warnings: list[str]) -> str | None:
    if value is None or len(value) <= MAX_FIELD_CHARS:
        return value
    warnings.append(f"{name} cut to its first {MAX_FIELD_CHARS:,} characters (of {len(value):,})")
    return value[:MAX_FIELD_CHARS].rstrip() + "…"


def _shorten_runs(text: str) -> tuple[str, int]:
    return _PUNCTUATION_RUN.subn(lambda match: match.group()[:3], text)


def capped(article: Article) -> Article:
    """``article`` with title, source, author, date, address and tags of sane lengths, and no run
    of punctuation longer than 16 marks."""
    warnings: list[str] = []
    title, title_runs = _shorten_runs(_cut(article.title, "title", warnings) or "")
    text, text_runs = _shorten_runs(article.text)
    captions = tuple(_shorten_runs(caption)[0] for caption in article.captions)
    if title_runs + text_runs or captions != tuple(article.captions):
        warnings.append("runs of more than 16 punctuation marks shortened to three")
    source = _cut(article.source, "source", warnings)
    author = _cut(article.author, "author", warnings)
    published = _cut(article.published, "date", warnings)
    url = _cut(article.url, "address", warnings)
    tags = tuple(t[:MAX_FIELD_CHARS] for t in article.tags[:MAX_TAGS])
    if len(article.tags) > MAX_TAGS or any(len(t) > MAX_FIELD_CHARS for t in article.tags):
        warnings.append(f"tags cut to {MAX_TAGS} of at most {MAX_FIELD_CHARS:,} characters")
    if not warnings:
        return article
    return dataclasses.replace(
        article, title=title, text=text, captions=captions, source=source, author=author,
        published=published, url=url, tags=tags, warnings=(*article.warnings, *warnings),
    )


def read_capped(path: str, max_bytes: int | None) -> Article:
    """``ingest.read`` with metadata capped, and a too-deep structure as a ReadError (any process)."""
    try:
        article = read(path) if max_bytes is None else read(path, max_bytes=max_bytes)
    except RecursionError as error:
        raise ReadError(os.path.abspath(path), TOO_DEEP) from error
    return capped(article)


Reply = tuple[str, Article | str]


def _answer(path: str, max_bytes: int | None) -> tuple[Reply, bool]:
    """(("ok", article) or ("error", reason), whether this process should retire after answering)."""
    try:
        return ("ok", read_capped(path, max_bytes)), False
    except ReadError as error:
        return ("error", error.reason), False
    except MemoryError:
        return ("error", TOO_LARGE), True  # the heap may be fragmented or half-built: start afresh
    except OSError as error:
        return ("error", f"file could not be read: {error.strerror or error}"), False
    except Exception as error:  # a reader's bug on a strange file is that file's problem only
        return ("error", f"unexpected error: {type(error).__name__}: {error}"), True


def _limit_memory(megabytes: int | None) -> None:
    if megabytes is None or resource is None:
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = megabytes * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def serve(conn: Connection, parent_pid: int, parent_pipe: Connection, memory_mb: int | None) -> None:
    """The child's loop: (path, max_bytes) in, (reply, retire) out, until the parent closes the pipe."""
    die_with_parent(parent_pid, parent_pipe, kill=True)
    _limit_memory(memory_mb)
    conn.send("ready")
    while True:
        try:
            path, max_bytes = conn.recv()
        except (EOFError, OSError):
            return
        reply, retire = _answer(path, max_bytes)
        try:
            conn.send((reply, retire))
        except MemoryError:
            conn.send((("error", TOO_LARGE), True))
            retire = True
        if retire:
            return


# -- the parent --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Child:
    process: BaseProcess
    conn: Connection
    thread: threading.Thread  # the thread that started it (its death signals the child on Linux)


def _stopped(process: BaseProcess, memory_limited: bool) -> str:
    code = process.exitcode
    if code is not None and code < 0 and memory_limited:
        return TOO_LARGE  # an allocation failure in C code (abort, segfault) under the limit
    if code is not None and code < 0:
        try:
            what = signal.Signals(-code).name
        except ValueError:
            what = f"signal {-code}"
        return f"the reading process stopped ({what})"
    return f"the reading process stopped (exit status {code})"


class ReadingWorker:
    """``ingest.read`` in a reused child process, with ``ReadLimits``; callable like ``read``."""

    def __init__(self, limits: ReadLimits | None = None) -> None:
        self.limits = limits or ReadLimits()
        self._child: _Child | None = None
        self._lock = threading.Lock()
        self._context = multiprocessing.get_context("spawn")

    def __call__(self, path: str | os.PathLike[str]) -> Article:
        where = os.path.abspath(os.fspath(path))
        with self._lock:
            for attempt in (1, 2):
                child = self._ready_child()
                try:
                    child.conn.send((where, self.limits.max_bytes))
                except (OSError, EOFError):  # it died idle (its thread ended): a fresh one
                    self._discard()
                    continue
                if not child.conn.poll(self.limits.seconds):
                    self._discard()
                    raise ReadError(where, too_slow(self.limits.seconds))
                try:
                    reply, retire = child.conn.recv()
                except (EOFError, OSError):
                    thread_ended = not child.thread.is_alive()
                    reason = _stopped(self._discard(), self.limits.memory_mb is not None)
                    if thread_ended and attempt == 1:
                        continue  # killed with the thread that started it, not by this file
                    raise ReadError(where, reason) from None
                if retire:
                    self._discard()
                kind, value = reply
                if kind == "ok" and isinstance(value, Article):
                    return value
                raise ReadError(where, str(value))
            raise ReaderUnavailable("the reading process keeps stopping; see the system's memory")

    def _ready_child(self) -> _Child:
        child = self._child
        if child is not None and child.process.is_alive() and child.thread.is_alive():
            return child
        if child is not None:
            self._discard()
        return self._start()

    def _start(self) -> _Child:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=serve,
            args=(theirs, os.getpid(), lifeline(), self.limits.memory_mb),
            name="briefing-reader",
            daemon=True,
        )
        try:
            process.start()
        except OSError as error:
            why = error.strerror or error
            raise ReaderUnavailable(f"could not start the reading process: {why}") from error
        finally:
            theirs.close()
        child = _Child(process, ours, threading.current_thread())
        self._child = child
        deadline = time.monotonic() + _START_SECONDS
        try:
            while not ours.poll(0.2):
                if not process.is_alive() or time.monotonic() > deadline:
                    raise EOFError
            if ours.recv() != "ready":
                raise EOFError
        except (EOFError, OSError):
            self._discard()
            raise ReaderUnavailable(
                "the reading process did not start (the memory limit may be too low for it)"
            ) from None
        return child

    def _discard(self) -> BaseProcess:
        """Stop the child (killing it if it is busy) and forget it; returns its process, ended."""
        child, self._child = self._child, None
        assert child is not None
        child.conn.close()
        child.process.join(timeout=0.05)
        if child.process.is_alive():
            child.process.kill()
            child.process.join(timeout=10)
        return child.process

    def close(self) -> None:
        with self._lock:
            if self._child is not None:
                self._discard()

    def __enter__(self) -> ReadingWorker:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
