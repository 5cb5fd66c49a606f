"""The real app on real X screens: `python -m briefing` under Xvfb at 1366x768 and 1024x600.

Each screen is an Xvfb server of that size (a free display number chosen by Xvfb itself through
-displayfd), with no window manager, so nothing but the app decides where its window goes. The app
starts from a fresh settings folder on a copy of the sample index with QT_QPA_PLATFORM=xcb; once its
first article is open, the window's geometry is read from the X server (xwininfo) and the root
window is saved as a PNG (tests/ui/x_grab.py; BRIEFING_SCREENSHOTS=DIR keeps them as
DIR/xvfb-WxH.png). Then tests/ui/screen_probe.py opens the same first window on the same server and
reports where Qt put the status bar and its progress. Every process started here is stopped by the
end of the test, its whole process group checked gone.

Without Xvfb (or xwininfo) the test skips, saying which Debian package to install (scripts/setup.sh
installs them); under CI (CI=true or BRIEFING_REQUIRE_SHARED=1) that skip is a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage

from briefing.core.window_fit import DEFAULT_FRAME

PROJECT = Path(__file__).resolve().parents[2]
SCREENS = {"1366x768": (1366, 768), "1024x600": (1024, 600)}
START_SECONDS = 30.0  # for Xvfb to answer
OPEN_SECONDS = 240.0  # for the app to open its first article on a loaded machine

pytestmark = pytest.mark.slow


def _required() -> bool:
    return os.environ.get("BRIEFING_REQUIRE_SHARED") == "1" or os.environ.get("CI") == "true"


def _tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        message = f"needs {name} (Debian package {package}; scripts/setup.sh installs it)"
        if _required():
            pytest.fail(message + "; under CI this is a failure")
        pytest.skip(message)
    return found


def _stop_group(process: subprocess.Popen[str]) -> None:
    """Stop a process started in a session of its own, and everything it started, by its group id."""
    group = process.pid  # start_new_session: the group id is the leader's pid
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(group, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            process.poll()
            try:
                os.killpg(group, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
    process.wait(timeout=10)
    with pytest.raises(ProcessLookupError):
        os.killpg(group, 0)  # no process of the group outlives the test


@contextmanager
def _started(command: list[str], env: dict[str, str] | None = None, **kwargs: Any) -> Iterator[
    subprocess.Popen[str]
]:
    process = subprocess.Popen(command, env=env, text=True, start_new_session=True, **kwargs)
    try:
        yield process
    finally:
        _stop_group(process)


@contextmanager
def xvfb(width: int, height: int, tmp_path: Path) -> Iterator[str]:
    """An Xvfb server with one screen of that size; yields its DISPLAY (":N")."""
    binary = _tool("Xvfb", "xvfb")
    read_end, write_end = os.pipe()
    log = (tmp_path / "xvfb.log").open("w")
    command = [binary, "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0",
               f"{width}x{height}x24"]
    try:
        with _started(command, pass_fds=(write_end,), stdout=log, stderr=subprocess.STDOUT):
            os.close(write_end)
            write_end = -1
            with os.fdopen(read_end, "r") as numbers:
                read_end = -1
                number = numbers.readline().strip()  # written once the server accepts clients
            assert number.isdigit(), (tmp_path / "xvfb.log").read_text()
            yield f":{number}"
    finally:
        for fd in (read_end, write_end):
            if fd >= 0:
                os.close(fd)
        log.close()


def _x_env(display: str, home: Path) -> dict[str, str]:
    return {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "BRIEFING_HOME": str(home)}


def _fresh_home(sample_index: Path, folder: Path) -> Path:
    shutil.copytree(sample_index, folder / "index")  # a settings folder with no settings.ini yet
    return folder


# `xwininfo -root -children`: '     0x200007 "Title": ("__main__.py" "Briefing")  1256x706+55+46  +55+46'
TOP_LEVEL = re.compile(r'^\s*(0x[0-9a-f]+) "(.*)": \((.*)\)\s')


def _main_window(display: str) -> dict[str, Any] | None:
    """The app's main window as the X server has it (top-level, class Briefing, viewable), if mapped."""
    listing = subprocess.run(["xwininfo", "-root", "-children"], env={**os.environ, "DISPLAY": display},
                             capture_output=True, text=True, timeout=30, check=True).stdout
    for line in listing.splitlines():
        match = TOP_LEVEL.match(line)
        if match is None or '"Briefing"' not in match[3] or not match[2].endswith("Briefing"):
            continue
        details = subprocess.run(["xwininfo", "-id", match[1]], env={**os.environ, "DISPLAY": display},
                                 capture_output=True, text=True, timeout=30, check=True).stdout
        if "IsViewable" not in details:
            continue
        field = {key.strip(): value.strip() for key, _, value in
                 (row.partition(":") for row in details.splitlines() if ":" in row)}
        return {
            "id": match[1],
            "title": match[2],
            "rect": [int(field["Absolute upper-left X"]), int(field["Absolute upper-left Y"]),
                     int(field["Width"]), int(field["Height"])],
        }
    return None


