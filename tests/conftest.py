"""Fixtures shared by every test: the ../shared corpora and temporary data homes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BRIEFING_SHARED", PROJECT.parent / "shared"))
SEED = PROJECT / "resources" / "sample" / "000_1485d72a6eece34e.txt"


def _require_shared() -> bool:
    return os.environ.get("BRIEFING_REQUIRE_SHARED") == "1"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder; skips (or fails under BRIEFING_REQUIRE_SHARED=1) when absent."""
    if not (SHARED / "corpus").is_dir():
        message = f"needs the shared corpora at {SHARED} (research-licensed, not in the repo)"
        if _require_shared():
            pytest.fail(message + "; BRIEFING_REQUIRE_SHARED=1 makes this a failure")
        pytest.skip(message)
    return SHARED


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed article, shipped as the sample library."""
    return SEED


@pytest.fixture(autouse=True)
def briefing_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own BRIEFING_HOME so nothing touches the user's data folder."""
    home = tmp_path_factory.mktemp("briefing-home")
    monkeypatch.setenv("BRIEFING_HOME", str(home))
    return home
