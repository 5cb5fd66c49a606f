"""Analysis quality on every dev set, scored by ../shared/tools, and the BBC summary check.

    python benchmarks/bench_quality.py [--code DIR] [--save DIR] [--only SET,...] [--json]

Sets: ``newsquant`` (figures: value, value+unit, value+concept, score_quantities.py),
``measeval`` (figure spans and concepts by overlap, as in bench_figures.py), ``wikigold`` and
``conll`` (entities, exact spans) and ``re3d`` (entities, --lenient) with score_ner.py, and
``bbc`` (summary sentences of the 2,225 BBC articles that end in an abbreviation, a title or an
initial: the sentence splitter broke the sentence there).

``--code DIR`` imports ``briefing`` from another checkout (e.g. a worktree at the base commit)
so "before" and "after" are scored in the same run on the same machine; ``--save DIR`` keeps the
predictions.
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
GOLD = SHARED / "gold"
TOOLS = SHARED / "tools"
NEWSQUANT = GOLD / "quantities-newsquant-dev" / "newsquant-dev.json"
MEASEVAL = GOLD / "quantities-measeval" / "data" / "eval"
NER_SETS = {
    "wikigold": (GOLD / "ner-wikigold" / "wikigold.docs.jsonl", False),
    "conll": (GOLD / "ner-conll-dev" / "conllpp-dev.docs.jsonl", False),
    "re3d": (GOLD / "ner-re3d-dev" / "re3d-dev.docs.jsonl", True),
}
BBC = SHARED / "corpus" / "bbc"
ALL_SETS = ("newsquant", "measeval", "wikigold", "conll", "re3d", "bbc")

# A sentence ending in one of these (before its full stop) was cut after an abbreviation.
# (Not "Inc.", "U.S.", "a.m.": a sentence may end in those.) An initial is a capital after a space.
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Capt|Gen|Col|Lt|Sgt|Maj|Cmdr|Adm|Sen|Gov|Rep|Rev|Hon|St|No|Nos|Fr|Mt|Ft)"
    r"|(?<=\s)[A-Z])\.[\"'\u201d\u2019)]*$"
)
_WORD_RE = re.compile(r"[a-z0-9]+")
_STOP = {"the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or", "its", "their", "by", "with"}


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row) + "\n")


def _run_scorer(args: list[str]) -> dict[str, Any]:
    out = subprocess.run([sys.executable, *args], check=True, capture_output=True, text=True).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def newsquant(analyzer: Any, save: Path) -> dict[str, Any]:
    gold = json.loads(NEWSQUANT.read_text(encoding="utf-8"))
    rows = []
    for i, item in enumerate(gold):
        figures = analyzer.analyse_text(item["text"]).figures
        slim = [_newsquant_figure(f) for f in figures]
        rows.append({"id": i, "figures": slim})
    path = save / "newsquant.jsonl"
    _write_jsonl(path, rows)
    return _run_scorer([str(TOOLS / "score_quantities.py"), str(NEWSQUANT), str(path)])


def _newsquant_figure(f: Any) -> dict[str, Any]:
    """A Figure as NewsQuant annotates it: a count's counted noun is its unit ("two sides": unit
    "sides"), and its concept is what is left (none for "two sides"; "Ford" for "13,000 workers (Ford)").
    """
    counted = getattr(f, "counted", None)  # (a checkout from before the field: None)
    unit, concept = f.unit, f.concept
    if counted and unit is None and concept and concept.startswith(counted):
        rest = concept[len(counted) :].strip()
        if rest.startswith("(") and rest.endswith(")"):
            rest = rest[1:-1]
        unit, concept = counted, rest.replace(" (", " ").removesuffix(")").strip() or None
    return {"value": f.value, "unit": unit, "concept": concept, "text": f.text, "counted": counted,
            "shown": f.concept}  # fmt: skip


def _words(text: str) -> set[str]:
    return {w for w in _WORD_RE.findall(text.lower()) if w not in _STOP}


def _prf(hit: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = hit / n_pred if n_pred else 0.0
    r = hit / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": round(100 * p, 1), "R": round(100 * r, 1), "F1": round(100 * f, 1)}


def measeval(analyzer: Any, save: Path) -> dict[str, Any]:
    """Span overlap and span+concept (a shared content word), as bench_figures.py scores it."""
    n_gold = n_pred = hit = hit_concept = 0
    rows = []
    for tsv in sorted((MEASEVAL / "tsv").glob("*.tsv")):
        txt = MEASEVAL / "text" / (tsv.stem + ".txt")
        if not txt.exists():
            continue
        quantities: dict[tuple[str, str], tuple[int, int]] = {}
        concepts: dict[tuple[str, str], set[str]] = {}
        for row in csv.DictReader(tsv.open(encoding="utf-8"), delimiter="\t"):
            key = (row["docId"], row["annotSet"])
            if row["annotType"] == "Quantity":
                quantities[key] = (int(row["startOffset"]), int(row["endOffset"]))
            elif row["annotType"] in ("MeasuredEntity", "MeasuredProperty"):
                concepts.setdefault(key, set()).update(_words(row["text"]))
        figures = list(analyzer.analyse_text(txt.read_text(encoding="utf-8")).figures)
        rows.append({"id": tsv.stem, "figures": [[f.start, f.end, f.text, f.concept] for f in figures]})
        n_pred += len(figures)
        for key, (start, end) in quantities.items():
            n_gold += 1
            match = next((f for f in figures if f.start < end and start < f.end), None)
            if match is None:
                continue
            figures.remove(match)
            hit += 1
            hit_concept += bool(concepts.get(key, set()) & _words(match.concept or ""))
    _write_jsonl(save / "measeval.jsonl", rows)
    return {"gold": n_gold, "predicted": n_pred, "span": _prf(hit, n_pred, n_gold),
            "span+concept": _prf(hit_concept, n_pred, n_gold)}  # fmt: skip


def ner(analyzer: Any, name: str, save: Path) -> dict[str, Any]:
    gold_path, lenient = NER_SETS[name]
    docs = [json.loads(line) for line in gold_path.open(encoding="utf-8") if line.strip()]
    analyses = [analyzer.analyse_text(d["text"]) for d in docs]
    rows = [
        {"id": d["id"], "entities": [{"start": e.start, "end": e.end, "label": e.label} for e in a.entities]}
        for d, a in zip(docs, analyses, strict=True)
    ]
    path = save / f"{name}.jsonl"
    _write_jsonl(path, rows)
    args = [str(TOOLS / "score_ner.py"), str(gold_path), str(path)]
    scores = _run_scorer(args + (["--lenient"] if lenient else []))
    summary = [s for a in analyses for s in a.summary]
    cut = [s for s in summary if _ABBREVIATION_END.search(s.rstrip())]
    scores["summary"] = {"sentences": len(summary), "ending_in_abbreviation": len(cut), "examples": cut[:3]}
    return scores


def bbc(analyzer: Any, read: Any, save: Path) -> dict[str, Any]:
    files = sorted(BBC.glob("bbc_*.txt"))
    bad: list[str] = []
    n = 0
    batch = 64
    for i in range(0, len(files), batch):
        articles = [read(p) for p in files[i : i + batch]]
        for path, analysis in zip(files[i : i + batch], analyzer.analyse_batch(articles), strict=True):
            for sentence in analysis.summary:
                n += 1
                if _ABBREVIATION_END.search(sentence.rstrip()):
                    bad.append(f"{path.name}: {sentence}")
    (save / "bbc_abbreviation_ends.txt").write_text("\n".join(bad) + "\n", encoding="utf-8")
    return {"articles": len(files), "summary_sentences": n, "ending_in_abbreviation": len(bad),
            "examples": bad[:5]}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--code", type=Path, default=PROJECT, help="checkout whose briefing package to score")
    parser.add_argument("--save", type=Path, help="folder to keep the predictions in")
    parser.add_argument("--only", default=",".join(ALL_SETS), help="comma-separated sets")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    if not GOLD.is_dir():
        sys.exit(f"needs {GOLD} (the shared gold sets)")
    sys.path.insert(0, str(args.code.resolve()))
    from briefing.core.analysis import ANALYSIS_VERSION, Analyzer
    from briefing.core.ingest import read

    analyzer = Analyzer()
    save = args.save or Path(tempfile.mkdtemp(prefix="bench_quality_"))
    save.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"code": str(args.code.resolve()), "analysis_version": ANALYSIS_VERSION}
    for name in args.only.split(","):
        started = time.perf_counter()
        if name == "newsquant":
            report[name] = newsquant(analyzer, save)
        elif name == "measeval":
            report[name] = measeval(analyzer, save)
        elif name in NER_SETS:
            report[name] = ner(analyzer, name, save)
        elif name == "bbc":
            report[name] = bbc(analyzer, read, save)
        else:
            sys.exit(f"unknown set {name!r}; sets: {', '.join(ALL_SETS)}")
        report[name]["seconds"] = round(time.perf_counter() - started, 1)
        print(f"{name}: {json.dumps(report[name])}", file=sys.stderr)
    report["saved"] = str(save)
    print(json.dumps(report) if args.json else json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
