"""``briefing figures``: figures followed across the library (series by day, disagreements)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from briefing.core import paths


def _describe(series_dict: dict[str, Any]) -> str:
    points = ", ".join(
        f"{p['text']} on {p['day'] or '?'} in {p['title']}" + (" (disagrees)" if p["disagrees"] else "")
        for p in series_dict["points"]
    )
    return f"{series_dict['label']}: {points}"


def run_figures(args: argparse.Namespace) -> int:
    from briefing.core.across import figure_series
    from briefing.core.library import Library

    index_dir = paths.index_dir(args.index_dir)
    if not index_dir.exists():
        print(f"briefing: no index at {index_dir}; run `briefing index FOLDER` first", file=sys.stderr)
        return 2
    with Library(index_dir) as library:
        catalog = library.catalog()
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
    if "groups" in result:
        for group in result["groups"]:
            print(_describe(group))
    elif "figures" in result:
        for figure in result["figures"]:
            if figure["series"] is not None and figure["series"]["articles"] > 1:
                print(_describe(figure["series"]))
    else:
        print(_describe(result))
    return 0
