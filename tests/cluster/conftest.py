"""Fixtures of the cluster tests: a real Dask scheduler and two workers on 127.0.0.1, real BBC articles."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from cluster.dask_processes import DaskProcesses


@pytest.fixture
def dask_cluster(tmp_path: Path) -> Iterator[DaskProcesses]:
    """A scheduler and two single-threaded worker processes; no process of them outlives the test."""
    cluster = DaskProcesses(workers=2, logs=tmp_path / "dask-logs")
    try:
        yield cluster.start()
    finally:
        left = cluster.stop()
        assert left == [], f"processes of the test cluster still running: {left}"


@pytest.fixture
def bbc40(shared_dir: Path, tmp_path: Path) -> Path:
    """A folder of 40 real BBC articles from every section (copied into the test's temporary folder)."""
    folder = tmp_path / "bbc40"
    folder.mkdir()
    for source in sorted((shared_dir / "corpus" / "bbc").glob("bbc_*.txt"))[::55][:40]:
        shutil.copy2(source, folder / source.name)
    assert len(list(folder.iterdir())) == 40
    return folder
