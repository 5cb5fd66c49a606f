"""Where Briefing keeps its data.

The index lives in the user's data folder (platformdirs) unless ``--index-dir``
or the ``BRIEFING_HOME`` environment variable says otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Briefing"


def data_home() -> Path:
    """The folder for all of Briefing's own data (never the user's articles)."""
    env = os.environ.get("BRIEFING_HOME")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def index_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The Whoosh index folder: ``override`` if given, else ``data_home()/index``."""
    if override:
        return Path(override).expanduser()
    return data_home() / "index"
