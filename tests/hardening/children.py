"""Helpers of the hardening tests: the real CLI in child processes, watching commits, hashing a library."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

PROJECT = Path(__file__).resolve().parents[2]


def cli_env(home: Path) -> dict[str, str]:
    return dict(os.environ, BRIEFING_HOME=str(home), PYTHONUNBUFFERED="1")


def start_cli(*args: str | Path, home: Path) -> subprocess.Popen[str]:
    """``python -m briefing ARGS`` as a child process (the real CLI), output captured."""
    return subprocess.Popen(
        [sys.executable, "-m", "briefing", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=PROJECT,
        env=cli_env(home),
    )


def run_cli(*args: str | Path, home: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=cli_env(home),
        timeout=timeout,
    )


def as_json(result: subprocess.CompletedProcess[str]) -> Any:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


_TOC = re.compile(r"^_MAIN_(\d+)\.toc$")


def committed_generation(index_dir: Path) -> int:
    """The newest Whoosh generation committed in ``index_dir`` (-1: none; 0: created, nothing committed)."""
    try:
        names = os.listdir(index_dir)
    except OSError:
        return -1
    return max((int(m.group(1)) for n in names if (m := _TOC.match(n))), default=-1)


def wait_for(condition: Any, timeout: float, what: str, child: subprocess.Popen[str] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if child is not None and child.poll() is not None:
            _out, err = child.communicate()
            pytest.fail(f"the child ended (status {child.returncode}) before {what}: {err[-2000:]}")
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.005)


def snapshot(root: Path) -> dict[str, tuple[Any, ...]]:
    """Every entry under ``root`` (not following links): kind, mode, size, mtime and a hash of the bytes.

    Two equal snapshots mean nothing was written, renamed, created, deleted or re-permissioned.
    """
    entries: dict[str, tuple[Any, ...]] = {}
    for folder, dirs, names in os.walk(root):
        for name in [*dirs, *names]:
            path = os.path.join(folder, name)
            info = os.lstat(path)
            key = os.path.relpath(path, root)
            if stat.S_ISLNK(info.st_mode):
                entries[key] = ("link", os.readlink(path))
            elif stat.S_ISREG(info.st_mode):
                digest = hashlib.sha256()
                with open(path, "rb") as handle:
                    while chunk := handle.read(1 << 20):
                        digest.update(chunk)
                entries[key] = ("file", info.st_mode, info.st_size, info.st_mtime_ns, digest.hexdigest())
            else:
                entries[key] = ("other", info.st_mode, info.st_mtime_ns)
    return entries
