"""``briefing brief``: write a briefing of files, or of what a search finds, as PDF, HTML or Markdown."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.commands.library_access import Pairs, analysed_articles, existing_library, has_library
from briefing.commands.reading import read_each, read_limits
from briefing.core.article import Article
from briefing.core.errors import ReadError
from briefing.core.workers.reading import ReadLimits

FORMATS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}

if TYPE_CHECKING:
    from briefing.core.briefing import Briefing
    from briefing.core.library.catalog import Catalog


def output_format(out: Path) -> str | None:
    """ "pdf", "html" or "md" from the output's extension; None if it names none of them."""
    return FORMATS.get(out.suffix.lower())


def _from_files(files: Sequence[Path], limits: ReadLimits) -> tuple[Pairs, int]:
    from briefing.core.analysis import Analyzer

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


def ensure_gui_application() -> Any:
    """The QGuiApplication Qt's fonts and PDF writer need; offscreen when there is no display."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        if sys.platform.startswith("linux") and headless:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["briefing"])
    return app


def _write_pdf(briefing: Any, out: Path, page_size: str | None) -> int:
    app = ensure_gui_application()  # noqa: F841 - must live while painting
    from PySide6.QtGui import QPageSize

    from briefing.printing.pdf import write_pdf

    size = None
    if page_size:
        ids = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
        size = QPageSize(ids[page_size])
    return write_pdf(briefing, out, size)


def write_briefing_file(briefing: Any, out: Path, fmt: str, page_size: str | None) -> str:
    """Write ``briefing`` as ``fmt``; returns what to add to the "wrote" line (the PDF's pages)."""
    from briefing.core.briefing import to_html, to_markdown

    if fmt == "pdf":
        pages = _write_pdf(briefing, out, page_size)
        return f", {pages} page{'s' if pages != 1 else ''}"
    out.parent.mkdir(parents=True, exist_ok=True)
    text = to_html(briefing) if fmt == "html" else to_markdown(briefing)
    out.write_text(text, encoding="utf-8")
    return ""


def single_output(args: argparse.Namespace, option: str, *conflicting: str) -> tuple[Path, str] | None:
    """OUT and its format for ``brief OPTION``: ``--out`` or the one positional argument.

    None, after saying why, when it is missing, ambiguous or its extension names no format, or
    when FILE..., ``--query`` or one of the ``conflicting`` options is given too.
    """
    clash = any(getattr(args, name, None) for name in conflicting)
    if args.query or clash or (args.files and args.out is not None) or len(args.files) > 1:
        refused = ["FILE", "--query", *(f"--{name.replace('_', '-')}" for name in conflicting)]
        print(f"briefing: brief {option} takes OUT (or --out OUT) and no "
              f"{', '.join(refused[:-1])} or {refused[-1]}", file=sys.stderr)
        return None
    out: Path | None = args.out if args.out is not None else (args.files[0] if args.files else None)
    fmt = output_format(out) if out is not None else None
    if out is None or fmt is None:
        print(f"briefing: brief {option} needs OUT ending in {', '.join(FORMATS)}", file=sys.stderr)
        return None
    return out, fmt


def titled(briefing: Briefing, title: str | None) -> Briefing:
    """``briefing`` under ``title`` (``--title``) when one is given."""
    return dataclasses.replace(briefing, title=title) if title else briefing


def record_in_library(
    index_dir: Path | None, article_paths: Sequence[str], title: str, kind: str, made_at: float
) -> int:
    """Record a written briefing in the library's history ("since my last briefing").

    ``made_at``: when the briefing was built (articles indexed since are not in it). Only
    articles the library has count; with no library at ``index_dir`` (or none of the
    articles in it) nothing is recorded and no library is created. Returns how many were.
    """
    if not has_library(index_dir):
        return 0
    with existing_library(index_dir) as library:
        catalog = library.catalog()
        known = [a.path for a in catalog.articles(article_paths)]
        if known:
            catalog.record_briefing(known, title, kind, at=made_at)
    return len(known)


def with_library_catalog[T](index_dir: Path | None, build: Callable[[Catalog | None], T]) -> T:
    """``build(catalog)`` with the library's catalog (figures' history), or None when there is no library."""
    if not has_library(index_dir):
        return build(None)
    with existing_library(index_dir) as library:
        return build(library.catalog())


def run_brief(args: argparse.Namespace) -> int:
    from briefing.core.across.figure_series import briefing_notes
    from briefing.core.briefing import build_briefing

    if getattr(args, "since_last", False):
        from briefing.commands.since import run_brief_since

        return run_brief_since(args)
    if getattr(args, "entity", None):
        from briefing.commands.entities import run_brief_entity

        return run_brief_entity(args)
    if args.out is None:
        print("briefing: brief needs --out OUT.pdf, OUT.html or OUT.md", file=sys.stderr)
        return 2
    out: Path = args.out
    fmt = output_format(out)
    if fmt is None:
        print(f"briefing: --out must end in {', '.join(FORMATS)}", file=sys.stderr)
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
