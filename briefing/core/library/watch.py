"""Watching the library's folders with the system's file events, and telling what changed in batches.

Each root gets a thread holding a watchfiles ``RustNotify`` (Rust notify: inotify on Linux, FSEvents
on macOS, ReadDirectoryChangesW on Windows), which watches every folder under it with no limit on
the number of files. The thread gathers a burst of events into one ``ChangeBatch`` of article
paths (the suffixes the library reads), plus the folders added, removed or renamed, whose articles
get no event of their own.

Native events are not always there, so a root falls back to polling (``WatchMode.polling``, with
the reason): on a network filesystem, whose changes made on another machine the local kernel never
sees; when the system's limit of watched folders (fs.inotify.max_user_watches) is reached; when
the system refuses a new watcher (fs.inotify.max_user_instances). A root that vanishes (deleted,
renamed, an unplugged disk) is reported once and watched again when it is back.

Nothing here writes to the watched folders. ``stop()`` ends every thread before it returns.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from watchfiles import Change
from watchfiles._rust_notify import RustNotify, WatchfilesRustInternalError

from briefing.core.ingest import SUPPORTED_SUFFIXES

DEBOUNCE_MS = 1500  # the longest a steady stream of changes is gathered before a batch is reported
QUIET_MS = 200  # a batch is reported once no new change came for this long
POLL_MS = 2000  # the fallback's interval between two looks at every file of a root
CHECK_MS = 1000  # how often an idle thread checks that its root is still the folder it watches
JOIN_S = 10.0  # how long stop() waits for a thread (it wakes every QUIET_MS to look at the stop flag)

MOUNTINFO = Path("/proc/self/mountinfo")

# Filesystems whose changes made elsewhere (another machine, a VM's host) no local event reports.
REMOTE_FILESYSTEMS: frozenset[str] = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs", "lustre", "gpfs",
    "fuse.sshfs", "fuse.rclone", "fuse.glusterfs", "fuse.cephfs", "fuse.davfs2", "davfs",
    "vboxsf", "prl_fs", "vmhgfs", "fuse.vmhgfs-fuse",
})

RootIdentity = tuple[int, int]  # (st_dev, st_ino): a root renamed away and made again is another folder


@dataclass(frozen=True, slots=True)
class ChangeBatch:
    """What changed under one root in one burst; paths are absolute, articles only (and folders)."""

    root: Path
    added: frozenset[Path]
    changed: frozenset[Path]
    removed: frozenset[Path]
    folders: frozenset[Path]  # added, removed or renamed folders (the root itself when it vanished)

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.folders)


@dataclass(frozen=True, slots=True)
class WatchMode:
    """How a root is watched: by the system's events, or by polling (``reason`` says why)."""

    root: Path
    polling: bool
    reason: str = ""
    failed: bool = False  # watching this root stopped on an error (``reason``)
    poll_ms: int = POLL_MS

    def describe(self) -> str:
        if self.failed:
            return f"Changes in {self.root} are no longer followed: {self.reason}"
        if not self.polling:
            return f"Watching {self.root} for changes."
        return f"Watching {self.root} by looking every {self.poll_ms / 1000:g} s: {self.reason}"


@dataclass(frozen=True, slots=True)
class WatchSettings:
    quiet_ms: int = QUIET_MS
    debounce_ms: int = DEBOUNCE_MS
    poll_ms: int = POLL_MS
    check_ms: int = CHECK_MS
    force_polling: bool = False
    mountinfo: Path = MOUNTINFO


def article_suffix(name: str) -> str:
    """The lower-cased extension as the library scan sees it ("" for none or a hidden file's name)."""
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def filesystem_type(path: Path, mountinfo: str) -> str:
    """The type of the filesystem ``path`` is on, from /proc/self/mountinfo's text ("" if not found)."""
    best, best_type = "", ""
    target = str(path)
    for line in mountinfo.splitlines():
        fields = line.split()
        if " - " not in line or len(fields) < 5:
            continue
        mount_point = fields[4].replace("\\040", " ")
        fs_type = line.split(" - ", 1)[1].split()[0]
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, fs_type
    return best_type


