"""``briefing index DIR...``: bring the index up to date with folders of articles."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from briefing.commands.progress import TerminalProgress
from briefing.commands.reading import read_limits
from briefing.core import paths
from briefing.core.analysis.choice import ClusterLost, ClusterUnavailable, cluster_address, make_analyser
from briefing.core.analysis.parallel import ParallelAnalyser
from briefing.core.errors import LibraryBusyError
from briefing.core.library import IndexerSettings, Library
from briefing.core.library.lock import DEFAULT_WAIT
from briefing.core.library.scan import describe_skipped

if TYPE_CHECKING:
    from briefing.core.analysis.cluster import ClusterAnalyser

# Exit status when another process holds the library (EX_TEMPFAIL: try again later).
EXIT_BUSY = 75
# Exit status when the cluster went away and --cluster-fallback stop ended the run (try again later too).
EXIT_CLUSTER_LOST = 75


def max_bytes(megabytes: float | None) -> int | None:
    """``--max-size MB`` in bytes (None: the readers' default limit)."""
    if megabytes is None:
        return None
    if megabytes <= 0:
        raise ValueError("--max-size must be a positive number of megabytes")
    return int(megabytes * 1024 * 1024)


def _say(message: str) -> None:
    print(f"briefing: {message}", file=sys.stderr, flush=True)


def run_index(args: argparse.Namespace) -> int:
    for folder in args.folders:
        if not folder.is_dir():
            print(f"briefing: {folder} is not a folder", file=sys.stderr)
            return 2
    try:
        limits = read_limits(args, max_bytes(getattr(args, "max_size", None)))
    except ValueError as error:
        print(f"briefing: {error}", file=sys.stderr)
        return 2
    settings = IndexerSettings(
        max_bytes=limits.max_bytes, read_seconds=limits.seconds, read_memory_mb=limits.memory_mb
    )
    analyser: ParallelAnalyser | ClusterAnalyser | None = None
    notices: list[str] = []
    if not args.no_analysis:
        # Analysis runs in worker processes (started only if a file needs it), or on the Dask
        # cluster named, while this process writes.
        try:
            analyser, notices = make_analyser(
                cluster_address(getattr(args, "cluster", None)),
                fallback=getattr(args, "cluster_fallback", "local"),
            )
        except ClusterUnavailable as error:
            print(f"briefing: {error}", file=sys.stderr)
            return 2
    for notice in notices:
        print(f"briefing: {notice}", file=sys.stderr)
    try:
        library = Library(paths.index_dir(args.index_dir), settings=settings)
    except BaseException:
        if analyser is not None:
            analyser.close()
        raise
    progress = TerminalProgress()
    roots = [folder.resolve() for folder in args.folders]
    for root in roots:
        library.add_root(root)
    try:
        wait = DEFAULT_WAIT if args.wait is None else args.wait
        report = library.update(roots, progress=progress, analyser=analyser, wait=wait, on_wait=_say)
    except LibraryBusyError as error:
        print(
            f"briefing: the library is busy: {error}; try again when it has finished, "
            "or pass --wait SECONDS to wait for it",
            file=sys.stderr,
        )
        return EXIT_BUSY
    except ClusterLost as lost:  # --cluster-fallback stop: the committed batches stay
        progress.close()
        print(f"briefing: {lost}; the index keeps what was written: run again to finish", file=sys.stderr)
        return EXIT_CLUSTER_LOST
    finally:
        progress.close()
        library.close()
        if analyser is not None:
            analyser.close()
    if analyser is not None and not isinstance(analyser, ParallelAnalyser):
        report.notices.extend(analyser.notices)  # the cluster went away and the run fell back
    for notice in report.notices:
        print(f"briefing: {notice}", file=sys.stderr)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        print(
            f"{report.added} added, {report.updated} updated, {report.removed} removed, "
            f"{report.unchanged} unchanged, {len(report.failed)} failed"
        )
        for failure in report.failed:
            print(f"  skipped {failure.path}: {failure.reason}")
        if report.skipped:
            print(describe_skipped(report.skipped))
    return 0
