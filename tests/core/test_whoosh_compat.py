"""Whoosh's internals that briefing.core.library.whoosh_compat uses, checked on real indexes on disk.

Each test fails on a whoosh3 release that renames, reshapes or re-encodes one of them: upgrade
Whoosh only with these green (and the pin in pyproject.toml moved with WHOOSH_VERSION).
"""

from __future__ import annotations

import importlib.metadata
import inspect
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from whoosh import fields, system
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import BufferFile
from whoosh.index import FileIndex
from whoosh.matching import UnionMatcher
from whoosh.matching.wrappers import FilterMatcher

from briefing.core.library.whoosh_compat import (
    WHOOSH_VERSION,
    MappedFile,
    decode_positions,
    decode_positions_batch,
    field_lengths,
    is_plain_leaf,
    leaf_postings,
    posting_ids,
    segment_postings,
    shared_blocks,
    state_token,
)
from tests.conftest import PROJECT

DOCS = 700  # several of Whoosh 3's posting blocks (at most 128 postings each)


def test_whoosh3_is_pinned_to_the_release_these_internals_are_of() -> None:
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = [d for d in project["dependencies"] if d.startswith("whoosh3")]
    assert pins == [f"whoosh3=={WHOOSH_VERSION}"]
    assert importlib.metadata.version("whoosh3") == WHOOSH_VERSION


@pytest.fixture
def index(tmp_path: Path) -> Iterator[FileIndex]:
    schema = fields.Schema(id=fields.ID(stored=True, unique=True), body=fields.TEXT(phrase=True))
    ix = FileStorage(str(tmp_path)).create_index(schema)
    with ix.writer() as writer:
        for n in range(DOCS):
            words = ["common", "filler"] * (n % 3) + ["common"]
            if n % 7 == 0:
                words.append("rare")
            writer.add_document(id=str(n), body=" ".join(words))
    yield ix
    ix.close()


def test_positions_decode_as_whoosh_decodes_them(index: FileIndex) -> None:
    assert system._INT_SIZE == 4
    with index.searcher() as searcher:
        matcher = searcher.reader().postings("body", "common")
        seen = 0
        while matcher.is_active():
            expected = matcher.value_as("positions")
            assert list(decode_positions(matcher.value())) == expected
            seen += 1
            matcher.next()
    assert seen == DOCS


def _all_ids(index: FileIndex, word: str) -> list[int]:
    with index.searcher() as searcher:
        return list(searcher.reader().postings("body", word).all_ids())


def test_posting_lists_are_read_a_block_at_a_time(index: FileIndex) -> None:
    with index.searcher() as searcher:
        matcher = searcher.reader().postings("body", "common")
        assert type(matcher) is W3LeafMatcher
        for name in ("_read_ids", "_next_block"):
            assert inspect.signature(getattr(W3LeafMatcher, name)).parameters.keys() == {"self"}
        matcher._read_ids()
        assert len(matcher._ids) == 128  # a full first block, as a sequence of document numbers
    expected = _all_ids(index, "common")
    assert len(expected) == DOCS
    with index.searcher() as searcher:
        assert list(posting_ids(searcher.reader().postings("body", "common"))) == expected


def test_deleted_documents_are_filtered_as_whoosh_filters_them(index: FileIndex) -> None:
    with index.writer() as writer:
        for n in range(0, DOCS, 5):
            writer.delete_by_term("id", str(n))
    with index.searcher() as searcher:
        matcher = searcher.reader().postings("body", "rare")
        assert isinstance(matcher, FilterMatcher)
        assert matcher._exclude is True and isinstance(matcher._ids, (set, frozenset))
        found = posting_ids(matcher)
        stored = {searcher.stored_fields(d)["id"] for d in found}
    assert sorted(found) == _all_ids(index, "rare")
    assert stored == {str(n) for n in range(DOCS) if n % 7 == 0 and n % 5 != 0}


def test_the_state_token_follows_every_commit(index: FileIndex) -> None:
    first = state_token(index)
    assert re.fullmatch(r"\d+:MAIN_[0-9a-z]+:0", first)
    with index.writer() as writer:
        writer.delete_by_term("id", "3")
    second = state_token(index)
    assert second != first and second.endswith(":1")
    with index.writer() as writer:
        writer.add_document(id="new", body="common")
    assert state_token(index) not in (first, second)


def test_mapped_files_stand_in_for_buffer_files() -> None:
    plain = BufferFile(b"abc", name="plain")
    assert {"_buf", "_name", "file", "onclose", "is_real", "is_closed"} <= set(vars(plain))
    assert inspect.signature(BufferFile.subset).parameters.keys() == {"self", "position", "length", "name"}
    mapped = MappedFile(memoryview(b"\x00\x00\x00\x2ahello world"), name="mapped")
    assert mapped.read_int() == 42  # StructFile's readers work on the mapped file
    part = mapped.subset(10, 5)
    assert part.read(5) == b"world" and part._name == "mapped"
    part.close()
    mapped.close()
    assert mapped.is_closed


