"""Each segment's word postings (document numbers and weights) as arrays, kept on disk beside the index.

Whoosh 3 pickles a posting block's document numbers, weights and positions together, so a word
search unpickled every block of its words (positions included) to count and rank its matches:
about half of a word search at 100,000 articles. A segment's postings never change (deletions only
hide documents), so the index's one writer saves each new segment's text fields' postings once, at
the end of a run, in ``postings/<segment id>.bin``; a searcher maps the file into memory and reads a
word's documents and weights as numpy views of it. A segment without one (written meanwhile, or a
library indexed before these files existed, until its next run), or with a file that does not fit
it, is read from Whoosh's blocks as before.

The file: a header (magic, version, the segment's document count, counts of terms and postings,
the fields' names), then arrays aligned to 8 bytes: each key's start in the keys (int64, terms + 1),
each term's first posting (int64, terms + 1), document numbers (int32), weights (float32: Whoosh
keeps weights as float32, so they are exact) and the keys (``field\\0term``, sorted as bytes).
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import mmap
import os
import struct
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from whoosh import fields
from whoosh.index import FileIndex

from briefing.core.library.whoosh_compat import segment_postings

FOLDER = "postings"
_MAGIC = b"BRPOSTS\n"
_VERSION = 1
# magic, version, doc count, terms, postings, length of the fields' names
_HEAD = struct.Struct("<8sqqqqq")
_SEPARATOR = b"\0"

Docs = npt.NDArray[np.int32]
Weights = npt.NDArray[np.float32]


def text_fields(schema: fields.Schema) -> list[str]:
    """The fields whose postings are saved: the text fields words are searched in."""
    return sorted(name for name, field in schema.items() if isinstance(field, fields.TEXT))


def _path(index_dir: Path, segment_id: str) -> Path:
    return index_dir / FOLDER / f"{segment_id}.bin"


def _aligned(size: int) -> int:
    return (size + 7) // 8 * 8


class SegmentPostings:
    """The saved postings of one segment, read through a memory map."""

    __slots__ = (
        "_docs",
        "_key_starts",
        "_keys",
        "_map",
        "_starts",
        "_terms",
        "_weights",
        "doc_count",
        "fields",
    )

    def __init__(self, mapping: mmap.mmap) -> None:
        magic, version, doc_count, terms, postings, names_length = _HEAD.unpack_from(mapping, 0)
        if magic != _MAGIC or version != _VERSION or min(doc_count, terms, postings, names_length) < 0:
            raise ValueError("not a postings file")
        self.doc_count: int = doc_count
        offset = _HEAD.size
        names = mapping[offset : offset + names_length]
        self.fields = frozenset(names.decode("utf-8").split("\0")) if names else frozenset()
        offset = _aligned(offset + names_length)
        need = offset + 16 * (terms + 1) + 8 * postings
        if len(mapping) < need:
            raise ValueError("a postings file cut short")
        self._key_starts = np.frombuffer(mapping, dtype=np.int64, count=terms + 1, offset=offset)
        offset += 8 * (terms + 1)
        self._starts = np.frombuffer(mapping, dtype=np.int64, count=terms + 1, offset=offset)
        offset += 8 * (terms + 1)
        self._docs: Docs = np.frombuffer(mapping, dtype=np.int32, count=postings, offset=offset)
        offset += 4 * postings
        self._weights: Weights = np.frombuffer(mapping, dtype=np.float32, count=postings, offset=offset)
        offset += 4 * postings
        self._keys = offset
        if (
            int(self._starts[-1]) != postings
            or len(mapping) < offset + int(self._key_starts[-1])
            or (postings and int(self._docs.max(initial=0)) >= doc_count)
        ):
            raise ValueError("a postings file that does not add up")
        self._terms = terms
        self._map = mapping

    def _key(self, index: int) -> bytes:
        start = self._keys + int(self._key_starts[index])
        return self._map[start : self._keys + int(self._key_starts[index + 1])]

    def postings(self, fieldname: str, term: bytes) -> tuple[Docs, Weights] | None:
        """The term's document numbers (ascending, deleted documents included) and weights; empty
        arrays for a term not in the segment; None for a field not saved (read it from Whoosh)."""
        if fieldname not in self.fields:
            return None
        key = fieldname.encode("utf-8") + _SEPARATOR + term
        index = bisect.bisect_left(range(self._terms), key, key=self._key)
        if index >= self._terms or self._key(index) != key:
            return self._docs[:0], self._weights[:0]
        start, end = int(self._starts[index]), int(self._starts[index + 1])
        return self._docs[start:end], self._weights[start:end]


def load(index_dir: Path, segment_id: str, doc_count: int) -> SegmentPostings | None:
    """The saved postings of a segment of ``doc_count`` documents; None if missing, damaged or of
    another segment (a stale file)."""
    try:
        with open(_path(index_dir, segment_id), "rb") as file:
            mapping = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # ValueError: an empty file cannot be mapped
        return None
    try:
        saved = SegmentPostings(mapping)
    except (ValueError, struct.error, UnicodeDecodeError):
        mapping.close()
        return None
    if saved.doc_count != doc_count:
        return None
    return saved


def save(index_dir: Path, segment_id: str, reader: Any) -> None:
    """Write the postings of a segment reader's text fields (atomically: a half-written file is
    never read)."""
    names = [name for name in text_fields(reader.schema) if name in reader.indexed_field_names()]
    keyed: list[tuple[bytes, list[int], list[float]]] = []
    for name in names:
        prefix = name.encode("utf-8") + _SEPARATOR
        for term in reader.lexicon(name):
            ids, weights = segment_postings(reader, name, term)
            keyed.append((prefix + term, ids, weights))
    keyed.sort(key=lambda item: item[0])
    counts = np.fromiter((len(item[1]) for item in keyed), dtype=np.int64, count=len(keyed))
    starts = np.zeros(len(keyed) + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    key_lengths = np.fromiter((len(item[0]) for item in keyed), dtype=np.int64, count=len(keyed))
    key_starts = np.zeros(len(keyed) + 1, dtype=np.int64)
    np.cumsum(key_lengths, out=key_starts[1:])
    total = int(starts[-1])
    docs = np.fromiter(itertools.chain.from_iterable(item[1] for item in keyed), dtype=np.int32, count=total)
    saved_weights = np.fromiter(
        itertools.chain.from_iterable(item[2] for item in keyed), dtype=np.float32, count=total
    )
    joined_names = "\0".join(names).encode("utf-8")
    head = _HEAD.pack(_MAGIC, _VERSION, reader.doc_count_all(), len(keyed), total, len(joined_names))
    folder = index_dir / FOLDER
    folder.mkdir(exist_ok=True)
    temporary = folder / f".{segment_id}.bin.part"
    with open(temporary, "wb") as out:
        out.write(head + joined_names)
        out.write(b"\0" * (_aligned(len(head) + len(joined_names)) - len(head) - len(joined_names)))
        out.write(key_starts.tobytes())
        out.write(starts.tobytes())
        out.write(docs.tobytes())
        out.write(saved_weights.tobytes())
        out.write(b"".join(item[0] for item in keyed))
    os.replace(temporary, _path(index_dir, segment_id))


def save_missing(ix: FileIndex, index_dir: Path) -> int:
    """Save the postings of every segment that has none; remove those of segments gone. Only the
    index's writer calls this (with the writer lock held). Returns how many segments were saved."""
    saved = 0
    live: set[str] = set()
    with ix.reader() as reader:
        leaves = reader.leaf_readers() if reader.doc_count_all() else []
        for leaf, _ in leaves:
            segment_id = leaf.segment().segment_id()
            live.add(segment_id)
            if not _path(index_dir, segment_id).is_file():
                # Only a cache: a full or read-only disk costs the next searcher Whoosh's blocks, not the run.
                with contextlib.suppress(OSError):
                    save(index_dir, segment_id, leaf)
                    saved += 1
    folder = index_dir / FOLDER
    if folder.is_dir():
        for path in folder.iterdir():
            if path.name.removesuffix(".bin") not in live:
                with contextlib.suppress(OSError):
                    path.unlink()
    return saved


class PostingsFiles:
    """A searcher's saved postings of each segment, loaded once per segment (kept across the
    searchers of later generations: a segment's postings never change)."""

    def __init__(self, index_dir: Path | None) -> None:
        self._index_dir = index_dir
        self._loaded: dict[tuple[str, int], SegmentPostings | None] = {}

    def of(self, reader: Any) -> SegmentPostings | None:
        """The saved postings of a segment reader; None when there are none that fit it."""
        if self._index_dir is None:
            return None
        segment = getattr(reader, "segment", None)
        if segment is None:
            return None
        key = (segment().segment_id(), reader.doc_count_all())
        if key not in self._loaded:
            self._loaded[key] = load(self._index_dir, key[0], key[1])
        return self._loaded[key]
