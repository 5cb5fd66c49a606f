"""run_app end to end: the first run on the sample library, the headless screenshot, a fast start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from briefing.ui.app import run_app
from briefing.ui.entity_types import type_for_label
from tests.ui.conftest import SETTLE_MS, MakeWindow

PROJECT = Path(__file__).resolve().parents[2]


def test_first_run_indexes_and_highlights_the_sample(
    make_window: MakeWindow, briefing_home: Path, qtbot: QtBot
) -> None:
    from briefing.ui.app import attach_library, is_settled

    window = make_window()
    attach_library(window, library=None, index_dir=None, open_path=None, warm_up=False)  # an empty index
    qtbot.waitUntil(lambda: is_settled(window) and window.current_path is not None, timeout=SETTLE_MS)
    assert window.library is not None
    assert window.library.index_dir == briefing_home / "index"
    assert [r.name for r in window.library.roots()] == ["sample"]
    assert "entity:" in window.reader_pane.reader.toHtml()
    assert window.side_panel.figures.count() > 0


def test_screenshot_renders_the_open_article(qapp: object, index_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "shots" / "briefing.png"
    seed = PROJECT / "resources" / "sample" / "000_1485d72a6eece34e.txt"
    assert run_app(library=None, index_dir=index_dir, open_path=seed, screenshot=out) == 0
    image = QImage(str(out)).convertToFormat(QImage.Format.Format_RGB32)
    assert (image.width(), image.height()) == (1280, 800)
    colours = {image.pixel(x, y) & 0xFFFFFF for y in range(0, 800, 2) for x in range(0, 1280, 2)}
    for label in ("GPE", "ORG"):
        assert QColor(type_for_label(label).colours("light").background).rgb() & 0xFFFFFF in colours


def test_spacy_is_never_imported_on_the_gui_thread(index_dir: Path, briefing_home: Path) -> None:
    """In a fresh process that warms the model up, a finder records which thread imports spaCy."""
    script = f"""
import json, sys, threading
from pathlib import Path

importers = []

class Spy:
    def find_spec(self, name, path=None, target=None):
        if name == "spacy":
            importers.append(threading.current_thread().name)
        return None

sys.meta_path.insert(0, Spy())
from briefing.ui.app import application, attach_library, create_window, is_settled, wait_until
app = application()
window = create_window(app)
window.show()
attach_library(window, library=None, index_dir=Path({str(index_dir)!r}), open_path=None, warm_up=True)
ready = lambda: is_settled(window) and window.current_path is not None and window.index_queue.model_ready
wait_until(ready, 90)
print(json.dumps({{"open": window.current_path, "importers": importers, "open_ms": window.last_open_ms}}))
window.close()
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BRIEFING_HOME": str(briefing_home)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                          cwd=PROJECT, timeout=120, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["open"].endswith("000_1485d72a6eece34e.txt")
    # The model is loaded (model_ready), in the analysis worker processes: never in the app's process.
    assert result["importers"] == []
    assert result["open_ms"] < 150
