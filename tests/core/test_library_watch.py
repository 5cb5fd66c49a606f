"""The library watcher on real folders: the system's events (inotify here), batches, fallbacks, stop."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from briefing.core.library.watch import (
    ChangeBatch,
    LibraryWatcher,
    WatchMode,
    WatchSettings,
    filesystem_type,
    polling_reason,
)

TIMEOUT = 10.0
FAST = WatchSettings(quiet_ms=100, debounce_ms=800, poll_ms=200, check_ms=200)


class Seen:
    """What a watcher told, gathered from its threads."""

    def __init__(self) -> None:
        self.batches: list[ChangeBatch] = []
        self.modes: list[WatchMode] = []
        self._lock = threading.Lock()

    def batch(self, batch: ChangeBatch) -> None:
        with self._lock:
            self.batches.append(batch)

    def mode(self, mode: WatchMode) -> None:
        with self._lock:
            self.modes.append(mode)

    def paths(self, kind: str) -> set[Path]:
        with self._lock:
            return {p for b in self.batches for p in getattr(b, kind)}

    def wait(self, done: Callable[[], bool], what: str) -> None:
        end = time.monotonic() + TIMEOUT
        while not done():
            assert time.monotonic() < end, f"not seen within {TIMEOUT} s: {what}; seen {self.batches}"
            time.sleep(0.02)


def watching(roots: list[Path], seen: Seen, settings: WatchSettings = FAST) -> LibraryWatcher:
    watcher = LibraryWatcher(roots, seen.batch, seen.mode, settings)
    watcher.start()
    seen.wait(lambda: watcher.watching() == [r for r in roots if r.exists()], "watching started")
    return watcher


@pytest.fixture
def seen() -> Seen:
    return Seen()


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "library"
    (root / "world").mkdir(parents=True)
    (root / "world" / "mosul.md").write_text("# Mosul\n\nFighting resumed.\n", encoding="utf-8")
    yield root


def watcher_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("watch ")]


def notify_threads() -> int:
    """The Rust notify threads of this process (not Python threads: seen in /proc)."""
    names = (task / "comm" for task in Path("/proc/self/task").iterdir())
    return sum(1 for name in names if name.exists() and name.read_text().startswith("notify-rs"))


def test_added_changed_and_removed_articles_come_in_batches(library: Path, seen: Seen) -> None:
    watcher = watching([library], seen)
    try:
        assert seen.modes == [WatchMode(library, polling=False)]
        added = library / "world" / "basra.md"
        added.write_text("# Basra\n", encoding="utf-8")
        seen.wait(lambda: added in seen.paths("added"), "a new article")
        (library / "world" / "mosul.md").write_text("# Mosul\n\nFighting stopped.\n", encoding="utf-8")
        seen.wait(lambda: library / "world" / "mosul.md" in seen.paths("changed"), "a saved article")
        added.unlink()
        seen.wait(lambda: added in seen.paths("removed"), "a deleted article")
        assert all(b.root == library for b in seen.batches)
    finally:
        assert watcher.stop() == []


def test_other_files_and_hidden_ones_are_not_reported(library: Path, seen: Seen) -> None:
    watcher = watching([library], seen)
    try:
        (library / "photo.jpg").write_bytes(b"\xff\xd8")
        (library / ".draft.md").write_text("draft", encoding="utf-8")
        (library / ".git").mkdir()
        (library / ".git" / "notes.txt").write_text("notes", encoding="utf-8")
        marker = library / "marker.txt"
        marker.write_text("after the others", encoding="utf-8")
        seen.wait(lambda: marker in seen.paths("added"), "the marker")
        reported = seen.paths("added") | seen.paths("changed") | seen.paths("removed") | seen.paths("folders")
        assert reported == {marker}
    finally:
        assert watcher.stop() == []


def test_renamed_articles_and_folders_are_reported(library: Path, seen: Seen) -> None:
    watcher = watching([library], seen)
    try:
        (library / "world" / "mosul.md").rename(library / "world" / "mosul-2024.md")
        seen.wait(lambda: library / "world" / "mosul-2024.md" in seen.paths("added"), "the new name")
        assert library / "world" / "mosul.md" in seen.paths("removed")
        (library / "world").rename(library / "iraq")
        renamed = {library / "world", library / "iraq"}
        seen.wait(lambda: renamed <= seen.paths("folders"), "the renamed folder")
        (library / "iraq").rename(library.parent / "elsewhere")  # moved out of the library
        seen.wait(lambda: [library / "iraq" in b.folders for b in seen.batches].count(True) == 2,
                  "the folder moved out")
        (library.parent / "elsewhere" / "late.md").write_text("late", encoding="utf-8")  # no longer ours
        marker = library / "marker.md"
        marker.write_text("marker", encoding="utf-8")
        seen.wait(lambda: marker in seen.paths("added"), "the marker")
        assert not any("elsewhere" in str(p) for p in seen.paths("added"))
    finally:
        assert watcher.stop() == []


@pytest.mark.slow
def test_many_thousand_files_are_all_watched(tmp_path: Path, seen: Seen) -> None:
    """The old watcher followed the first 4,000 files only: the last of 6,000 is followed too."""
    root = tmp_path / "big"
    files = []
    for folder in range(60):
        (root / f"f{folder:02d}").mkdir(parents=True)
        for n in range(100):
            path = root / f"f{folder:02d}" / f"a{n:03d}.txt"
            path.write_text(f"article {folder} {n}", encoding="utf-8")
            files.append(path)
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in files}
    watcher = watching([root], seen)
    try:
        time.sleep(0.3)
        assert seen.batches == []  # watching changes nothing and reports nothing
        last = files[-1]
        last.write_text("article 59 99, corrected", encoding="utf-8")
        seen.wait(lambda: last in seen.paths("changed"), "the 6,000th file")
        for path in files[4000:4010]:
            path.unlink()
        seen.wait(lambda: set(files[4000:4010]) <= seen.paths("removed"), "ten files past 4,000 deleted")
    finally:
        assert watcher.stop() == []
    untouched = [p for p in files[:4000] if (p.stat().st_mtime_ns, p.read_bytes()) != before[p]]
    assert untouched == []


def test_stop_ends_every_thread_and_drops_nothing_after(library: Path, tmp_path: Path, seen: Seen) -> None:
    other = tmp_path / "other"
    other.mkdir()
    before = notify_threads()
    watcher = watching([library, other, tmp_path / "missing"], seen)
    assert len(watcher_threads()) == 3  # one per root, the missing one waiting for it to appear
    assert notify_threads() == before + 2  # an inotify reader per watched root
    started = time.monotonic()
    assert watcher.stop() == []
    assert time.monotonic() - started < 2.0
    assert watcher_threads() == [] and not watcher.alive() and watcher.watching() == []
    seen.wait(lambda: notify_threads() == before, "the inotify readers ended")  # they end just after
    (library / "after.md").write_text("after stop", encoding="utf-8")
    time.sleep(0.5)
    assert seen.batches == []


def test_a_vanished_folder_is_reported_and_watched_again_when_back(library: Path, seen: Seen) -> None:
    watcher = watching([library], seen)
    try:
        shutil.rmtree(library)
        seen.wait(lambda: library in seen.paths("folders"), "the vanished root")
        seen.wait(lambda: watcher.watching() == [], "the root no longer watched")
        library.mkdir()
        seen.wait(lambda: watcher.watching() == [library], "the root watched again")
        back = library / "back.md"
        back.write_text("back", encoding="utf-8")
        seen.wait(lambda: back in seen.paths("added"), "an article in the new folder")
    finally:
        assert watcher.stop() == []


def test_a_root_missing_at_start_is_watched_once_it_exists(tmp_path: Path, seen: Seen) -> None:
    root = tmp_path / "later"
    watcher = watching([root], seen)
    try:
        assert watcher.watching() == [] and watcher.alive()
        root.mkdir()
        seen.wait(lambda: watcher.watching() == [root], "the root watched")
        (root / "first.md").write_text("first", encoding="utf-8")
        seen.wait(lambda: root / "first.md" in seen.paths("added"), "its first article")
    finally:
        assert watcher.stop() == []


def test_polling_reports_changes_too(library: Path, seen: Seen) -> None:
    watcher = watching([library], seen, WatchSettings(quiet_ms=100, debounce_ms=800, poll_ms=200,
                                                      check_ms=200, force_polling=True))
    try:
        assert seen.modes == [WatchMode(library, polling=True, reason="asked for", poll_ms=200)]
        added = library / "polled.md"
        added.write_text("polled", encoding="utf-8")
        seen.wait(lambda: added in seen.paths("added"), "an article found by polling")
    finally:
        assert watcher.stop() == []


MOUNTINFO = """\
22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/vda1 rw
41 22 0:35 / /home rw,relatime shared:2 - ext4 /dev/vda2 rw
57 41 0:48 / /home/ana/Shared\\040news rw,relatime shared:30 - nfs4 server:/news rw,vers=4.2
58 22 0:49 / /mnt/box rw,relatime shared:31 - fuse.sshfs user@box: rw
"""


def test_the_filesystem_of_a_folder_comes_from_the_mount_table(tmp_path: Path) -> None:
    assert filesystem_type(Path("/home/ana/Shared news/world"), MOUNTINFO) == "nfs4"
    assert filesystem_type(Path("/home/ana/Shared newsletters"), MOUNTINFO) == "ext4"
    assert filesystem_type(Path("/mnt/box"), MOUNTINFO) == "fuse.sshfs"
    assert filesystem_type(Path("/srv"), MOUNTINFO) == "ext4"
    table = tmp_path / "mountinfo"
    table.write_text(MOUNTINFO, encoding="utf-8")
    reason = polling_reason(Path("/home/ana/Shared news"), table)
    assert reason == "it is on a network filesystem (nfs4), whose changes made elsewhere send no event"
    assert polling_reason(Path("/home/ana"), table) == ""
    assert polling_reason(tmp_path) == ""  # this machine's temporary folder: native events


def test_a_folder_on_a_network_filesystem_is_polled_with_the_reason(library: Path, tmp_path: Path,
                                                                    seen: Seen) -> None:
    table = tmp_path / "mountinfo"  # the real table, with the library's folder mounted over NFS
    mount_point = str(library.resolve()).replace(" ", "\\040")
    real = Path("/proc/self/mountinfo").read_text(encoding="utf-8")
    table.write_text(real + f"99 22 0:99 / {mount_point} rw - nfs server:/news rw\n", encoding="utf-8")
    settings = WatchSettings(quiet_ms=100, debounce_ms=800, poll_ms=200, check_ms=200, mountinfo=table)
    watcher = watching([library], seen, settings)
    try:
        (mode,) = seen.modes
        assert mode.polling and "network filesystem (nfs)" in mode.reason
        assert mode.describe().startswith(f"Watching {library} by looking every 0.2 s: it is on a network")
        added = library / "remote.md"
        added.write_text("from the server", encoding="utf-8")
        seen.wait(lambda: added in seen.paths("added"), "an article found by polling")
    finally:
        assert watcher.stop() == []


# Run in a user namespace, whose inotify limits can be lowered without touching the machine's.
LIMITED = """
import json, sys, time
from pathlib import Path
from briefing.core.library.watch import LibraryWatcher, WatchSettings
root = Path(sys.argv[1])
batches, modes = [], []
watcher = LibraryWatcher([root], batches.append, modes.append,
                         WatchSettings(quiet_ms=100, debounce_ms=800, poll_ms=200, check_ms=200))
