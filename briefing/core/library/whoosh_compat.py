"""Every use of Whoosh's internals, in one place.

``whoosh3`` has no public API for these, and each is worth having: posting lists read a block at a
time (``posting_ids``), phrase positions decoded without building a Span per position
(``decode_positions``), the index's table of contents read to know whether it changed
(``state_token``), and segment files read through ``mmap`` instead of copied into memory
(``MappedFile``). They depend on private names and encodings of the exact ``whoosh3`` release
pinned (``==``) in pyproject.toml; tests/core/test_whoosh_compat.py checks each of them, so an
upgrade that changes one fails there, loudly, and not as wrong search results.
"""

from __future__ import annotations

import bisect
import contextlib
import contextvars
import itertools
import mmap
import os
import pickle
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from whoosh import formats
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.filedb.structfile import BufferFile
from whoosh.index import FileIndex
from whoosh.matching import Matcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length

from briefing.core.library.position_deltas import added_up

# The whoosh3 release these internals are those of (pyproject.toml pins the same).
WHOOSH_VERSION = "3.54.0"


def decode_positions(raw: bytes) -> Iterator[int]:
    """The positions of a posting of a ``formats.Positions`` field, as its ``decode_positions``
    reads them: a 4-byte weight, then the pickled position deltas (the final "." may be cut)."""
    if not raw.endswith(b"."):
        raw += b"."
    return itertools.accumulate(pickle.loads(raw[_INT_SIZE:]))


_PICKLE2 = b"\x80\x02"


def decode_positions_batch(
    raws: Sequence[bytes],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]] | None:
    """The positions of many postings of a ``formats.Positions`` field, decoded in one call: each
    posting's positions (ascending) flat, and how many each posting has. None if one is not of the
    shape ``decode_deltas_batch`` reads (then decode one by one)."""
    decoded = decode_deltas_batch(raws)
    if decoded is None:
        return None
    flat, counts = decoded
    return added_up(flat, counts), counts


def decode_deltas_batch(
    raws: Sequence[bytes],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]] | None:
    """The position deltas (as stored: the first position, then each one's distance from the one
    before) of many postings of a ``formats.Positions`` field, flat, and how many each posting has.
    Each raw value is a 4-byte weight and a protocol-2 pickle of a list of position deltas; the
    pickles' bodies are joined inside one list and unpickled at once. None if one is not of that shape."""
    if not raws:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    joined = np.frombuffer(b"".join(raws), dtype=np.uint8)
    ends = np.cumsum(np.fromiter(map(len, raws), dtype=np.int64, count=len(raws)))
    head = ends - np.fromiter(map(len, raws), dtype=np.int64, count=len(raws))
    if int(np.min(ends - head)) < _INT_SIZE + 4:
        return None
    opening = joined[head[:, None] + np.arange(_INT_SIZE, _INT_SIZE + 3)]
    if not (bool(np.all(opening == np.frombuffer(_PICKLE2 + b"]", dtype=np.uint8))) and bool(
        np.all(joined[ends - 1] == ord("."))
    )):
        return None
    # Each body (an empty list, its memo, its appends): without the weight, protocol and STOP.
    keep = np.ones(len(joined), dtype=bool)
    keep[(head[:, None] + np.arange(_INT_SIZE + 2)).ravel()] = False
    keep[ends - 1] = False
    # MARK, the bodies, LIST of everything since the MARK, STOP: one list of each posting's deltas.
    deltas = pickle.loads(_PICKLE2 + b"(" + joined[keep].tobytes() + b"l.")
    if not isinstance(deltas, list) or len(deltas) != len(raws):
        return None
    counts = np.fromiter(map(len, deltas), dtype=np.int64, count=len(deltas))
    flat = np.fromiter(itertools.chain.from_iterable(deltas), dtype=np.int64, count=int(counts.sum()))
    return flat, counts


def posting_ids(matcher: Matcher) -> Iterable[int]:
    """The document numbers of a posting list: a block at a time when it is a plain Whoosh 3 list."""
    deleted: set[int] | None = None
    if isinstance(matcher, FilterMatcher) and getattr(matcher, "_exclude", False):
        deleted = set(matcher._ids)
        matcher = matcher.child
    if not isinstance(matcher, W3LeafMatcher):
        ids: Iterable[int] = matcher.all_ids()
    else:
        collected: list[int] = []
        while matcher.is_active():
            matcher._read_ids()  # whoosh3 has no public block reader
            collected.extend(matcher._ids or ())
            matcher._next_block()
        ids = collected
    if deleted:
        return [d for d in ids if d not in deleted]
    return ids


_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.int64)


