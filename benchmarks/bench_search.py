"""Search speed over a 20,000-article library built from the BBC corpus, next to tantivy and SQLite FTS5.

    python benchmarks/bench_search.py [--json] [--articles N] [--queries Q] [--rebuild] [--no-reference]

The library (variants of real BBC articles, see corpus.py) and the reference
indexes are built once and kept under $TMPDIR/briefing-bench-20k/, keyed by a
version string and the Whoosh schema version. Every query is timed once through
briefing's Searcher, kept open as the app keeps it, with top-10 hits and their
snippets: "term" (one or two words from real titles), "phrase" (two or three
consecutive words from real bodies, half of them the corpus's most frequent
pairs), "facets" (term queries with the exact total and all facet counts, every
fourth filtered by a place). The same queries run against tantivy and FTS5 (top
10 with HTML snippets and the match count; facets: tantivy terms aggregations,
FTS5 GROUP BY over a facet table).
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "benchmarks"))

from corpus import (  # noqa: E402
    BBC,
    Original,
    ParagraphAnalyser,
    bench_dir,
    read_originals,
    write_variants,
)
from whoosh.analysis import STOP_WORDS  # noqa: E402

from briefing.core.library import Library  # noqa: E402
from briefing.core.library.schema import ENTITY_FIELDS, SCHEMA_VERSION  # noqa: E402

CORPUS_VERSION = "corpus-1"
_WORD = re.compile(r"[A-Za-z]+")
_FACET_KEYS = ("source", *ENTITY_FIELDS)


# -- building (once) -------------------------------------------------------------------------


def _corpus_dir(count: int, seed: int) -> Path:
    return bench_dir("briefing-bench-20k") / f"{CORPUS_VERSION}-n{count}-seed{seed}"


def build_corpus(count: int, seed: int) -> tuple[Path, list[Original], ParagraphAnalyser]:
    folder = _corpus_dir(count, seed)
    articles = folder / "articles"
    originals = read_originals()
    done = folder / "articles.done"
    if not done.exists():
        shutil.rmtree(articles, ignore_errors=True)
        write_variants(articles, originals, count, seed)
        done.write_text("ok")
    analyser = ParagraphAnalyser.build(originals, folder / "paragraph-entities.json")
    return folder, originals, analyser


def build_whoosh(folder: Path, analyser: ParagraphAnalyser, rebuild: bool) -> dict[str, Any]:
    index = folder / f"whoosh-schema{SCHEMA_VERSION}"
    info_path = index.parent / (index.name + ".json")
    if info_path.exists() and not rebuild:
        info: dict[str, Any] = json.loads(info_path.read_text())
        return info
    shutil.rmtree(index, ignore_errors=True)
    started = time.perf_counter()
    with Library(index) as library:
        report = library.update([folder / "articles"], analyser=analyser)
    seconds = time.perf_counter() - started
    info = {
        "articles": report.added,
        "failed": len(report.failed),
        "seconds": round(seconds, 1),
        "articles_per_s": round(report.added / seconds, 1),
        "paragraphs_without_entities_source": analyser.unknown,
        "paragraphs": analyser.paragraphs,
    }
    info_path.write_text(json.dumps(info))
    return info


def _stored_articles(index: Path) -> list[dict[str, Any]]:
    """Title, body and facet values of every article, read back from the Whoosh index."""
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(str(index))
    out = []
    with ix.reader() as reader:
        for docnum, stored in reader.iter_docs():
            out.append({"title": stored["title"], "body": stored["body"], "docnum": docnum})
        facets: dict[int, dict[str, list[str]]] = {}
        for key in _FACET_KEYS:
            name = f"{key}_facet"
            if name not in reader.indexed_field_names():
                continue
            for term in reader.lexicon(name):
                for docnum in reader.postings(name, term).all_ids():
                    facets.setdefault(docnum, {}).setdefault(key, []).append(term.decode("utf-8"))
    ix.close()
    for row in out:
        row["facets"] = facets.get(row.pop("docnum"), {})
    return out


def build_fts5(folder: Path, docs: Sequence[dict[str, Any]]) -> float:
    path = folder / "fts5.sqlite"
    if path.exists():
        return -1.0
    started = time.perf_counter()
    db = sqlite3.connect(folder / "fts5.tmp")
    db.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='porter unicode61 remove_diacritics 2')"
    )
    db.execute("CREATE TABLE facets (doc INTEGER, key TEXT, value TEXT)")
    for rowid, doc in enumerate(docs, 1):
        db.execute(
            "INSERT INTO docs(rowid, title, body) VALUES (?, ?, ?)", (rowid, doc["title"], doc["body"])
        )
        db.executemany(
            "INSERT INTO facets VALUES (?, ?, ?)",
            [(rowid, key, value) for key, values in doc["facets"].items() for value in values],
        )
    db.execute("CREATE INDEX facets_doc ON facets(doc)")
    db.commit()
    db.close()
    (folder / "fts5.tmp").rename(path)
    return time.perf_counter() - started


def _tantivy_schema() -> Any:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("title", stored=True, tokenizer_name="en_stem")
    builder.add_text_field("body", stored=True, tokenizer_name="en_stem")
    for key in _FACET_KEYS:
        builder.add_text_field(key, fast=True, tokenizer_name="raw")
    return builder.build()


def build_tantivy(folder: Path, docs: Sequence[dict[str, Any]]) -> float:
    import tantivy

    path = folder / "tantivy"
    if (path / "done").exists():
        return -1.0
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir()
    started = time.perf_counter()
    index = tantivy.Index(_tantivy_schema(), path=str(path))
    writer = index.writer(heap_size=200_000_000, num_threads=1)
    for doc in docs:
        fields: dict[str, Any] = {"title": doc["title"], "body": doc["body"]}
        for key, values in doc["facets"].items():
            fields[key] = values
        writer.add_document(tantivy.Document(**fields))
    writer.commit()
    writer.wait_merging_threads()
    seconds = time.perf_counter() - started
    (path / "done").write_text("ok")
    return seconds


# -- queries ---------------------------------------------------------------------------------


def _content(word: str) -> bool:
    return len(word) >= 3 and word.lower() not in STOP_WORDS


def make_queries(originals: Sequence[Original], places: Sequence[str], n: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    term: list[str] = []
    while len(term) < n:
        words = [w.lower() for w in _WORD.findall(rng.choice(originals).title) if _content(w)]
        if words:
            k = 1 if rng.random() < 0.6 or len(words) < 2 else 2
            term.append(" ".join(rng.sample(words, k)))
    runs: list[tuple[str, ...]] = []
    for original in originals:
        for paragraph in original.paragraphs:
            for chunk in re.split(r"[^A-Za-z ]+", paragraph):
                words = chunk.split()
                for i in range(len(words) - 1):
                    pair = (words[i].lower(), words[i + 1].lower())
                    if all(_content(w) for w in pair):
                        runs.append(pair)
    frequent = [" ".join(p) for p, _ in Counter(runs).most_common(n * 2)]
    common = rng.sample(frequent, n // 2)
    rare: list[str] = []
    while len(rare) < n - len(common):
        paragraph = rng.choice(rng.choice(originals).paragraphs)
        words = [w for w in re.split(r"[^A-Za-z ]+", paragraph)[0].split() if w]
        length = rng.choice((2, 3))
        if len(words) < length:
            continue
        start = rng.randrange(len(words) - length + 1)
        phrase = words[start : start + length]
        if all(_content(w) for w in phrase):
            rare.append(" ".join(w.lower() for w in phrase))
    phrase = common + rare
    rng.shuffle(phrase)
    facet_terms = rng.sample(term, len(term))
    facets = [
        {"q": q, "filters": {"place": rng.choice(places)} if i % 4 == 3 else {}}
        for i, q in enumerate(facet_terms)
    ]
    return {"term": term, "phrase": phrase, "facets": facets}


# -- timing ----------------------------------------------------------------------------------


def _stats(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(p95 * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
    }


def _time(run: Callable[[Any], Any], items: Sequence[Any]) -> dict[str, float]:
    samples = []
    gc.collect()
    for item in items:
        started = time.perf_counter()
        run(item)
        samples.append(time.perf_counter() - started)
    return _stats(samples)


def bench_whoosh(index: Path, queries: dict[str, Any]) -> dict[str, Any]:
    started = time.perf_counter()
    library = Library(index)
    searcher = library.searcher()
    first = searcher.search("government", limit=10)
    opened = time.perf_counter() - started
    out: dict[str, Any] = {"open_and_first_query_ms": round(opened * 1000, 1), "articles": library.count()}
    out["term"] = _time(lambda q: searcher.search(q, limit=10, facets=False), queries["term"])
    out["phrase"] = _time(lambda q: searcher.search(f'"{q}"', limit=10, facets=False), queries["phrase"])
    out["facets"] = _time(
        lambda f: searcher.search(f["q"], limit=10, facets=True, filters=f["filters"]), queries["facets"]
    )
    out["rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    assert first.total > 0
    library.close()
    return out


def bench_fts5(folder: Path, queries: dict[str, Any]) -> dict[str, Any]:
    db = sqlite3.connect(folder / "fts5.sqlite")

    def match(q: str, phrase: bool) -> str:
        return f'"{q}"' if phrase else " AND ".join(f'"{w}"' for w in q.split())

    def search(expr: str) -> None:
        db.execute(
            "SELECT rowid, title, snippet(docs, 1, '<b class=\"match\">', '</b>', ' … ', 32)"
            " FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10",
            (expr,),
        ).fetchall()
        db.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (expr,)).fetchone()

    def facets(f: dict[str, Any]) -> None:
        expr = match(f["q"], False)
        search(expr)
        sql = (
            "SELECT key, value, count(*) FROM facets WHERE doc IN (SELECT rowid FROM docs WHERE docs MATCH ?)"
        )
        args: list[Any] = [expr]
        for key, value in f["filters"].items():
            sql += " AND doc IN (SELECT doc FROM facets WHERE key = ? AND value = ?)"
            args += [key, value]
        db.execute(sql + " GROUP BY key, value", args).fetchall()

    out = {
        "term": _time(lambda q: search(match(q, False)), queries["term"]),
        "phrase": _time(lambda q: search(match(q, True)), queries["phrase"]),
        "facets": _time(facets, queries["facets"]),
    }
    db.close()
    return out


def bench_tantivy(folder: Path, queries: dict[str, Any]) -> dict[str, Any]:
    import tantivy

    index = tantivy.Index.open(str(folder / "tantivy"))
    index.reload()
    searcher = index.searcher()
    schema = index.schema

    def search(text: str) -> Any:
        query = index.parse_query(text, ["title", "body"])
        result = searcher.search(query, 10, count=True)
        generator = tantivy.SnippetGenerator.create(searcher, query, schema, "body")
        for _, address in result.hits:
            generator.snippet_from_doc(searcher.doc(address)).to_html()
        return query

    def facets(f: dict[str, Any]) -> None:
        text = " ".join(f"+{w}" for w in f["q"].split())
        for key, value in f["filters"].items():
            text += f' +{key}:"{value}"'
        query = search(text)
        agg = {key: {"terms": {"field": key, "size": 20}} for key in _FACET_KEYS}
        searcher.aggregate(query, agg)

    return {
        "term": _time(lambda q: search(" ".join(f"+{w}" for w in q.split())), queries["term"]),
        "phrase": _time(lambda q: search(f'"{q}"'), queries["phrase"]),
        "facets": _time(facets, queries["facets"]),
    }


def _ratios(ours: dict[str, Any], ref: dict[str, Any]) -> dict[str, float]:
    return {
        kind: round(ours[kind]["p95_ms"] / max(ref[kind]["p95_ms"], 1e-3), 1)
        for kind in ("term", "phrase", "facets")
    }


def _queries(
    folder: Path, originals: Sequence[Original], analyser: ParagraphAnalyser, n: int, seed: int
) -> Path:
    path = folder / f"queries-{n}-seed{seed}.json"
    if not path.exists():
        places = Counter(
            c for es in analyser.by_paragraph.values() for (_, _, _, label, c) in es if label == "GPE"
        )
        queries = make_queries(originals, [p for p, _ in places.most_common(30)], n, seed)
        path.write_text(json.dumps(queries))
    return path


def _whoosh_in_child(index: Path, queries: Path) -> dict[str, Any]:
    """bench_whoosh in a fresh process, so its memory is the library's and the searcher's alone."""
    args = [sys.executable, __file__, "--measure-whoosh", str(index), str(queries)]
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def run(count: int, n_queries: int, seed: int, rebuild: bool, reference: bool) -> dict[str, Any]:
    folder, originals, analyser = build_corpus(count, seed)
    build = build_whoosh(folder, analyser, rebuild)
    index = folder / f"whoosh-schema{SCHEMA_VERSION}"
    queries_path = _queries(folder, originals, analyser, n_queries, seed)
    queries = json.loads(queries_path.read_text())
    result: dict[str, Any] = {"library": {"articles": count, "folder": str(folder), "build": build}}
    result |= _whoosh_in_child(index, queries_path)
    if reference:
        docs: list[dict[str, Any]] = []
        if not (folder / "fts5.sqlite").exists() or not (folder / "tantivy" / "done").exists():
            docs = _stored_articles(index)
        fts_build = build_fts5(folder, docs)
        tantivy_build = build_tantivy(folder, docs)
        fts = bench_fts5(folder, queries)
        tv = bench_tantivy(folder, queries)
        if fts_build > 0:
            fts["build_articles_per_s"] = round(count / fts_build)
        if tantivy_build > 0:
            tv["build_articles_per_s"] = round(count / tantivy_build)
        result["reference"] = {"fts5": fts, "tantivy": tv}
        result["p95_ratio"] = {"over_fts5": _ratios(result, fts), "over_tantivy": _ratios(result, tv)}
    result["goals_ms"] = {"term_p95": 30, "phrase_p95": 100, "facets_p95": 50}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=200, help="queries of each kind")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the Whoosh library (not the files)")
    parser.add_argument("--no-reference", action="store_true", help="skip tantivy and FTS5")
    parser.add_argument("--measure-whoosh", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_whoosh:
        index, queries = args.measure_whoosh
        print(json.dumps(bench_whoosh(index, json.loads(queries.read_text()))))
        return
    if not BBC.is_dir():
        sys.exit(f"needs {BBC} (the shared corpora)")
    result = run(args.articles, args.queries, args.seed, args.rebuild, not args.no_reference)
    if args.json:
        print(json.dumps(result))
        return
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
