"""The folder watcher on a 20,000-file library: idle CPU, save-to-reported latency, save-to-indexed latency.

    python benchmarks/bench_watch.py [--files 20000] [--idle 30] [--saves 20] [--no-index]

Both watchers run in the same process, one after the other, on the same generated library (text
files in folders of 100 under a temporary folder, removed at the end):
- the reference: the app's watcher before issue 15 (QFileSystemWatcher over an os.walk listing, the
  first 4,000 article files watched; loaded from ``git show s4-15:briefing/ui/watcher.py``);
- the new one: briefing.ui.watcher (briefing.core.library.watch, watchfiles' native events).
For each: the seconds until watching is set up, process CPU seconds over ``--idle`` seconds of an
idle event loop, the latency from a file saved (rewritten in place) to ``changed`` (p50/p95 over
``--saves`` saves to files both watch), the process CPU each save costs, and how many of 5 saves to
files past the 4,000 the old watcher follows are reported at all (within 5 s).
Then, once per watcher, a real Library indexing the whole library (text, no entity analysis): the
latency from a new article saved to it being in the index (the watcher's ``changed`` -> update).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer, SignalInstance

from briefing.core.library import Library
from briefing.ui.tasks import TaskRunner
from briefing.ui.watcher import FolderWatcher

PROJECT = Path(__file__).resolve().parent.parent
REFERENCE = "s4-15"
SAVE_TIMEOUT_S = 10.0
WORDS = ("Mosul", "council", "budget", "rain", "election", "market", "report", "river", "school", "bridge")


class Watcher(Protocol):
    changed: SignalInstance

    def watch(self, roots: Sequence[Path]) -> None: ...
    def stop(self) -> None: ...
    def watched(self) -> list[str]: ...


def old_watcher_module(scratch: Path) -> ModuleType:
    source = subprocess.run(["git", "show", f"{REFERENCE}:briefing/ui/watcher.py"], cwd=PROJECT,
                            capture_output=True, text=True, check=True).stdout
    path = scratch / "old_watcher.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("old_watcher", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_library(root: Path, files: int) -> list[Path]:
    paths = []
    for i in range(files):
        folder = root / f"folder{i // 100:03d}"
        if i % 100 == 0:
            folder.mkdir(parents=True)
        path = folder / f"article{i:05d}.txt"
        words = " ".join(WORDS[(i + k) % len(WORDS)] for k in range(40))
        path.write_text(f"Article {i}\n\n{words}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def run_loop(ms: int, until: Callable[[], bool] | None = None) -> None:
    """Run the Qt event loop for ``ms`` milliseconds, or until ``until()`` holds (checked every 5 ms)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    if until is not None:
        poll = QTimer()
        poll.timeout.connect(lambda: loop.quit() if until() else None)
        poll.start(5)
    loop.exec()


