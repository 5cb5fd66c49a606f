"""Two index runs on one library: one writes, the other waits (--wait) or says the library is busy.

Readers keep working meanwhile, and the index is consistent afterwards (every article exactly once).
"""

from __future__ import annotations

import json
from pathlib import Path

from briefing.commands.index import EXIT_BUSY
from briefing.core.library import Library
from hardening.children import run_cli, start_cli, wait_for
from hardening.library_maker import make_library


def test_two_concurrent_index_runs(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    total = make_library(root, small=120, slow=6)
    index, home = tmp_path / "index", tmp_path / "home"
    first = start_cli(
        "index", root, "--index-dir", index, "--no-analysis", "--json", "--wait", "60", home=home
    )
    # The first run is inside its update once its run marker exists (it holds the writer lock then).
    wait_for(lambda: (index / "indexing.json").exists(), 60, "the first run to take the lock", first)
    waiting = start_cli(
        "index", root, "--index-dir", index, "--no-analysis", "--json", "--wait", "120", home=home
    )

    busy = run_cli("index", root, "--index-dir", index, "--no-analysis", "--json", home=home)
    assert busy.returncode == EXIT_BUSY, busy.stderr
    assert "the library is busy" in busy.stderr
    assert f"is being indexed by another process (pid {first.pid})" in busy.stderr
    assert "--wait" in busy.stderr
    assert busy.stdout == ""

    # A reader meanwhile: the CLI search works on what is committed so far.
    searched = run_cli("search", "council", "--index-dir", index, "--json", home=home)
    assert searched.returncode == 0, searched.stderr
    assert first.poll() is None, "the first run should still have been writing during these checks"

    out_first, err_first = first.communicate(timeout=300)
    out_waiting, err_waiting = waiting.communicate(timeout=300)
    assert first.returncode == 0, err_first
    assert waiting.returncode == 0, err_waiting
    reports = [as_report(out_first), as_report(out_waiting)]
    assert reports[0]["added"] == total and reports[0]["failed"] == []
    # The waiting run started after the first had finished: everything was already there.
    assert (reports[1]["added"], reports[1]["unchanged"]) == (0, total)
    assert reports[1]["interrupted"] is False

    with Library(index) as lib:
        assert lib.count() == total
        for n in (0, 37, 119):
            assert lib.searcher().search(f"measure{n}").total == 1
        assert lib.roots() == [root.resolve()]


def as_report(stdout: str) -> dict[str, object]:
    report: dict[str, object] = json.loads(stdout)
    return report
