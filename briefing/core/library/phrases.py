"""Exact phrases in one segment: candidates by array intersection, positions checked once per candidate.

Whoosh's phrase matcher walks an intersection of the words' posting lists one document at a time in
Python (a skip_to per word per document holding every word) and checks positions there. Here each
word's posting list is read whole, a block at a time; the documents holding every word are one numpy
intersection; the positions are checked for those documents only, once, and the matcher then steps
through the documents that hold the phrase. A match's score is what Whoosh's phrase matcher gives it:
each word's scorer on that document (its weight, the field's length), summed in Whoosh's binary-tree
order (its intersection matcher's ``a.score() + b.score()``), so the same floats in the same order.

With the segment's saved postings (postings_file.py: documents, weights and positions as arrays) no
Whoosh block is read: the candidates and the position check are numpy on the memory-mapped arrays.
Either way the matches of one phrase in one segment (``PhraseMatches``) are found once per search
(``phrase_scope``) and shared by the matcher, the total (matches.py) and the numpy ranking (topn.py).
"""

from __future__ import annotations

import contextlib
import contextvars
import itertools
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from whoosh import matching, scoring
from whoosh.query.spans import Span

from briefing.core.library.postings_file import PostingsFiles, SegmentPostings
from briefing.core.library.whoosh_compat import (
    LeafPostings,
    decode_positions,
    decode_positions_batch,
    is_plain_leaf,
    leaf_postings,
)

# Scorers known to look only at the matcher's weight() and id() (BM25F, PL2, DFree are WeightLengthScorers).
_PLAIN_SCORES = (scoring.WeightLengthScorer.score, scoring.WeightScorer.score)


Rows = npt.NDArray[np.int64]
PositionsOf = Callable[[Rows], "tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]] | None"]


class PhraseMatches:
    """An exact phrase's matches in one segment: the live documents holding it (ascending), each
    word's weight in each of them and its scorer (and the boost of the segment's deletion filter
    around its posting list, when there is one), and the phrase's starts in each document."""

    __slots__ = ("_doc_list", "_weight_lists", "boosts", "bounds", "docs", "scorers", "starts", "weights")

    def __init__(
        self,
        docs: npt.NDArray[np.int64],
        weights: list[npt.NDArray[np.float64]],
        scorers: list[Any],
        boosts: list[float | None],
        starts: npt.NDArray[np.int64],
        bounds: npt.NDArray[np.int64],
    ) -> None:
        self.docs = docs
        self.weights = weights
        self.scorers = scorers
        self.boosts = boosts
        self.starts = starts  # every document's phrase starts, flat; document i's: bounds[i]:bounds[i + 1]
        self.bounds = bounds
        self._doc_list: list[int] | None = None
        self._weight_lists: list[list[float]] | None = None

    def doc_list(self) -> list[int]:
        if self._doc_list is None:
            self._doc_list = self.docs.tolist()
        return self._doc_list

    def weight_lists(self) -> list[list[float]]:
        if self._weight_lists is None:
            self._weight_lists = [w.tolist() for w in self.weights]
        return self._weight_lists


# The phrases found during one search, by (segment reader, field, words, weighting), with the
# objects of the key kept so that their ids stay theirs; and the saved postings to read them from.
_Found = dict[tuple[int, str, tuple[bytes, ...], int], tuple[PhraseMatches | None, Any, Any]]
_SCOPE: contextvars.ContextVar[tuple[PostingsFiles | None, _Found] | None] = contextvars.ContextVar(
    "briefing_phrase_scope", default=None
)


@contextlib.contextmanager
def phrase_scope(files: PostingsFiles | None) -> Iterator[None]:
    """Within it, each phrase's matches in a segment are found once, from ``files`` (each segment's
    saved postings) when the segment has them; let go at its end."""
    token = _SCOPE.set((files, {}))
    try:
        yield
    finally:
        _SCOPE.reset(token)


