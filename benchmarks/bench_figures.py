"""Key-figure extraction against the NewsQuant dev gold (and MeasEval spans), plus speed.

    .venv/bin/python benchmarks/bench_figures.py [--json] [--show-misses N] [--direct] [--no-speed]

NewsQuant: the 295 gold sentences go through ``briefing analyze --jsonl`` (a subprocess, as a
user would run it) and the predictions are scored by ../shared/tools/score_quantities.py
(value, value+unit, value+concept P/R/F1; the published CQE system reaches value F1 92.0 and
value+concept F1 76.1). ``--direct`` calls extract_figures in-process instead (for iterating).

MeasEval (../shared/gold/quantities-measeval, eval split) has character spans but no
normalised values, so it cannot go through score_quantities.py; it is scored here by span
overlap (a prediction matches a gold Quantity whose span it overlaps, one-to-one) and by
concept (shares a content word with the MeasuredEntity or MeasuredProperty). These numbers
are not comparable to the MeasEval task's official scores.

Speed: words per second of extract_figures alone on Docs parsed beforehand (BBC articles),
the parse of the sentences that need one included.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
NEWSQUANT = SHARED / "gold" / "quantities-newsquant-dev" / "newsquant-dev.json"
MEASEVAL = SHARED / "gold" / "quantities-measeval" / "data" / "eval"
SCORER = SHARED / "tools" / "score_quantities.py"
BBC = SHARED / "corpus" / "bbc"
PUBLISHED_CQE = {"value": 92.0, "value+concept": 76.1}
_WORD_RE = re.compile(r"[a-z0-9]+")
_STOP = {"the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or", "its", "their", "by", "with"}


def _predict_cli(texts: list[str]) -> list[list[dict[str, Any]]]:
    """Figures of each text from ``briefing analyze --jsonl`` run as a subprocess."""
    lines = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts))
    python = PROJECT / ".venv" / "bin" / "python"
    done = subprocess.run(
        [str(python), "-m", "briefing", "analyze", "--jsonl"],
        input=lines,
        capture_output=True,
        text=True,
        cwd=PROJECT,
        check=True,
    )
    result: list[list[dict[str, Any]]] = [[] for _ in texts]
    for line in done.stdout.splitlines():
        if line.strip():
            row = json.loads(line)
            result[int(row["id"])] = row.get("figures", [])
    return result


def _predict_direct(texts: list[str]) -> list[list[dict[str, Any]]]:
    sys.path.insert(0, str(PROJECT))
    from briefing.core.analysis import nlp
    from briefing.core.analysis.figures import extract_figures
    from briefing.core.analysis.parse import sentence_parser

    pipeline = nlp.load()
    parser = sentence_parser(pipeline)
    return [[f.to_dict() for f in extract_figures(doc, parser)] for doc in pipeline.pipe(texts)]


def newsquant(direct: bool, show_misses: int) -> dict[str, Any]:
    gold = json.loads(NEWSQUANT.read_text(encoding="utf-8"))
    texts = [item["text"] for item in gold]
    started = time.perf_counter()
    predicted = _predict_direct(texts) if direct else _predict_cli(texts)
    seconds = time.perf_counter() - started
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
        for i, figures in enumerate(predicted):
            slim = [{"value": f["value"], "unit": f["unit"], "concept": f["concept"]} for f in figures]
            out.write(json.dumps({"id": i, "figures": slim}) + "\n")
    command = [sys.executable, str(SCORER), str(NEWSQUANT), out.name]
    if show_misses:
        command += ["--show-misses", str(show_misses)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    lines = done.stdout.strip().splitlines()
    for line in lines[:-1]:
        print(line, file=sys.stderr)
    Path(out.name).unlink()
    scores: dict[str, Any] = json.loads(lines[-1])
    scores["via"] = "in-process extract_figures" if direct else "briefing analyze --jsonl"
    scores["seconds"] = round(seconds, 2)
    scores["published_cqe_f1"] = PUBLISHED_CQE
    return scores


def _words(text: str) -> set[str]:
    return {w for w in _WORD_RE.findall(text.lower()) if w not in _STOP}


def measeval() -> dict[str, Any] | None:
    if not MEASEVAL.is_dir():
        return None
    sys.path.insert(0, str(PROJECT))
    from briefing.core.analysis import nlp
    from briefing.core.analysis.figures import extract_figures

    docs: list[tuple[str, str]] = []
    gold: dict[str, list[tuple[int, int, set[str]]]] = {}
    for tsv in sorted((MEASEVAL / "tsv").glob("*.tsv")):
        txt = MEASEVAL / "text" / (tsv.stem + ".txt")
        if not txt.exists():
            continue
        rows = list(csv.DictReader(tsv.open(encoding="utf-8"), delimiter="\t"))
        quantities: dict[tuple[str, str], tuple[int, int]] = {}
        concepts: dict[tuple[str, str], set[str]] = {}
        for row in rows:
            key = (row["docId"], row["annotSet"])
            if row["annotType"] == "Quantity":
                quantities[key] = (int(row["startOffset"]), int(row["endOffset"]))
            elif row["annotType"] in ("MeasuredEntity", "MeasuredProperty"):
                concepts.setdefault(key, set()).update(_words(row["text"]))
        gold[tsv.stem] = [(s, e, concepts.get(k, set())) for k, (s, e) in quantities.items()]
        docs.append((tsv.stem, txt.read_text(encoding="utf-8")))
    from briefing.core.analysis.parse import sentence_parser

    pipeline = nlp.load()
    parser = sentence_parser(pipeline)
    n_gold = n_pred = hit = hit_concept = 0
    for (name, _), doc in zip(docs, pipeline.pipe(t for _, t in docs), strict=True):
        figures = extract_figures(doc, parser)
        n_pred += len(figures)
        remaining = list(figures)
        for start, end, words in gold[name]:
            n_gold += 1
            match = next((f for f in remaining if f.start < end and start < f.end), None)
            if match is None:
                continue
            remaining.remove(match)
            hit += 1
            hit_concept += bool(words & _words(match.concept or ""))
    return {
        "paragraphs": len(docs),
        "gold": n_gold,
        "predicted": n_pred,
        "span": _prf(hit, n_pred, n_gold),
        "span+concept": _prf(hit_concept, n_pred, n_gold),
        "note": "span overlap; MeasEval has no normalised values, not comparable to official scores",
    }


def _prf(hit: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = hit / n_pred if n_pred else 0.0
    r = hit / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": round(100 * p, 1), "R": round(100 * r, 1), "F1": round(100 * f, 1)}


def speed(limit: int = 400) -> dict[str, Any]:
    sys.path.insert(0, str(PROJECT))
    from briefing.core.analysis import nlp
    from briefing.core.analysis.figures import extract_figures

    files = sorted(BBC.rglob("*.txt"))[:limit]
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    pipeline = nlp.load()
    started = time.perf_counter()
    docs = list(pipeline.pipe(texts))
    ner_seconds = time.perf_counter() - started
    words = sum(len(t.split()) for t in texts)
    from briefing.core.analysis.parse import sentence_parser

    parser = sentence_parser(pipeline)
    started = time.perf_counter()
    n = sum(len(extract_figures(doc, parser)) for doc in docs)
    seconds = time.perf_counter() - started
    return {
        "articles": len(texts),
        "words": words,
        "figures": n,
        "extract_seconds": round(seconds, 3),
        "extract_words_per_second": round(words / seconds),
        "ner_words_per_second": round(words / ner_seconds),
        "extract_cost_vs_ner": round(seconds / ner_seconds, 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--show-misses", type=int, default=0, help="print this many missed gold figures")
    parser.add_argument("--direct", action="store_true", help="call extract_figures in-process, not the CLI")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--no-measeval", action="store_true")
    args = parser.parse_args()
    if not NEWSQUANT.exists():
        print(f"needs {NEWSQUANT}", file=sys.stderr)
        return 2
    report: dict[str, Any] = {"newsquant": newsquant(args.direct, args.show_misses)}
    if not args.no_measeval:
        report["measeval"] = measeval()
    if not args.no_speed and BBC.is_dir():
        report["speed"] = speed()
    if args.json:
        print(json.dumps(report))
    else:
        for name, part in report.items():
            print(f"{name}: {json.dumps(part, indent=1)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
