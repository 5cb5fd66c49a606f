"""Reading article files for a command: in a worker process, within the read limits (issue 16)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from briefing.core.article import Article
from briefing.core.errors import ReadError
from briefing.core.workers.reading import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, ReadingWorker, ReadLimits


def read_limits(args: argparse.Namespace, max_bytes: int | None = None) -> ReadLimits:
    """``--read-timeout`` and ``--read-memory`` (ValueError with a message when not sensible)."""
    seconds = getattr(args, "read_timeout", None)
    memory = getattr(args, "read_memory", None)
    if seconds is not None and not seconds > 0:
        raise ValueError("--read-timeout must be a positive number of seconds")
    if memory is not None and memory < 64:
        raise ValueError("--read-memory must be at least 64 (megabytes)")
    return ReadLimits(
        seconds=DEFAULT_SECONDS if seconds is None else seconds,
        memory_mb=DEFAULT_MEMORY_MB if memory is None else memory,
        max_bytes=max_bytes,
    )


def read_each(files: Sequence[Path], limits: ReadLimits) -> Iterator[Article | ReadError]:
    """Each file's article, or the ReadError saying why it could not be read (said on stderr too)."""
    with ReadingWorker(limits) as reader:
        for path in files:
            try:
                yield reader(path)
            except ReadError as error:
                print(f"briefing: skipped {error.path}: {error.reason}", file=sys.stderr)
                yield error
