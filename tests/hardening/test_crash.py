"""A run killed with SIGKILL loses at most its current batch; the next run notices and finishes.

Real child processes run the real CLI (``python -m briefing index``); the test watches the index
folder for the first committed generation and kills the child there, or at fixed moments.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from briefing.core.library import Library
from hardening.children import as_json, committed_generation, run_cli, start_cli, wait_for
from hardening.library_maker import make_library

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _kill(child: subprocess.Popen[str]) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL


def _leftovers(index: Path) -> list[str]:
    return sorted(n for n in os.listdir(index) if ".toc." in n or n.endswith(".tmp"))


def test_sigkill_after_the_first_commit_then_a_run_that_finishes(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    total = make_library(root, small=250, slow=5)
    index, home = tmp_path / "index", tmp_path / "home"

    child = start_cli("index", root, "--index-dir", index, "--no-analysis", "--json", home=home)
    wait_for(lambda: committed_generation(index) >= 1, 120, "the first batch commit", child)
    _kill(child)

    # The last committed generation is readable as it is: no rebuild, and whole batches only.
    with Library(index) as lib:
        assert lib.rebuild_pending is None
        committed = lib.count()
        assert 0 < committed < total
        assert lib.searcher().search("council", limit=1).total == min(committed, 250)
    assert (index / "indexing.json").exists(), "the killed run's marker should still be there"
    assert (index / "write.lock").read_text().strip() == str(child.pid), (
        "the dead holder's pid stays in the lock"
    )

    report = as_json(run_cli("index", root, "--index-dir", index, "--no-analysis", "--json", home=home))
    assert report["interrupted"] is True
    assert any("interrupted" in notice for notice in report["notices"])
    assert any(f"stale lock of process {child.pid}" in notice for notice in report["notices"])
    assert report["added"] == total - committed
    assert report["unchanged"] == committed
    assert report["failed"] == [] and report["rebuilt"] is False

    assert not (index / "indexing.json").exists()
    assert _leftovers(index) == []
    found = as_json(run_cli("search", "measure137", "--index-dir", index, "--json", home=home))
    assert found["total"] == 1 and found["hits"][0]["title"] == "Council report 137"
    assert as_json(run_cli("search", "hearing", "--index-dir", index, "--json", home=home))["total"] == 5
    with Library(index) as lib:
        assert lib.count() == total

    # And the run after that has nothing left to do, and nothing to report.
    again = as_json(run_cli("index", root, "--index-dir", index, "--no-analysis", "--json", home=home))
    assert (again["added"], again["unchanged"], again["interrupted"], again["notices"]) == (
        0,
        total,
        False,
        [],
    )


def test_killed_at_any_moment_the_index_stays_readable(tmp_path: Path) -> None:
    """Kill runs at several moments (starting up, scanning, between and during commits)."""
    root = tmp_path / "articles"
    total = make_library(root, small=150, slow=4)
    index, home = tmp_path / "index", tmp_path / "home"
    counts = [0]
    for delay in (0.4, 1.0, 1.7, 2.5):
        child = start_cli("index", root, "--index-dir", index, "--no-analysis", "--json", home=home)
        time.sleep(delay)
        if child.poll() is None:
            _kill(child)
        else:
            child.communicate()
        if not index.exists():
            continue
        with Library(index) as lib:
            assert lib.rebuild_pending is None, "a killed run must never leave an unreadable index"
            counts.append(lib.count())
            assert lib.searcher().search("council").total == min(counts[-1], 150)
    assert counts == sorted(counts), f"committed documents were lost: {counts}"

    report = as_json(run_cli("index", root, "--index-dir", index, "--no-analysis", "--json", home=home))
    assert report["added"] + report["unchanged"] == total
    assert report["rebuilt"] is False
    with Library(index) as lib:
        assert lib.count() == total
        assert lib.searcher().search("measure42").total == 1
