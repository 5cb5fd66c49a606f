"""``briefing brief``: write a briefing of files, or of what a search finds, as PDF, HTML or Markdown."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from briefing.core import paths
from briefing.core.article import Analysis, Article
from briefing.core.errors import ReadError

FORMATS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}

Pairs = list[tuple[Article, Analysis | None]]


def output_format(out: Path) -> str | None:
    """ "pdf", "html" or "md" from the output's extension; None if it names none of them."""
    return FORMATS.get(out.suffix.lower())


def _from_files(files: Sequence[Path]) -> tuple[Pairs, int]:
    from briefing.core.analysis import Analyzer
    from briefing.core.ingest import read

    articles: list[Article] = []
    status = 0
    for path in files:
        try:
            articles.append(read(path))
        except ReadError as error:
            print(f"briefing: skipped {error.path}: {error.reason}", file=sys.stderr)
            status = 1
    analyses = Analyzer().analyse_batch(articles) if articles else []
    return list(zip(articles, analyses, strict=True)), status


def _from_query(query: str, index_dir: Path | None, limit: int) -> Pairs:
    from briefing.core.library import Library

    folder = paths.index_dir(index_dir)
    if not folder.exists():
        raise FileNotFoundError(f"no index at {folder}; run `briefing index FOLDER` first")
    pairs: Pairs = []
    with Library(folder) as library:
        result = library.searcher().search(query, limit=limit)
        for hit in result.hits:
            found = library.document(hit.path)
            if found is not None:
                pairs.append(found)
    missing = [i for i, (_, analysis) in enumerate(pairs) if analysis is None]
    if missing:  # indexed with --no-analysis: analyse now
        from briefing.core.analysis import Analyzer

        fresh = Analyzer().analyse_batch([pairs[i][0] for i in missing])
        for i, analysis in zip(missing, fresh, strict=True):
            pairs[i] = (pairs[i][0], analysis)
    return pairs


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


def run_brief(args: argparse.Namespace) -> int:
    from briefing.core.briefing import build_briefing, to_html, to_markdown

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
        pairs, status = _from_files(args.files)
    if not pairs:
        print("briefing: no articles to brief", file=sys.stderr)
        return 1 if args.query else 2
    title = args.title or (f"Briefing: {args.query}" if args.query and len(pairs) > 1 else None)
    briefing = build_briefing(pairs, title=title, subtitle=subtitle)
    if fmt == "pdf":
        pages = _write_pdf(briefing, out, args.page_size)
        detail = f", {pages} page{'s' if pages != 1 else ''}"
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        text = to_html(briefing) if fmt == "html" else to_markdown(briefing)
        out.write_text(text, encoding="utf-8")
        detail = ""
    count = len(briefing.articles)
    print(f"wrote {out} ({count} article{'s' if count != 1 else ''}{detail})")
    return status
