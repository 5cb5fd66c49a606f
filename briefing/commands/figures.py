"""``briefing figures``: figures followed across the library (series by day, disagreements)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from briefing.commands.library_access import existing_library
from briefing.core.across import figure_series
from briefing.core.library.catalog import Catalog


def _describe(series_dict: dict[str, Any]) -> str:
    points = ", ".join(
        f"{p['text']} on {p['day'] or '?'} in {p['title']}" + (" (disagrees)" if p["disagrees"] else "")
        for p in series_dict["points"]
    )
    return f"{series_dict['label']}: {points}"


def run_figures(args: argparse.Namespace) -> int:
    try:
        with existing_library(args.index_dir) as library:
            return _report(library.catalog(), args)
    except FileNotFoundError as error:
        print(f"briefing: {error}", file=sys.stderr)
        return 2


def _report(catalog: Catalog, args: argparse.Namespace) -> int:
    result: dict[str, Any]
    if args.path is not None:
        path = str(args.path.expanduser().resolve())
        if catalog.article(path) is None:
            print(f"briefing: {path} is not in the library", file=sys.stderr)
            return 2
        result = {
            "path": path,
            "figures": [
                {
                    "position": figure.position, "text": figure.text, "concept": figure.concept,
                    "key": figure.key, "label": figure.label,
                    "series": series.to_dict() if series is not None else None,
                }
                for figure, series in figure_series.series_of_article(catalog, path)
            ],
        }  # fmt: skip
    elif args.key is not None:
        series = figure_series.series_of_key(catalog, args.key)
        if series is None:
            print(f"briefing: no figure has the key {args.key!r}", file=sys.stderr)
            return 2
        result = series.to_dict()
    else:
        groups = figure_series.groups(catalog, args.min_articles)
        result = {"groups": [g.to_dict() for g in groups]}
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    lines: list[str] = []
    if "groups" in result:
        lines = [_describe(group) for group in result["groups"]]
        empty = f"no figure is reported by {args.min_articles} or more articles of the library"
    elif "figures" in result:
        lines = [
            _describe(f["series"]) for f in result["figures"]
            if f["series"] is not None and f["series"]["articles"] > 1
        ]
        empty = "no figure of this article is reported by another article of the library"
    else:
        lines = [_describe(result)]
        empty = ""
    print("\n".join(lines) if lines else f"briefing: {empty}")
    return 0
