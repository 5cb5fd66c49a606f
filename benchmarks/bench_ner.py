"""Named entities on WikiGold: the raw spaCy model against Briefing's post-processed entities.

    python benchmarks/bench_ner.py [--json] [--show-errors N]

Both runs are scored by ../shared/tools/score_ner.py (exact spans, labels folded
to PER/ORG/LOC/MISC). WikiGold is Wikipedia text, not news, and folds NORP,
EVENT, WORK_OF_ART and the like into MISC.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from briefing.core.analysis import Analyzer  # noqa: E402

SHARED = PROJECT.parent / "shared"
GOLD = SHARED / "gold" / "ner-wikigold" / "wikigold.docs.jsonl"
SCORER = SHARED / "tools" / "score_ner.py"


def _write(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row) + "\n")


def _score(predictions: Path, show_errors: int) -> tuple[dict[str, Any], list[str]]:
    args = [sys.executable, str(SCORER), str(GOLD), str(predictions)]
    if show_errors:
        args += ["--show-errors", str(show_errors)]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout.strip().splitlines()
    return json.loads(out[-1]), out[:-1]


def run(show_errors: int = 0) -> dict[str, Any]:
    docs = [json.loads(line) for line in GOLD.open(encoding="utf-8") if line.strip()]
    analyzer = Analyzer()
    texts = [d["text"] for d in docs]
    started = time.perf_counter()
    parsed = analyzer.parse(texts)
    raw = [
        {
            "id": d["id"],
            "entities": [{"start": e.start_char, "end": e.end_char, "label": e.label_} for e in doc.ents],
        }
        for d, doc in zip(docs, parsed, strict=True)
    ]
    raw_seconds = time.perf_counter() - started
    started = time.perf_counter()
    ours = [
        {"id": d["id"], "entities": [{"start": e.start, "end": e.end, "label": e.label} for e in a.entities]}
        for d, a in zip(docs, (analyzer.analyse_text(t) for t in texts), strict=True)
    ]
    ours_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        raw_path, ours_path = Path(tmp, "raw.jsonl"), Path(tmp, "ours.jsonl")
        _write(raw_path, raw)
        _write(ours_path, ours)
        raw_score, _ = _score(raw_path, 0)
        ours_score, errors = _score(ours_path, show_errors)
    for line in errors:
        print(line, file=sys.stderr)
    return {
        "gold": str(GOLD.relative_to(SHARED.parent)),
        "docs": len(docs),
        "raw_model": raw_score,
        "briefing": ours_score,
        "raw_seconds": round(raw_seconds, 2),
        "briefing_seconds": round(ours_seconds, 2),
    }


def _line(name: str, score: dict[str, Any]) -> str:
    parts = [
        f"{key} P {v['P']:5.1f} R {v['R']:5.1f} F1 {v['F1']:5.1f}"
        for key, v in score.items()
        if key != "docs"
    ]
    return f"{name:>10}: " + " | ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--show-errors", type=int, default=0, help="print N errors of ours to stderr")
    args = parser.parse_args()
    if not GOLD.is_file():
        sys.exit(f"needs {GOLD} (the shared gold sets)")
    result = run(args.show_errors)
    if args.json:
        print(json.dumps(result))
        return
    print(f"WikiGold, {result['docs']} documents, exact spans (score_ner.py)")
    print(_line("raw model", result["raw_model"]))
    print(_line("briefing", result["briefing"]))


if __name__ == "__main__":
    main()
