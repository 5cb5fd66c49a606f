"""Time briefings of N BBC articles: reading + analysis, the model, Markdown, HTML and the PDF.

    python benchmarks/bench_brief.py [--articles 20] [--repeat 3]

Prints one JSON object (seconds; best of --repeat for the renderers). Reads
../shared/corpus/bbc relative to the project root.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from PySide6.QtGui import QGuiApplication, QPageSize  # noqa: E402

from briefing.core.analysis import Analyzer  # noqa: E402
from briefing.core.briefing import build_briefing, to_html, to_markdown  # noqa: E402
from briefing.core.ingest import read  # noqa: E402
from briefing.printing.pdf import write_pdf  # noqa: E402

BBC = PROJECT.parent / "shared" / "corpus" / "bbc"


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return round(min(times), 4)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    app = QGuiApplication.instance() or QGuiApplication(["bench_brief"])
    files = sorted(BBC.glob("bbc_*.txt"))[:: max(1, 2225 // args.articles)][: args.articles]

    start = time.perf_counter()
    articles = [read(path) for path in files]
    analyses = Analyzer().analyse_batch(articles)
    analyse_s = time.perf_counter() - start
    pairs = list(zip(articles, analyses, strict=True))

    briefing = build_briefing(pairs)
    single = build_briefing(pairs[:1])
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "brief.pdf"
        a4 = QPageSize(QPageSize.PageSizeId.A4)
        pages = write_pdf(briefing, out, a4)
        result = {
            "articles": len(pairs),
            "read_and_analyse_s": round(analyse_s, 3),
            "model_s": best_of(args.repeat, lambda: build_briefing(pairs)),
            "markdown_s": best_of(args.repeat, lambda: to_markdown(briefing)),
            "html_s": best_of(args.repeat, lambda: to_html(briefing)),
            "pdf_s": best_of(args.repeat, lambda: write_pdf(briefing, out, a4)),
            "pdf_pages": pages,
            "pdf_bytes": out.stat().st_size,
            "pdf_one_article_s": best_of(args.repeat, lambda: write_pdf(single, Path(tmp) / "one.pdf", a4)),
        }
    print(json.dumps(result))
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