def _walked(matcher: Any) -> tuple[list[int], list[float], list[bytes]]:
    """Ids, weights and values the plain way: a posting at a time through Whoosh's public methods."""
    ids, weights, values = [], [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        values.append(matcher.value())
        matcher.next()
    return ids, weights, values


def test_whole_posting_lists_are_read_as_whoosh_reads_them(index: FileIndex) -> None:
    with index.writer() as writer:
        for n in (0, 1, 2, 130, 300):  # the first block's opening postings among them
            writer.delete_by_term("id", str(n))
    with index.searcher() as searcher:
        reader = searcher.reader()
        for word in ("common", "rare"):
            matcher = reader.postings("body", word)
            assert is_plain_leaf(matcher) and type(matcher) is FilterMatcher
            found = leaf_postings(matcher)
            assert found is not None and not matcher.is_active()  # used up
            live = [
                (i, w, v)
                for i, w, v in zip(found.ids, found.weights, found.values, strict=True)
                if i not in found.deleted
            ]
            assert live == list(zip(*_walked(reader.postings("body", word)), strict=True))
            assert found.deleted == {0, 1, 2, 130, 300} and found.boost == 1.0
        # Only the blocks that may hold a wanted document are decoded, and they are whole.
        wanted = [5, 600]
        some = leaf_postings(reader.postings("body", "common"), wanted)
        assert some is not None and set(wanted) <= set(some.ids)
        assert 128 <= len(some.ids) < DOCS - 128  # not every block
        assert leaf_postings(reader.postings("body", "common"), []).ids == []  # type: ignore[union-attr]
        union = UnionMatcher(reader.postings("body", "common"), reader.postings("body", "rare"))
        assert not is_plain_leaf(union) and leaf_postings(union) is None


def test_blocks_decoded_once_are_shared_inside_shared_blocks(index: FileIndex) -> None:
    def first_block(reader: Any) -> Any:
        matcher = reader.postings("body", "common")
        matcher._read_ids()
        assert inspect.signature(W3LeafMatcher._read_data).parameters.keys() == {"self"}
        return matcher._data

    with index.searcher() as searcher:
        reader = searcher.reader()
        assert first_block(reader) is not first_block(reader)  # outside: each reader decodes its own
        with shared_blocks():
            shared = first_block(reader)
            assert first_block(reader) is shared
            assert posting_ids(reader.postings("body", "common")) == _all_ids(index, "common")
        assert first_block(reader) is not shared and first_block(reader) == shared


def test_field_lengths_are_the_lengths_bm25f_reads(index: FileIndex) -> None:
    with index.searcher() as searcher:
        reader = searcher.reader()
        lengths = field_lengths(reader, "body")
        assert len(lengths) == reader.doc_count_all() == DOCS
        assert lengths.tolist() == [reader.doc_field_length(d, "body", 1) for d in range(DOCS)]
        assert set(lengths.tolist()) == {1, 3, 5, 2, 4, 6}  # "common" alone, with fillers, "rare"
        assert field_lengths(reader, "id").tolist() == [1] * DOCS  # no length column: BM25F's default


def test_positions_decode_in_one_batch_as_one_by_one(index: FileIndex) -> None:
    with index.searcher() as searcher:
        matcher = searcher.reader().postings("body", "common")
        raws = []
        while matcher.is_active():
            raws.append(matcher.value())
            matcher.next()
    decoded = decode_positions_batch(raws)
    assert decoded is not None
    positions, counts = decoded
    expected = [list(decode_positions(raw)) for raw in raws]
    assert counts.tolist() == [len(e) for e in expected]
    assert positions.tolist() == [p for e in expected for p in e]
    assert max(counts) > 1  # several positions in one posting: deltas added up
    assert decode_positions_batch([raws[0][:-1] + b"x"]) is None  # another shape: one by one
    empty = decode_positions_batch([])
    assert empty is not None and not len(empty[0])


def test_a_segments_postings_are_walked_whole_with_its_deleted_documents(index: FileIndex) -> None:
    """Every term of the fields asked for, with its ids, weights and positions (as deltas, with a
    count per posting) as written (the deleted too)."""
    with index.reader() as reader:
        written = {}
        for term in reader.lexicon("body"):
            ids, weights, values = _walked(reader.postings("body", term))
            positions = [list(decode_positions(value)) for value in values]
            deltas = [p - before for ps in positions for p, before in zip(ps, [0, *ps[:-1]], strict=True)]
            written[term] = (ids, weights, deltas, [len(ps) for ps in positions])
    with index.writer() as writer:
        for n in range(0, DOCS, 5):
            writer.delete_by_term("id", str(n))
    with index.reader() as reader:
        assert reader.has_deletions()
        walked = {}
        for found in segment_postings(reader, ["body"]):
            assert found.fieldname == "body" and found.deltas is not None and found.counts is not None
            walked[found.term] = (
                found.ids.tolist(), found.weights.tolist(), found.deltas.tolist(), found.counts.tolist()
            )
    assert walked == written
    assert len(walked[b"common"][0]) == DOCS  # the deleted documents are still in the written lists
