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

from briefing.core.library import segment_files
from briefing.core.library.whoosh_compat import segment_postings

FOLDER = "postings"
_MAGIC = b"BRPOSTS\n"
_VERSION = 1
# magic, version, doc count, terms, postings, length of the segment id, length of the fields' names
_HEAD = struct.Struct("<8sqqqqqq")
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
        "segment_id",
    )

    def __init__(self, mapping: mmap.mmap) -> None:
        magic, version, doc_count, terms, postings, id_length, names_length = _HEAD.unpack_from(mapping, 0)
        if (
            magic != _MAGIC
            or version != _VERSION
            or min(doc_count, terms, postings, id_length, names_length) < 0
        ):
            raise ValueError("not a postings file")
        self.doc_count: int = doc_count
        offset = _HEAD.size
        self.segment_id = mapping[offset : offset + id_length].decode("utf-8")
        offset += id_length
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

    def close(self) -> None:
        """Let the memory map go (its file may be deleted once a merge replaced the segment)."""
        empty = np.zeros(0, dtype=np.int64)
        self._key_starts = self._starts = empty
        self._docs = empty.astype(np.int32)
        self._weights = empty.astype(np.float32)
        self._terms = 0
        # BufferError: an array of it is still in use; it is unmapped when that is freed.
        with contextlib.suppress(BufferError):
            self._map.close()

    def fits(self, reader: Any) -> bool:
        """Whether the first and last saved terms are the reader's, with as many documents."""
        for index in {0, self._terms - 1} if self._terms else ():
            fieldname, _, term = self._key(index).partition(_SEPARATOR)
            name = fieldname.decode("utf-8", "replace")
            count = int(self._starts[index + 1] - self._starts[index])
            if name not in reader.schema or (name, term) not in reader:
                return False
            if reader.doc_frequency(name, term) != count:
                return False
        return True

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


def load(index_dir: Path, reader: Any) -> SegmentPostings | None:
    """The saved postings of a segment reader's segment; None if missing, damaged or not of this
    segment (a stale file: another segment id, document count, or first and last terms' document
    frequencies)."""
    segment_id = reader.segment().segment_id()
    try:
        with open(_path(index_dir, segment_id), "rb") as file:
            mapping = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # ValueError: an empty file cannot be mapped
        return None
    try:
        saved = SegmentPostings(mapping)
        if (
            saved.segment_id == segment_id
            and saved.doc_count == reader.doc_count_all()
            and saved.fits(reader)
        ):
            return saved
    except (ValueError, struct.error, UnicodeDecodeError):
        pass
    # BufferError: an array over it is still referenced; it is unmapped when that is freed.
    with contextlib.suppress(BufferError):
        mapping.close()
    return None


def save(index_dir: Path, segment_id: str, reader: Any) -> None:
    """Write the postings of a segment reader's text fields (atomically: a half-written file is
    never read)."""
    names = [name for name in text_fields(reader.schema) if name in reader.indexed_field_names()]
    keyed: list[tuple[bytes, list[int], list[float]]] = [
        (fieldname.encode("utf-8") + _SEPARATOR + term, ids, weights)
        for fieldname, term, ids, weights in segment_postings(reader, names)
    ]
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
    own_id = segment_id.encode("utf-8")
    joined_names = "\0".join(names).encode("utf-8")
    head = _HEAD.pack(
        _MAGIC, _VERSION, reader.doc_count_all(), len(keyed), total, len(own_id), len(joined_names)
    )
    head += own_id + joined_names
    folder = index_dir / FOLDER
    folder.mkdir(exist_ok=True)
    temporary = folder / f".{segment_id}.bin.part"
    with open(temporary, "wb") as out:
        out.write(head + b"\0" * (_aligned(len(head)) - len(head)))
        out.write(key_starts.tobytes())
        out.write(starts.tobytes())
        out.write(docs.tobytes())
        out.write(saved_weights.tobytes())
        out.write(b"".join(item[0] for item in keyed))
    os.replace(temporary, _path(index_dir, segment_id))


def save_missing(ix: FileIndex, index_dir: Path) -> int:
    """Save the postings of every segment that has none; remove those of segments gone (the
    index's writer only). Returns how many segments were saved."""
    return segment_files.save_missing(
        ix, index_dir / FOLDER, ".bin", lambda leaf, segment_id: save(index_dir, segment_id, leaf)
    )


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
            self._loaded[key] = load(self._index_dir, reader)
        return self._loaded[key]

    def retain(self, reader: Any) -> None:
        """Keep only the files of the segments of ``reader`` (a new searcher's): the others are
        unmapped, so the files of segments merged away are not held open."""
        live: set[str] = set()
        if reader.doc_count_all():
            for leaf, _ in reader.leaf_readers():
                segment = getattr(leaf, "segment", None)
                if segment is not None:
                    live.add(segment().segment_id())
        for key in [key for key in self._loaded if key[0] not in live]:
            saved = self._loaded.pop(key)
            if saved is not None:
                saved.close()

    def close(self) -> None:
        """Unmap every file."""
        for saved in self._loaded.values():
            if saved is not None:
                saved.close()
        self._loaded.clear()
