"""Indexing real BBC articles through a real Dask cluster (a scheduler and two worker processes on
127.0.0.1): the same analyses as local ones; a worker killed mid-run; the scheduler stopped mid-run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.core.analysis import Analyzer
from briefing.core.analysis.cluster import ClusterAnalyser
from briefing.core.article import Analysis
from briefing.core.ingest import read
from briefing.core.library import Library
from cluster.dask_processes import PROJECT, DaskProcesses

pytestmark = [pytest.mark.slow, pytest.mark.shared]

BATCH = 4  # articles per batch: ten batches for forty articles, so "mid-run" is a real moment


def _local_analyses(folder: Path) -> dict[str, Analysis]:
    files = sorted(folder.iterdir())
    return dict(zip(map(str, files), Analyzer().analyse_batch([read(p) for p in files]), strict=True))


def _indexed(index: Path) -> dict[str, Analysis | None]:
    with Library(index) as lib:
        paths = [doc.path for doc in lib.indexed_documents()]
        assert len(paths) == len(set(paths)), "an article was indexed twice"
        return {article.path: analysis for article, analysis in lib.documents(paths)}


def _when(condition: Callable[[], bool], then: Callable[[], None], timeout: float = 600) -> threading.Thread:
    """Run ``then`` in a thread as soon as ``condition`` holds (polled)."""

    def watch() -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                then()
                return
            time.sleep(0.02)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


def test_the_cluster_gives_the_local_analyses(
    dask_cluster: DaskProcesses, bbc40: Path, tmp_path: Path
) -> None:
    expected = _local_analyses(bbc40)
    with ClusterAnalyser.connect(dask_cluster.address) as analyser, Library(tmp_path / "index") as lib:
        assert analyser.workers == 2
        lib.settings.analysis_batch = BATCH
        report = lib.update([bbc40], analyser=analyser)
        assert (report.added, report.failed, analyser.notices) == (40, [], [])
        assert (analyser.batches_on_cluster, analyser.batches_local) == (10, 0)
    assert _indexed(tmp_path / "index") == expected


def test_a_worker_killed_mid_batch_has_its_batch_run_elsewhere(
    dask_cluster: DaskProcesses, bbc40: Path, tmp_path: Path
) -> None:
    killed: list[str] = []
    with dask_cluster.client() as watcher, ClusterAnalyser.connect(dask_cluster.address) as analyser:
        pids = dask_cluster.worker_pids(watcher)

        def busy_worker() -> bool:
            # A worker with a batch in hand, once the cluster has analysed two batches already.
            if analyser.batches_on_cluster < 2:
                return False
            return any(watcher.processing().values())

        def kill() -> None:
            worker = next(addr for addr, keys in watcher.processing().items() if keys)
            killed.append(worker)
            dask_cluster.kill_worker(pids[worker])

        with Library(tmp_path / "index") as lib:
            lib.settings.analysis_batch = BATCH
            _when(busy_worker, kill)
            report = lib.update([bbc40], analyser=analyser)
        assert killed, "no worker was killed while it had a batch"
        assert (report.added, report.failed, analyser.notices) == (40, [], [])
        assert (analyser.batches_on_cluster, analyser.batches_local) == (10, 0)
        assert list(watcher.scheduler_info()["workers"]) == [w for w in pids if w not in killed]
    indexed = _indexed(tmp_path / "index")
    assert sorted(indexed) == sorted(map(str, bbc40.iterdir()))
    assert all(analysis is not None for analysis in indexed.values())


def test_a_lost_scheduler_sends_the_rest_to_local_workers(
    dask_cluster: DaskProcesses, bbc40: Path, tmp_path: Path
) -> None:
    expected = _local_analyses(bbc40)
    with ClusterAnalyser.connect(dask_cluster.address, local_workers=1) as analyser:
        with Library(tmp_path / "index") as lib:
            lib.settings.analysis_batch = BATCH
            _when(lambda: analyser.batches_on_cluster >= 2, dask_cluster.kill_scheduler)
            report = lib.update([bbc40], analyser=analyser)
        assert (report.added, report.failed) == (40, [])
        assert analyser.batches_on_cluster >= 2 and analyser.batches_local >= 1
        assert analyser.batches_on_cluster + analyser.batches_local >= 10
        [notice] = analyser.notices
        assert notice.startswith(f"the Dask cluster at {dask_cluster.address} went away")
        assert notice.endswith("analysing the rest with local workers")
    assert _indexed(tmp_path / "index") == expected


def _cli(*args: str | Path, home: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "briefing", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=PROJECT,
        env=dict(os.environ, BRIEFING_HOME=str(home), BRIEFING_ANALYSIS_WORKERS="1"),
    )


def test_a_stopped_scheduler_ends_the_cli_run_cleanly_and_the_next_run_finishes(
    dask_cluster: DaskProcesses, shared_dir: Path, tmp_path: Path
) -> None:
    # 80 articles: three batches of the CLI's 32, so the scheduler stops with batches in hand.
    folder = tmp_path / "bbc80"
    folder.mkdir()
    for source in sorted((shared_dir / "corpus" / "bbc").glob("bbc_*.txt"))[::27][:80]:
        (folder / source.name).write_bytes(source.read_bytes())
    index, home = tmp_path / "index", tmp_path / "home"
    with dask_cluster.client() as watcher:
        child = _cli(
            "index", folder, "--index-dir", index, "--json",
            "--cluster", dask_cluster.address, "--cluster-fallback", "stop", home=home,
        )
        try:
            deadline = time.monotonic() + 600
            while not any(watcher.processing().values()):
                assert child.poll() is None, child.communicate()[1]
                assert time.monotonic() < deadline, "the run never reached the cluster"
                time.sleep(0.02)
        finally:
            dask_cluster.kill_scheduler()
    out, err = child.communicate(timeout=300)
    assert child.returncode == 75, err
    assert out == ""
    assert "Traceback" not in err
    [line] = [line for line in err.splitlines() if line.strip()]
    assert line.startswith(f"briefing: the Dask cluster at {dask_cluster.address} went away")
    assert line.endswith("stopping the run; the index keeps what was written: run again to finish")

    # What was committed is whole (each document with its analysis); the next run finishes the rest.
    before = _indexed(index)
    assert all(analysis is not None for analysis in before.values())
    child = _cli("index", folder, "--index-dir", index, "--json", home=home)
    out, err = child.communicate(timeout=900)
    assert child.returncode == 0, err
    report = json.loads(out)
    assert (report["added"], report["failed"]) == (80 - len(before), [])
    after = _indexed(index)
    assert sorted(after) == sorted(map(str, folder.iterdir()))
    assert all(analysis is not None for analysis in after.values())

