"""The scale curve: libraries of 2,000, 20,000 and 100,000 articles, indexed, searched and opened in the app.

    python benchmarks/bench_scale.py [--json] [--size 2000|20000|100000 ...] [--queries Q] [--rebuild]
                                     [--no-reference] [--no-app]

Each library is made of variants of the real BBC articles (corpus.py: paragraphs shuffled, one to three
paragraphs of another article of the same category mixed in). A variant's analysis is assembled from the
real Analyzer's analyses of the 2,225 originals (entities and key figures of the paragraphs it is made
of, moved to their new offsets), so building 100,000 articles runs no spaCy per variant. The files, the
Whoosh library and the reference indexes are kept between runs under $TMPDIR/briefing-bench-scale/.

Reported for each size:
- build: index throughput (``Library.update`` over the folder, catalog sync included) and the index
  folder's size on disk (Whoosh files, analysis cache, catalog), measured when the library was built;
- search: term/phrase/facet p50/p95 with top-10 hits and snippets, open + first search, the searcher
  process's peak memory (bench_search.py's measurement, in a fresh process), with tantivy and SQLite
  FTS5 over the same articles and queries in the same run;
- across: a first catalog sync from scratch, the entity directory build, ``since_last_briefing`` after
  a briefing of half the library (best of 3);
- app: a fresh offscreen app process attaching the library (its catch-up scan included): memory with
  the library open, time and memory to the first search shown, then a typed search and 20 articles
  opened (peak memory).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "benchmarks"))

import bench_search  # noqa: E402
from corpus import (  # noqa: E402
    BBC,
    PARAGRAPH_BREAK,
    Original,
    bench_dir,
    read_originals,
    write_variants,
)

from briefing.core.across.entity_pages import EntityDirectory  # noqa: E402
from briefing.core.across.since import since_last_briefing  # noqa: E402
from briefing.core.article import Analysis, Article, Entity, Figure  # noqa: E402
from briefing.core.library import Library  # noqa: E402
from briefing.core.library.analysis_cache import analysis_version  # noqa: E402
from briefing.core.library.schema import SCHEMA_VERSION  # noqa: E402

SIZES = (2_000, 20_000, 100_000)
SCALE_VERSION = "scale-1"
GOALS_100K = {"term_p95_ms": 60, "phrase_p95_ms": 200, "facets_p95_ms": 100, "app_mb": 600,
              "open_and_first_search_ms": 2000}
CATALOG_FILES = ("catalog.sqlite", "catalog.sqlite-wal", "catalog.sqlite-shm")

EntityRow = tuple[int, int, str, str, str]


# -- the variants' analyses --------------------------------------------------------------------


class VariantAnalyser:
    """A BatchAnalyser for variants: each paragraph's entities and figures from its original's analysis."""

    def __init__(
        self, entities: dict[str, list[EntityRow]], figures: dict[str, list[dict[str, Any]]]
    ) -> None:
        self.entities = entities
        self.figures = figures
        self.paragraphs = 0
        self.unknown = 0  # paragraphs not found among the originals'

    @classmethod
    def build(cls, originals: Sequence[Original], cache: Path) -> VariantAnalyser:
        """Analyse the originals with the real Analyzer once; the per-paragraph table is kept in ``cache``."""
        if cache.is_file():
            data = json.loads(cache.read_text(encoding="utf-8"))
            entities = {p: [tuple(e) for e in es] for p, es in data["entities"].items()}
            return cls(entities, data["figures"])  # type: ignore[arg-type]
        from briefing.core.analysis import Analyzer  # spaCy only when the table is not cached yet

        texts = [PARAGRAPH_BREAK.join(o.paragraphs) for o in originals]
        analyses = Analyzer().analyse_batch(
            [Article(path=str(o.path), title=o.title, text=t) for o, t in zip(originals, texts, strict=True)]
        )
        entities: dict[str, list[EntityRow]] = {}
        figures: dict[str, list[dict[str, Any]]] = {}
        for original, text, analysis in zip(originals, texts, analyses, strict=True):
            start = 0
            for paragraph in original.paragraphs:
                start = text.index(paragraph, start)
                end = start + len(paragraph)
                entities[paragraph] = [
                    (e.start - start, e.end - start, e.text, e.label, e.canonical)
                    for e in analysis.entities
                    if e.caption is None and start <= e.start and e.end <= end
                ]
                figures[paragraph] = [
                    f.to_dict() | {"start": f.start - start, "end": f.end - start,
                                   "sentence_start": f.sentence_start - start}
                    for f in analysis.figures
                    if start <= f.start and f.end <= end
                ]
                start = end
        cache.write_text(json.dumps({"entities": entities, "figures": figures}), encoding="utf-8")
        return cls(entities, figures)

    def __call__(self, articles: Sequence[Article]) -> list[Analysis]:
        out = []
        for article in articles:
            entities: list[Entity] = []
            figures: list[Figure] = []
            offset = 0
            for paragraph in article.text.split(PARAGRAPH_BREAK):
                self.paragraphs += 1
                found = self.entities.get(paragraph)
                if found is None:
                    self.unknown += 1
                else:
                    entities.extend(Entity(offset + s, offset + e, t, lb, c) for s, e, t, lb, c in found)
                    for f in self.figures.get(paragraph, []):
                        if f["sentence_start"] < 0 or (
                            f["sentence_start"] + len(f["sentence"].rstrip()) > len(paragraph)
                        ):
                            continue  # its sentence runs into another paragraph, not next to it here
                        value = tuple(f["value"]) if isinstance(f["value"], list) else f["value"]
                        figures.append(Figure(**(f | {
                            "value": value, "start": offset + f["start"], "end": offset + f["end"],
                            "sentence_start": offset + f["sentence_start"]})))
                offset += len(paragraph) + len(PARAGRAPH_BREAK)
            figures.sort(key=lambda f: -f.score)
            out.append(Analysis(entities=tuple(entities), figures=tuple(figures)))
        return out


# -- building (once per size) ------------------------------------------------------------------


def size_dir(root: Path, count: int, seed: int) -> Path:
    return root / f"{SCALE_VERSION}-n{count}-seed{seed}"


def index_path(folder: Path) -> Path:
    return folder / f"whoosh-schema{SCHEMA_VERSION}"


def folder_mb(folder: Path, names: Sequence[str] | None = None) -> float:
    files = [p for p in folder.rglob("*") if p.is_file() and (names is None or p.name in names)]
    return round(sum(p.stat().st_size for p in files) / 1e6, 1)


def build_library(
    folder: Path, originals: Sequence[Original], analyser: VariantAnalyser, count: int, seed: int,
    rebuild: bool = False,
) -> dict[str, Any]:
    """The variant files and their Whoosh library under ``folder`` (built once; ``rebuild`` indexes again)."""
    articles = folder / "articles"
    done = folder / "articles.done"
    if not done.exists():
        shutil.rmtree(articles, ignore_errors=True)
        write_variants(articles, originals, count, seed)
        done.write_text("ok")
    index = index_path(folder)
    info_path = folder / "build.json"
    if info_path.exists() and index.is_dir() and not rebuild:
        info: dict[str, Any] = json.loads(info_path.read_text())
        return info
    shutil.rmtree(index, ignore_errors=True)
    started = time.perf_counter()
    with Library(index) as library:
        report = library.update([articles], analyser=analyser)
        indexed = library.count()
    seconds = time.perf_counter() - started
    info = {
        "articles": indexed,
        "added": report.added,
        "failed": len(report.failed),
        "index_s": round(seconds, 1),
        "articles_per_s": round(report.added / seconds, 1),
        "index_dir_mb": folder_mb(index),
        "whoosh_mb": round(sum(p.stat().st_size for p in index.iterdir() if "MAIN" in p.name) / 1e6, 1),
        "analysis_cache_mb": folder_mb(index, ["analysis.sqlite"]),
        "catalog_mb": folder_mb(index, list(CATALOG_FILES)),
        "paragraphs_unknown": analyser.unknown,
        "paragraphs": analyser.paragraphs,
    }
    info_path.write_text(json.dumps(info))
    return info


# -- across articles ---------------------------------------------------------------------------


def _best(runs: list[float]) -> float:
    return round(min(runs), 3)


def measure_across(index: Path) -> dict[str, Any]:
    """A first catalog sync from scratch, the entity directory, and ``since`` after a briefing of half."""
    for name in CATALOG_FILES:
        (index / name).unlink(missing_ok=True)
    with Library(index) as library:
        started = time.perf_counter()
        report = library.sync_catalog()
        sync_s = time.perf_counter() - started
        catalog = library.catalog()
        # Best of 2-3 runs; one at 100k, where a run of `since` takes minutes.
        repeats = 1 if report.added > 20_000 else 2
        directory_runs = []
        for _ in range(repeats):
            started = time.perf_counter()
            directory = EntityDirectory(catalog.each_entity_row(), None, catalog)  # as the app
            directory_runs.append(time.perf_counter() - started)
        entities = len(directory)
        articles = catalog.articles()
        half = [a.path for a in articles[: len(articles) // 2]]
        catalog.record_briefing(half, "half of the library", "pdf")
        since_runs = []
        for _ in range(repeats + (repeats > 1)):
            started = time.perf_counter()
            what = since_last_briefing(catalog)
            since_runs.append(time.perf_counter() - started)
        return {
            "catalog_first_sync_s": round(sync_s, 2),
            "catalog_synced_articles": report.added,
            "catalog_mb": folder_mb(index, list(CATALOG_FILES)),
            "entity_directory_s": _best(directory_runs),
            "entity_directory_entities": entities,
            "since_s": _best(since_runs),
            "since_runs": len(since_runs),
            "since_new_articles": len(what.articles),
            "since_changed_figures": len(what.changed_figures),
        }


# -- the app -----------------------------------------------------------------------------------

APP_CHILD = """
import json, resource, sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from briefing.ui.app import application, attach_library, create_window, is_settled, wait_until

