"""Desktop app timings, offscreen: launch to window shown (fresh process) and opening articles.

    .venv/bin/python benchmarks/bench_app.py [--json] [--articles N] [--launches N]

Launch: a fresh interpreter runs what ``run_app`` runs (QApplication, the window, show) and
reports when the first frame has been processed; the time counts from just before the process
is started, so it includes Python's and Qt's start-up. It then attaches the library and reports
when the first article is on screen.
Open: ``MainWindow.open_article`` (Library.document + render + side panel) plus the repaint,
for N articles of ../shared/corpus/bbc (or the sample library without ../shared), median and worst.
The index is built once under benchmarks/out/app-index (gitignored) and reused.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BRIEFING_SHARED", PROJECT.parent / "shared"))
OUT = PROJECT / "benchmarks" / "out"

CHILD = """
import json, sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from briefing.ui.app import application, attach_library, create_window, is_settled, wait_until

app = application()
window = create_window(app)
window.resize(1280, 800)
window.show()
QApplication.processEvents()
shown = time.time()
attach_library(window, library=None, index_dir=Path(sys.argv[1]), open_path=None, warm_up=False)
wait_until(lambda: window.current_path is not None, 60)
QApplication.processEvents()
article = time.time()
print(json.dumps({"shown": shown, "article": article}))
window.close()
"""


def _corpus(limit: int) -> Path:
    """A folder with ``limit`` BBC articles (symlinks into ../shared), or the sample library."""
    bbc = SHARED / "corpus" / "bbc"
    if not bbc.is_dir():
        return PROJECT / "resources" / "sample"
    folder = OUT / f"app-corpus-{limit}"
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(bbc.glob("*.txt"))[:limit]:
        link = folder / path.name
        if not link.exists():
            link.symlink_to(path)
    return folder


def _index(folder: Path) -> Path:
    from briefing.core.analysis import Analyzer
    from briefing.core.library import Library

    index = OUT / f"app-index-{folder.name}"
    with Library(index) as library:
        library.update([folder], analyser=Analyzer().analyse_batch)
    return index


def measure_launch(index: Path, runs: int) -> dict[str, float]:
    shown, article = [], []
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BRIEFING_HOME": home}
        for _ in range(runs):
            started = time.time()
            done = subprocess.run([sys.executable, "-c", CHILD, str(index)], capture_output=True, text=True,
                                  env=env, cwd=PROJECT, timeout=120, check=True)
            times = json.loads(done.stdout.strip().splitlines()[-1])
            shown.append((times["shown"] - started) * 1000)
            article.append((times["article"] - started) * 1000)
    return {
        "launch_to_window_ms_median": round(statistics.median(shown), 1),
        "launch_to_window_ms_max": round(max(shown), 1),
        "launch_to_first_article_ms_median": round(statistics.median(article), 1),
    }


def measure_open(index: Path) -> dict[str, float]:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory() as home:
        os.environ["BRIEFING_HOME"] = home
        from PySide6.QtWidgets import QApplication

        from briefing.ui.app import application, attach_library, create_window, is_settled, wait_until

        app = application()
        window = create_window(app)
        window.resize(1280, 800)
        window.show()
        attach_library(window, library=None, index_dir=index, open_path=None, warm_up=False)
        wait_until(lambda: is_settled(window), 120)
        assert window.library is not None
        paths = [hit.path for hit in window.library.searcher().search("", limit=10_000, facets=False).hits]
        times = []
        for path in paths:
            started = time.perf_counter()
            assert window.open_article(path)
            QApplication.processEvents()  # layout and paint
            times.append((time.perf_counter() - started) * 1000)
        window.close()
    times.sort()
    return {
        "articles_opened": len(times),
        "open_article_ms_median": round(statistics.median(times), 1),
        "open_article_ms_p95": round(times[int(0.95 * (len(times) - 1))], 1),
        "open_article_ms_max": round(times[-1], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--articles", type=int, default=200, help="BBC articles to index and open")
    parser.add_argument("--launches", type=int, default=5, help="fresh processes to start")
    args = parser.parse_args()
    folder = _corpus(args.articles)
    index = _index(folder)
    result = {"library": str(folder.relative_to(PROJECT)), **measure_launch(index, args.launches),
              **measure_open(index)}
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:36} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
