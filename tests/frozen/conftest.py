"""Builds the frozen app with build.spec once, and again only when its inputs change."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
BUILD_ROOT = PROJECT / "build" / "frozen"


def _inputs_digest() -> str:
    """A hash of everything the frozen app is made from (tracked and new files alike)."""
    listed = subprocess.run(
        [
            "git",
            "ls-files",
            "--cached",
            "--others",
            "--exclude-standard",
            "briefing",
            "resources",
            "build.spec",
            "uv.lock",
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    digest = hashlib.sha256()
    for name in sorted(listed):
        path = PROJECT / name
        if path.is_file():
            digest.update(name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="session")
def frozen_app() -> Path:
    """The path of the frozen ``briefing`` executable (built here if missing or stale)."""
    override = os.environ.get("BRIEFING_FROZEN_APP")
    if override:
        return Path(override)
    app = BUILD_ROOT / "dist" / "briefing" / "briefing"
    stamp = BUILD_ROOT / "inputs.sha256"
    digest = _inputs_digest()
    if app.exists() and stamp.exists() and stamp.read_text() == digest:
        return app
    shutil.rmtree(BUILD_ROOT, ignore_errors=True)
    BUILD_ROOT.mkdir(parents=True)
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    result = subprocess.run(
        [
            str(pyinstaller),
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(BUILD_ROOT / "dist"),
            "--workpath",
            str(BUILD_ROOT / "work"),
            "build.spec",
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail(f"PyInstaller failed:\n{result.stderr[-4000:]}")
    stamp.write_text(digest)
    return app
