"""Analysis on a Dask distributed cluster, behind ParallelAnalyser's interface.

    analyser = ClusterAnalyser.connect("tcp://HOST:8786")   # ClusterUnavailable if it cannot
    future = analyser.submit(articles)     # returns at once; future.result() -> list[Analysis]
    analyser(articles)                     # the same, waiting
    analyser.close()

Only analysis leaves this process: batches of articles go to the cluster's
workers and their analyses come back; the one Whoosh writer stays with the
caller. Each worker process loads the Analyzer once (``_worker_analyzer``) and
analyses one batch at a time. A worker that dies mid-batch has its batch run
again on another worker by the scheduler. When the cluster itself goes away
(the scheduler stops, the network drops), the batches not yet analysed either
go to local worker processes (``fallback="local"``, with a notice) or end the
run with ClusterLost (``fallback="stop"``), which the indexer lets through like
Ctrl-C: it discards the uncommitted batch and the next run finishes the work.

This module imports ``distributed``; nothing imports it unless a cluster was asked for.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Sequence
from concurrent.futures import Future, InvalidStateError
from types import TracebackType
from typing import Literal

import distributed

from briefing.core.analysis import ANALYSIS_VERSION
from briefing.core.analysis.analyzer import Analyzer
from briefing.core.analysis.choice import ClusterLost, ClusterUnavailable
from briefing.core.analysis.parallel import ParallelAnalyser
from briefing.core.article import Analysis, Article

Fallback = Literal["local", "stop"]
__all__ = ["ClusterAnalyser", "ClusterLost", "ClusterUnavailable", "Fallback", "analyse_on_worker"]
CONNECT_SECONDS = 10.0

# -- the worker side -----------------------------------------------------------------

_worker_lock = threading.Lock()
_worker_analyzers: dict[str | None, Analyzer] = {}


def _worker_analyzer(model: str | None) -> Analyzer:
    """This worker process's Analyzer for ``model``, loaded on its first batch and kept."""
    analyzer = _worker_analyzers.get(model)
    if analyzer is None:
        analyzer = _worker_analyzers[model] = Analyzer(model)
        analyzer.nlp  # noqa: B018  (load spaCy now, under the lock)
    return analyzer


def analyse_on_worker(model: str | None, articles: list[Article]) -> tuple[str, list[Analysis]]:
    """Runs on a Dask worker: the worker's analysis version and the batch's analyses.

    One batch at a time per process (a worker with several threads would only contend for the
    GIL, and one spaCy pipeline is not meant to be shared between threads)."""
    with _worker_lock:
        return ANALYSIS_VERSION, _worker_analyzer(model).analyse_batch(articles)


def worker_version() -> str:
    return ANALYSIS_VERSION


# -- the indexing side ------------------------------------------------------------


def quiet_dask_logging() -> None:
    """Dask logs every lost connection with a traceback; the user gets our one line instead.

    Dask's logging config gives some loggers levels of their own ("distributed.client"), so each
    one is quietened, not only the parent."""
    for name in [*logging.root.manager.loggerDict, "distributed"]:
        if name == "distributed" or name.startswith("distributed."):
            logging.getLogger(name).setLevel(logging.CRITICAL + 1)


