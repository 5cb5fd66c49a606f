"""No worker outlives a killed indexing process, and a run right after the kill is not refused (issue 16).

Real processes: ``briefing index`` with its spaCy analysis workers and its reading worker, killed
with SIGKILL while analysing; every process below it must be gone within 5 s (the workers' parent-death
signal and watchdog, ``briefing.core.workers.lifeline``). The app's indexing uses the same
ParallelAnalyser and ReadingWorker through Library.update, run here from a short-lived thread of a
child process, as the app's index thread would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hardening.children import PROJECT, as_json, cli_env, run_cli, start_cli, wait_for
from hardening.library_maker import make_library
from hardening.processes import alive, descendants

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the process tree from /proc"),
]

_APP_INDEXING = """
import sys, threading
from pathlib import Path
from briefing.core.analysis.parallel import ParallelAnalyser
from briefing.core.library import Library

def main() -> None:
    root, index = Path(sys.argv[1]), Path(sys.argv[2])
    library = Library(index)
    analyser = ParallelAnalyser(2)
    # The app indexes from a worker thread (briefing.ui.index_queue); the workers are started there.
    thread = threading.Thread(target=lambda: library.update([root], analyser=analyser))
    thread.start()
    thread.join()

if __name__ == "__main__":
    main()
"""


def _workers_started(pid: int, count: int) -> bool:
    return len(descendants(pid)) >= count


def _kill_and_check(child: subprocess.Popen[str], tree: set[int]) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=30)
    killed_at = time.monotonic()
    while any(alive(pid) for pid in tree) and time.monotonic() - killed_at < 5:
        time.sleep(0.1)
    left = sorted(pid for pid in tree if alive(pid))
    assert not left, f"processes outlived the killed indexing process by 5 s: {left}"


def _library(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    make_library(root, small=400, slow=0)
    return root


def test_cli_index_killed_mid_analysis_leaves_no_process_and_the_next_run_completes(tmp_path: Path) -> None:
    root, index, home = _library(tmp_path), tmp_path / "index", tmp_path / "home"
    child = start_cli("index", root, "--index-dir", index, "--json", home=home)
    # The reading worker and two analysis workers (and multiprocessing's resource tracker).
    wait_for(lambda: _workers_started(child.pid, 3), 300, "the workers to start", child)
    time.sleep(3.0)  # into the analysis: the workers are loading spaCy or tagging
    tree = descendants(child.pid)
    assert len(tree) >= 3, tree
    _kill_and_check(child, tree)

    # A run started 0.2 s after the kill is not refused as "busy"; it finishes the work.
    time.sleep(0.2)
    report = as_json(run_cli("index", root, "--index-dir", index, "--json", home=home, timeout=600))
    assert report["added"] + report["unchanged"] == 400
    assert report["failed"] == []


def test_app_indexing_killed_leaves_no_process(tmp_path: Path) -> None:
    root, index = _library(tmp_path), tmp_path / "index"
    child = subprocess.Popen(
        [sys.executable, "-c", _APP_INDEXING, str(root), str(index)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=PROJECT,
        env=cli_env(tmp_path / "home"),
    )
    wait_for(lambda: _workers_started(child.pid, 3), 300, "the workers to start", child)
    time.sleep(3.0)
    tree = descendants(child.pid)
    _kill_and_check(child, tree)
