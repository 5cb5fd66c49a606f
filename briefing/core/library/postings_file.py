"""Each segment's word postings (document numbers and weights) as arrays, kept on disk beside the index.

Whoosh 3 pickles a posting block's document numbers, weights and positions together, so a word
search unpickled every block of its words (positions included) to count and rank its matches:
about half of a word search at 100,000 articles. A segment's postings never change (deletions only
hide documents), so the index's one writer saves each new segment's text fields' postings once, at
the end of a run, in ``postings/<segment id>.bin``; a searcher maps the file into memory and reads a
word's documents and weights as numpy views of it. A segment without one (written meanwhile, or a
library indexed before these files existed, until its next run), or with a file that does not fit
it, is read from Whoosh's blocks as before.

A phrase needs each word's positions in its documents, which Whoosh keeps pickled in the same
blocks (unpickling them was about half of a phrase search at 100,000 articles): the file holds
them too, for the fields with positions, as each posting's count and its position deltas.

The file: a header (magic, version, the segment's document count, counts of terms, postings and
positions, the width of the counts and deltas (2 or 4 bytes: 4 when one does not fit 2), the
fields' names, those with positions), then arrays each aligned to 8 bytes: each key's start in
the keys (int64, terms + 1), each term's first posting (int64, terms + 1), each term's first
position (int64, terms + 1), document numbers (int32), weights (float32: Whoosh keeps weights as
float32, so they are exact), each posting's count of positions (0 in a field without positions),
the positions as deltas (the first position, then each one's distance from the one before), and
the keys (``field\\0term``, sorted as bytes). A file of another version is stale: the writer
writes it again (``save_missing``) and searchers read Whoosh's blocks until then.
"""

from __future__ import annotations

import bisect
import contextlib
import mmap
import os
import struct
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from whoosh import fields
from whoosh.index import FileIndex

from briefing.core.library import segment_files
from briefing.core.library.mapped_files import map_file
from briefing.core.library.position_deltas import added_up
from briefing.core.library.whoosh_compat import segment_postings

FOLDER = "postings"
_MAGIC = b"BRPOSTS\n"
_VERSION = 2  # 2: positions
# magic, version, doc count, terms, postings, positions, width of counts and deltas, length of the
# segment id, of the fields' names, of the names of those with positions
_HEAD = struct.Struct("<8sqqqqqqqqq")
_SEPARATOR = b"\0"

Docs = npt.NDArray[np.int32]
Weights = npt.NDArray[np.float32]
Positions = npt.NDArray[np.int64]


def text_fields(schema: fields.Schema) -> list[str]:
    """The fields whose postings are saved: the text fields words are searched in."""
    return sorted(name for name, field in schema.items() if isinstance(field, fields.TEXT))


def _path(index_dir: Path, segment_id: str) -> Path:
    return index_dir / FOLDER / f"{segment_id}.bin"


def _aligned(size: int) -> int:
    return (size + 7) // 8 * 8


def _names(raw: bytes) -> frozenset[str]:
    return frozenset(raw.decode("utf-8").split("\0")) if raw else frozenset()


class TermPositions:
    """A term's positions in one segment: for each of its postings (in posting order) where its
    positions start in ``deltas`` and how many there are."""

    __slots__ = ("counts", "deltas", "firsts")

    def __init__(self, deltas: npt.NDArray[Any], firsts: Positions, counts: Positions) -> None:
        self.deltas = deltas
        self.firsts = firsts
        self.counts = counts

    def of(self, rows: Positions) -> tuple[Positions, Positions]:
        """The positions (ascending) of the postings ``rows``, flat, and how many each has."""
        counts = self.counts[rows]
        total = int(counts.sum())
        if not total:
            return np.zeros(0, dtype=np.int64), counts
        # Each posting's deltas gathered: its first index, then one more at each step.
        before = np.cumsum(counts) - counts
        gather = np.repeat(self.firsts[rows] - before, counts) + np.arange(total, dtype=np.int64)
        return added_up(self.deltas[gather].astype(np.int64), counts), counts


