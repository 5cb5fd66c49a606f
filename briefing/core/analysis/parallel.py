"""Analysis in worker processes, so indexing reads files and writes Whoosh while spaCy tags.

    analyser = ParallelAnalyser(workers=1)
    future = analyser.submit(articles)     # returns at once; future.result() -> list[Analysis]
    analyser(articles)                     # the same, waiting (a plain BatchAnalyser)
    analyser.close()

Each worker is a fresh ("spawn") process that loads the Analyzer once and
analyses whole batches; the workers start on the first batch, so a run with
nothing to analyse never pays for them. The results equal Analyzer.analyse_batch's.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType

from briefing.core.article import Analysis, Article

_analyzer = None  # the worker process's Analyzer


def _start_worker(model: str | None) -> None:
    global _analyzer
    from briefing.core.analysis.analyzer import Analyzer

    _analyzer = Analyzer(model)
    _analyzer.nlp  # noqa: B018  (load spaCy now, before the first batch arrives)


def _analyse(articles: Sequence[Article]) -> list[Analysis]:
    assert _analyzer is not None, "the worker was not started by ParallelAnalyser"
    return _analyzer.analyse_batch(articles)


def default_workers() -> int:
    """One worker: the parent process is the other busy core (reading files and writing the index)."""
    return 1 if (os.cpu_count() or 1) <= 2 else min(4, (os.cpu_count() or 2) - 1)


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
                initargs=(self.model,),
            )
        return self._pool

    def submit(self, articles: Sequence[Article]) -> Future[list[Analysis]]:
        return self._executor().submit(_analyse, list(articles))

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
