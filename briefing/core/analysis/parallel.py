"""Analysis in worker processes, so indexing reads files and writes Whoosh while spaCy tags.

    analyser = ParallelAnalyser()          # default_workers() processes
    future = analyser.submit(articles)     # returns at once; future.result() -> list[Analysis]
    analyser(articles)                     # the same, waiting (a plain BatchAnalyser)
    analyser.close()

Each worker is a fresh ("spawn") process that loads the Analyzer once and
analyses whole batches; the workers start on the first batch, so a run with
nothing to analyse never pays for them. The results equal Analyzer.analyse_batch's.

Workers exit within a second of the process that started them dying, however it dies
(``briefing.core.workers.lifeline``): they are started by whichever thread submits a batch, so
on Linux their parent-death signal is a handled one that checks the parent really died.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.connection import Connection
from types import TracebackType

from briefing.core.analysis.analyzer import Analyzer
from briefing.core.article import Analysis, Article
from briefing.core.workers.lifeline import die_with_parent, lifeline

_analyzer = None  # the worker process's Analyzer


def _start_worker(model: str | None, parent_pid: int, parent_pipe: Connection) -> None:
    global _analyzer
    die_with_parent(parent_pid, parent_pipe, kill=False)
    _analyzer = Analyzer(model)
    _analyzer.nlp  # noqa: B018  (load spaCy now, before the first batch arrives)


def _analyse(articles: Sequence[Article]) -> list[Analysis]:
    assert _analyzer is not None, "the worker was not started by ParallelAnalyser"
    return _analyzer.analyse_batch(articles)


WORKERS_ENV = "BRIEFING_ANALYSIS_WORKERS"


def default_workers() -> int:
    """$BRIEFING_ANALYSIS_WORKERS, else one per core but one, and at least two, at most four.

    On two cores two workers beside the writing parent measured 60.6 s for the BBC library where
    one worker took 83.6 s (NER alone: 50-57 s): the parent idles while it waits for analyses.
    """
    value = os.environ.get(WORKERS_ENV, "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    return min(4, max(2, (os.cpu_count() or 1) - 1))


class ParallelAnalyser:
    """A BatchAnalyser whose batches run in ``workers`` processes; ``submit`` does not wait."""

    def __init__(self, workers: int | None = None, model: str | None = None) -> None:
        self.workers = max(1, workers if workers is not None else default_workers())
        self.model = model
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.model, os.getpid(), lifeline()),
            )
        return self._pool

    def submit(self, articles: Sequence[Article]) -> Future[list[Analysis]]:
        return self._executor().submit(_analyse, list(articles))

    def start(self) -> None:
        """Start every worker now (each loads spaCy), without waiting: an empty batch each."""
        for _ in range(self.workers):
            self.submit([])

    def __call__(self, articles: Sequence[Article]) -> list[Analysis]:
        return self.submit(articles).result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> ParallelAnalyser:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
