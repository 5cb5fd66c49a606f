"""Since my last briefing on the BBC corpus: half the library briefed, the other half added.

    python benchmarks/bench_since.py [--rebuild] [--sample 30] [--show]

The first half of each BBC category (by file number) is indexed with the real
Analyzer and a briefing is recorded; then the second half joins the library and is
indexed. Reported: how many articles are new, how many changed (and unchanged)
figures ``since_last_briefing`` finds, the time it takes (best of 5), and the
precision of a sample of the changes (the 30 whose key and files hash lowest) against the hand verdicts in
benchmarks/since_changes_judged.json, section ``VERDICTS_SECTION`` ("real": the same thing, a real
change; "different": the two figures count different things, or are not comparable; the top-level
verdicts are those on KEY_VERSION 3, before changes needed evidence of one thread).
``--show`` prints the unjudged sample's sentences to judge (to the terminal only).

The library is built once (about a minute on two cores) under $TMPDIR/briefing-bench-since/.
Keys come from ``figure_keys`` as it is: after a key change, the sample changes and the
verdicts that no longer match a sampled change are reported as unmatched.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from benchmarks.corpus import BBC, bbc_files, bench_dir, category  # noqa: E402
from briefing.core.across.since import FigureChange, since_last_briefing  # noqa: E402
from briefing.core.library import Library  # noqa: E402

VERDICTS = PROJECT / "benchmarks" / "since_changes_judged.json"
VERDICTS_SECTION = "v4"
BUILT = "built.json"


def halves() -> tuple[list[Path], list[Path]]:
    """(first, second): each category split at the middle of its file numbers."""
    by_category: dict[str, list[Path]] = {}
    for path in bbc_files():
        by_category.setdefault(category(path), []).append(path)
    first: list[Path] = []
    second: list[Path] = []
    for files in by_category.values():
        files.sort(key=lambda p: int(re.findall(r"\d+", p.name)[-1]))
        middle = len(files) // 2
        first += files[:middle]
        second += files[middle:]
    return first, second


def build(folder: Path) -> dict[str, float]:
    """Index the first half, record a briefing, add the second half; returns the timings."""
    from briefing.core.analysis import Analyzer

    shutil.rmtree(folder, ignore_errors=True)
    news, index = folder / "news", folder / "index"
    news.mkdir(parents=True)
    first, second = halves()
    analyzer = Analyzer()
    timings: dict[str, float] = {}
    for name, files in (("first", first), ("second", second)):
        for path in files:
            shutil.copy(path, news / path.name)
        start = time.perf_counter()
        with Library(index) as library:
            report = library.update([news], analyser=analyzer.analyse_batch)
            assert not report.failed, report.failed[:3]
            if name == "first":
                catalog = library.catalog()
                catalog.record_briefing([a.path for a in catalog.articles()], "The first half", "pdf")
        timings[f"index_{name}_s"] = round(time.perf_counter() - start, 1)
    (folder / BUILT).write_text(json.dumps({"first": len(first), "second": len(second), **timings}))
    return timings


def identity(change: FigureChange) -> tuple[str, str, str]:
    return change.key, Path(change.before.path).name, Path(change.after.path).name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="index the two halves again")
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--show", action="store_true", help="print the sampled changes' sentences")
    parser.add_argument("--json", action="store_true", help="(the output is always JSON)")
    args = parser.parse_args()
    if not BBC.is_dir():
        print(f"needs the BBC corpus at {BBC}", file=sys.stderr)
        return 2
    folder = bench_dir("briefing-bench-since")
    if args.rebuild or not (folder / BUILT).exists():
        build(folder)
    built = json.loads((folder / BUILT).read_text())

    with Library(folder / "index") as library:
        catalog = library.catalog()
        what = since_last_briefing(catalog)
        times = []
        for _ in range(5):
            start = time.perf_counter()
            since_last_briefing(catalog)
            times.append(time.perf_counter() - start)
        total = catalog.count()

    changes = what.changed_figures
    # The changes whose identity hashes lowest: a sample that stays put when a few changes come or go.
    sample = sorted(changes, key=lambda c: hashlib.sha1("|".join(identity(c)).encode()).hexdigest())
    sample = sorted(sample[: args.sample], key=identity)
    judged: dict[tuple[str, str, str], str] = {}
    if VERDICTS.exists():
        section = json.loads(VERDICTS.read_text(encoding="utf-8")).get(VERDICTS_SECTION, {})
        for row in section.get("verdicts", []):
            judged[(row["key"], row["before"], row["after"])] = row["verdict"]
    if args.show:
        for n, change in enumerate(sample, 1):
            if identity(change) in judged:
                continue
            print(f"{n}. {change.text}   [{change.key}]", file=sys.stderr)
            print(f"   before ({change.before_article.path.rsplit('/', 1)[-1]}): {change.before.sentence}",
                  file=sys.stderr)
            print(f"   after  ({change.after_article.path.rsplit('/', 1)[-1]}): {change.after.sentence}\n",
                  file=sys.stderr)

    verdicts = [judged[identity(c)] for c in sample if identity(c) in judged]
    real = sum(v == "real" for v in verdicts)
    result = {
        "library": total,
        "first_half_briefed": built["first"],
        "second_half_added": built["second"],
        "new_articles": len(what.articles),
        "updated_articles": len(what.updated),
        "changed_figures": len(changes),
        "new_articles_with_a_change": len({c.after_article.path for c in changes}),
        "unchanged_figures": len(what.unchanged_figures),
        "directions": {d: sum(c.direction == d for c in changes) for d in ("up", "down")},
        "sample": len(sample),
        "judged": len(verdicts),
        "unmatched_verdicts": len(judged) - len(verdicts),
        "precision": round(real / len(verdicts), 3) if verdicts else None,
        "since_last_briefing_s": {"best": round(min(times), 3), "median": round(sorted(times)[2], 3)},
        "index_first_half_s": built.get("index_first_s"),
        "index_second_half_s": built.get("index_second_s"),
        "sampled": [
            {"key": k, "before": b, "after": a, "verdict": judged.get((k, b, a))}
            for k, b, a in map(identity, sample)
        ],
    }
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
