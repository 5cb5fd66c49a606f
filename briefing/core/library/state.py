"""The library's small persisted settings in the index folder: roots, schema version, last failures,
and the crash-safety markers (a run in progress, a rebuild still owed).

Every file is written durably (temporary file, fsync, rename, fsync of the folder), so a crash or a
power cut leaves either the old or the new version, never half of one. Read-modify-write of the
settings is serialised between processes by a short lock on ``state.lock``.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.core.article import FileError
from briefing.core.library.lock import WriterLock

SETTINGS_NAME = "library.json"
FAILURES_NAME = "failures.json"
SKIPPED_NAME = "skipped.json"  # files of other types in the last run, counted by extension
RUN_MARKER_NAME = "indexing.json"  # present while an update runs; left behind by a killed run
STATE_LOCK_NAME = "state.lock"


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` survive a power cut (no-op where unsupported)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder; its renames are journalled anyway
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_json(path: Path, data: Any) -> None:
    """Write-then-rename with fsyncs, so a reader never sees half a file, even after a power cut."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@dataclass(frozen=True, slots=True)
class RunMarker:
    """Who started the update that has not finished (yet, or ever)."""

    pid: int
    host: str
    started: float  # seconds since the epoch

    def describe(self) -> str:
        if not self.pid or not self.started:
            return "the last index run was interrupted before it finished"
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.started))
        return f"the index run started {when} (process {self.pid}) was interrupted before it finished"


class LibraryState:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.settings_path = folder / SETTINGS_NAME
        self.failures_path = folder / FAILURES_NAME
        self.skipped_path = folder / SKIPPED_NAME
        self.marker_path = folder / RUN_MARKER_NAME

    def _settings(self) -> dict[str, Any]:
        data = read_json(self.settings_path)
        return data if isinstance(data, dict) else {}

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        lock = WriterLock(self.folder, label=f"the settings in {self.folder}", name=STATE_LOCK_NAME)
        lock.acquire(wait=30.0, poll=0.02)
        try:
            yield
        finally:
            lock.release()

    def _update(self, **changes: Any) -> None:
        with self._locked():
            data = self._settings()
            data.update(changes)
            write_json(self.settings_path, data)

    def roots(self) -> list[Path]:
        return [Path(p) for p in self._settings().get("roots", []) if isinstance(p, str)]

    def set_roots(self, roots: list[Path]) -> None:
        self._update(roots=[str(p) for p in dict.fromkeys(roots)])

    def add_root(self, root: Path) -> None:
        """Add ``root`` to the stored roots (read and written under the state lock: no lost update)."""
        with self._locked():
            data = self._settings()
            roots = [p for p in data.get("roots", []) if isinstance(p, str)]
            if str(root) not in roots:
                data["roots"] = [*roots, str(root)]
                write_json(self.settings_path, data)

    def schema_version(self) -> int | None:
        value = self._settings().get("schema_version")
        return value if isinstance(value, int) else None

    def set_schema_version(self, version: int) -> None:
        self._update(schema_version=version)

    def analysis_version(self) -> str | None:
        """The analysis version of the last update that had an analyser."""
        value = self._settings().get("analysis_version")
        return value if isinstance(value, str) else None

    def set_analysis_version(self, version: str) -> None:
        self._update(analysis_version=version)

    # -- crash safety --------------------------------------------------------------------

    def rebuild_pending(self) -> str | None:
        """Why the index was emptied and must be refilled from every root (None: nothing owed)."""
        value = self._settings().get("rebuild_pending")
        return value if isinstance(value, str) else None

    def set_rebuild_pending(self, reason: str | None) -> None:
        self._update(rebuild_pending=reason)

    def run_marker(self) -> RunMarker | None:
        data = read_json(self.marker_path)
        if not isinstance(data, dict):
            # A marker that cannot be read was still left by a run that did not finish.
            return RunMarker(0, "", self.marker_path.stat().st_mtime) if self.marker_path.exists() else None
        try:
            return RunMarker(int(data["pid"]), str(data["host"]), float(data["started"]))
        except (KeyError, TypeError, ValueError):
            return RunMarker(0, "", 0.0)

    def mark_run_started(self) -> None:
        marker = {"pid": os.getpid(), "host": socket.gethostname(), "started": time.time()}
        write_json(self.marker_path, marker)

    def mark_run_finished(self) -> None:
        self.marker_path.unlink(missing_ok=True)
        fsync_folder(self.folder)

    # -- failures ------------------------------------------------------------------------

    def failures(self) -> list[FileError]:
        data = read_json(self.failures_path)
        if not isinstance(data, list):
            return []
        return [FileError(str(f["path"]), str(f["reason"])) for f in data if isinstance(f, dict)]

    def set_failures(self, failures: list[FileError]) -> None:
        write_json(self.failures_path, [f.to_dict() for f in failures])

    def skipped(self) -> dict[str, int]:
        data = read_json(self.skipped_path)
        if not isinstance(data, dict):
            return {}
        return {str(suffix): count for suffix, count in data.items() if isinstance(count, int) and count > 0}

    def set_skipped(self, skipped: dict[str, int]) -> None:
        write_json(self.skipped_path, dict(sorted(skipped.items())))
