"""Saves what an X screen shows (its root window, every mapped window in it) as a PNG.

    DISPLAY=:N QT_QPA_PLATFORM=xcb python -m tests.ui.x_grab OUT.png

Prints one JSON object: the screen's geometry and available geometry as Qt's xcb platform reads them
from the X server, and whether the PNG was saved.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication


def as_list(rect: QRect) -> list[int]:
    return [rect.x(), rect.y(), rect.width(), rect.height()]


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    screen = app.primaryScreen()
    saved = screen.grabWindow(0).save(sys.argv[1], "PNG")  # window 0: the whole root window
    print(json.dumps({
        "platform": app.platformName(),
        "screen": as_list(screen.geometry()),
        "available": as_list(screen.availableGeometry()),
        "saved": saved,
    }), flush=True)
    return 0 if saved else 1


if __name__ == "__main__":
    raise SystemExit(main())
