"""Start the desktop app: ``run_app`` is the one entry point the CLI calls.

The window is shown first; the library (Whoosh) is opened on the next turn of
the event loop and the language model loads in the background after that, so
the window appears at once. spaCy is never imported on the GUI thread.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from briefing.core import paths
from briefing.core.library import Library
from briefing.resources import sample_library
from briefing.ui.icons import app_icon
from briefing.ui.main_window import MainWindow
from briefing.ui.settings import Settings
from briefing.ui.theme import ThemeController

SCREENSHOT_SIZE = (1280, 800)
SCREENSHOT_TIMEOUT = 600.0  # seconds: a first index of a big folder loads the model and analyses it


def application() -> QApplication:
    """The QApplication, created (with Briefing's names and icon) if there is none yet."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Briefing")
    app.setApplicationDisplayName("Briefing")
    app.setOrganizationName("Briefing")
    app.setDesktopFileName("briefing")
    app.setWindowIcon(app_icon())
    return app


def create_window(app: QApplication, settings: Settings | None = None) -> MainWindow:
    settings = settings or Settings()
    theme = ThemeController(app, settings.theme())
    window = MainWindow(settings, theme)
    theme.setParent(window)
    return window


def attach_library(
    window: MainWindow,
    *,
    library: Path | None,
    index_dir: Path | None,
    open_path: Path | None,
    warm_up: bool = True,
) -> None:
    """Open the index, start the catch-up update (or the first one) and the first search."""
    lib = Library(paths.index_dir(index_dir))
    window.open_library(lib, folder=library, open_path=open_path, sample=sample_library())
    if warm_up:
        window.warm_up()


def is_settled(window: MainWindow) -> bool:
    """Nothing left to do: indexing done, searches answered, an article open if there is one."""
    queue = window.index_queue
    if queue is None or queue.busy or window.searches.busy or window.io.pending or window.panel_tasks.pending:
        return False
    return window.current_path is not None or not window.results.hits()


def wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    """Run the event loop until ``condition()`` holds or ``timeout`` seconds pass."""
    loop = QEventLoop()
    deadline = time.monotonic() + timeout
    timer = QTimer()
    timer.setInterval(20)

    def check() -> None:
        if condition() or time.monotonic() > deadline:
            loop.quit()

    timer.timeout.connect(check)
    timer.start()
    if not condition():
        loop.exec()
    timer.stop()
    return condition()


def take_screenshot(window: MainWindow, out: Path, timeout: float = SCREENSHOT_TIMEOUT) -> bool:
    window.resize(*SCREENSHOT_SIZE)
    settled = wait_until(lambda: is_settled(window), timeout)
    QApplication.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    return settled and window.grab().save(str(out), "PNG")


def run_app(
    *,
    library: Path | None,
    index_dir: Path | None,
    open_path: Path | None,
    screenshot: Path | None,
    startup_probe: bool = False,
) -> int:
    if screenshot is not None and QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = application()
    window = create_window(app)
    if screenshot is not None:
        window.resize(*SCREENSHOT_SIZE)
    window.show()
    if startup_probe:
        # The wall-clock time the first frame was processed, for launch-time benchmarks: a zero timer
        # fires once the event loop's first turn has handled the show and paint events posted before it.
        def probe() -> None:
            print(json.dumps({"shown": time.time()}), flush=True)
            window.close()
            app.quit()

        QTimer.singleShot(0, probe)
        app.exec()
        return 0
    if screenshot is not None:
        try:
            attach_library(window, library=library, index_dir=index_dir, open_path=open_path, warm_up=False)
            ok = take_screenshot(window, screenshot)
        finally:
            window.close()
        if not ok:
            print(f"briefing: could not render the window to {screenshot}", file=sys.stderr)
        return 0 if ok else 1
    QTimer.singleShot(
        0, lambda: attach_library(window, library=library, index_dir=index_dir, open_path=open_path)
    )
    return app.exec()
