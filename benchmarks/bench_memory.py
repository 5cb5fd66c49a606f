"""Memory of the desktop app with the 20,000-article benchmark library open (offscreen).

    .venv/bin/python benchmarks/bench_memory.py [--json]

Needs the library bench_search.py builds (run that first). A fresh process opens
the window, attaches the library, runs a search with facets and opens 20
articles, then reports its peak resident memory (ru_maxrss).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "benchmarks"))

from corpus import bench_dir  # noqa: E402

CHILD = """
import json, resource, sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from briefing.ui.app import application, attach_library, create_window, is_settled, wait_until

def rss():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)

app = application()
window = create_window(app)
window.resize(1280, 800)
window.show()
QApplication.processEvents()
shown = rss()
attach_library(window, library=None, index_dir=Path(sys.argv[1]), open_path=None, warm_up=False)
wait_until(lambda: is_settled(window), 300)
attached = rss()
searcher = window.library.searcher()
result = searcher.search("government", limit=50)
paths = [hit.path for hit in result.hits[:20]]
for path in paths:
    window.open_article(path)
    QApplication.processEvents()
print(json.dumps({"articles": window.library.count(), "rss_mb_window_shown": shown,
                  "rss_mb_library_attached": attached, "rss_mb_peak": rss(), "opened": len(paths)}))
window.close()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    indexes = sorted(bench_dir("briefing-bench-20k").glob("corpus-*/whoosh-schema*"))
    indexes = [p for p in indexes if p.is_dir()]
    if not indexes:
        sys.exit("no benchmark library yet: run benchmarks/bench_search.py first")
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BRIEFING_HOME": home}
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(indexes[-1])],
            capture_output=True,
            text=True,
            env=env,
            cwd=PROJECT,
            timeout=600,
            check=False,
        )
    if done.returncode != 0:
        sys.exit(f"the app failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["goal_mb"] = 600
    print(json.dumps(result) if args.json else json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
