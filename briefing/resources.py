"""All access to files under resources/ goes through here, frozen or not.

Running from source, resources/ sits next to the ``briefing`` package; in a
PyInstaller build it is collected under ``sys._MEIPASS``.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    """The path of a resource file, e.g. ``resource("icons", "briefing.svg")``."""
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"missing resource {path}")
    return path


def sample_library() -> Path:
    """The small library a new user sees on first run (the seed article)."""
    return resources_dir() / "sample"