def _inside(outer: list[int], inner: list[int]) -> bool:
    x, y, w, h = outer
    a, b, c, d = inner
    return x <= a and y <= b and a + c <= x + w and b + d <= y + h


def _grab(display: str, home: Path, out: Path) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "tests.ui.x_grab", str(out)], cwd=PROJECT,
                          env=_x_env(display, home), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def _screenshot_path(name: str, tmp_path: Path) -> Path:
    shots = os.environ.get("BRIEFING_SCREENSHOTS")
    return Path(shots) / f"xvfb-{name}.png" if shots else tmp_path / f"xvfb-{name}.png"


@pytest.fixture(scope="session")
def x_tools() -> None:
    """Xvfb and xwininfo are here (asked first: no sample index is built for a test that skips)."""
    _tool("Xvfb", "xvfb")
    _tool("xwininfo", "x11-utils")


@pytest.mark.parametrize("name", list(SCREENS))
def test_the_real_app_fits_a_small_x_screen(x_tools: None, name: str, sample_index: Path,
                                            tmp_path: Path) -> None:
    width, height = SCREENS[name]
    screen = [0, 0, width, height]
    with xvfb(width, height, tmp_path) as display:
        home = _fresh_home(sample_index, tmp_path / "home")
        app_log = (tmp_path / "app.log").open("w")
        command = [sys.executable, "-m", "briefing", "--index-dir", str(home / "index")]
        with _started(command, env=_x_env(display, home), cwd=PROJECT, stdout=app_log,
                      stderr=subprocess.STDOUT) as app:
            # The first article open: its title is in the window's ("… — Briefing").
            deadline = time.monotonic() + OPEN_SECONDS
            window = _main_window(display)
            while (window is None or window["title"] == "Briefing") and time.monotonic() < deadline:
                assert app.poll() is None, (tmp_path / "app.log").read_text()[-3000:]
                time.sleep(0.5)
                window = _main_window(display)
            assert window is not None and window["title"].endswith(" — Briefing"), (
                window, (tmp_path / "app.log").read_text()[-3000:])
            time.sleep(1.0)  # let the status bar's last message paint
            out = _screenshot_path(name, tmp_path)
            out.parent.mkdir(parents=True, exist_ok=True)
            grabbed = _grab(display, tmp_path / "grab-home", out)
            window = _main_window(display)
            assert window is not None
        app_log.close()

        # The X server's own record: the whole window is on the screen, with room for a usual title
        # bar and border around it (no window manager here to move it in).
        assert grabbed["platform"] == "xcb" and grabbed["screen"] == screen, grabbed
        rect = window["rect"]
        assert _inside(screen, rect), (window, screen)
        framed = [rect[0] - DEFAULT_FRAME.left, rect[1] - DEFAULT_FRAME.top,
                  rect[2] + DEFAULT_FRAME.left + DEFAULT_FRAME.right,
                  rect[3] + DEFAULT_FRAME.top + DEFAULT_FRAME.bottom]
        assert _inside(screen, framed), (window, screen)
        assert rect[2] >= 0.8 * width and rect[3] >= 0.8 * height  # and it uses most of it

        # What the screen shows: the window painted at that place, the bare root (black) around it.
        image = QImage(str(out))
        assert (image.width(), image.height()) == (width, height)
        x, y, w, h = rect
        assert image.pixelColor(x + w // 2, y + h - 4) != QColor("black")  # the status bar's row
        assert image.pixelColor(x + w // 2, min(height - 1, y + h + 2)) == QColor("black")

        # Qt's report on the same server: the status bar and its progress are on the screen.
        probe_home = _fresh_home(sample_index, tmp_path / "probe-home")
        done = subprocess.run(
            [sys.executable, "-m", "tests.ui.screen_probe", "--index-dir", str(probe_home / "index"),
             "--out", str(tmp_path / "probe.png")],
            cwd=PROJECT, env=_x_env(display, probe_home), capture_output=True, text=True, timeout=300,
            start_new_session=True,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["settled"] and report["available"] == screen, report
    assert report["window"] == rect, (report, window)  # the same first window as the real app's
    assert _inside(screen, report["frame"])
    assert report["status_bar_visible"] and _inside(screen, report["status_bar"]), report
    assert report["progress_visible"] and _inside(report["status_bar"], report["progress"]), report
    assert _inside(report["status_bar"], report["count"]), report