class SegmentPostings:
    """The saved postings of one segment, read through a memory map."""

    __slots__ = (
        "_counts",
        "_deltas",
        "_docs",
        "_key_starts",
        "_keys",
        "_map",
        "_position_starts",
        "_starts",
        "_terms",
        "_weights",
        "doc_count",
        "fields",
        "positioned",
        "segment_id",
    )

    def __init__(self, mapping: mmap.mmap) -> None:
        (magic, version, doc_count, terms, postings, positions, width, id_length, names_length,
         positioned_length) = _HEAD.unpack_from(mapping, 0)
        if (
            magic != _MAGIC
            or version != _VERSION
            or width not in (2, 4)
            or min(doc_count, terms, postings, positions, id_length, names_length, positioned_length) < 0
        ):
            raise ValueError("not a postings file")
        self.doc_count: int = doc_count
        offset = _HEAD.size
        self.segment_id = mapping[offset : offset + id_length].decode("utf-8")
        offset += id_length
        self.fields = _names(mapping[offset : offset + names_length])
        offset += names_length
        self.positioned = _names(mapping[offset : offset + positioned_length]) & self.fields
        offset = _aligned(offset + positioned_length)
        kind = np.uint16 if width == 2 else np.uint32
        need = offset + 24 * (terms + 1) + 2 * _aligned(4 * postings) + _aligned(width * postings)
        if len(mapping) < need + _aligned(width * positions):
            raise ValueError("a postings file cut short")
        self._key_starts = np.frombuffer(mapping, dtype=np.int64, count=terms + 1, offset=offset)
        offset += 8 * (terms + 1)
        self._starts = np.frombuffer(mapping, dtype=np.int64, count=terms + 1, offset=offset)
        offset += 8 * (terms + 1)
        self._position_starts = np.frombuffer(mapping, dtype=np.int64, count=terms + 1, offset=offset)
        offset += 8 * (terms + 1)
        self._docs: Docs = np.frombuffer(mapping, dtype=np.int32, count=postings, offset=offset)
        offset = _aligned(offset + 4 * postings)
        self._weights: Weights = np.frombuffer(mapping, dtype=np.float32, count=postings, offset=offset)
        offset = _aligned(offset + 4 * postings)
        self._counts: npt.NDArray[Any] = np.frombuffer(mapping, dtype=kind, count=postings, offset=offset)
        offset = _aligned(offset + width * postings)
        self._deltas: npt.NDArray[Any] = np.frombuffer(mapping, dtype=kind, count=positions, offset=offset)
        offset = _aligned(offset + width * positions)
        self._keys = offset
        if (
            int(self._starts[-1]) != postings
            or int(self._position_starts[-1]) != positions
            or len(mapping) < offset + int(self._key_starts[-1])
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
        self._key_starts = self._starts = self._position_starts = empty
        self._docs = empty.astype(np.int32)
        self._weights = empty.astype(np.float32)
        self._counts = self._deltas = empty.astype(np.uint16)
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

    def _find(self, fieldname: str, term: bytes) -> int | None:
        """The term's index among the saved terms; None when it is not in the segment."""
        key = fieldname.encode("utf-8") + _SEPARATOR + term
        index = bisect.bisect_left(range(self._terms), key, key=self._key)
        if index >= self._terms or self._key(index) != key:
            return None
        return index

    def postings(self, fieldname: str, term: bytes) -> tuple[Docs, Weights] | None:
        """The term's document numbers (ascending, deleted documents included) and weights; empty
        arrays for a term not in the segment; None for a field not saved or a term whose saved document
        numbers are damaged (read it from Whoosh)."""
        if fieldname not in self.fields:
            return None
        index = self._find(fieldname, term)
        if index is None:
            return self._docs[:0], self._weights[:0]
        start, end = int(self._starts[index]), int(self._starts[index + 1])
        docs = self._docs[start:end]
        # Checked a term at a time, as it is read: checking every document number when the file is
        # opened read all of it (136 MB at 100,000 articles) into the process's memory.
        if len(docs) and not 0 <= int(docs.min()) <= int(docs.max()) < self.doc_count:
            return None  # damaged: Whoosh's own blocks are read instead
        return docs, self._weights[start:end]

    def positions(self, fieldname: str, term: bytes) -> TermPositions | None:
        """The positions of the term's postings (as ``postings`` lists them); None for a field
        whose positions are not saved, a term not in the segment, or counts that do not add up."""
        if fieldname not in self.positioned:
            return None
        index = self._find(fieldname, term)
        if index is None:
            return None
        start, end = int(self._starts[index]), int(self._starts[index + 1])
        first, last = int(self._position_starts[index]), int(self._position_starts[index + 1])
        counts = self._counts[start:end].astype(np.int64)
        ends = np.cumsum(counts)
        if (len(counts) and int(ends[-1]) != last - first) or not bool(np.all(counts > 0)):
            return None
        return TermPositions(self._deltas[first:last], ends - counts, counts)


def load(index_dir: Path, reader: Any) -> SegmentPostings | None:
    """The saved postings of a segment reader's segment; None if missing, damaged, of another
    version or not of this segment (a stale file: another segment id, document count, or first and
    last terms' document frequencies)."""
    segment_id = reader.segment().segment_id()
    try:
        with open(_path(index_dir, segment_id), "rb") as file:
            mapping = map_file(file)
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


def _stamp(path: Path) -> tuple[int, int] | None:
    """A file's modification time and size, None if there is none."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size


def is_current(path: Path) -> bool:
    """Whether the file at ``path`` need not be written again: of this version, or of a newer one (a
    newer Briefing's, which this one does not read but leaves alone); an older one is written again."""
    try:
        with open(path, "rb") as file:
            head = file.read(16)
    except OSError:
        return False
    return len(head) == 16 and head[:8] == _MAGIC and struct.unpack("<q", head[8:])[0] >= _VERSION


def _concatenated(parts: list[npt.NDArray[Any]], dtype: Any) -> npt.NDArray[Any]:
    return np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype=dtype)


def save(index_dir: Path, segment_id: str, reader: Any) -> None:
    """Write the postings of a segment reader's text fields (atomically: a half-written file is
    never read)."""
    names = [name for name in text_fields(reader.schema) if name in reader.indexed_field_names()]
    keyed = [(t.fieldname.encode("utf-8") + _SEPARATOR + t.term, t) for t in segment_postings(reader, names)]
    keyed.sort(key=lambda item: item[0])
    positioned = sorted({t.fieldname for _, t in keyed if t.counts is not None})
    terms = [t for _, t in keyed]
    no_counts = np.zeros(0, dtype=np.int64)

    def starts_of(lengths: Iterable[int]) -> npt.NDArray[np.int64]:
        found = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(lengths, dtype=np.int64, count=len(terms)), out=found[1:])
        return found

    key_starts = starts_of(len(key) for key, _ in keyed)
    starts = starts_of(len(t.ids) for t in terms)
    position_starts = starts_of(len(t.deltas) if t.deltas is not None else 0 for t in terms)
    counts = [t.counts if t.counts is not None else np.zeros(len(t.ids), dtype=np.int64) for t in terms]
    deltas = [t.deltas if t.deltas is not None else no_counts for t in terms]
    widest = max((int(part.max(initial=0)) for part in (*counts, *deltas)), default=0)
    width = 2 if widest <= np.iinfo(np.uint16).max else 4
    kind = np.uint16 if width == 2 else np.uint32
    arrays = [
        key_starts,
        starts,
        position_starts,
        _concatenated([t.ids for t in terms], np.int32),
        _concatenated([t.weights for t in terms], np.float32),
        _concatenated(counts, kind),
        _concatenated(deltas, kind),
    ]
    own_id = segment_id.encode("utf-8")
    joined_names = "\0".join(names).encode("utf-8")
    joined_positioned = "\0".join(positioned).encode("utf-8")
    head = _HEAD.pack(
        _MAGIC, _VERSION, reader.doc_count_all(), len(terms), int(starts[-1]), int(position_starts[-1]),
        width, len(own_id), len(joined_names), len(joined_positioned),
    )
    head += own_id + joined_names + joined_positioned
    folder = index_dir / FOLDER
    folder.mkdir(exist_ok=True)
    temporary = folder / f".{segment_id}.bin.part"
    with open(temporary, "wb") as out:
        out.write(head + b"\0" * (_aligned(len(head)) - len(head)))
        for array in arrays:
            data = array.tobytes()
            out.write(data + b"\0" * (_aligned(len(data)) - len(data)))
        out.write(b"".join(key for key, _ in keyed))
    os.replace(temporary, _path(index_dir, segment_id))


