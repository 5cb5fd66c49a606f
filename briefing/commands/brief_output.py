"""What every ``briefing brief`` variant shares: its OUT, its ``--title``, writing and recording."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Sequence
from pathlib import Path

from briefing.commands.library_access import existing_library, has_library
from briefing.core.briefing import Briefing
from briefing.operations import EXPORT_SUFFIXES, ExportFormat, export_format, record_briefing, write_briefing


def single_output(
    args: argparse.Namespace, option: str, *conflicting: str
) -> tuple[Path, ExportFormat] | None:
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
    fmt = export_format(out) if out is not None else None
    if out is None or fmt is None:
        print(f"briefing: brief {option} needs OUT ending in {', '.join(EXPORT_SUFFIXES)}", file=sys.stderr)
        return None
    return out, fmt


def titled(briefing: Briefing, title: str | None) -> Briefing:
    """``briefing`` under ``title`` (``--title``) when one is given."""
    return dataclasses.replace(briefing, title=title) if title else briefing


def write_briefing_file(briefing: Briefing, out: Path, fmt: ExportFormat, page_size: str | None) -> str:
    """Write ``briefing`` as ``fmt``; returns what to add to the "wrote" line (the PDF's pages)."""
    return write_briefing(briefing, out, fmt=fmt, page_size=page_size).detail()


def record_in_library(
    index_dir: Path | None, article_paths: Sequence[str], title: str, kind: str, made_at: float
) -> int:
    """Record a written briefing in the library's history ("since my last briefing").

    Only articles the library has count; with no library at ``index_dir`` (or none of the
    articles in it) nothing is recorded and no library is created. Returns how many were.
    """
    if not has_library(index_dir):
        return 0
    with existing_library(index_dir) as library:
        return record_briefing(library, article_paths, title, kind, made_at)
