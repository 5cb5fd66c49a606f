"""How entities are merged across the library (``across.entity_pages``), on the BBC corpus and the seed.

    python benchmarks/bench_entity_merge.py [--index-dir DIR] [--json] [--show-sample]

Reports, from the library's catalog:
  * per-article names (distinct label + canonical name pairs of the articles) and the library
    entities they became; merges by rule (spelling variant, label, surname, acronym) and how many
    of them join articles (the name brings articles the entity would not have without it);
  * precision: a deterministic sample of 50 of those cross-article merges (by a hash of the name
    and the entity) was judged by hand ("does this name, in these articles, mean this entity?")
    and the verdicts are kept in ``entity_merges_judged.json`` next to this script (names and
    verdicts only); merges of the sample without a verdict (the rules changed since) are listed;
  * speed: building the directory from the catalog (cold, then cached), and pages of a few
    entities, big and small (with and without the first sentences read from the index).

``--show-sample`` prints the sampled merges with the titles of their articles, to judge them
again after the rules change. Without ``--index-dir`` the BBC corpus and the seed are indexed once
(with analysis) into ``$TMPDIR/briefing-bench-figure-groups`` (several minutes on two cores).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "benchmarks"))

from corpus import BBC, SEED  # noqa: E402

JUDGED = Path(__file__).with_name("entity_merges_judged.json")
SAMPLE = 50
PAGES = ("United States", "Tony Blair", "Blair", "Yukos", "Google", "Smith")


def _index(index_dir: Path | None) -> Path:
    if index_dir is not None:
        return index_dir
    folder = Path(tempfile.gettempdir()) / "briefing-bench-figure-groups"
    if not (folder / "catalog.sqlite").exists():
        env = dict(os.environ, BRIEFING_HOME=str(folder.parent / "briefing-bench-home"))
        subprocess.run(
            [sys.executable, "-m", "briefing.cli", "index", str(BBC), str(SEED.parent),
             "--index-dir", str(folder)],
            check=True, env=env, cwd=PROJECT,
        )
    return folder


def _sample_key(name: str, label: str, entity: str) -> str:
    return hashlib.sha1(f"{label}|{name}|{entity}".encode()).hexdigest()


def _verdict_key(name: str, label: str, entity: str) -> str:
    return f"{label}|{name} -> {entity}"


def run(index_dir: Path, show_sample: bool) -> dict[str, Any]:
    from briefing.core.across.entity_pages import EntityDirectory, directory
    from briefing.core.library import Library

    with Library(index_dir) as library:
        catalog = library.catalog()
        started = time.perf_counter()
        rows = catalog.entity_rows()
        articles = catalog.articles()
        read = time.perf_counter() - started
        started = time.perf_counter()
        built = EntityDirectory(rows, articles, catalog)
        build = time.perf_counter() - started
        started = time.perf_counter()
        cached = directory(catalog)  # rows read and directory built, as the app's first page does
        first_seconds = time.perf_counter() - started
        started = time.perf_counter()
        cached = directory(catalog)
        cached_seconds = time.perf_counter() - started
        assert len(cached) == len(built)

        def text_of(path: str) -> str | None:
            found = library.document(path)
            return found[0].text if found else None

        pages = {}
        for name in PAGES:
            started = time.perf_counter()
            page = built.page(name)
            bare = time.perf_counter() - started
            started = time.perf_counter()
            built.page(name, text_of=text_of, sentences=50)
            with_sentences = time.perf_counter() - started
            if page is not None:
                pages[name] = {
                    "entity": page.name, "articles": len(page.articles), "figures": len(page.figures),
                    "seconds": round(bare, 4), "seconds_with_50_sentences": round(with_sentences, 4),
                }

        merges = built.merges()
        across = [m for m in merges if m.new_articles > 0]
        sample = sorted(across, key=lambda m: _sample_key(m.name, m.label, m.entity))[:SAMPLE]
        judged = json.loads(JUDGED.read_text(encoding="utf-8")) if JUDGED.exists() else {}
        verdicts: Counter[str] = Counter()
        by_rule: dict[str, Counter[str]] = {}
        unjudged = []
        for merge in sample:
            verdict = judged.get(_verdict_key(merge.name, merge.label, merge.entity), {}).get("verdict")
            if verdict is None:
                unjudged.append(_verdict_key(merge.name, merge.label, merge.entity))
            else:
                verdicts[verdict] += 1
                by_rule.setdefault(merge.rule, Counter())[verdict] += 1
        if show_sample:
            titles = {a.path: a.title for a in articles}
            by_name: dict[tuple[str, str], list[str]] = {}
            for row in rows:
                by_name.setdefault((row.label, row.name), []).append(row.path)
            for merge in sample:
                paths = by_name.get((merge.label, merge.name), [])
                key = _verdict_key(merge.name, merge.label, merge.entity)
                print(f"{key}  [{merge.rule}]", file=sys.stderr)
                for path in paths[:3]:
                    print(f"    {Path(path).name}: {titles.get(path, '')}", file=sys.stderr)
        decided = verdicts["right"] + verdicts["wrong"]
    return {
        "articles": len(articles),
        "entity_rows": len(rows),
        "per_article_names": built.names_count(),
        "library_entities": len(built),
        "merged_names": len(merges),
        "merges_by_rule": dict(Counter(m.rule for m in merges)),
        "cross_article_merges": len(across),
        "cross_article_merges_by_rule": dict(Counter(m.rule for m in across)),
        "sample": len(sample),
        "sample_by_rule": dict(Counter(m.rule for m in sample)),
        "verdicts": dict(verdicts),
        "verdicts_by_rule": {rule: dict(counts) for rule, counts in by_rule.items()},
        "precision": round(verdicts["right"] / decided, 3) if decided else None,
        "unjudged": unjudged,
        "seconds": {
            "read_rows": round(read, 3), "build": round(build, 3),
            "first_directory": round(first_seconds, 3), "cached_directory": round(cached_seconds, 5),
        },
        "pages": pages,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, help="an index of BBC and the seed, with analyses")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show-sample", action="store_true", help="print the sampled merges (stderr)")
    args = parser.parse_args()
    result = run(_index(args.index_dir), args.show_sample)
    print(json.dumps(result, indent=None if args.json else 1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
