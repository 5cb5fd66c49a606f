"""All access to files under resources/ goes through here: installed, frozen or from source.

resources/ sits at the top of the repository. A wheel carries it inside the package as
``briefing/_resources`` (pyproject.toml, ``force-include``), found with importlib.resources; a
PyInstaller build collects it under ``sys._MEIPASS``; running from source, it sits next to the
``briefing`` package.
"""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path

PACKAGED = "_resources"  # resources/ inside an installed package


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    packaged = files("briefing") / PACKAGED
    # A wheel is installed as plain files, so this is a real folder (not inside a zip).
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
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
