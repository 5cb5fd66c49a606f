#!/usr/bin/env python3
"""Main-text extraction on the L3S-GN1 saved pages: Briefing's HTML reader vs trafilatura's defaults,
and the same pages printed to PDF by Chromium: Briefing's PDF reader vs plain ``pdftotext``.

    bench_extraction.py [--json] [--limit N] [--no-pdf] [--half tune|held]

Reads ../shared/corpus/html-l3s-gn1/original/*.html (relative to the project root),
writes each extractor's predictions {stem: {"articleBody": text}} to a temporary file
and scores each with ../shared/tools/score_extraction.py (run as its own process). The PDFs are
printed once by headless Chromium (when installed) and cached in ~/.cache/briefing-bench
(``chromium_pdf.py``); the HTML reader is scored again on the pages that printed, so the PDF
rows compare with it on the same pages. ``title_ok`` is the share of pages whose title is the
ground truth's headline (site names split off into the source). ``--half`` keeps the pages
whose name hashes to one half (tune: first MD5 byte even; held: odd), so that rules tuned on one
half are checked on the other.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura
from chromium_pdf import cached_pdfs, chromium

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


def pdftotext(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=120)
    return out.stdout.decode("utf-8", "replace")


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def title_share(files: dict[str, Path], truth: dict[str, dict[str, str]]) -> float:
    """Share of files whose title, as read, is the ground-truth headline (words compared)."""
    right = 0
    for stem, path in files.items():
        try:
            title = read(path).title
        except ReadError:
            continue
        right += _words(title) in [_words(line) for line in truth[stem].get("headline", "").split("\n")]
    return round(right / len(files), 4) if files else 0.0


def half(stem: str) -> str:
    """The page's half of the corpus: "tune" or "held", by the first byte of its name's MD5."""
    return "tune" if hashlib.md5(stem.encode()).digest()[0] % 2 == 0 else "held"


def run(extractor: Callable[[Path], str], pages: list[Path]) -> tuple[dict[str, dict[str, str]], float]:
    start = time.perf_counter()
    predictions = {page.stem: {"articleBody": extractor(page)} for page in pages}
    return predictions, time.perf_counter() - start


def scored(
    runs: list[tuple[str, Callable[[Path], str], list[Path]]], truth: dict[str, dict[str, str]], workdir: Path
) -> dict[str, dict[str, object]]:
    result: dict[str, dict[str, object]] = {}
    for name, extractor, files in runs:
        subset = {f.stem: truth[f.stem] for f in files if f.stem in truth}
        truth_file = workdir / f"truth-{name}.json"
        truth_file.write_text(json.dumps(subset), encoding="utf-8")
        predictions, seconds = run(extractor, files)
        scores = score(truth_file, predictions, workdir, name)
        scores["pages_per_s"] = round(len(files) / seconds, 1) if seconds else None
        result[name] = scores
    return result


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
    parser.add_argument("--no-pdf", action="store_true", help="skip the Chromium-printed PDFs")
    parser.add_argument("--half", choices=("tune", "held"), help="only one half of the pages")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"needs the L3S-GN1 corpus at {CORPUS}", file=sys.stderr)
        return 2
    pages = sorted((CORPUS / "original").glob("*.html"))
    if args.limit:
        pages = pages[: args.limit]
    if args.half:
        pages = [page for page in pages if half(page.stem) == args.half]
    truth = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    truth = {page.stem: truth[page.stem] for page in pages if page.stem in truth}
    result: dict[str, object] = {"pages": len(pages)}
    runs: list[tuple[str, Callable[[Path], str], list[Path]]] = [
        ("ours", ours, pages),
        ("trafilatura_default", trafilatura_default, pages),
    ]
    titles: dict[str, float] = {"ours": title_share({p.stem: p for p in pages}, truth)}
    if not args.no_pdf and chromium() is not None:
        pdfs = cached_pdfs(pages)
        printed = [page for page in pages if page.stem in pdfs]
        result["pdf_pages"] = len(printed)
        runs += [
            ("ours_html_same_pages", ours, printed),
            ("ours_pdf", ours, [pdfs[p.stem] for p in printed]),
            ("pdftotext", pdftotext, [pdfs[p.stem] for p in printed]),
        ]
        titles["ours_pdf"] = title_share({p.stem: pdfs[p.stem] for p in printed}, truth)
    with tempfile.TemporaryDirectory(prefix="bench-extraction-") as tmp:
        result.update(scored(runs, truth, Path(tmp)))
    result["title_ok"] = titles
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{'extractor':22} {'precision':>9} {'recall':>7} {'f1':>7} {'pages/s':>8}")
        for name, _, _ in runs:
            s = result[name]
            assert isinstance(s, dict)
            print(
                f"{name:22} {s['precision']:9.4f} {s['recall']:7.4f} {s['f1']:7.4f} {s['pages_per_s']:8.1f}"
            )
        print(f"title = ground-truth headline: {titles}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