def segment_phrase(
    searcher: Any, fieldname: str, terms: Sequence[bytes], weighting: Any
) -> PhraseMatches | None:
    """The matches of the exact phrase ``terms`` (each in the segment) of one segment's atomic
    searcher, scored by ``weighting``; None, with nothing read, unless each word's scorer looks only
    at weights and lengths and its posting list is a plain one (then Whoosh's matcher finds them)."""
    scope = _SCOPE.get()
    reader = searcher.reader()
    key = (id(reader), fieldname, tuple(terms), id(weighting))
    if scope is not None and key in scope[1]:
        return scope[1][key][0]
    scorers = [weighting.scorer(searcher, fieldname, term, qf=1) for term in terms]
    found = None
    if all(type(scorer).score in _PLAIN_SCORES for scorer in scorers):
        saved = scope[0].of(reader) if scope is not None and scope[0] is not None else None
        if saved is not None:
            found = _saved_phrase(saved, reader, fieldname, terms, scorers)
        if found is None:
            ms = [searcher.postings(fieldname, term, weighting=weighting) for term in terms]
            found = _whoosh_phrase(ms, [reader.doc_frequency(fieldname, term) for term in terms])
    if scope is not None:
        scope[1][key] = (found, reader, weighting)
    return found


def adjacent(found: PhraseMatches) -> matching.Matcher:
    """A matcher stepping through ``found``, scoring as Whoosh's phrase matcher."""
    return _Adjacent(found)


def no_matches() -> PhraseMatches:
    empty = np.zeros(0, dtype=np.int64)
    return PhraseMatches(empty, [], [], [], empty, np.zeros(1, dtype=np.int64))


def _whoosh_phrase(ms: Sequence[matching.Matcher], frequencies: Sequence[int]) -> PhraseMatches | None:
    """The phrase's matches read from Whoosh's blocks: the rarest word whole, the others only in
    the blocks that may hold a document found so far."""
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
    docs, starts, rows = _find(read, candidates)
    columns = [np.asarray(p.weights, dtype=np.float64) for p in read]
    at = np.asarray(rows, dtype=np.int64).reshape(len(rows), len(read))
    bounds = np.zeros(len(docs) + 1, dtype=np.int64)
    np.cumsum([len(s) for s in starts], out=bounds[1:])
    return PhraseMatches(
        np.asarray(docs, dtype=np.int64),
        [column[at[:, k]] for k, column in enumerate(columns)],
        [p.scorer for p in read],
        [p.boost for p in read],
        np.fromiter(itertools.chain.from_iterable(starts), dtype=np.int64, count=int(bounds[-1])),
        bounds,
    )


def _saved_phrase(
    saved: SegmentPostings, reader: Any, fieldname: str, terms: Sequence[bytes], scorers: list[Any]
) -> PhraseMatches | None:
    """The phrase's matches read from the segment's saved postings; None when its positions are not
    saved there (read Whoosh's blocks)."""
    words = []
    for term in terms:
        listed = saved.postings(fieldname, term)
        positions = saved.positions(fieldname, term)
        if listed is None or positions is None:
            return None
        words.append((listed[0], listed[1], positions))
    candidates: npt.NDArray[np.int64] | None = None
    for docs, _, _ in sorted(words, key=lambda word: len(word[0])):
        candidates = docs.astype(np.int64) if candidates is None else candidates[_members(candidates, docs)]
        if not len(candidates):
            break
    assert candidates is not None
    deleted = reader.deleted_docs_set
    if deleted and len(candidates):
        gone = np.fromiter(deleted, dtype=np.int64, count=len(deleted))
        candidates = candidates[~np.isin(candidates, gone)]
    where = [np.searchsorted(docs, candidates) for docs, _, _ in words]
    getters: list[PositionsOf] = [word[2].of for word in words]
    matched, starts, bounds = _check(where, getters, len(candidates))
    return PhraseMatches(
        candidates[matched],
        [weights[w[matched]].astype(np.float64) for (_, weights, _), w in zip(words, where, strict=True)],
        scorers,
        [None] * len(words),
        starts,
        bounds,
    )