def rss():
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent through fork and exec, and
    # the benchmark's own process has held every article's text by then.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)

def answered():
    return not window.searches.busy and bool(window.results.hits())

app = application()
window = create_window(app)
window.resize(1280, 800)
window.show()
QApplication.processEvents()
shown = rss()
marks = {}

def hits_listed():
    # The first hits are in the list; the event loop is free again (the list painted) at the zero timer.
    if window.results.hits() and "listed" not in marks:
        marks["listed"] = time.perf_counter()
        QTimer.singleShot(0, lambda: marks.setdefault("painted", time.perf_counter()))

window.results_shown.connect(hits_listed)
started = attached = time.perf_counter()
attach_library(window, library=None, index_dir=Path(sys.argv[1]), open_path=None, warm_up=False)
opened_ms = (time.perf_counter() - started) * 1000
opened = rss()
# The first answer lists hits from the index's own names; the search then runs again with the entity
# directory's merged names (SearchController), and is busy until that second answer.
wait_until(lambda: bool(window.results.hits()), 600)
hits_ms = (time.perf_counter() - started) * 1000
hits_rss = rss()
wait_until(answered, 600)
first_ms = (time.perf_counter() - started) * 1000
first = rss()
wait_until(lambda: is_settled(window), 1800)
settled_ms = (time.perf_counter() - started) * 1000
settled = rss()
started = time.perf_counter()
window.search_bar.field.setText("government")
window.run_search()
wait_until(answered, 600)
typed_ms = (time.perf_counter() - started) * 1000
paths = [hit.path for hit in window.library.searcher().search("government", limit=50).hits[:20]]
for path in paths:
    window.open_article(path)
    QApplication.processEvents()
