"""The first window on a 1366x768 laptop and a 1024x600 netbook screen: all of it, status bar included.

Each screen is a virtual one of Qt's offscreen platform (its ``configfile`` option), in a process of
its own from a fresh settings folder (tests/ui/screen_probe.py). Set BRIEFING_SCREENSHOTS=DIR to keep
the screens as PNGs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from briefing.core.window_fit import READER_PANE, readable
from briefing.ui.app import application, create_window
from briefing.ui.main_window import MainWindow
from briefing.ui.settings import Settings

PROJECT = Path(__file__).resolve().parents[2]

SCREENS = {"1366x768": (1366, 768, 1.0), "1024x600": (1024, 600, 1.0), "4k-2x": (3840, 2160, 2.0)}


def inside(outer: list[int], inner: list[int]) -> bool:
    x, y, w, h = outer
    a, b, c, d = inner
    return x <= a and y <= b and a + c <= x + w and b + d <= y + h


def probe(name: str, sample_index: Path, tmp_path: Path) -> dict[str, Any]:
    width, height, ratio = SCREENS[name]
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [{
        "name": name, "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": ratio,
    }]}))
    home = tmp_path / "home"  # a fresh settings folder
    shutil.copytree(sample_index, home / "index")
    shots = os.environ.get("BRIEFING_SCREENSHOTS")
    out = Path(shots) / f"screen-{name}.png" if shots else tmp_path / "screen.png"
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "BRIEFING_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.screen_probe", "--index-dir", str(home / "index"),
         "--out", str(out)],
        cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["saved"] and out.stat().st_size > 10_000
    assert (settings := home / "settings.ini").exists(), "the window saved no layout on closing"
    assert "rect=" in settings.read_text()
    return report


@pytest.mark.parametrize("name", ["1366x768", "1024x600"])
def test_the_whole_first_window_is_on_a_small_screen(name: str, sample_index: Path, tmp_path: Path) -> None:
    report = probe(name, sample_index, tmp_path)
    width, height, _ratio = SCREENS[name]
    assert report["settled"]
    assert report["available"] == [0, 0, width, height]
    assert inside(report["available"], report["frame"]), report
    assert inside(report["frame"], report["window"])
    assert report["status_bar_visible"]
    assert inside(report["available"], report["status_bar"])
    # the indexing progress and the article count are in the status bar, on screen
    assert report["progress_visible"]
    assert inside(report["status_bar"], report["progress"]), report
    assert inside(report["status_bar"], report["count"]), report
    assert report["progress_text"].startswith("Adding a folder with a long name")
    assert "120 of 300" in report["progress_text"]
    # most of a small screen is used, and the reader keeps a readable width
    assert report["window"][2] >= 0.8 * width and report["window"][3] >= 0.8 * height
    assert report["splitter"][2] >= 300


def test_a_2x_4k_screen_gets_a_roomy_window(sample_index: Path, tmp_path: Path) -> None:
    report = probe("4k-2x", sample_index, tmp_path)
    assert report["device_pixel_ratio"] == 2.0
    assert inside(report["available"], report["frame"])
    assert report["window"][2] >= 1280 and report["window"][3] >= 800


def _made(qtbot: QtBot, settings: Settings) -> MainWindow:
    window = create_window(application(), settings)
    qtbot.addWidget(window)
    return window


def test_a_saved_position_off_every_screen_opens_on_the_primary(briefing_home: Path, qtbot: QtBot) -> None:
    settings = Settings()
    settings.set_window_rect((4000, 3000, 900, 700))  # a monitor that is gone
    window = _made(qtbot, settings)
    available = window.screen().availableGeometry()
    assert available.contains(window.geometry()), (window.geometry(), available)
    window.close()


def test_a_saved_position_is_restored_and_clamped(briefing_home: Path, qtbot: QtBot) -> None:
    settings = Settings()
    available = application().primaryScreen().availableGeometry()
    settings.set_window_rect((40, 50, available.width() + 500, 300))  # too wide for the screen now
    window = _made(qtbot, settings)
    geometry = window.geometry()
    assert (geometry.y(), geometry.height()) == (50, 300)  # kept where it fits,
    assert geometry.width() < available.width() and available.contains(geometry)  # narrowed and moved in
    window.move(60, 70)
    window.close()  # saves the layout
    assert Settings().window_rect() == (60, 70, geometry.width(), 300)
    assert not Settings().maximized()


def test_a_squeezed_reader_gets_its_share_back(briefing_home: Path, qtbot: QtBot) -> None:
    first = _made(qtbot, Settings())
    first.resize(1280, 760)
    first.show()
    first.splitter.setSizes([420, 420, 160, 280])  # a layout that leaves the reader a strip
    first.close()
    window = _made(qtbot, Settings())
    window.show()
    qtbot.waitUntil(lambda: window.splitter.sizes()[READER_PANE] > 160, timeout=5_000)
    sizes = window.splitter.sizes()
    assert sizes[READER_PANE] == max(sizes)
    assert readable(sizes, window.splitter.width())
    window.close()