watcher.start()
end = time.monotonic() + 10
while not watcher.watching() and time.monotonic() < end:
    time.sleep(0.02)
(root / "d19" / "late.md").write_text("late", encoding="utf-8")
while not batches and time.monotonic() < end:
    time.sleep(0.02)
problems = watcher.stop()
print(json.dumps({"modes": [[m.polling, m.reason] for m in modes], "problems": problems,
                  "added": sorted(str(p) for b in batches for p in b.added)}))
"""


@pytest.mark.slow  # a child Python in a user namespace
@pytest.mark.parametrize(
    ("setting", "value", "reason"),
    [
        ("max_inotify_watches", 5, "the system's limit of watched folders was reached"),
        ("max_inotify_instances", 0, "the system allows no more file watchers"),
    ],
)
def test_inotify_limits_fall_back_to_polling_with_the_reason(tmp_path: Path, setting: str, value: int,
                                                             reason: str) -> None:
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-Ur", "true"], capture_output=True).returncode != 0:
        pytest.skip("no user namespaces here (unshare -Ur), in which to lower the inotify limits")
    root = tmp_path / "library"
    for n in range(20):
        (root / f"d{n:02d}").mkdir(parents=True)
    script = f"echo {value} > /proc/sys/user/{setting} && exec \"$0\" -c \"$1\" \"$2\""
    result = subprocess.run([unshare, "-Ur", "sh", "-c", script, sys.executable, LIMITED, str(root)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    told = json.loads(result.stdout)
    ((polling, why),) = told["modes"]
    assert polling and why.startswith(reason) and "raise it to be told at once" in why
    assert told["added"] == [str(root / "d19" / "late.md")] and told["problems"] == []