class ClusterAnalyser:
    """A BatchAnalyser whose batches run on a Dask cluster; ``submit`` does not wait."""

    def __init__(
        self,
        client: distributed.Client,
        address: str,
        *,
        model: str | None = None,
        fallback: Fallback = "local",
        local_workers: int | None = None,
    ) -> None:
        self.address = address
        self.model = model
        self.fallback: Fallback = fallback
        self.notices: list[str] = []  # what the user should be told (the cluster going away)
        self.batches_on_cluster = 0  # batches analysed by the cluster
        self.batches_local = 0  # batches analysed by local workers after it went away
        self._client: distributed.Client | None = client
        self._local_workers = local_workers
        self._local: ParallelAnalyser | None = None
        self._lost: str | None = None  # why the cluster is no longer used
        self._lock = threading.Lock()
        # One batch per worker process (each analyses one at a time); the indexer keeps one more queued.
        self.workers = max(1, len(client.scheduler_info().get("workers", {})))

    @classmethod
    def connect(
        cls,
        address: str,
        *,
        model: str | None = None,
        fallback: Fallback = "local",
        local_workers: int | None = None,
        timeout: float = CONNECT_SECONDS,
    ) -> ClusterAnalyser:
        """Connect to the scheduler at ``address`` and check its workers' analysis version."""
        quiet_dask_logging()
        try:
            client = distributed.Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            why = _describe(error)
            raise ClusterUnavailable(f"cannot reach the Dask cluster at {address}: {why}") from None
        try:
            client.wait_for_workers(1, timeout=timeout)
            versions = set(client.run(worker_version).values())
        except (OSError, TimeoutError) as error:
            client.close(timeout=2)
            why = _describe(error)
            raise ClusterUnavailable(f"the Dask cluster at {address} has no workers: {why}") from None
        if versions != {ANALYSIS_VERSION}:
            client.close(timeout=2)
            raise ClusterUnavailable(
                f"the Dask cluster at {address} analyses with {', '.join(sorted(versions))}, "
                f"this Briefing with {ANALYSIS_VERSION}: install the same Briefing on the workers"
            )
        return cls(client, address, model=model, fallback=fallback, local_workers=local_workers)

    @property
    def lost(self) -> str | None:
        """Why the cluster is no longer used (None while it is)."""
        return self._lost

    def submit(self, articles: Sequence[Article]) -> Future[list[Analysis]]:
        batch = list(articles)
        result: Future[list[Analysis]] = Future()
        client = self._client
        if self._lost is not None or client is None:
            self._after_loss(batch, result)
            return result
        try:
            remote = client.submit(analyse_on_worker, self.model, batch, pure=False)
        except Exception as error:  # the client closed under us
            self._mark_lost(_describe(error))
            self._after_loss(batch, result)
            return result
        remote.add_done_callback(lambda done: self._settle(done, batch, result))
        return result

    def __call__(self, articles: Sequence[Article]) -> list[Analysis]:
        return self.submit(articles).result()

    def _settle(
        self, remote: distributed.Future, batch: list[Article], result: Future[list[Analysis]]
    ) -> None:
        """Called in Dask's callback thread when a batch's remote future is done."""
        if remote.status == "finished":
            try:
                version, analyses = remote.result()
            except Exception as error:  # the result could not be fetched: the cluster went away
                self._mark_lost(_describe(error))
            else:
                if version == ANALYSIS_VERSION:
                    with self._lock:
                        self.batches_on_cluster += 1
                    _set(result, analyses)
                    return
                self._mark_lost(f"a worker analyses with {version}, this Briefing with {ANALYSIS_VERSION}")
        elif remote.status == "error":  # the analysis raised: the indexer finds the article that broke it
            raised = remote.exception()
            _set(result, error=raised if isinstance(raised, BaseException) else RuntimeError(str(raised)))
            return
        else:  # cancelled or lost: the scheduler went away
            self._mark_lost("the connection to the scheduler was lost")
        self._after_loss(batch, result)

    def _mark_lost(self, why: str) -> None:
        with self._lock:
            if self._lost is not None:
                return
            self._lost = why
            then = "analysing the rest with local workers" if self.fallback == "local" else "stopping the run"
            self.notices.append(f"the Dask cluster at {self.address} went away ({why}); {then}")

    def _after_loss(self, batch: list[Article], result: Future[list[Analysis]]) -> None:
        if self.fallback == "stop":
            why = self.notices[-1] if self.notices else "the Dask cluster went away"
            _set(result, error=ClusterLost(why))
            return
        with self._lock:
            if self._local is None:
                self._local = ParallelAnalyser(self._local_workers, self.model)
            local = self._local
            self.batches_local += 1
        _chain(local.submit(batch), result)

    def close(self) -> None:
        with self._lock:
            client, self._client = self._client, None
            local, self._local = self._local, None
        if client is not None:
            # A client whose scheduler has gone may fail to close cleanly; it is closed all the same.
            with contextlib.suppress(Exception):
                client.close(timeout=5)
        if local is not None:
            local.close()

    def __enter__(self) -> ClusterAnalyser:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _chain(source: Future[list[Analysis]], target: Future[list[Analysis]]) -> None:
    def copy(done: Future[list[Analysis]]) -> None:
        if done.cancelled():
            target.cancel()
        elif (error := done.exception()) is not None:
            _set(target, error=error)
        else:
            _set(target, done.result())

    source.add_done_callback(copy)


def _set(
    target: Future[list[Analysis]], value: list[Analysis] | None = None, *, error: BaseException | None = None
) -> None:
    """Settle ``target`` unless the indexer has cancelled it meanwhile (a run that is stopping)."""
    if target.done():
        return
    try:
        if error is not None:
            target.set_exception(error)
        else:
            target.set_result(value if value is not None else [])
    except InvalidStateError:  # cancelled between the check and now
        pass


def _describe(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
