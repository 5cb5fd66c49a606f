"""``briefing index DIR...``: bring the index up to date with folders of articles."""

from __future__ import annotations

import argparse
import json
import sys

from briefing.commands.progress import TerminalProgress
from briefing.core import paths


def run_index(args: argparse.Namespace) -> int:
    from briefing.core.library import Library

    for folder in args.folders:
        if not folder.is_dir():
            print(f"briefing: {folder} is not a folder", file=sys.stderr)
            return 2
    library = Library(paths.index_dir(args.index_dir))
    analyser = None
    if not args.no_analysis:
        from briefing.core.analysis import Analyzer

        analyser = Analyzer().analyse_batch
    progress = TerminalProgress()
    roots = [folder.resolve() for folder in args.folders]
    for root in roots:
        library.add_root(root)
    try:
        report = library.update(roots, progress=progress, analyser=analyser, wait=args.wait)
    finally:
        progress.close()
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        print(
            f"{report.added} added, {report.updated} updated, {report.removed} removed, "
            f"{report.unchanged} unchanged, {len(report.failed)} failed"
        )
        for failure in report.failed:
            print(f"  skipped {failure.path}: {failure.reason}")
    return 0
