"""Analysis speed: the whole Analyzer.analyse_batch next to NER alone, over ~300 BBC articles.

    python benchmarks/bench_analysis.py [--json] [--articles N] [--repeat R]

"NER alone" is nlp.pipe (NER + senter, the pipeline analysis runs on) over the
same texts in the same run; the ratio says what entities post-processing,
figures (with the parse of the sentences that need one) and summaries cost on
top. Articles are read with briefing's own reader before timing starts; the
model and gazetteer are warmed up first.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from briefing.core.analysis import ANALYSIS_VERSION, Analyzer  # noqa: E402
from briefing.core.ingest import read  # noqa: E402

BBC = PROJECT.parent / "shared" / "corpus" / "bbc"


def _sample(n: int) -> list[Path]:
    """Every k-th article of the corpus, so all five categories are in."""
    files = sorted(BBC.glob("bbc_*.txt"))
    step = max(1, len(files) // n)
    return files[::step][:n]


def _best(seconds: list[float]) -> float:
    return min(seconds)


def run(n_articles: int, repeat: int) -> dict[str, Any]:
    articles = [read(p) for p in _sample(n_articles)]
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    analyzer = Analyzer()
    analyzer.analyse_batch(articles[:5])  # loads spaCy, the gazetteer and the figures' tables
    nlp = analyzer.nlp
    ner, full = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=32):
            pass
        ner.append(time.perf_counter() - started)
        started = time.perf_counter()
        analyses = analyzer.analyse_batch(articles)
        full.append(time.perf_counter() - started)
    ner_wps = words / _best(ner)
    full_wps = words / _best(full)
    return {
        "articles": len(articles),
        "words": words,
        "analysis_version": ANALYSIS_VERSION,
        "pipeline": nlp.pipe_names,
        "ner_words_per_s": round(ner_wps),
        "analysis_words_per_s": round(full_wps),
        "analysis_over_ner": round(full_wps / ner_wps, 3),
        "ner_seconds": round(_best(ner), 2),
        "analysis_seconds": round(_best(full), 2),
        "entities": sum(len(a.entities) for a in analyses),
        "figures": sum(len(a.figures) for a in analyses),
        "summary_sentences": sum(len(a.summary) for a in analyses),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=1, help="best of R runs each")
    args = parser.parse_args()
    if not BBC.is_dir():
        sys.exit(f"needs {BBC} (the shared corpora)")
    result = run(args.articles, args.repeat)
    if args.json:
        print(json.dumps(result))
        return
    print(f"{result['articles']} BBC articles, {result['words']} words, pipeline {result['pipeline']}")
    print(f"NER alone (nlp.pipe):      {result['ner_words_per_s']:>8} words/s  ({result['ner_seconds']} s)")
    full = result["analysis_words_per_s"]
    print(f"Analyzer.analyse_batch:    {full:>8} words/s  ({result['analysis_seconds']} s)")
    print(f"analysis / NER throughput: {result['analysis_over_ner']:.2f}")


if __name__ == "__main__":
    main()
