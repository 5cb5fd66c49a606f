"""How well figures are grouped across articles (``analysis.figures.keys``), on the BBC corpus and the seed.

    python benchmarks/bench_figure_groups.py [--index-dir DIR] [--json] [--show-sample]

Reports, from the library's catalog:
  * figures, keyed figures, keys, and groups: threads of one key (``figure_series.Threads``) that
    at least two articles give;
  * precision: a deterministic sample of 40 groups (by a hash of their key and files) was judged
    by hand ("same counted thing, same place or owner, same measure?") and the verdicts are kept
    in ``figure_groups_judged.json`` next to this script (keys, file names and verdicts only), under
    the section of the keys' version (``JUDGED_SECTION``; the top-level entries are the verdicts
    on KEY_VERSION 3, when a group was every report of a key); groups of the sample without a
    verdict are listed as unjudged;
  * recall: for a few series found by grep and checked by hand (``SERIES`` below), the share of
    their mentions that end up in one group (the largest group among them).

``--show-sample`` prints the sampled groups with their reports, to judge them again after the keys
change. Without ``--index-dir`` the BBC corpus and the seed are indexed once (with analysis)
into ``$TMPDIR/briefing-bench-figure-groups`` (several minutes on two cores).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "benchmarks"))

from corpus import BBC, SEED  # noqa: E402

JUDGED = Path(__file__).with_name("figure_groups_judged.json")
JUDGED_SECTION = "v4"
SAMPLE = 40
# Most groups are copies of one story (the BBC set holds duplicates): a second sample of groups whose
# sentences differ, to judge how well reports of different articles are told apart.
DISTINCT_SAMPLE = 25

# Series found by grep over the corpus and read by hand: (name, [(file name, figure text as written)]).
SERIES: list[tuple[str, list[tuple[str, str]]]] = [
    # The first three were looked at while writing the keys; the last two were not.
    ("unemployment in Germany (people)", [
        ("bbc_business_022.txt", "4.464 million"), ("bbc_business_073.txt", "five million"),
        ("bbc_business_098.txt", "5.2 million"), ("bbc_business_139.txt", "4.875 million"),
        ("bbc_business_275.txt", "5.037 million"), ("bbc_business_387.txt", "206,900 to 4.64 million"),
        ("bbc_business_387.txt", "4.4 million"),
    ]),
    ("unemployment rate in the US (%)", [
        ("bbc_business_134.txt", "5.4%"), ("bbc_business_292.txt", "5.4%"),
        ("bbc_business_416.txt", "5.4%"), ("bbc_business_453.txt", "5.4%"),
    ]),
    ("unemployment rate in Germany (%)", [
        ("bbc_business_066.txt", "10%"), ("bbc_business_139.txt", "11.7%"),
        ("bbc_business_275.txt", "12.1%"),
    ]),
    ("UK interest rate (Bank of England, %)", [
        ("bbc_business_119.txt", "4.75%"), ("bbc_business_121.txt", "4.75%"),
        ("bbc_business_137.txt", "4.75%"), ("bbc_business_151.txt", "4.75%"),
        ("bbc_business_153.txt", "4.75%"), ("bbc_business_290.txt", "4.75%"),
        ("bbc_business_438.txt", "4.75%"), ("bbc_business_459.txt", "4.75%"),
        ("bbc_business_507.txt", "4.75%"),
    ]),
    ("eurozone interest rate (ECB, %)", [
        ("bbc_business_066.txt", "2%"), ("bbc_business_073.txt", "2%"),
        ("bbc_business_436.txt", "2%"), ("bbc_business_439.txt", "2%"),
    ]),
]  # fmt: skip


def default_index() -> Path:
    folder = Path(tempfile.gettempdir()) / "briefing-bench-figure-groups"
    if not (folder / "catalog.sqlite").exists():
        env = {**os.environ, "BRIEFING_HOME": str(folder.parent / "briefing-bench-figure-groups-home")}
        subprocess.run(
            [sys.executable, "-c", "import sys; from briefing.cli import main; sys.exit(main())",
             "index", str(BBC), str(SEED.parent), "--index-dir", str(folder)],
            check=True, env=env,
        )  # fmt: skip
    return folder


def identity(key: str, files: list[str]) -> str:
    return "|".join([key, *sorted(files)])


def sample(identities: list[str], size: int = SAMPLE) -> list[str]:
    return sorted(identities, key=lambda i: hashlib.sha1(i.encode()).hexdigest())[:size]


def copied(series: Any) -> bool:
    """Whether every report of the group is one sentence (copies of one story)."""
    return len({" ".join(p.sentence.split()) for p in series.points}) == 1


def measure(index_dir: Path, show: bool) -> dict[str, Any]:
    from briefing.core.across.figure_series import groups as thread_groups
    from briefing.core.library import Library

    with Library(index_dir) as library:
        catalog = library.catalog()
        rows = [f for a in catalog.articles() for f in catalog.figures_of(a.path)]
        found = thread_groups(catalog, 2)
        by_identity = {
            identity(g.key, sorted({Path(p.path).name for p in g.points})): g for g in found
        }
        chosen = sample(list(by_identity))
        differing = [i for i, g in by_identity.items() if not copied(g) and i not in chosen]
        chosen += sample(differing, DISTINCT_SAMPLE)
        judged_file = json.loads(JUDGED.read_text(encoding="utf-8")) if JUDGED.exists() else {}
        rows_judged = judged_file.get(JUDGED_SECTION, {}).get("groups", [])
        judged = {identity(row["key"], row["files"]): row for row in rows_judged}
        verdicts: Counter[str] = Counter()
        distinct: Counter[str] = Counter()  # verdicts on groups that are not copies of one story
        unjudged = []
        for ident in chosen:
            series = by_identity[ident]
            if show:
                print(f"\n== {ident}  ({series.articles} articles)")
                for p in series.points:
                    print(f"   {Path(p.path).name:28} {p.text:>22}  | {' '.join(p.sentence.split())[:150]}")
            verdict = judged.get(ident, {}).get("verdict")
            if verdict is None:
                unjudged.append(ident)
            else:
                verdicts[verdict] += 1
                if not judged[ident].get("duplicate_story", False):
                    distinct[verdict] += 1
        recall: list[dict[str, Any]] = []
        thread: dict[tuple[str, int], str] = {}  # (path, position) -> its group
        for ident, series in by_identity.items():
            for p in series.points:
                thread[(p.path, p.position)] = ident
        by_text: dict[tuple[str, str], list[str | None]] = {}
        for f in rows:
            by_text.setdefault((Path(f.path).name, f.text), []).append(thread.get((f.path, f.position)))
        for name, mentions in SERIES:
            keys = [key for m in mentions for key in by_text.get(m, [None])[:1]]
            counted = Counter(k for k in keys if k)
            best, together = counted.most_common(1)[0] if counted else (None, 0)
            recall.append({"series": name, "mentions": len(mentions), "grouped": together,
                           "key": best.split("|bbc_")[0] if best else None,
                           "recall": round(together / len(mentions), 3)})  # fmt: skip
    judged_count = verdicts["same"] + verdicts["different"]
    return {
        "articles": catalog_count(index_dir),
        "figures": len(rows),
        "keyed_figures": sum(1 for f in rows if f.key),
        "keys": len({f.key for f in rows if f.key}),
        "groups_2plus_articles": len(found),
        "groups_3plus_articles": sum(1 for g in found if g.articles >= 3),
        "groups_of_differing_sentences": sum(1 for g in found if not copied(g)),
        "precision_sample": f"{SAMPLE} + {DISTINCT_SAMPLE} of differing sentences",
        "precision_judged": judged_count,
        "precision": round(verdicts["same"] / judged_count, 3) if judged_count else None,
        "precision_distinct_stories": (
            round(distinct["same"] / sum(distinct.values()), 3) if distinct else None
        ),
        "distinct_story_groups_judged": sum(distinct.values()),
        "unjudged": unjudged,
        "recall_series": recall,
        "recall_mean": round(sum(float(r["recall"]) for r in recall) / len(recall), 3),
    }


def catalog_count(index_dir: Path) -> int:
    from briefing.core.library.catalog import Catalog

    catalog = Catalog(index_dir)
    try:
        return catalog.count()
    finally:
        catalog.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--index-dir", type=Path, help="an index of the BBC corpus and the seed (with analysis)"
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show-sample", action="store_true", help="print the sampled groups to judge them")
    args = parser.parse_args()
    result = measure(args.index_dir or default_index(), args.show_sample)
    if args.json:
        print(json.dumps(result))
    else:
        for name, value in result.items():
            print(f"{name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