def polling_reason(path: Path, mountinfo: Path = MOUNTINFO) -> str:
    """Why ``path`` must be polled ("" when the system's events can be trusted for it)."""
    try:
        table = mountinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""  # no mount table (not Linux): native events, as watchfiles picks them
    fs_type = filesystem_type(path.resolve(), table)
    if fs_type in REMOTE_FILESYSTEMS:
        return f"it is on a network filesystem ({fs_type}), whose changes made elsewhere send no event"
    return ""


def _identity(root: Path) -> RootIdentity | None:
    try:
        info = root.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _hidden(path: Path, root: Path) -> bool:
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return True  # not under the root (a moved folder's late events)
    return any(part.startswith(".") for part in parts)


def _folders_under(root: Path) -> set[Path]:
    """The folders under ``root`` now, so that one removed or renamed later is known as a folder."""
    found: set[Path] = set()
    if root.is_dir():
        for current, dirs, _names in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found.add(Path(current))
    return found


def _limit_reason(error: BaseException) -> str:
    text = str(error)
    if "watch limit" in text or "MaxFilesWatch" in text:
        setting = _inotify_setting("max_user_watches")
        return f"the system's limit of watched folders was reached ({setting}); raise it to be told at once"
    if "Too many open files" in text:
        setting = _inotify_setting("max_user_instances")
        return f"the system allows no more file watchers ({setting}); raise it to be told at once"
    return f"the system's file events are not available ({text})"


def _inotify_setting(name: str) -> str:
    try:
        value = Path("/proc/sys/fs/inotify", name).read_text(encoding="ascii").strip()
    except OSError:
        return f"fs.inotify.{name}"
    return f"fs.inotify.{name} = {value}"


