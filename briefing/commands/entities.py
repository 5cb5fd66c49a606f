"""``briefing entities`` and ``briefing entity NAME``: entities merged across the library.

``briefing brief --entity NAME --out OUT`` (see ``brief_entity``) prints the entity's
page as a briefing of the articles naming it.
"""

from __future__ import annotations

import argparse
import json
import sys

from briefing.commands.brief_output import record_in_library, single_output, titled, write_briefing_file
from briefing.commands.library_access import existing_library
from briefing.core.across.entity_pages import LABELS, library_directory
from briefing.operations import UnknownEntityError, entity_briefing, find_entity


def _unknown(error: UnknownEntityError) -> None:
    print(f"briefing: {error}", file=sys.stderr)
    if error.suggestions:
        print(f"briefing: did you mean: {'; '.join(error.suggestions)}", file=sys.stderr)


def run_entities(args: argparse.Namespace) -> int:
    label = args.label.upper() if args.label else None
    if label is not None and label not in LABELS:
        print(f"briefing: --label must be one of {', '.join(LABELS)}", file=sys.stderr)
        return 2
    try:
        with existing_library(args.index_dir) as library:
            found = library_directory(library).entities(label)
    except FileNotFoundError as error:
        print(f"briefing: {error}", file=sys.stderr)
        return 2
    shown = found[: args.limit] if args.limit and args.limit > 0 else found
    if args.json:
        print(json.dumps({"total": len(found), "entities": [e.to_dict() for e in shown]}, ensure_ascii=False))
        return 0
    print(f"{len(found):,} entit{'ies' if len(found) != 1 else 'y'}")
    for entity in shown:
        also = f"  (also {', '.join(entity.aliases[:4])})" if entity.aliases else ""
        print(f"{entity.articles:6,}  {entity.label:7} {entity.name}{also}")
    return 0


def run_entity(args: argparse.Namespace) -> int:
    try:
        with existing_library(args.index_dir) as library:
            page = find_entity(library, args.name, sentences=args.sentences)
    except FileNotFoundError as error:
        print(f"briefing: {error}", file=sys.stderr)
        return 2
    except UnknownEntityError as error:
        _unknown(error)
        return 1
    if args.json:
        print(json.dumps(page.to_dict(), ensure_ascii=False))
        return 0
    print(f"{page.name} ({page.label}): {len(page.articles):,} articles, {page.mentions:,} mentions")
    if page.aliases:
        print(f"also called: {', '.join(page.aliases)}")
    if page.related:
        print("named with: " + ", ".join(f"{r.name} ({r.articles})" for r in page.related))
    print(f"\n{len(page.articles):,} articles, newest first:")
    for article in page.articles:
        meta = " · ".join(p for p in (article.source, article.day) if p)
        print(f"  {article.title}" + (f"  ({meta})" if meta else "") + f"  [{article.mentions}x]")
        print(f"    {article.path}")
        if article.sentence:
            print(f"    “{article.sentence}”")
    if page.figures:
        print(f"\n{len(page.figures):,} figures involving {page.name}:")
        for item in page.figures:
            counts = item.figure.concept or item.figure.unit or ""
            print(f"  {item.figure.text}  {counts}  — {item.title}" + (f", {item.day}" if item.day else ""))
    return 0


def run_brief_entity(args: argparse.Namespace) -> int:
    """``briefing brief --entity NAME OUT``: the entity's page and the newest articles naming it."""
    output = single_output(args, "--entity")
    if output is None:
        return 2
    out, fmt = output
    try:
        with existing_library(args.index_dir) as library:
            briefing = entity_briefing(library, args.entity, limit=args.limit)
    except FileNotFoundError as error:
        print(f"briefing: {error}", file=sys.stderr)
        return 2
    except UnknownEntityError as error:
        _unknown(error)
        return 1
    briefing = titled(briefing, args.title)
    detail = write_briefing_file(briefing, out, fmt, args.page_size)
    record_in_library(
        args.index_dir, [a.path for a in briefing.articles], briefing.title, fmt, briefing.made_at
    )
    count = len(briefing.articles)
    print(f"wrote {out} ({count} article{'s' if count != 1 else ''}{detail})")
    return 0
