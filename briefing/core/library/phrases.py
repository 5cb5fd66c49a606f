"""Exact phrases in one segment: candidates by array intersection, positions checked once per candidate.

Whoosh's phrase matcher walks an intersection of the words' posting lists one document at a time in
Python (a skip_to per word per document holding every word) and checks positions there. Here each
word's posting list is read whole, a block at a time; the documents holding every word are one numpy
intersection; the positions are checked for those documents only, once, and the matcher then steps
through the documents that hold the phrase. A match's score is what Whoosh's phrase matcher gives it:
each word's scorer on that document (its weight, the field's length), summed in Whoosh's binary-tree
order (its intersection matcher's ``a.score() + b.score()``), so the same floats in the same order.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from whoosh import matching, scoring
from whoosh.query.spans import Span

from briefing.core.library.whoosh_compat import (
    LeafPostings,
    decode_positions,
    decode_positions_batch,
    is_plain_leaf,
    leaf_postings,
)

# Scorers known to look only at the matcher's weight() and id() (BM25F, PL2, DFree are WeightLengthScorers).
_PLAIN_SCORES = (scoring.WeightLengthScorer.score, scoring.WeightScorer.score)


def adjacent_matcher(ms: Sequence[matching.Matcher], frequencies: Sequence[int]) -> matching.Matcher | None:
    """A matcher of the documents where the words of ``ms`` (term matchers of one segment, in phrase
    order, with each word's document frequency) stand one after the other; None, with nothing read,
    unless each is a plain posting list. The rarest word is read whole, the others only in the
    blocks that may hold a document found so far."""
    if not ms or not all(is_plain_leaf(m) and _plain_scorer(m) for m in ms):
        return None
    lists: list[LeafPostings | None] = [None] * len(ms)
    candidates: npt.NDArray[np.int64] | None = None
    for k in sorted(range(len(ms)), key=lambda k: frequencies[k]):
        postings = leaf_postings(ms[k], None if candidates is None else candidates.tolist())
        if postings is None:  # cannot happen after is_plain_leaf
            return None
        lists[k] = postings
        ids = np.asarray(postings.ids, dtype=np.int64)
        if postings.deleted and len(ids):
            ids = ids[~np.isin(ids, np.fromiter(postings.deleted, dtype=np.int64))]
        candidates = ids if candidates is None else np.intersect1d(candidates, ids, assume_unique=True)
    assert candidates is not None
    read = [p for p in lists if p is not None]
    return _Adjacent(*_find(read, candidates), read)


def _plain_scorer(m: matching.Matcher) -> bool:
    scorer = getattr(getattr(m, "child", m), "scorer", None)
    return scorer is not None and type(scorer).score in _PLAIN_SCORES


def _find(
    lists: list[LeafPostings], candidates: npt.NDArray[np.int64]
) -> tuple[list[int], list[list[int]], list[tuple[int, ...]]]:
    """Of ``candidates`` (documents holding every word, ascending), those holding the phrase, each
    one's phrase starts, and for each the index of its posting in every word's list."""
    found = _find_batched(lists, candidates)
    return found if found is not None else _find_one_by_one(lists, candidates)


def _find_batched(
    lists: list[LeafPostings], candidates: npt.NDArray[np.int64]
) -> tuple[list[int], list[list[int]], list[tuple[int, ...]]] | None:
    """_find with every position decoded in one call per word and the check done on arrays: a
    phrase start s of candidate c is the key c * 2**32 + s + len(words) in every word k's keys
    (its positions p give c * 2**32 + p - k + len(words)). None if the positions are not of the
    shape ``decode_positions_batch`` reads."""
    where = [np.searchsorted(np.asarray(p.ids, dtype=np.int64), candidates) for p in lists]
    shift = len(lists)
    alive = np.arange(len(candidates), dtype=np.int64)  # candidates still possible
    keys: npt.NDArray[np.int64] | None = None
    for k, postings in enumerate(lists):
        if not len(alive):
            break
        values = postings.values
        decoded = decode_positions_batch([values[i] for i in where[k][alive].tolist()])
        if decoded is None:
            return None
        positions, counts = decoded
        mine = np.repeat(alive, counts) * 2**32 + positions - k + shift
        keys = mine if keys is None else np.intersect1d(keys, mine, assume_unique=True)
        alive = np.unique(keys // 2**32)
    if keys is None or not len(keys):
        return [], [], []
    owners = keys // 2**32
    starts_flat = (keys - owners * 2**32 - shift).tolist()
    cut = np.flatnonzero(np.diff(owners)) + 1
    bounds = [0, *cut.tolist(), len(keys)]
    matched = owners[[0, *cut.tolist()]]
    docs = candidates[matched].tolist()
    starts = [starts_flat[a:b] for a, b in itertools.pairwise(bounds)]
    rows = list(zip(*(w[matched].tolist() for w in where), strict=True))
    return docs, starts, rows


def _find_one_by_one(
    lists: list[LeafPostings], candidates: npt.NDArray[np.int64]
) -> tuple[list[int], list[list[int]], list[tuple[int, ...]]]:
    """Of ``candidates`` (documents holding every word, ascending), those holding the phrase, each
    one's phrase starts, and for each the index of its posting in every word's list."""
    where = [np.searchsorted(np.asarray(p.ids, dtype=np.int64), candidates).tolist() for p in lists]
    # Word k's positions, shifted back by k (so a phrase start is in every word's set), by raw value:
    # the same raw positions recur (a word once, near the start), so most are decoded once a query.
    shifted: list[dict[bytes, frozenset[int]]] = [{} for _ in lists]

    def positions(k: int, raw: bytes) -> frozenset[int]:
        found = shifted[k].get(raw)
        if found is None:
            found = shifted[k][raw] = frozenset(p - k for p in decode_positions(raw))
        return found

    first, firsts = lists[0].values, where[0]
    rest = [(k, lists[k].values, where[k]) for k in range(1, len(lists))]
    docs: list[int] = []
    starts: list[list[int]] = []
    rows: list[tuple[int, ...]] = []
    for row, doc in enumerate(candidates.tolist()):
        found = positions(0, first[firsts[row]])
        for k, values, at in rest:
            following = positions(k, values[at[row]])
            if found.isdisjoint(following):
                found = frozenset()
                break
            found = found & following
        if found:
            docs.append(doc)
            starts.append(sorted(found))
            rows.append(tuple(w[row] for w in where))
    return docs, starts, rows


class _Posting:
    """What a scorer reads of the current posting: its document and weight."""

    __slots__ = ("_doc", "_weight")

    def __init__(self, doc: int, weight: float) -> None:
        self._doc = doc
        self._weight = weight

    def id(self) -> int:
        return self._doc

    def weight(self) -> float:
        return self._weight


class _Adjacent(matching.Matcher):  # type: ignore[misc]
    """Steps through precomputed phrase matches; scores them as Whoosh's phrase matcher does."""

    def __init__(
        self,
        docs: list[int],
        starts: list[list[int]],
        rows: list[tuple[int, ...]],
        lists: list[LeafPostings],
        i: int = 0,
    ) -> None:
        self._docs = docs
        self._starts = starts
        self._rows = rows
        self._lists = lists
        self._i = i

    def is_active(self) -> bool:
        return self._i < len(self._docs)

    def id(self) -> int:
        return self._docs[self._i]

    def next(self) -> bool:
        self._i += 1
        return False

    def skip_to(self, target: int) -> bool:
        if self._i < len(self._docs) and self._docs[self._i] < target:
            self._i = bisect_left(self._docs, target, self._i)
        return False

    def all_ids(self) -> Any:
        return iter(self._docs[self._i :])

    def copy(self) -> _Adjacent:
        return _Adjacent(self._docs, self._starts, self._rows, self._lists, self._i)

    def replace(self, minquality: float = 0) -> matching.Matcher:
        return self if self.is_active() else matching.NullMatcher()

    def supports_block_quality(self) -> bool:
        return False

    def supports(self, astype: str) -> bool:
        return False

    def max_quality(self) -> float:
        # As Whoosh's phrase matcher: its intersection's sum of the words' max qualities (a union
        # above it compares this with the collector's minimum score to decide how to go on).
        qualities = []
        for postings in self._lists:
            quality = postings.scorer.max_quality()
            qualities.append(quality * postings.boost if postings.boost is not None else quality)
        return _tree_sum(qualities)

    def spans(self) -> list[Span]:
        last = len(self._lists) - 1
        return [Span(p, p + last) for p in self._starts[self._i]]

    def weight(self) -> float:
        row = self._rows[self._i]
        return _tree_sum([p.weights[at] for p, at in zip(self._lists, row, strict=True)])

    def score(self) -> float:
        doc, row = self._docs[self._i], self._rows[self._i]
        scores = []
        for postings, at in zip(self._lists, row, strict=True):
            score = postings.scorer.score(_Posting(doc, postings.weights[at]))
            if postings.boost is not None:  # the deletions' FilterMatcher: child.score() * boost
                score = score * postings.boost
            scores.append(score)
        return _tree_sum(scores)


def _tree_sum(scores: list[float]) -> float:
    """The sum in the order of Whoosh's make_binary_tree of intersection matchers."""
    if len(scores) == 1:
        return scores[0]
    half = len(scores) // 2
    return _tree_sum(scores[:half]) + _tree_sum(scores[half:])