def save_missing(ix: FileIndex, index_dir: Path) -> int:
    """Save the postings of every segment that has none; remove those of segments gone (the
    index's writer only). Returns how many segments were saved."""
    return segment_files.save_missing(
        ix, index_dir / FOLDER, ".bin", lambda leaf, segment_id: save(index_dir, segment_id, leaf), is_current
    )


class PostingsFiles:
    """A searcher's saved postings of each segment, loaded once per segment (kept across the
    searchers of later generations: a segment's postings never change)."""

    def __init__(self, index_dir: Path | None) -> None:
        self._index_dir = index_dir
        self._loaded: dict[tuple[str, int], SegmentPostings | None] = {}
        # For a segment without a file that fits: the file as it was then (None: no file). A writer
        # may write it later (an older version's file is written again at the next run), and an open
        # searcher takes it up when it appears or changes.
        self._missing: dict[tuple[str, int], tuple[int, int] | None] = {}

    def of(self, reader: Any) -> SegmentPostings | None:
        """The saved postings of a segment reader; None when there are none that fit it."""
        if self._index_dir is None:
            return None
        segment = getattr(reader, "segment", None)
        if segment is None:
            return None
        segment_id = segment().segment_id()
        key = (segment_id, reader.doc_count_all())
        if key in self._loaded and self._loaded[key] is None:
            stamp = _stamp(_path(self._index_dir, segment_id))
            if stamp != self._missing.get(key):
                del self._loaded[key]
        if key not in self._loaded:
            stamp = _stamp(_path(self._index_dir, segment_id))
            saved = self._loaded[key] = load(self._index_dir, reader)
            if saved is None:
                self._missing[key] = stamp
            else:
                self._missing.pop(key, None)
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
            self._missing.pop(key, None)
            if saved is not None:
                saved.close()

    def close(self) -> None:
        """Unmap every file."""
        for saved in self._loaded.values():
            if saved is not None:
                saved.close()
        self._loaded.clear()
        self._missing.clear()
