"""Make the documentation's images: the sample briefing (docs/briefing-seed.pdf and a PNG of its
first page) and a screenshot of the app on the seed article (docs/app-seed.png).

    python scripts/make_docs_images.py [--dpi 110]

Needs poppler's pdftoppm for the PNG. Runs headless (Qt's offscreen platform).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from PySide6.QtGui import QGuiApplication, QPageSize  # noqa: E402

from briefing.core.analysis import Analyzer  # noqa: E402
from briefing.core.briefing import build_briefing  # noqa: E402
from briefing.core.ingest import read  # noqa: E402
from briefing.printing.pdf import write_pdf  # noqa: E402

SEED = PROJECT / "resources" / "sample" / "000_1485d72a6eece34e.txt"
DOCS = PROJECT / "docs"


def briefing_seed(dpi: int) -> list[Path]:
    article = read(SEED)
    briefing = build_briefing([(article, Analyzer().analyse(article))])
    pdf = DOCS / "briefing-seed.pdf"
    write_pdf(briefing, pdf, QPageSize(QPageSize.PageSizeId.A4))
    made = [pdf]
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("pdftoppm not found (install poppler-utils): skipped the PNG", file=sys.stderr)
        return made
    png = DOCS / "briefing-seed"
    subprocess.run(
        [pdftoppm, "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf), str(png)],
        check=True,
    )
    made.append(png.with_suffix(".png"))
    return made


def app_screenshot() -> Path:
    """The app's own headless capture, run as a user would run it (a fresh index)."""
    import tempfile

    png = DOCS / "app-seed.png"
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, BRIEFING_HOME=home)
        command = [sys.executable, "-m", "briefing", "--library", str(SEED.parent), "--open", str(SEED),
                   "--screenshot", str(png)]
        subprocess.run(command, check=True, env=env, cwd=PROJECT)
    return png


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=110, help="resolution of the PNG")
    args = parser.parse_args()
    app = QGuiApplication.instance() or QGuiApplication(["make_docs_images"])
    DOCS.mkdir(exist_ok=True)
    for path in [*briefing_seed(args.dpi), app_screenshot()]:
        print(path.relative_to(PROJECT))
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
