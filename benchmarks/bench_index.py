"""Indexing speed: `briefing index` over the BBC corpus and the seed, next to spaCy NER alone.

    python benchmarks/bench_index.py [--json] [--workers 1,2] [--ner-processes N] [--no-reference]
    python benchmarks/bench_index.py --cluster [--articles N]

In one run, with a fresh temporary index and BRIEFING_HOME (so no analysis cache):
  * reference: the same spaCy pipeline the analysis runs on (NER + senter, nlp.load)
    tags the same texts with nlp.pipe in this process; texts are read and the model
    loaded before the clock starts (both reported apart);
  * cold: `briefing index ../shared/corpus/bbc resources/sample --json` as a fresh
    process (Python start-up, model loading, reading, analysis and Whoosh writing);
  * unchanged: the same command again, nothing changed on disk.

With --cluster, instead: N BBC articles (every section) indexed cold twice in the same run, by two
local analysis workers and through a local Dask cluster (a scheduler and two single-threaded
workers on 127.0.0.1, started by the benchmark, their start-up not timed; each worker loads the
model inside the timed run, as the local workers do), with the ratio of their throughputs; and
what shipping one batch costs next to analysing it (pickled articles and analyses, the bytes Dask
sends, and the time to pickle and unpickle them, against the batch's analysis time).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "benchmarks"))

sys.path.insert(0, str(PROJECT / "tests"))

from corpus import BBC, SEED, bbc_files  # noqa: E402

_CLI = "import sys; from briefing.cli import main; sys.exit(main())"


def _folders() -> list[Path]:
    return [BBC, SEED.parent]


def ner_alone(processes: int) -> dict[str, Any]:
    from briefing.core.analysis import nlp as pipeline
    from briefing.core.ingest import SUPPORTED_SUFFIXES, read

    paths = [p for folder in _folders() for p in sorted(folder.iterdir()) if p.suffix in SUPPORTED_SUFFIXES]
    texts = [read(p).text for p in paths]
    started = time.perf_counter()
    nlp = pipeline.load()
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    entities = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=32, n_process=processes))
    seconds = time.perf_counter() - started
    words = sum(len(t.split()) for t in texts)
    return {
        "articles": len(texts),
        "words": words,
        "processes": processes,
        "pipeline": nlp.pipe_names,
        "load_seconds": round(loaded, 2),
        "seconds": round(seconds, 2),
        "words_per_s": round(words / seconds),
        "entities": entities,
    }


def briefing_index(
    index_dir: Path,
    home: Path,
    workers: int | None,
    folders: list[Path] | None = None,
    extra: tuple[str, ...] = (),
) -> dict[str, Any]:
    env = dict(os.environ, BRIEFING_HOME=str(home), BRIEFING_CLUSTER="")
    if workers:
        env["BRIEFING_ANALYSIS_WORKERS"] = str(workers)
    args = [
        sys.executable,
        "-c",
        _CLI,
        "index",
        *map(str, folders or _folders()),
        "--index-dir",
        str(index_dir),
        "--json",
        *extra,
    ]
    started = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False, cwd=PROJECT)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"briefing index failed ({done.returncode}):\n{done.stderr}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    if report.get("notices"):
        raise SystemExit(f"briefing index reported: {report['notices']}")
    return {
        "seconds": round(seconds, 2),
        "added": report["added"],
        "updated": report["updated"],
        "unchanged": report["unchanged"],
        "failed": len(report["failed"]),
    }


def run(processes: int, reference: bool, workers: list[int | None]) -> dict[str, Any]:
    """One cold and one unchanged run per worker count, each right after its own NER-alone reference
    (on a shared machine the load drifts; a ratio is only fair between neighbouring measurements)."""
    runs = []
    for count in workers:
        one: dict[str, Any] = {"analysis_workers": count or "default"}
        if reference:
            one["ner_alone"] = ner_alone(processes)
        with tempfile.TemporaryDirectory(prefix="briefing-bench-index-") as tmp:
            index_dir, home = Path(tmp, "index"), Path(tmp, "home")
            home.mkdir()
            cold = briefing_index(index_dir, home, count)
            unchanged = briefing_index(index_dir, home, count)
        cold["articles_per_s"] = round(cold["added"] / cold["seconds"], 1)
        one |= {"cold": cold, "unchanged": unchanged}
        if reference:
            ner = one["ner_alone"]
            one["cold_over_ner"] = round(cold["seconds"] / ner["seconds"], 2)
            one["cold_over_ner_with_load"] = round(
                cold["seconds"] / (ner["seconds"] + ner["load_seconds"]), 2
            )
        runs.append(one)
    result: dict[str, Any] = dict(runs[0])
    if len(runs) > 1:
        result["runs"] = runs
    result["goals"] = {"cold_over_ner": 1.5, "unchanged_seconds": 5.0}
    return result


def shipping_cost(articles: list[Path]) -> dict[str, Any]:
    """One batch of the indexer's size: analysis time against pickling it both ways (what Dask sends)."""
    from briefing.core.analysis import Analyzer
    from briefing.core.ingest import read
    from briefing.core.library import IndexerSettings

    batch = [read(p) for p in articles[: IndexerSettings().analysis_batch]]
    analyzer = Analyzer()
    analyzer.analyse_batch(batch[:1])  # the model loaded before the clock starts
    started = time.perf_counter()
    analyses = analyzer.analyse_batch(batch)
    analysis = time.perf_counter() - started
    started = time.perf_counter()
    sent, received = pickle.dumps(batch, protocol=5), pickle.dumps(analyses, protocol=5)
    pickle.loads(sent)
    pickle.loads(received)
    shipping = time.perf_counter() - started
    return {
        "batch_articles": len(batch),
        "articles_bytes": len(sent),
        "analyses_bytes": len(received),
        "analysis_seconds": round(analysis, 3),
        "pickle_both_ways_seconds": round(shipping, 4),
        "pickle_over_analysis": round(shipping / analysis, 5),
    }


