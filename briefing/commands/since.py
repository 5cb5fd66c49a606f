"""``briefing since``: what is new since the last briefing; ``brief --since-last OUT``: its briefing."""

from __future__ import annotations

import argparse
import json
import sys

from briefing.commands.brief_output import single_output, titled, write_briefing_file
from briefing.commands.library_access import analysed_articles, existing_library
from briefing.core.across.since import (
    WhatIsNew,
    briefing_of_new,
    moment_label,
    since_last_briefing,
    what_is_new_json,
)
from briefing.operations import record_briefing


def _plain(what: WhatIsNew) -> str:
    lines = [what.headline() + "."]
    for article in what.articles:
        day = f"saved {article.day}" if article.day and article.dated_by == "saved" else article.day
        meta = " · ".join(p for p in (article.source, day) if p)
        lines.append(f"  {article.title}" + (f"  ({meta})" if meta else ""))
        lines.append(f"    {article.path}")
    if what.updated:
        lines += ["", f"Updated since then ({len(what.updated)}):"]
        lines += [f"  {a.title}\n    {a.path}" for a in what.updated]
    if what.changed_figures:
        lines += ["", f"Figures that changed ({len(what.changed_figures)}):"]
        for change in what.changed_figures:
            lines.append(f"  {change.text}")
            lines.append(f"    before: {change.before_article.title} ({change.before_article.day})")
            lines.append(f"    now:    {change.after_article.title} ({change.after_article.day})")
    elif what.last is not None and what.articles:
        lines += ["", "No figure of the new articles differs from what you had before."]
    if what.last is not None:
        lines += ["", f"Last briefing: “{what.last.title}” ({what.last.kind}, "
                      f"{moment_label(what.last.made_at)}, {len(what.last.paths)} articles)."]
    return "\n".join(lines)


def run_since(args: argparse.Namespace) -> int:
    try:
        with existing_library(args.index_dir) as library:
            what = since_last_briefing(library.catalog())
    except FileNotFoundError as error:
        print(f"briefing: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(what_is_new_json(what), ensure_ascii=False))
    else:
        print(_plain(what))
    return 0


def run_brief_since(args: argparse.Namespace) -> int:
    """``brief --since-last OUT``: a briefing of what is new, recorded as the new last briefing.

    OUT is ``--out`` or the one positional argument. With nothing new, nothing is
    written (exit code 0, and a message saying so).
    """
    output = single_output(args, "--since-last", "entity")
    if output is None:
        return 2
    out, fmt = output
    try:
        with existing_library(args.index_dir) as library:
            catalog = library.catalog()
            what = since_last_briefing(catalog)
            if not what.articles:
                headline = what.headline()
                print(f"briefing: {headline[:1].lower()}{headline[1:]}; no briefing written", file=sys.stderr)
                return 0
            pairs = analysed_articles(library, what.paths)
            if not pairs:
                print("briefing: the new articles are no longer in the library", file=sys.stderr)
                return 1
            briefing = titled(briefing_of_new(what, pairs, catalog=catalog), args.title)
            detail = write_briefing_file(briefing, out, fmt, args.page_size)
            record_briefing(library, [a.path for a, _ in pairs], briefing.title, fmt, briefing.made_at)
    except FileNotFoundError as error:
        print(f"briefing: {error}", file=sys.stderr)
        return 2
    count = len(briefing.articles)
    changed = len(briefing.changes)
    print(f"wrote {out} ({count} new article{'s' if count != 1 else ''}, "
          f"{changed} changed figure{'s' if changed != 1 else ''}{detail})")
    return 0
