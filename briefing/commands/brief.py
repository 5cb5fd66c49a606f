"""``briefing brief``: write a briefing of files, or of what a search finds, as PDF, HTML or Markdown."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from briefing.commands.brief_output import record_in_library, write_briefing_file
from briefing.commands.entities import run_brief_entity
from briefing.commands.library_access import Pairs, analysed_articles, existing_library, has_library
from briefing.commands.reading import read_each, read_limits
from briefing.commands.since import run_brief_since
from briefing.core.across.figure_series import briefing_notes
from briefing.core.analysis import Analyzer
from briefing.core.article import Article
from briefing.core.briefing import build_briefing
from briefing.core.errors import ReadError
from briefing.core.library.catalog import Catalog
from briefing.core.workers.reading import ReadLimits
from briefing.operations import EXPORT_SUFFIXES, export_format


def _from_files(files: Sequence[Path], limits: ReadLimits) -> tuple[Pairs, int]:
    articles: list[Article] = []
    status = 0
    for article in read_each(files, limits):
        if isinstance(article, ReadError):
            status = 1
        else:
            articles.append(article)
    analyses = Analyzer().analyse_batch(articles) if articles else []
    return list(zip(articles, analyses, strict=True)), status


def _from_query(query: str, index_dir: Path | None, limit: int) -> Pairs:
    with existing_library(index_dir) as library:
        result = library.searcher().search(query, limit=limit)
        return analysed_articles(library, [hit.path for hit in result.hits])


def with_library_catalog[T](index_dir: Path | None, build: Callable[[Catalog | None], T]) -> T:
    """``build(catalog)`` with the library's catalog (figures' history), or None when there is no library."""
    if not has_library(index_dir):
        return build(None)
    with existing_library(index_dir) as library:
        return build(library.catalog())


def run_brief(args: argparse.Namespace) -> int:
    if getattr(args, "since_last", False):
        return run_brief_since(args)
    if getattr(args, "entity", None):
        return run_brief_entity(args)
    if args.out is None:
        print("briefing: brief needs --out OUT.pdf, OUT.html or OUT.md", file=sys.stderr)
        return 2
    out: Path = args.out
    fmt = export_format(out)
    if fmt is None:
        print(f"briefing: --out must end in {', '.join(EXPORT_SUFFIXES)}", file=sys.stderr)
        return 2
    if bool(args.files) == bool(args.query):
        print("briefing: brief needs FILE... or --query QUERY (not both)", file=sys.stderr)
        return 2
    status = 0
    subtitle = None
    if args.query:
        try:
            pairs = _from_query(args.query, args.index_dir, args.limit)
        except FileNotFoundError as error:
            print(f"briefing: {error}", file=sys.stderr)
            return 2
        count = len(pairs)
        subtitle = f"{count} article{'s' if count != 1 else ''} found for “{args.query}”"
    else:
        try:
            limits = read_limits(args)
        except ValueError as error:
            print(f"briefing: {error}", file=sys.stderr)
            return 2
        pairs, status = _from_files(args.files, limits)
    if not pairs:
        print("briefing: no articles to brief", file=sys.stderr)
        return 1 if args.query else 2
    title = args.title or (f"Briefing: {args.query}" if args.query and len(pairs) > 1 else None)
    briefing = with_library_catalog(
        args.index_dir,
        lambda catalog: build_briefing(
            pairs, title=title, subtitle=subtitle,
            library_notes=briefing_notes(catalog, pairs) if catalog is not None else None,
        ),
    )
    detail = write_briefing_file(briefing, out, fmt, args.page_size)
    # Files read from outside the library are briefed, not recorded: only the library's articles are.
    briefed = [a.path if args.query else str(Path(a.path).resolve()) for a, _ in pairs]
    record_in_library(args.index_dir, briefed, briefing.title, fmt, briefing.made_at)
    count = len(briefing.articles)
    print(f"wrote {out} ({count} article{'s' if count != 1 else ''}{detail})")
    return status