def cluster_comparison(count: int) -> dict[str, Any]:
    """Local workers and a local Dask cluster, two workers each, over the same ``count`` articles."""
    from cluster.dask_processes import DaskProcesses

    files = [p for p in bbc_files() if p.suffix == ".txt"]
    chosen = files[:: max(1, len(files) // count)][:count]
    result: dict[str, Any] = {"articles": len(chosen), "workers": 2}
    with tempfile.TemporaryDirectory(prefix="briefing-bench-cluster-") as tmp:
        folder = Path(tmp, "articles")
        folder.mkdir()
        for source in chosen:
            shutil.copy2(source, folder / source.name)
        home = Path(tmp, "home")
        home.mkdir()
        local = briefing_index(Path(tmp, "index-local"), home, 2, [folder])
        started = time.perf_counter()
        with DaskProcesses(workers=2, logs=Path(tmp, "dask-logs")) as cluster:
            result["cluster_start_seconds"] = round(time.perf_counter() - started, 2)
            dask = briefing_index(Path(tmp, "index-dask"), home, 2, [folder], ("--cluster", cluster.address))
        for run in (local, dask):
            run["articles_per_s"] = round(run["added"] / run["seconds"], 2)
        result |= {"local": local, "dask": dask}
        result["dask_over_local_throughput"] = round(dask["articles_per_s"] / local["articles_per_s"], 3)
        result["shipping"] = shipping_cost(sorted(folder.iterdir()))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--ner-processes", type=int, default=1, help="processes of the NER reference")
    parser.add_argument("--no-reference", action="store_true", help="skip NER alone")
    parser.add_argument(
        "--workers",
        default="",
        help="analysis worker processes, e.g. 1 or 1,2 (one cold run each; default: the CLI's)",
    )
    parser.add_argument(
        "--cluster", action="store_true", help="local workers against a local Dask cluster (two each)"
    )
    parser.add_argument("--articles", type=int, default=200, help="articles of the --cluster runs")
    args = parser.parse_args()
    if not BBC.is_dir():
        sys.exit(f"needs {BBC} (the shared corpora)")
    if args.cluster:
        found = cluster_comparison(args.articles)
        print(json.dumps(found) if args.json else json.dumps(found, indent=1))
        return
    workers: list[int | None] = [int(w) for w in args.workers.split(",") if w.strip()] or [None]
    result = run(args.ner_processes, not args.no_reference, workers)
    print(json.dumps(result) if args.json else json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
