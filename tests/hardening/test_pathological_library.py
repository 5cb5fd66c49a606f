"""A library full of the files that once hung or crashed indexing indexes in under a minute (issue 16).

The real CLI in a child process, with analysis (the spaCy workers) and the reading worker: every good
article is indexed, every bad file is named with its reason or read with a warning, and the whole
process tree stays under 1.5 GB resident (sampled from /proc).
"""

from __future__ import annotations

import json
import shutil
import sys
import threading
import time
from pathlib import Path

import pytest

from hardening.children import start_cli
from hardening.pathological import write_huge_pdf, write_markdown
from hardening.processes import descendants, rss_bytes

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="samples memory from /proc"),
]

GOOD = 40  # BBC articles


def _sample_peak(pid: int, stop: threading.Event, peak: list[int]) -> None:
    while not stop.is_set():
        tree = {pid, *descendants(pid)}
        peak[0] = max(peak[0], sum(rss_bytes(p) for p in tree))
        time.sleep(0.2)


def test_the_pathological_library_indexes_in_under_a_minute(
    tmp_path: Path, shared_dir: Path, seed_path: Path
) -> None:
    root = tmp_path / "library"
    bad = [*write_markdown(root / "bad"), write_huge_pdf(root / "bad" / "huge.pdf")]
    good = sorted((shared_dir / "corpus" / "bbc").glob("bbc_*.txt"))[:GOOD]
    (root / "good").mkdir()
    for path in [*good, seed_path]:
        shutil.copy(path, root / "good")

    home, index = tmp_path / "home", tmp_path / "index"
    started = time.monotonic()
    child = start_cli("index", root, "--index-dir", index, "--json", home=home)
    stop, peak = threading.Event(), [0]
    sampler = threading.Thread(target=_sample_peak, args=(child.pid, stop, peak))
    sampler.start()
    try:
        out, err = child.communicate(timeout=300)
    finally:
        stop.set()
        sampler.join()
        if child.poll() is None:  # timed out: no process left behind
            child.kill()
            child.communicate()
    took = time.monotonic() - started
    print(f"indexed in {took:.1f} s, peak resident {peak[0] / 2**20:.0f} MB (process tree)")

    assert "Traceback" not in err, err[-3000:]
    assert child.returncode == 0, err[-3000:]
    report = json.loads(out)
    failed = {Path(f["path"]).name: f["reason"] for f in report["failed"]}
    assert report["added"] + len(failed) == len(bad) + len(good) + 1, report
    assert not any(name.startswith(("bbc_", "000_")) for name in failed), failed
    for name, reason in failed.items():
        assert reason.startswith(("too slow to read", "too large to read")), (name, reason)
    assert took < 60, f"took {took:.0f} s"
    assert peak[0] < 1.5 * 2**30, f"peak resident {peak[0] / 2**20:.0f} MB"
