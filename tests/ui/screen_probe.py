"""Opens the app's first window on a virtual screen of a given size and reports where everything is.

    QT_QPA_PLATFORM=offscreen:configfile=SCREENS.json BRIEFING_HOME=FRESH \\
        python -m tests.ui.screen_probe --index-dir D [--out SHOT.png]

Run in a process of its own (one QApplication per process, and the screen is fixed when Qt starts):
the window is made as ``run_app`` makes it, from the fresh settings folder of BRIEFING_HOME, the
library attached and settled, indexing progress shown in the status bar; it prints one JSON object
with the screen's available geometry and the global rectangles of the window, its frame, the status
bar and the progress indicator. ``--out`` writes the screen as it would look: the window's grab
drawn at its place on a screen-sized canvas.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QWidget

from briefing.ui.app import application, attach_library, create_window, is_settled, wait_until

SETTLE_SECONDS = 120.0


def global_rect(widget: QWidget) -> list[int]:
    top_left = widget.mapToGlobal(QPoint(0, 0))
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]


def as_list(rect: QRect) -> list[int]:
    return [rect.x(), rect.y(), rect.width(), rect.height()]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    app = application()
    window = create_window(app)
    window.show()
    attach_library(window, library=None, index_dir=args.index_dir, open_path=None, warm_up=False)
    settled = wait_until(lambda: is_settled(window) and window.current_path is not None, SETTLE_SECONDS)
    # What a user sees while a folder is indexed: the status bar's progress, with counts.
    window.progress.begin("Adding a folder with a long name")
    window.progress.advance(120, 300, "/some/folder/an article.txt")
    window.count_label.setText("1,234 articles in 3 folders")
    app.processEvents()
    screen = window.screen()
    report = {
        "settled": settled,
        "screen": as_list(screen.geometry()),
        "available": as_list(screen.availableGeometry()),
        "device_pixel_ratio": screen.devicePixelRatio(),
        "window": global_rect(window),
        "frame": as_list(window.frameGeometry()),
        "status_bar": global_rect(window.statusBar()),
        "status_bar_visible": window.statusBar().isVisible(),
        "progress": global_rect(window.progress),
        "progress_visible": window.progress.isVisible(),
        "progress_text": window.progress.label.text(),
        "count": global_rect(window.count_label),
        "splitter": window.splitter.sizes(),
    }
    if args.out is not None:
        grab = window.grab().toImage()
        canvas = QImage(screen.geometry().size(), QImage.Format.Format_RGB32)
        canvas.fill(QColor("#3a3f4b"))  # the desktop around the window
        painter = QPainter(canvas)
        frame = window.frameGeometry()
        painter.fillRect(frame, QColor("#1d2026"))
        painter.drawImage(window.mapToGlobal(QPoint(0, 0)), grab)
        painter.end()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        report["saved"] = canvas.save(str(args.out), "PNG")
    print(json.dumps(report), flush=True)
    window.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
