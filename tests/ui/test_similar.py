"""Similar articles in the window: only articles really alike are listed, and the list opens at its top.

The sample library (the seed) plus other reports of the same attack (the seed's text with one
paragraph left out, as agencies' versions of one story differ) and an unrelated article.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from briefing.ui.app import is_settled
from briefing.ui.main_window import MainWindow
from tests.conftest import SEED
from tests.ui.articles import write_article
from tests.ui.conftest import SETTLE_MS

REPORTS = 8


def _write(folder: Path) -> None:
    folder.mkdir()
    lines = SEED.read_text(encoding="utf-8").split("\n")
    headline, paragraphs = lines[0], [p for p in lines[1:] if p.strip()]
    for n in range(REPORTS):
        kept = [p for i, p in enumerate(paragraphs) if i != n + 1]
        (folder / f"report-{n}.txt").write_text(f"{headline} (version {n})\n\n" + "\n\n".join(kept) + "\n",
                                                encoding="utf-8")
    write_article(folder, "cheese.md", "Cheese makers win prize", "Dairy News", "2024-02-01",
                  "A cheese from Somerset won the top prize at the world cheese awards on Friday.\n\n"
                  "Judges praised its nutty taste and its long ageing in caves.")


def test_similar_lists_only_the_reports_of_the_same_story_from_the_top(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    _write(folder)
    window.add_paths([folder])
    qtbot.waitUntil(lambda: is_settled(window) and len(window.results.hits()) == REPORTS + 2,
                    timeout=SETTLE_MS)
    seed = next(h.path for h in window.results.hits() if h.path.endswith("000_1485d72a6eece34e.txt"))
    assert window.open_article(seed)
    bar = window.results.list.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert bar.value() > 0  # the list was scrolled away from its top
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        qtbot.mouseClick(window.reader_pane.legend.similar_button, Qt.MouseButton.LeftButton)
    hits = window.results.hits()
    names = sorted(Path(h.path).name for h in hits)
    assert names == sorted(f"report-{n}.txt" for n in range(REPORTS))  # not the cheese, not itself
    assert all(h.score >= 0.4 for h in hits)  # its share of the article's own score (a shorter copy: > 1)
    assert window.results.header.text().startswith(f"{REPORTS} similar to “US personnel")
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=5_000)
    assert bar.value() == 0  # opens at the best match
    assert window.results.list.currentRow() == -1 or window.results.list.currentRow() == 0
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        qtbot.mouseClick(window.results.back, Qt.MouseButton.LeftButton)
    assert len(window.results.hits()) == REPORTS + 2