def field_lengths(reader: Any, fieldname: str) -> npt.NDArray[np.int64]:
    """Every document's length of ``fieldname`` in one segment, as its BM25F scorer reads it
    (``doc_field_length(docnum, fieldname, 1)``), the whole column at once."""
    count = reader.doc_count_all()
    column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is None:
        return np.ones(count, dtype=np.int64)
    found = np.zeros(count, dtype=np.uint8)
    loaded = np.asarray(column.load(), dtype=np.uint8)[:count]
    found[: len(loaded)] = loaded
    return _LENGTHS[found]


# Decoded posting blocks shared by every posting list read inside ``shared_blocks()``, by
# (postings file, block offset); the file is kept in the value so that its id() stays its own.
_SHARED: contextvars.ContextVar[dict[tuple[int, int], tuple[Any, Any]] | None] = contextvars.ContextVar(
    "briefing_shared_blocks", default=None
)
_READ_DATA = W3LeafMatcher._read_data


def _read_data(self: Any) -> None:
    blocks = _SHARED.get()
    if blocks is None:
        _READ_DATA(self)
        return
    key = (id(self._postfile), self._dataoffset)
    found = blocks.get(key)
    if found is None:
        _READ_DATA(self)
        blocks[key] = (self._postfile, self._data)
    else:
        self._data = found[1]


# Whoosh 3 decodes a block (one pickle of its ids, weights and values) each time a posting list
# enters it: within shared_blocks(), a block decoded once is handed to every later reader.
W3LeafMatcher._read_data = _read_data


@contextlib.contextmanager
def shared_blocks() -> Iterator[None]:
    """Within it, each posting block is decoded once (one query's passes over the same words);
    the blocks are let go at its end. Whoosh treats a decoded block as read-only."""
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def state_token(ix: FileIndex) -> str:
    """Changes whenever the index's documents may have changed (generation and segments)."""
    toc = ix._read_toc()
    segments = ",".join(f"{s.segment_id()}:{s.deleted_count()}" for s in toc.segments)
    return f"{toc.generation}:{segments}"


class _Window:
    """A read-only file object over a slice of a memory map: reads copy what they return, nothing more."""

    __slots__ = ("_pos", "_view")

    def __init__(self, view: memoryview) -> None:
        self._view = view
        self._pos = 0

    def read(self, size: int | None = -1) -> bytes:
        start = self._pos
        end = len(self._view) if size is None or size < 0 else min(len(self._view), start + size)
        self._pos = max(start, end)
        return bytes(self._view[start:end])

    def peek(self, size: int = 0) -> bytes:
        # pickle.load reads ahead through peek (and then skips what it used) instead of
        # calling read() for every opcode; a short look-ahead keeps the copy small.
        return bytes(self._view[self._pos : self._pos + min(max(size, 1), 2048)])

    def readinto(self, buffer: Any) -> int:
        target = memoryview(buffer).cast("B")
        data = self.read(len(target))
        target[: len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        view, start = self._view, self._pos
        limit = len(view) if size is None or size < 0 else min(len(view), start + size)
        end = start
        while end < limit and view[end] != 10:
            end += 1
        return self.read(min(limit, end + 1) - start)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: len(self._view)}[whence]
        self._pos = base + offset
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self._view.release()


class MappedFile(BufferFile):
    """A segment file read through ``mmap`` without copying it: Whoosh's BufferFile puts the whole
    buffer into a BytesIO, so every searcher held an in-memory copy of each compound segment (about
    8 KB an article). Slices of it (the parts of a compound segment) share the same mapping.
    The OS file is closed as soon as it is mapped: a reader holds no file handle."""

    def __init__(
        self, view: memoryview, name: str | None = None, onclose: Any = None, mapping: mmap.mmap | None = None
    ) -> None:
        self._buf = view
        self._name = name
        self.file = _Window(view)
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False
        self._mapping = mapping

    def subset(self, position: int, length: int, name: str | None = None) -> MappedFile:
        view = memoryview(self._buf)[position : position + length]
        return MappedFile(view, name=name or self._name)

    def close(self) -> None:
        if self.is_closed:
            raise ValueError("this file is already closed")
        if self.onclose:
            self.onclose(self)
        self.is_closed = True
        self.file.close()
        if self._mapping is not None:
            # BufferError: a part of it is still open somewhere; it is unmapped when that part is freed.
            with contextlib.suppress(BufferError):
                self._mapping.close()
            self._mapping = None


class LeafPostings:
    """A term's whole posting list in one segment, read a block at a time: document numbers, weights
    and raw values in posting order, with the term's scorer and the boost of an enclosing filter."""

    __slots__ = ("boost", "deleted", "ids", "scorer", "values", "weights")

    def __init__(self) -> None:
        self.ids: list[int] = []
        self.weights: list[float] = []
        self.values: list[Any] = []
        self.scorer: Any = None
        self.boost: float | None = None  # the FilterMatcher's boost, when the leaf is wrapped in one
        self.deleted: set[int] = set()


