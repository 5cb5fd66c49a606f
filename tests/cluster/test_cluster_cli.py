"""`briefing index --cluster` without a cluster to talk to, and no Dask at all without --cluster."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cluster.dask_processes import PROJECT, free_port

# Runs the CLI in a fresh interpreter, then prints which Dask modules that process had imported.
_RUN = (
    "import json, sys; from briefing.cli import main; code = main(sys.argv[1:]); "
    "print(json.dumps({'code': code, 'dask': sorted(m for m in sys.modules "
    "if m.split('.')[0] in ('dask', 'distributed'))}))"
)


def _index(
    folder: Path, tmp_path: Path, *args: str, env: dict[str, str] | None = None
) -> tuple[dict[str, object], str]:
    done = subprocess.run(
        [sys.executable, "-c", _RUN, "index", str(folder), "--index-dir", str(tmp_path / "index"), *args],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=dict(os.environ, BRIEFING_HOME=str(tmp_path / "home"), **(env or {})),
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


@pytest.fixture
def empty_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    return folder


def test_without_a_cluster_nothing_of_dask_is_imported(empty_folder: Path, tmp_path: Path) -> None:
    env = {"BRIEFING_CLUSTER": ""}
    result, err = _index(empty_folder, tmp_path, "--json", env=env)
    assert (result["code"], result["dask"], err) == (0, [], "")


def test_an_unreachable_cluster_is_one_clear_line(empty_folder: Path, tmp_path: Path) -> None:
    address = f"tcp://127.0.0.1:{free_port()}"  # nothing listens there
    result, err = _index(empty_folder, tmp_path, "--cluster", address, "--cluster-fallback", "stop")
    assert result["code"] == 2
    assert "distributed" in result["dask"]  # the cluster path did load Dask
    [line] = err.splitlines()
    assert line.startswith(f"briefing: cannot reach the Dask cluster at {address}: ")
    assert not (tmp_path / "index").exists()  # stopped before touching the library


def test_the_cluster_setting_comes_from_the_environment_and_falls_back_to_local_workers(
    empty_folder: Path, tmp_path: Path
) -> None:
    port = free_port()
    result, err = _index(empty_folder, tmp_path, "--json", env={"BRIEFING_CLUSTER": f"127.0.0.1:{port}"})
    assert result["code"] == 0
    [line] = err.splitlines()
    assert line.startswith(f"briefing: cannot reach the Dask cluster at tcp://127.0.0.1:{port}: ")
    assert line.endswith("; analysing with local workers")
