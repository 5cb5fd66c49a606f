#!/usr/bin/env python3
"""Saved pages printed to PDF by headless Chromium, as an analyst's "Print ▸ Save as PDF" makes them.

    chromium_pdf.py [--limit N]     # print every L3S-GN1 page not yet in the cache

PDFs are cached outside the repository (~/.cache/briefing-bench/l3s-pdf/STEM.pdf): printing takes
seconds a page. A page is printed from a UTF-8 copy carrying its charset (what the browser would
have had from the server's Content-Type header), so the PDF's text is what the reader saw.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from briefing.core.ingest.encoding import decode
from briefing.core.ingest.html_page import declared_charset

PROJECT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT.parent / "shared" / "corpus" / "html-l3s-gn1"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "briefing-bench" / "l3s-pdf"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def print_pdf(page: Path, out: Path, *, timeout: float = 120) -> bool:
    """Print ``page`` to ``out`` with headless Chromium; False when it failed."""
    browser = chromium()
    if browser is None:
        return False
    with tempfile.TemporaryDirectory(prefix="briefing-chromium-") as tmp:
        data = page.read_bytes()
        text = decode(data, declared_charset(data))
        copy = Path(tmp) / page.name
        copy.write_text('<meta charset="utf-8">' + text, encoding="utf-8")
        partial = out.with_suffix(".partial.pdf")
        command = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={tmp}/profile", f"--print-to-pdf={partial}"]
        try:
            subprocess.run(
                [*command, copy.as_uri()], capture_output=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            return False
        if not partial.is_file() or partial.stat().st_size == 0:
            return False
        partial.replace(out)
    return True


def cached_pdfs(pages: list[Path]) -> dict[str, Path]:
    """STEM -> printed PDF for each page, printing those not cached yet (when Chromium is installed)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    found: dict[str, Path] = {}
    for page in pages:
        out = CACHE / f"{page.stem}.pdf"
        if out.is_file() or print_pdf(page, out):
            found[page.stem] = out
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args(argv)
    pages = sorted((CORPUS / "original").glob("*.html"))
    if args.limit:
        pages = pages[: args.limit]
    if chromium() is None:
        print("chromium is not installed", file=sys.stderr)
        return 2
    found = cached_pdfs(pages)
    print(f"{len(found)} of {len(pages)} pages printed to {CACHE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
