"""Which analyser an indexing run uses: local worker processes, or a Dask cluster when one is named.

    analyser, notices = make_analyser(cluster_address(args.cluster))

The CLI (``briefing index --cluster``) and the app (the ``BRIEFING_CLUSTER``
environment variable) both come here. Without a cluster address nothing of
Dask is imported: ``briefing.core.analysis.cluster`` (which imports
``distributed``) is imported only inside ``make_analyser``'s cluster branch, so a
desktop without the ``cluster`` extra, and the frozen app, never load it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from briefing.core.analysis.parallel import ParallelAnalyser
from briefing.core.errors import BriefingError

if TYPE_CHECKING:
    from briefing.core.analysis.cluster import ClusterAnalyser, Fallback

CLUSTER_ENV = "BRIEFING_CLUSTER"


class ClusterUnavailable(BriefingError):
    """The cluster could not be reached, has no workers, or runs another analysis version."""


class ClusterLost(BaseException):
    """The cluster went away during a run that was asked to stop rather than fall back.

    A BaseException like KeyboardInterrupt, on purpose: the indexer treats an ordinary exception
    from a batch as a bad article and retries its articles one by one, which would index the rest
    of the library without analyses. This one ends the run; committed batches stay, the next run
    finishes the work."""


NO_DASK = "this Briefing has no cluster support (install it with the 'cluster' extra: briefing[cluster])"


def cluster_address(explicit: str | None = None) -> str | None:
    """``explicit`` if given (an empty string: none), else $BRIEFING_CLUSTER, else None."""
    value = explicit if explicit is not None else os.environ.get(CLUSTER_ENV, "")
    value = value.strip()
    if not value:
        return None
    return value if "://" in value else f"tcp://{value}"


def make_analyser(
    cluster: str | None,
    *,
    model: str | None = None,
    workers: int | None = None,
    fallback: Fallback = "local",
) -> tuple[ParallelAnalyser | ClusterAnalyser, list[str]]:
    """The analyser for a run and what to tell the user about the choice.

    With ``cluster``, a ClusterAnalyser connected to it; if it cannot be reached, local workers
    and a notice (``fallback="local"``) or ClusterUnavailable (``fallback="stop"``). The cluster
    analyser's own ``notices`` say later whether the cluster went away during the run."""
    if cluster is None:
        return ParallelAnalyser(workers, model), []
    try:
        # Imported here, not at the top: only a run given a cluster may load Dask (start-up time,
        # and the frozen app leaves Dask out).
        from briefing.core.analysis import cluster as dask_cluster
    except ImportError as error:
        return _local_or_raise(f"{NO_DASK}: {error}", fallback, model, workers)
    try:
        return dask_cluster.ClusterAnalyser.connect(
            cluster, model=model, fallback=fallback, local_workers=workers
        ), []
    except ClusterUnavailable as error:
        return _local_or_raise(str(error), fallback, model, workers)


def _local_or_raise(
    why: str, fallback: Fallback, model: str | None, workers: int | None
) -> tuple[ParallelAnalyser, list[str]]:
    if fallback == "stop":
        raise ClusterUnavailable(why)
    return ParallelAnalyser(workers, model), [f"{why}; analysing with local workers"]
