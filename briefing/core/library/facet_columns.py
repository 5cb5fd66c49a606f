"""Each segment's facet values as arrays, kept on disk beside the index.

Reading them from the postings costs about 1.4 ms a document (every value of every facet field is a
term with its own posting list): 28 s for the first search of a 20,000-article library. A segment's
values never change (deletions only hide documents), so the index's one writer saves each new
segment's arrays once, at the end of a run, in ``facets/<segment id>.npz``; a searcher loads them in
milliseconds and falls back to the postings for a segment that has none (one written meanwhile, or a
library indexed before these files existed, until its next run).
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from whoosh.index import FileIndex
from whoosh.reading import IndexReader

from briefing.core.library import segment_files
from briefing.core.library.schema import FACET_KEYS, facet_field

FOLDER = "facets"
_SEPARATOR = "\0"  # between names in the saved file (never in a facet value: values are single tokens)


@dataclass(frozen=True, slots=True)
class Column:
    """The (document, value) pairs of one facet key in one segment; docs are segment-local numbers."""

    names: tuple[str, ...]
    docs: np.ndarray
    values: np.ndarray


Columns = dict[str, Column]


def read_columns(reader: IndexReader) -> Columns:
    """Every facet key's column of one segment, from its postings."""
    return {key: _read_column(reader, key) for key in FACET_KEYS}


def _read_column(reader: IndexReader, key: str) -> Column:
    name = facet_field(key)
    names: list[str] = []
    docs: list[np.ndarray] = []
    values: list[np.ndarray] = []
    if name in reader.indexed_field_names():
        for term in reader.lexicon(name):
            ids = np.fromiter(reader.postings(name, term).all_ids(), dtype=np.int64)
            docs.append(ids)
            values.append(np.full(len(ids), len(names), dtype=np.int64))
            names.append(term.decode("utf-8"))
    empty = np.zeros(0, dtype=np.int64)
    return Column(
        tuple(names),
        np.concatenate(docs) if docs else empty,
        np.concatenate(values) if values else empty,
    )


def _path(index_dir: Path, segment_id: str) -> Path:
    return index_dir / FOLDER / f"{segment_id}.npz"


def load(index_dir: Path, segment_id: str, doc_count: int) -> Columns | None:
    """The saved columns of a segment of ``doc_count`` documents; None if missing or not readable."""
    try:
        # Opened here, not by numpy: np.load leaves its own file open when the zip is damaged.
        with open(_path(index_dir, segment_id), "rb") as file, np.load(file, allow_pickle=False) as saved:
            if int(saved["doc_count"]) != doc_count:
                return None
            columns: Columns = {}
            for key in FACET_KEYS:
                joined = saved[f"{key}.names"].tobytes().decode("utf-8")
                names = tuple(joined.split(_SEPARATOR)) if joined else ()
                docs = saved[f"{key}.docs"].astype(np.int64)
                values = saved[f"{key}.values"].astype(np.int64)
                if len(docs) != len(values) or (len(values) and int(values.max()) >= len(names)):
                    return None
                columns[key] = Column(names, docs, values)
            return columns
    except (OSError, KeyError, ValueError, UnicodeDecodeError, zipfile.BadZipFile):
        return None


def save(index_dir: Path, segment_id: str, doc_count: int, columns: Columns) -> None:
    """Write a segment's columns (atomically: a half-written file is never read)."""
    folder = index_dir / FOLDER
    folder.mkdir(exist_ok=True)
    arrays: dict[str, np.ndarray] = {"doc_count": np.array(doc_count, dtype=np.int64)}
    for key, column in columns.items():
        arrays[f"{key}.names"] = np.frombuffer(_SEPARATOR.join(column.names).encode("utf-8"), dtype=np.uint8)
        arrays[f"{key}.docs"] = column.docs.astype(np.int32)
        arrays[f"{key}.values"] = column.values.astype(np.int32)
    temporary = folder / f".{segment_id}.npz.part"
    with open(temporary, "wb") as out:
        np.savez(out, allow_pickle=False, **arrays)
    os.replace(temporary, _path(index_dir, segment_id))


def save_missing(ix: FileIndex, index_dir: Path) -> int:
    """Save the columns of every segment that has none; remove those of segments gone (the
    index's writer only). Returns how many segments were saved."""

    def save_one(leaf: IndexReader, segment_id: str) -> None:
        save(index_dir, segment_id, leaf.doc_count_all(), read_columns(leaf))

    return segment_files.save_missing(ix, index_dir / FOLDER, ".npz", save_one)
