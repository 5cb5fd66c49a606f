"""``briefing search QUERY``: query the index from the command line."""

from __future__ import annotations

import argparse
import html
import json
import re
import sys

from briefing.core import paths
from briefing.core.library import Library

_MATCH = re.compile(r'<b class="match">(.*?)</b>', re.S)
_TAG = re.compile(r"<[^>]+>")


def snippet_for_terminal(snippet: str, bold: bool) -> str:
    """Turn a highlighted HTML snippet into terminal text (bold matches on a TTY)."""
    marked = _MATCH.sub(lambda m: f"\033[1m{m.group(1)}\033[0m" if bold else m.group(1), snippet)
    return html.unescape(_TAG.sub("", marked))


def run_search(args: argparse.Namespace) -> int:
    index_dir = paths.index_dir(args.index_dir)
    if not index_dir.exists():
        print(f"briefing: no index at {index_dir}; run `briefing index FOLDER` first", file=sys.stderr)
        return 2
    with Library(index_dir) as library:
        pending = library.rebuild_pending
        if pending:  # the index was unreadable (or of an old format): refill it from the library first
            library.update(wait=60.0)
            print(f"briefing: {pending}", file=sys.stderr)
        result = library.searcher().search(args.query, limit=args.limit, sort=args.sort)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
        return 0
    bold = sys.stdout.isatty()
    print(f"{result.total} article{'s' if result.total != 1 else ''}")
    for hit in result.hits:
        meta = " · ".join(part for part in (hit.source, hit.date) if part)
        print(f"\n{hit.title}" + (f"  ({meta})" if meta else ""))
        print(f"  {hit.path}")
        if hit.snippet:
            print("  " + snippet_for_terminal(hit.snippet, bold))
    return 0