def is_plain_leaf(matcher: Matcher) -> bool:
    """A plain Whoosh 3 posting list, or one behind the filter of a segment's deleted documents."""
    if type(matcher) is FilterMatcher:
        return bool(getattr(matcher, "_exclude", False)) and type(matcher.child) is W3LeafMatcher
    return type(matcher) is W3LeafMatcher


def leaf_postings(
    matcher: Matcher, wanted: Sequence[int] | None = None, *, values: bool = True
) -> LeafPostings | None:
    """The rest of a plain Whoosh 3 posting list (optionally behind the filter of a segment's
    deleted documents), read to the end: ``matcher`` is used up. With ``wanted`` (ascending
    document numbers), only the blocks that may hold one of them are decoded, the others skipped
    by their header. None for any other matcher (nothing is read then). The filtered-out
    documents are in ``deleted``, not removed."""
    found = LeafPostings()
    leaf: Any = matcher
    if type(matcher) is FilterMatcher:
        if not getattr(matcher, "_exclude", False):
            return None
        found.deleted = set(matcher._ids)
        found.boost = matcher.boost
        leaf = matcher.child
    if type(leaf) is not W3LeafMatcher:
        return None
    found.scorer = leaf.scorer
    j, count = 0, len(wanted) if wanted is not None else 0
    while leaf.is_active():
        if wanted is not None:
            if j >= count:
                break  # no wanted document left
            if wanted[j] > leaf._maxid:  # the block ends before the next wanted document
                leaf._next_block()
                continue
        start = leaf._i  # a filter may have moved past deleted documents inside the first block
        leaf._read_ids()  # whoosh3 has no public block reader
        leaf._read_weights()
        found.ids.extend(leaf._ids[start:])
        found.weights.extend(leaf._weights[start:])
        if values:
            leaf._read_values()
            found.values.extend(leaf._values[start:])
        if wanted is not None:
            j = bisect.bisect_right(wanted, leaf._maxid, j)
        leaf._next_block()
    return found


class SegmentTerm:
    """One term's whole posting list in a segment, deleted documents included (as written):
    document numbers, weights and, for a field with positions, each posting's position deltas
    (flat) and how many it has (else None)."""

    __slots__ = ("counts", "deltas", "fieldname", "ids", "term", "weights")

    def __init__(
        self,
        fieldname: str,
        term: bytes,
        ids: npt.NDArray[np.int32],
        weights: npt.NDArray[np.float32],
        deltas: npt.NDArray[np.int64] | None,
        counts: npt.NDArray[np.int64] | None,
    ) -> None:
        self.fieldname = fieldname
        self.term = term
        self.ids = ids
        self.weights = weights
        self.deltas = deltas
        self.counts = counts


def segment_postings(reader: Any, fieldnames: Iterable[str]) -> Iterator[SegmentTerm]:
    """Every term of ``fieldnames`` in one segment reader, in the terms table's order, with its whole
    posting list (and positions, for a ``formats.Positions`` field), read a block at a time. The
    terms table is walked once (no look-up of each term's info)."""
    wanted = {name: reader.schema[name].format for name in fieldnames}
    terms = reader._terms  # whoosh3 has no public walk of the terms with their postings
    for (fieldname, term), info in terms.items():
        format_ = wanted.get(fieldname)
        if format_ is None:
            continue
        positioned = type(format_) is formats.Positions
        matcher: Any = terms._codec.postings_reader(terms._postfile, info, format_, term=(fieldname, term))
        ids: list[int] = []
        weights: list[float] = []
        values: list[bytes] = []
        if type(matcher) is W3LeafMatcher:
            while matcher.is_active():
                matcher._read_ids()  # whoosh3 has no public block reader
                matcher._read_weights()
                ids.extend(matcher._ids)
                weights.extend(matcher._weights)
                if positioned:
                    matcher._read_values()
                    values.extend(matcher._values)
                matcher._next_block()
        else:  # an inlined list (never written by the pinned codec's settings)
            while matcher.is_active():
                ids.append(matcher.id())
                weights.append(matcher.weight())
                if positioned:
                    values.append(matcher.value())
                matcher.next()
        deltas = counts = None
        if positioned:
            decoded = decode_deltas_batch(values)
            if decoded is None:
                each = [np.diff(np.fromiter(decode_positions(v), dtype=np.int64), prepend=0) for v in values]
                decoded = (
                    np.concatenate(each) if each else np.zeros(0, dtype=np.int64),
                    np.fromiter(map(len, each), dtype=np.int64, count=len(each)),
                )
            deltas, counts = decoded
        yield SegmentTerm(
            fieldname,
            term,
            np.asarray(ids, dtype=np.int32),
            np.asarray(weights, dtype=np.float32),
            deltas,
            counts,
        )
