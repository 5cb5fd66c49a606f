"""``briefing analyze``: read files (or JSONL texts on stdin) and print their analysis."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from briefing.commands.reading import read_each, read_limits
from briefing.core.analysis import Analyzer
from briefing.core.errors import ReadError


def run_analyze(args: argparse.Namespace) -> int:
    analyzer = Analyzer(model=args.model)
    if args.jsonl:
        return _analyze_jsonl(analyzer)
    if not args.files:
        print("briefing: analyze needs FILE... or --jsonl", file=sys.stderr)
        return 2
    try:
        limits = read_limits(args)
    except ValueError as error:
        print(f"briefing: {error}", file=sys.stderr)
        return 2
    results: list[dict[str, Any]] = []
    status = 0
    for article in read_each(args.files, limits):
        if isinstance(article, ReadError):
            status = 1
            continue
        analysis = analyzer.analyse(article)
        record = article.to_dict()
        record.update(analysis.to_dict())
        results.append(record)
    json.dump(results, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return status


def _analyze_jsonl(analyzer: Any) -> int:
    for number, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text = item["text"]
        except (ValueError, KeyError, TypeError):
            print(f'briefing: line {number}: expected a JSON object with "id" and "text"', file=sys.stderr)
            return 2
        result = {"id": item.get("id")}
        result.update(analyzer.analyse_text(str(text)).to_dict())
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return 0