def _members(found: npt.NDArray[np.int64], sorted_values: npt.NDArray[Any]) -> npt.NDArray[np.bool_]:
    """Which of ``found`` are in ``sorted_values`` (ascending)."""
    if not len(sorted_values):
        return np.zeros(len(found), dtype=bool)
    at = np.searchsorted(sorted_values, found)
    np.minimum(at, len(sorted_values) - 1, out=at)
    return sorted_values[at] == found  # type: ignore[no-any-return]


def _check(
    where: list[Rows], positions: list[PositionsOf], count: int
) -> tuple[Rows, npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Of ``count`` candidates (word k's posting of candidate i at ``where[k][i]``, its positions
    read by ``positions[k]``), those holding the phrase, their phrase starts (flat) and where each
    one's starts begin and end in them. A phrase start s of candidate c is the key
    c * 2**32 + s + len(words) in every word k's keys (its positions p give c * 2**32 + p - k + len(words)).
    Raises _Shape when a word's positions cannot be read so."""
    shift = len(where)
    alive = np.arange(count, dtype=np.int64)  # candidates still possible
    keys: npt.NDArray[np.int64] | None = None
    for k, read in enumerate(positions):
        if not len(alive):
            break
        decoded = read(where[k][alive])
        if decoded is None:
            raise _Shape
        flat, counts = decoded
        mine = np.repeat(alive, counts) * 2**32 + flat - k + shift
        keys = mine if keys is None else keys[_members(keys, mine)]  # both ascending
        owners = keys >> 32
        alive = owners[np.concatenate(([True], owners[1:] != owners[:-1]))] if len(owners) else owners
    if keys is None or not len(keys):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(1, dtype=np.int64)
    owners = keys >> 32
    cut = np.flatnonzero(np.diff(owners)) + 1
    bounds = np.concatenate(([0], cut, [len(keys)])).astype(np.int64)
    return owners[bounds[:-1]], keys - (owners << 32) - shift, bounds


class _Shape(Exception):
    """Positions not of the shape the batched decoding reads."""


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
    """_find with every position decoded in one call per word and the check done on arrays (_check).
    None if the positions are not of the shape ``decode_positions_batch`` reads."""
    where = [np.searchsorted(np.asarray(p.ids, dtype=np.int64), candidates) for p in lists]

    def reader(values: list[Any]) -> PositionsOf:
        return lambda rows: decode_positions_batch([values[i] for i in rows.tolist()])

    try:
        matched, flat, bounds = _check(where, [reader(p.values) for p in lists], len(candidates))
    except _Shape:
        return None
    starts_flat = flat.tolist()
    starts = [starts_flat[a:b] for a, b in itertools.pairwise(bounds.tolist())]
    rows = list(zip(*(w[matched].tolist() for w in where), strict=True))
    return candidates[matched].tolist(), starts, rows


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

    def __init__(self, found: PhraseMatches, i: int = 0) -> None:
        self._found = found
        self._docs = found.doc_list()
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
        return _Adjacent(self._found, self._i)

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
        for scorer, boost in zip(self._found.scorers, self._found.boosts, strict=True):
            quality = scorer.max_quality()
            qualities.append(quality * boost if boost is not None else quality)
        return float(tree_sum(qualities))

    def spans(self) -> list[Span]:
        last = len(self._found.scorers) - 1
        found = self._found
        starts = found.starts[found.bounds[self._i] : found.bounds[self._i + 1]].tolist()
        return [Span(p, p + last) for p in starts]

    def weight(self) -> float:
        return float(tree_sum([weights[self._i] for weights in self._found.weight_lists()]))

    def score(self) -> float:
        doc, found = self._docs[self._i], self._found
        scores = []
        for scorer, boost, weights in zip(found.scorers, found.boosts, found.weight_lists(), strict=True):
            score = scorer.score(_Posting(doc, weights[self._i]))
            if boost is not None:  # the deletions' FilterMatcher: child.score() * boost
                score = score * boost
            scores.append(score)
        return float(tree_sum(scores))


def tree_sum(scores: list[Any]) -> Any:
    """The sum in the order of Whoosh's make_binary_tree of intersection matchers."""
    if len(scores) == 1:
        return scores[0]
    half = len(scores) // 2
    return tree_sum(scores[:half]) + tree_sum(scores[half:])
