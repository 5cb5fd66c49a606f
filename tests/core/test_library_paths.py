"""Where the library's index lives: --index-dir, else BRIEFING_HOME, else the platform data folder."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from briefing.core import paths
from briefing.core.library import Library


def test_override_wins(tmp_path: Path) -> None:
    assert paths.index_dir(tmp_path / "chosen") == tmp_path / "chosen"
    assert paths.index_dir(str(tmp_path / "chosen")) == tmp_path / "chosen"


def test_briefing_home(briefing_home: Path) -> None:
    assert paths.index_dir() == briefing_home / "index"


def test_platform_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEFING_HOME")
    expected = Path(platformdirs.user_data_dir("Briefing", appauthor=False)) / "index"
    assert paths.index_dir() == expected


def test_library_creates_its_folder_at_the_resolved_place(briefing_home: Path) -> None:
    with Library(paths.index_dir()) as lib:
        assert lib.count() == 0
        assert lib.roots() == []
    assert (briefing_home / "index" / "library.json").is_file()
    assert (briefing_home / "index" / "analysis.sqlite").is_file()