def percentile(samples: Sequence[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class Reports(QObject):
    """The times ``changed`` was emitted."""

    def __init__(self) -> None:
        super().__init__()
        self.times: list[float] = []

    def seen(self, _roots: object) -> None:
        self.times.append(time.perf_counter())


def settle(runner: TaskRunner | None) -> None:
    """Let the watcher finish what a report starts (the old one lists the library again)."""
    run_loop(400)
    if runner is not None:
        run_loop(30_000, lambda: runner.pending == 0)
        run_loop(100)


def measure(watcher: Watcher, runner: TaskRunner | None, root: Path, followed: Sequence[Path],
            unfollowed: Sequence[Path], idle_s: float, saves: int) -> dict[str, Any]:
    reports = Reports()
    watcher.changed.connect(reports.seen)
    started = time.perf_counter()
    watcher.watch([root])
    run_loop(120_000, lambda: bool(watcher.watched()) and (runner is None or runner.pending == 0))
    ready_s = time.perf_counter() - started
    watched_entries = len(watcher.watched())
    settle(runner)

    cpu = time.process_time()
    run_loop(int(idle_s * 1000))
    idle_cpu = time.process_time() - cpu

    latencies, save_cpu = [], []
    step = max(1, len(followed) // saves)
    for n, path in enumerate(followed[::step][:saves]):
        count = len(reports.times)
        cpu = time.process_time()
        saved = time.perf_counter()
        path.write_text(f"Saved again, {n}.\n\n{path.name} was edited.\n", encoding="utf-8")
        run_loop(int(SAVE_TIMEOUT_S * 1000), lambda c=count: len(reports.times) > c)  # type: ignore[misc]
        if len(reports.times) > count:
            latencies.append(reports.times[count] - saved)
        settle(runner)
        save_cpu.append(time.process_time() - cpu)

    seen_past_cap = 0
    for n, path in enumerate(unfollowed):
        count = len(reports.times)
        path.write_text(f"Saved again, past the cap, {n}.\n", encoding="utf-8")
        run_loop(5000, lambda c=count: len(reports.times) > c)  # type: ignore[misc]
        seen_past_cap += len(reports.times) > count
        settle(runner)
    watcher.stop()
    watcher.changed.disconnect(reports.seen)
    return {
        "ready_s": round(ready_s, 3),
        "watched_entries": watched_entries,
        "idle_s": idle_s,
        "idle_cpu_s": round(idle_cpu, 3),
        "idle_cpu_percent": round(100 * idle_cpu / idle_s, 2),
        "saves": saves,
        "saves_reported": len(latencies),
        "latency_s": {"p50": round(statistics.median(latencies), 3) if latencies else None,
                      "p95": round(percentile(latencies, 0.95), 3) if latencies else None,
                      "max": round(max(latencies), 3) if latencies else None},
        "cpu_per_save_s": {"p50": round(statistics.median(save_cpu), 3),
                           "max": round(max(save_cpu), 3)},
        "saves_past_first_4000_reported": f"{seen_past_cap}/{len(unfollowed)}",
    }


def saved_to_indexed(watcher: Watcher, runner: TaskRunner | None, library: Library, root: Path,
                     name: str) -> dict[str, Any]:
    """One new article saved -> ``changed`` -> library.update -> the article in the index."""
    done: list[float] = []
    path = root / "folder000" / name

    def update(roots: list[Path]) -> None:
        if not done and library.document(str(path)) is None:
            library.update(roots)
            if library.document(str(path)) is not None:
                done.append(time.perf_counter())

    watcher.changed.connect(update)
    watcher.watch([root])
    run_loop(120_000, lambda: bool(watcher.watched()) and (runner is None or runner.pending == 0))
    settle(runner)
    saved = time.perf_counter()
    path.write_text("A new article\n\nFighting resumed near Mosul on Thursday, officials said.\n",
                    encoding="utf-8")
    run_loop(60_000, lambda: bool(done))
    watcher.stop()
    watcher.changed.disconnect(update)
    return {"saved_to_indexed_s": round(done[0] - saved, 3) if done else None}


def watcher_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("watch ")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--idle", type=float, default=30.0, help="seconds of idle event loop per watcher")
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--no-index", action="store_true", help="skip the save-to-indexed latency")
    args = parser.parse_args()

    app = QCoreApplication.instance() or QCoreApplication(sys.argv)
    scratch = Path(tempfile.mkdtemp(prefix="briefing-bench-watch-"))
    try:
        old = old_watcher_module(scratch)
        root = scratch / "library"
        started = time.perf_counter()
        write_library(root, args.files)
        written_s = time.perf_counter() - started
        followed_by_old = {Path(p) for p in old.paths_to_watch([root]) if p.endswith(".txt")}
        every = sorted(root.rglob("*.txt"))
        followed = [p for p in every if p in followed_by_old]
        unfollowed = [p for p in every if p not in followed_by_old][-5:]

        result: dict[str, Any] = {"files": args.files, "library_written_s": round(written_s, 1)}
        runner = TaskRunner("io", workers=1)
        reference = old.FolderWatcher(runner)
        measured = measure(reference, runner, root, followed, unfollowed, args.idle, args.saves)
        result["reference"] = {"watcher": f"{REFERENCE}: QFileSystemWatcher over os.walk, 4,000 files",
                               **measured}
        current = FolderWatcher()
        result["new"] = {"watcher": "watchfiles (Rust notify: inotify), one thread per root",
                         **measure(current, None, root, followed, unfollowed, args.idle, args.saves)}
        result["new"]["threads_left_after_stop"] = watcher_threads()
        if not args.no_index:
            with Library(scratch / "index") as library:
                started = time.perf_counter()
                report = library.update([root])
                result["index"] = {"articles": report.added,
                                   "first_index_s": round(time.perf_counter() - started, 1),
                                   "analysis": "none (text only): the chain watcher -> update -> index"}
                result["index"]["reference"] = saved_to_indexed(reference, runner, library, root, "old.txt")
                result["index"]["new"] = saved_to_indexed(current, None, library, root, "new.txt")
        runner.shutdown(wait=True)
        print(json.dumps(result, indent=1))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        del app


if __name__ == "__main__":
    main()
