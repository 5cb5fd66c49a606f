#!/usr/bin/env python3
"""Main-text extraction on the L3S-GN1 saved pages: Briefing's HTML reader vs trafilatura's defaults.

    bench_extraction.py [--json] [--limit N]

Reads ../shared/corpus/html-l3s-gn1/original/*.html (relative to the project root),
writes each extractor's predictions {stem: {"articleBody": text}} to a temporary file
and scores both with ../shared/tools/score_extraction.py (run as its own process).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

from briefing.core.errors import ReadError
from briefing.core.ingest import read

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
CORPUS = SHARED / "corpus" / "html-l3s-gn1"
SCORER = SHARED / "tools" / "score_extraction.py"


def ours(path: Path) -> str:
    try:
        return read(path).text
    except ReadError:
        return ""


def trafilatura_default(path: Path) -> str:
    return trafilatura.extract(path.read_bytes()) or ""


def run(extractor: Callable[[Path], str], pages: list[Path]) -> tuple[dict[str, dict[str, str]], float]:
    start = time.perf_counter()
    predictions = {page.stem: {"articleBody": extractor(page)} for page in pages}
    return predictions, time.perf_counter() - start


def score(truth_file: Path, predictions: dict[str, dict[str, str]], workdir: Path, name: str) -> dict:
    pred_file = workdir / f"{name}.json"
    pred_file.write_text(json.dumps(predictions), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(SCORER), str(truth_file), str(pred_file)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (sorted by name)")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"needs the L3S-GN1 corpus at {CORPUS}", file=sys.stderr)
        return 2
    pages = sorted((CORPUS / "original").glob("*.html"))
    if args.limit:
        pages = pages[: args.limit]
    truth = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    truth = {page.stem: truth[page.stem] for page in pages if page.stem in truth}
    result: dict[str, object] = {"pages": len(pages)}
    with tempfile.TemporaryDirectory(prefix="bench-extraction-") as tmp:
        workdir = Path(tmp)
        truth_file = workdir / "truth.json"
        truth_file.write_text(json.dumps(truth), encoding="utf-8")
        for name, extractor in (("ours", ours), ("trafilatura_default", trafilatura_default)):
            predictions, seconds = run(extractor, pages)
            scores = score(truth_file, predictions, workdir, name)
            scores["pages_per_s"] = round(len(pages) / seconds, 1) if seconds else None
            result[name] = scores
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{'extractor':22} {'precision':>9} {'recall':>7} {'f1':>7} {'pages/s':>8}")
        for name in ("ours", "trafilatura_default"):
            s = result[name]
            assert isinstance(s, dict)
            print(
                f"{name:22} {s['precision']:9.4f} {s['recall']:7.4f} {s['f1']:7.4f} {s['pages_per_s']:8.1f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
