"""Files kept beside the index, one per segment (facet columns, saved postings): written by the
index's one writer for the segments that have none, removed once their segment is merged away."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from whoosh.index import FileIndex


def save_missing(
    ix: FileIndex,
    folder: Path,
    suffix: str,
    save: Callable[[Any, str], None],
    current: Callable[[Path], bool] | None = None,
) -> int:
    """Call ``save(segment reader, segment id)`` for every segment without ``folder/<id><suffix>``
    (or with one that is not ``current``: of an older version); remove the files of segments gone.
    Only the index's writer calls this (with the writer lock held). Returns how many segments were
    saved."""
    saved = 0
    live: set[str] = set()
    with ix.reader() as reader:
        leaves = reader.leaf_readers() if reader.doc_count_all() else []
        for leaf, _ in leaves:
            segment_id = leaf.segment().segment_id()
            live.add(segment_id)
            path = folder / f"{segment_id}{suffix}"
            if not path.is_file() or (current is not None and not current(path)):
                # Only a cache: a full or read-only disk costs the next searcher time, not the run.
                with contextlib.suppress(OSError):
                    save(leaf, segment_id)
                    saved += 1
    if folder.is_dir():
        for path in folder.iterdir():
            if path.name.removesuffix(suffix) not in live:
                with contextlib.suppress(OSError):
                    path.unlink()
    return saved
