"""The command line: the desktop app by default, and index / search / analyze.

Each subcommand lives in ``briefing.commands``; this module only parses
arguments, so ``briefing --help`` stays fast (no spaCy, no Qt imported here).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from briefing.core.errors import BriefingError, StorageError
from briefing.core.system_errors import describe_os_error

COMMANDS = ("index", "search", "analyze", "brief", "since", "figures", "entities", "entity")


def _add_index_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--index-dir",
        type=Path,
        help="where the index lives (default: $BRIEFING_HOME/index or the user data folder)",
    )


def _add_read_limits(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--read-timeout",
        type=float,
        metavar="SECONDS",
        help="give up reading a file after this many seconds (default: 20)",
    )
    parser.add_argument(
        "--read-memory",
        type=int,
        metavar="MB",
        help="give up reading a file that needs more memory than this (default: 1024)",
    )


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Briefing, a desktop briefing reader. Without a command it opens the app; "
        f"commands: {', '.join(COMMANDS)} (briefing COMMAND --help).",
    )
    parser.add_argument("--library", type=Path, help="open this folder of articles (default: the last one)")
    _add_index_dir(parser)
    parser.add_argument("--open", dest="open_path", type=Path, help="open this article")
    parser.add_argument(
        "--screenshot", type=Path, help="render the window offscreen at 1280x800 to this PNG and exit"
    )
    # For benchmarks of the frozen app: print when the window was first shown, then exit.
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    return parser


def _command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing")
    sub = parser.add_subparsers(dest="command", required=True)

    index = sub.add_parser("index", help="index folders of articles (incrementally)")
    index.add_argument("folders", nargs="+", type=Path)
    _add_index_dir(index)
    index.add_argument("--json", action="store_true", help="print one JSON report")
    index.add_argument("--no-analysis", action="store_true", help="skip entities, figures and summaries")
    index.add_argument(
        "--wait",
        type=float,
        help="seconds to wait if another process is indexing (default: 0; a run that has just "
        "died is always waited for)",
    )
    index.add_argument(
        "--max-size",
        type=float,
        metavar="MB",
        help="skip files larger than this many megabytes (default: 32)",
    )
    _add_read_limits(index)
    index.add_argument(
        "--cluster",
        metavar="ADDRESS",
        help="analyse on the Dask cluster whose scheduler is at ADDRESS, e.g. tcp://HOST:8786 "
        "(default: $BRIEFING_CLUSTER; none: local worker processes)",
    )
    index.add_argument(
        "--cluster-fallback",
        choices=("local", "stop"),
        default="local",
        help="if the cluster cannot be reached or goes away: analyse the rest locally (default) "
        "or stop (the next run finishes)",
    )

    search = sub.add_parser("search", help="search the index (Whoosh query language)")
    search.add_argument("query")
    _add_index_dir(search)
    search.add_argument("--limit", type=int, default=10)
    search.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    search.add_argument("--json", action="store_true")

    analyze = sub.add_parser("analyze", help="read and analyse files, print JSON")
    analyze.add_argument("files", nargs="*", type=Path)
    mode = analyze.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="a JSON list, one object per file (default)")
    mode.add_argument(
        "--jsonl", action="store_true", help='read {"id", "text"} lines on stdin, write one result per line'
    )
    analyze.add_argument("--model", help="another installed spaCy English pipeline (name or folder)")
    _add_read_limits(analyze)

    brief = sub.add_parser("brief", help="write a briefing of articles as PDF, HTML or Markdown")
    brief.add_argument("files", nargs="*", type=Path)
    brief.add_argument("--query", help="brief every article this search finds (instead of FILE...)")
    _add_index_dir(brief)
    brief.add_argument("--limit", type=int, default=20, help="at most this many articles for --query")
    brief.add_argument(
        "--out", "-o", type=Path, help="OUT.pdf, OUT.html or OUT.md (format by extension; required)"
    )
    brief.add_argument(
        "--since-last",
        action="store_true",
        help="brief the articles added since the last briefing, with the figures that changed "
        "(OUT may be given without --out); it becomes the last briefing",
    )
    brief.add_argument(
        "--entity", metavar="NAME", help="brief the newest articles naming this entity, headed by its page "
        "(OUT may be given without --out; --limit caps the articles)",
    )
    brief.add_argument("--title", help="the briefing's title (default: the article's, or 'Briefing')")
    brief.add_argument("--page-size", choices=("a4", "letter"), help="PDF paper (default: from the locale)")
    _add_read_limits(brief)

    since = sub.add_parser("since", help="what is new since the last printed or exported briefing")
    _add_index_dir(since)
    since.add_argument("--json", action="store_true", help="print one JSON object")

    figures = sub.add_parser("figures", help="figures followed across articles: series and disagreements")
    _add_index_dir(figures)
    which = figures.add_mutually_exclusive_group()
    which.add_argument("--path", type=Path, help="the series of each figure of this article")
    which.add_argument("--key", help="the series of this key (as --json prints it)")
    figures.add_argument(
        "--min-articles", type=int, default=2, help="list groups reported by at least N articles (default: 2)"
    )
    figures.add_argument("--json", action="store_true", help="print one JSON object")
    entities = sub.add_parser("entities", help="entities merged across the library, most named first")
    _add_index_dir(entities)
    entities.add_argument("--label", help="only this type: PERSON, ORG, GPE, LOC, FAC, NORP or EVENT")
    entities.add_argument("--limit", type=int, default=50, help="list at most N (0: all; default: 50)")
    entities.add_argument("--json", action="store_true", help="print one JSON object")

    entity = sub.add_parser("entity", help="one entity's page: aliases, articles, figures, related entities")
    entity.add_argument("name")
    _add_index_dir(entity)
    entity.add_argument(
        "--sentences", type=int, default=50, help="quote the first sentence naming it in N articles"
    )
    entity.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


# Exit statuses: 2 for what the user asked that cannot be done, 74 (EX_IOERR) for a disk failing.
EXIT_STORAGE = 74


def _fail(args: argparse.Namespace | None, message: str, status: int) -> int:
    """Say ``message`` on one line (and as {"error": ...} on stdout for ``--json``); returns ``status``."""
    print(f"briefing: {message}", file=sys.stderr)
    if args is not None and getattr(args, "json", False):
        print(json.dumps({"error": message}, ensure_ascii=False))
    return status


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    args: argparse.Namespace | None = None
    try:
        if args_list and args_list[0] in COMMANDS:
            args = _command_parser().parse_args(args_list)
            from briefing import commands

            handler = getattr(commands, f"run_{args.command}")
            return int(handler(args))
        app_args = _app_parser().parse_args(args_list)
        from briefing.ui.app import run_app

        return run_app(
            library=app_args.library,
            index_dir=app_args.index_dir,
            open_path=app_args.open_path,
            screenshot=app_args.screenshot,
            startup_probe=app_args.startup_probe,
        )
    except StorageError as error:
        return _fail(args, str(error), EXIT_STORAGE)
    except BriefingError as error:
        return _fail(args, str(error), 2)
    except KeyboardInterrupt:
        print("briefing: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `briefing figures | head`: the reader has gone, which is fine
        # Python would print a second error flushing stdout at exit: point it at nothing.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as error:  # writing OUT, reading a folder: the disk's own words, and where
        return _fail(args, describe_os_error(error), EXIT_STORAGE)
    except RecursionError:
        return _fail(args, "the input is nested too deeply to process (thousands of levels)", 1)
    except MemoryError:
        return _fail(args, "out of memory: the input is too large for this machine's memory", 1)
