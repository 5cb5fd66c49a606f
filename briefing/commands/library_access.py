"""The existing library a command reads, and its articles with their analyses."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from briefing.core import paths
from briefing.core.analysis import Analyzer
from briefing.core.article import Analysis, Article
from briefing.core.library import Library, recovery

Pairs = list[tuple[Article, Analysis | None]]


def has_library(index_dir: Path | None) -> bool:
    """Whether an index exists at ``index_dir`` (or the default place); nothing is created."""
    folder = paths.index_dir(index_dir)
    return folder.is_dir() and recovery.exists(folder)


@contextmanager
def existing_library(index_dir: Path | None) -> Iterator[Library]:
    """The library at ``index_dir``; FileNotFoundError (a message for the user) when there is none.

    Commands that only read never create an empty library as a side effect.
    """
    folder = paths.index_dir(index_dir)
    if not has_library(index_dir):
        raise FileNotFoundError(f"no index at {folder}; run `briefing index FOLDER` first")
    with Library(folder) as library:
        yield library


def analysed_articles(library: Library, wanted: Sequence[str]) -> Pairs:
    """The articles at ``wanted`` that the library has, analysing now any indexed without analysis."""
    pairs: Pairs = library.documents(wanted)
    missing = [i for i, (_, analysis) in enumerate(pairs) if analysis is None]
    if missing:  # indexed with --no-analysis
        fresh = Analyzer().analyse_batch([pairs[i][0] for i in missing])
        for i, analysis in zip(missing, fresh, strict=True):
            pairs[i] = (pairs[i][0], analysis)
    return pairs
