"""Similar articles on the BBC corpus: how many are listed, and how many are really alike.

    python benchmarks/bench_similar.py [--json] [--index-dir D]

The 2,225 BBC articles are indexed once without analysis (similarity reads only the body)
under $TMPDIR/briefing-bench-similar/. Measured for the app's cut-off (``Searcher.similar``:
a hit must score ``SIMILAR_MIN_SHARE`` of the article's own score on its key words) next to
the reference in the same run, Whoosh's "more like this" as the app used it before (the top
100 hits, no cut-off), and a sweep of other shares:

- judged precision: kept hits judged alike / kept hits judged, on the hand verdicts of
  benchmarks/similar_judged.json (13 articles, 72 judged candidates; criterion inside);
- judged recall: judged-alike pairs kept / judged-alike pairs;
- duplicates found: of the 133 articles MANIFEST.tsv marks as another's duplicate, how many
  list that other article first;
- same category: the share of all kept hits (of every article queried: every 10th, every judged
  one and every duplicate) in the article's category
  (an upper bound of precision: another category is never the same story);
- listed: the mean and the largest number of hits per article.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from benchmarks.corpus import BBC, bbc_files, bench_dir, category  # noqa: E402
from briefing.core.library import Library  # noqa: E402
from briefing.core.library.search import SIMILAR_MIN_SHARE, Searcher  # noqa: E402

JUDGED = PROJECT / "benchmarks" / "similar_judged.json"
REFERENCE_LIMIT = 100  # what the app listed before: RESULT_LIMIT hits of more_like
SHARES = (0.25, 0.3, 0.35, SIMILAR_MIN_SHARE, 0.45, 0.5)


def _library(index_dir: Path) -> Library:
    library = Library(index_dir)
    if library.count() < len(bbc_files()):
        library.update([BBC])
    return library


def _reference(searcher: Searcher, path: str) -> list[str]:
    """Whoosh's more_like as the app called it before: the 100 best, whatever their score."""
    whoosh = searcher._current()
    docnum = whoosh.document_number(path=path)
    if docnum is None:
        return []
    return [hit["path"] for hit in whoosh.more_like(docnum, "body", top=REFERENCE_LIMIT, numterms=15)]


def _duplicates() -> dict[str, str]:
    with (BBC / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {row["file"]: row["duplicate_of"] for row in rows if row.get("duplicate_of")}


def _score(lists: dict[str, list[str]], judged: dict[str, dict[str, bool]],
           duplicates: dict[str, str]) -> dict[str, float | int]:
    kept_judged = [verdict for query, verdicts in judged.items()
                   for name, verdict in verdicts.items() if name in lists.get(query, [])]
    alike = sum(verdict for verdicts in judged.values() for verdict in verdicts.values())
    found_alike = sum(kept_judged)
    first_is_duplicate = sum(1 for copy, original in duplicates.items()
                             if lists.get(copy, [])[:1] == [original])
    kept = [(query, name) for query, names in lists.items() for name in names]
    same = sum(1 for query, name in kept if category(Path(query)) == category(Path(name)))
    sizes = [len(names) for names in lists.values()]
    return {
        "judged_precision": round(found_alike / len(kept_judged), 3) if kept_judged else 0.0,
        "judged_kept": len(kept_judged),
        "judged_recall": round(found_alike / alike, 3) if alike else 0.0,
        "duplicates_first": first_is_duplicate,
        "duplicates": len(duplicates),
        "same_category": round(same / len(kept), 3) if kept else 0.0,
        "listed_mean": round(statistics.mean(sizes), 2),
        "listed_max": max(sizes),
        "articles_with_none": sum(1 for size in sizes if size == 0),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--index-dir", type=Path, default=bench_dir("briefing-bench-similar") / "index")
    parser.add_argument("--every", type=int, default=10,
                        help="query every Nth article (plus every judged one and every duplicate)")
    args = parser.parse_args()
    judged: dict[str, dict[str, bool]] = json.loads(JUDGED.read_text(encoding="utf-8"))["verdicts"]
    duplicates = _duplicates()
    wanted = set(judged) | set(duplicates)
    files = [p for n, p in enumerate(bbc_files()) if n % max(1, args.every) == 0 or p.name in wanted]
    with _library(args.index_dir) as library:
        searcher = library.searcher()
        started = time.perf_counter()
        reference = {p.name: [Path(x).name for x in _reference(searcher, str(p.resolve()))] for p in files}
        reference_s = time.perf_counter() - started
        results: dict[str, dict[str, float | int]] = {}
        times: dict[str, float] = {}
        for share in SHARES:
            started = time.perf_counter()
            lists = {p.name: [Path(h.path).name for h in searcher.similar(str(p.resolve()), limit=100,
                                                                          min_share=share)]
                     for p in files}
            times[str(share)] = time.perf_counter() - started
            results[str(share)] = _score(lists, judged, duplicates)
    report = {
        "queried": len(files),
        "app_share": SIMILAR_MIN_SHARE,
        "app": results[str(SIMILAR_MIN_SHARE)],
        "reference_more_like_top100": _score(reference, judged, duplicates),
        "sweep": results,
        "ms_per_article": {"app": round(times[str(SIMILAR_MIN_SHARE)] / len(files) * 1000, 2),
                           "reference": round(reference_s / len(files) * 1000, 2)},
    }
    print(json.dumps(report, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