class _Batcher:
    """Turns watchfiles' (change, path) events under one root into a ChangeBatch of articles and folders."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folders = _folders_under(root)

    def batch(self, events: Iterable[tuple[int, str]]) -> ChangeBatch:
        added: set[Path] = set()
        changed: set[Path] = set()
        removed: set[Path] = set()
        folders: set[Path] = set()
        kinds: dict[Path, set[int]] = {}
        for kind, raw in events:
            kinds.setdefault(Path(raw), set()).add(kind)
        for path, seen in kinds.items():
            if _hidden(path, self.root) and path != self.root:
                continue
            exists = path.exists()
            if article_suffix(path.name) in SUPPORTED_SUFFIXES and not path.is_dir():
                if not exists:
                    removed.add(path)
                elif Change.added in seen:
                    added.add(path)
                else:
                    changed.add(path)
            elif path.is_dir():
                if path not in self.folders or Change.added in seen:
                    folders.add(path)
                    self.folders.update(_folders_under(path))
            elif not exists and path in self.folders:
                folders.add(path)
                self.folders = {f for f in self.folders if not f.is_relative_to(path)}
        return ChangeBatch(self.root, frozenset(added), frozenset(changed), frozenset(removed),
                           frozenset(folders))


class _RootWatch(threading.Thread):
    """The thread watching one root: native events or polling, watched anew when the root comes back."""

    def __init__(self, root: Path, settings: WatchSettings, stop: threading.Event,
                 on_batch: Callable[[ChangeBatch], None], on_mode: Callable[[WatchMode], None]) -> None:
        super().__init__(name=f"watch {root}", daemon=True)
        self.root = root
        self.settings = settings
        self.stopping = stop
        self.on_batch = on_batch
        self.on_mode = on_mode
        self.mode: WatchMode | None = None  # set while the root is watched, None while it is missing
        self.crashed: Exception | None = None

    def run(self) -> None:
        try:
            self._watch_while_running()
        except Exception as error:  # told, never lost in a thread: the app reindexes on demand still
            self.crashed = error
            self.on_mode(WatchMode(self.root, False, f"{type(error).__name__}: {error}", failed=True))

    def _watch_while_running(self) -> None:
        wait_s = self.settings.check_ms / 1000
        while not self.stopping.is_set():
            identity = _identity(self.root)
            opened = self._open() if identity is not None else None
            if opened is None or identity is None:
                self.stopping.wait(wait_s)  # missing: look again later
                continue
            notify, mode = opened
            try:
                batcher = _Batcher(self.root)
                self.mode = mode
                self.on_mode(mode)
                self._follow(notify, batcher, identity)
            finally:
                self.mode = None
                notify.close()

    def _open(self) -> tuple[RustNotify, WatchMode] | None:
        """A RustNotify on the root, native unless it cannot be (None if the root vanished meanwhile)."""
        settings, path = self.settings, [str(self.root)]
        reason = "asked for" if settings.force_polling else polling_reason(self.root, settings.mountinfo)
        if not reason:
            try:
                return self._native(path), WatchMode(self.root, False)
            except FileNotFoundError:
                return None
            except (OSError, WatchfilesRustInternalError) as error:
                reason = _limit_reason(error)
        try:
            polled = RustNotify(path, False, True, settings.poll_ms, True, True)
            return polled, WatchMode(self.root, True, reason, poll_ms=settings.poll_ms)
        except FileNotFoundError:
            return None

    def _native(self, path: list[str]) -> RustNotify:
        # Permission errors are not ignored at first: notify's "ignore" also swallows the watch limit,
        # leaving folders silently unwatched. Only a folder we may not read is then let go (the library
        # scan cannot read it either).
        poll_ms = self.settings.poll_ms
        try:
            return RustNotify(path, False, False, poll_ms, True, False)
        except PermissionError:
            return RustNotify(path, False, False, poll_ms, True, True)
        except OSError as error:
            if "ermission denied" not in str(error):
                raise
            return RustNotify(path, False, False, poll_ms, True, True)

    def _follow(self, notify: RustNotify, batcher: _Batcher, identity: RootIdentity) -> None:
        """Report batches until stopped, or until the root is no longer the folder watched."""
        settings = self.settings
        while True:
            result = notify.watch(settings.debounce_ms, settings.quiet_ms, settings.check_ms, self.stopping)
            if self.stopping.is_set():
                return
            told_gone = False
            if isinstance(result, set):
                batch = batcher.batch(result)
                told_gone = self.root in batch.folders
                if batch:
                    self.on_batch(batch)
            if _identity(self.root) != identity:  # deleted, renamed away or replaced: report, watch anew
                if not told_gone:
                    self.on_batch(ChangeBatch(self.root, frozenset(), frozenset(), frozenset(),
                                              frozenset({self.root})))
                return


class LibraryWatcher:
    """Watches ``roots`` (folders or single files) until ``stop()``, calling ``on_batch`` from its threads.

    ``on_mode`` is told how each root is watched each time watching it starts (natively, or by
    polling and why). Both callbacks run on the watching threads: a GUI hands them to its own thread.
    """

    def __init__(self, roots: Sequence[Path], on_batch: Callable[[ChangeBatch], None],
                 on_mode: Callable[[WatchMode], None] | None = None,
                 settings: WatchSettings | None = None) -> None:
        self.roots: tuple[Path, ...] = tuple(dict.fromkeys(Path(r) for r in roots))
        self._stop = threading.Event()
        told = on_mode or (lambda _mode: None)
        self._threads = [
            _RootWatch(root, settings or WatchSettings(), self._stop, on_batch, told) for root in self.roots
        ]
        self._started = False

    def start(self) -> None:
        if not self._started:
            self._started = True
            for thread in self._threads:
                thread.start()

    def watching(self) -> list[Path]:
        """The roots being watched right now (a missing root is not, until it is back)."""
        if self._stop.is_set():
            return []
        return [thread.root for thread in self._threads if thread.mode is not None]

    def modes(self) -> list[WatchMode]:
        return [thread.mode for thread in self._threads if thread.mode is not None]

    def alive(self) -> bool:
        return any(thread.is_alive() for thread in self._threads)

    def stop(self, timeout: float = JOIN_S) -> list[str]:
        """End every thread (and its notify watcher) before returning; what went wrong, if anything."""
        self._stop.set()
        deadline = time.monotonic() + timeout  # for all the threads together, not each in turn
        for thread in self._threads:
            if thread.is_alive():
                thread.join(max(0.0, deadline - time.monotonic()))
        problems = [f"the watcher of {t.root} did not stop within {timeout:g} s"
                    for t in self._threads if t.is_alive()]
        problems += [f"the watcher of {t.root} failed: {t.crashed!r}" for t in self._threads if t.crashed]
        return problems