print(json.dumps({
    "articles": window.library.count(), "rss_mb_window_shown": shown, "rss_mb_library_open": opened,
    "open_ms": round(opened_ms), "open_and_first_hits_ms": round(hits_ms),
    "first_hits_listed_ms": round((marks["listed"] - attached) * 1000),
    "first_hits_shown_ms": round((marks["painted"] - attached) * 1000), "rss_mb_first_hits": hits_rss,
    "open_and_first_search_ms": round(first_ms),
    "rss_mb_open_and_first_search": first, "settled_ms": round(settled_ms), "rss_mb_settled": settled,
    "typed_search_ms": round(typed_ms), "rss_mb_peak": rss(), "opened": len(paths)}))
window.close()
"""


def measure_app(index: Path) -> dict[str, Any]:
    """The offscreen app in a fresh process with ``index`` attached (a home of its own)."""
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BRIEFING_HOME": home}
        done = subprocess.run([sys.executable, "-c", APP_CHILD, str(index)], capture_output=True, text=True,
                              env=env, cwd=PROJECT, timeout=3600, check=False)
    if done.returncode != 0:
        return {"error": done.stderr[-2000:]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# -- search ------------------------------------------------------------------------------------


def queries_for(folder: Path, originals: Sequence[Original], analyser: VariantAnalyser, n: int,
                seed: int) -> Path:
    path = folder / f"queries-{n}-seed{seed}.json"
    if not path.exists():
        places = Counter(
            c for es in analyser.entities.values() for (_, _, _, label, c) in es if label == "GPE"
        )
        queries = bench_search.make_queries(originals, [p for p, _ in places.most_common(30)], n, seed)
        path.write_text(json.dumps(queries))
    return path


def measure_search(folder: Path, queries_path: Path, count: int, reference: bool) -> dict[str, Any]:
    index = index_path(folder)
    result: dict[str, Any] = {"whoosh": bench_search._whoosh_in_child(index, queries_path)}
    if reference:
        queries = json.loads(queries_path.read_text())
        docs: list[dict[str, Any]] = []
        if not (folder / "fts5.sqlite").exists() or not (folder / "tantivy" / "done").exists():
            docs = bench_search._stored_articles(index)
        fts_build = bench_search.build_fts5(folder, docs)
        tantivy_build = bench_search.build_tantivy(folder, docs)
        del docs
        fts = bench_search.bench_fts5(folder, queries)
        tv = bench_search.bench_tantivy(folder, queries)
        if fts_build > 0:
            fts["build_articles_per_s"] = round(count / fts_build)
        if tantivy_build > 0:
            tv["build_articles_per_s"] = round(count / tantivy_build)
        result["fts5"] = fts
        result["tantivy"] = tv
        result["p95_ratio"] = {"over_fts5": bench_search._ratios(result["whoosh"], fts),
                               "over_tantivy": bench_search._ratios(result["whoosh"], tv)}
    return result


# -- the run -----------------------------------------------------------------------------------


def run_size(root: Path, originals: Sequence[Original], analyser: VariantAnalyser, count: int,
             args: argparse.Namespace) -> dict[str, Any]:
    folder = size_dir(root, count, args.seed)
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, Any] = {"articles": count, "folder": str(folder)}
    out["build"] = build_library(folder, originals, analyser, count, args.seed, args.rebuild)
    queries = queries_for(folder, originals, analyser, args.queries, args.seed)
    sections = {
        "search": lambda: measure_search(folder, queries, count, not args.no_reference),
        "across": lambda: measure_across(index_path(folder)),
        "app": lambda: measure_app(index_path(folder)),
    }
    for name, measure in sections.items():
        if name == "app" and args.no_app:
            continue
        out[name] = measure()
        print(json.dumps({"articles": count, name: out[name]}), file=sys.stderr, flush=True)  # as it ends
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object on one line")
    parser.add_argument("--size", type=int, action="append", help=f"a library size (default: {SIZES})")
    parser.add_argument("--queries", type=int, default=200, help="queries of each kind")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rebuild", action="store_true", help="index the libraries again (not the files)")
    parser.add_argument("--build-only", action="store_true", help="build the libraries, measure nothing else")
    parser.add_argument("--no-reference", action="store_true", help="skip tantivy and FTS5")
    parser.add_argument("--no-app", action="store_true", help="skip the app process")
    args = parser.parse_args()
    if not BBC.is_dir():
        sys.exit(f"needs {BBC} (the shared corpora)")
    root = bench_dir("briefing-bench-scale")
    originals = read_originals()
    analyser = VariantAnalyser.build(originals, root / f"paragraph-analyses-{analysis_version()}.json")
    results = []
    for count in args.size or SIZES:
        if args.build_only:
            folder = size_dir(root, count, args.seed)
            folder.mkdir(parents=True, exist_ok=True)
            built = build_library(folder, originals, analyser, count, args.seed, args.rebuild)
            results.append({"articles": count, "build": built})
        else:
            results.append(run_size(root, originals, analyser, count, args))
        print(json.dumps(results[-1]), file=sys.stderr, flush=True)  # each size as it ends
    result = {"sizes": results, "goals_at_100k": GOALS_100K}
    print(json.dumps(result) if args.json else json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
