"""Which articles name what, as integer arrays: the entity directory's working memory.

A library of 100,000 articles has about three million (article, name) rows. As Python objects
(tuples of path strings, sets of paths, a list per pair) they took 2.4 GB; as arrays of 32-bit
numbers they take about 16 bytes a row. Articles and names are numbered; a ``Pairs`` holds one
row per (key, article) with its mentions and first offset, sorted by key, so the articles of a key
are one slice (compressed sparse rows).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64] | npt.NDArray[np.int32]
# A first offset of -1 means "no offset in the text" (a mention in a caption): any offset is earlier.
_NO_OFFSET = np.iinfo(np.int32).max


@dataclass(frozen=True, slots=True)
class Pairs:
    """(key, article) pairs, sorted by key then article, each with its mentions and first offset."""

    keys: Ints
    articles: Ints
    mentions: Ints
    first: Ints  # -1: none
    offsets: Ints  # the pairs of key k are [offsets[k], offsets[k + 1])

    @classmethod
    def of(cls, keys: Ints, articles: Ints, mentions: Ints, first: Ints, key_count: int,
           article_count: int) -> Pairs:
        """Pairs from rows that may repeat a (key, article): their mentions add up, the earliest
        first offset stays."""
        # Each step frees the one before: at 100,000 articles these are 3 million rows, and the
        # temporaries, not the result, set the app's peak memory.
        width = max(article_count, 1)
        combined = keys.astype(np.int64)
        combined *= width  # in place: no second array of 8 bytes a row
        combined += articles
        order = np.argsort(combined, kind="stable")
        combined = combined[order]
        if combined.size == 0:
            empty = np.zeros(0, dtype=np.int32)
            return cls(empty, empty, empty, empty, np.zeros(key_count + 1, dtype=np.int64))
        starts = np.flatnonzero(np.concatenate(([True], combined[1:] != combined[:-1])))
        combined = combined[starts]
        offsets_in = first[order].astype(np.int32, copy=False)
        offsets_in[offsets_in < 0] = _NO_OFFSET
        earliest = np.minimum.reduceat(offsets_in, starts)
        del offsets_in
        added = np.add.reduceat(mentions[order].astype(np.int32, copy=False), starts, dtype=np.int32)
        del order, starts
        earliest[earliest == _NO_OFFSET] = -1
        # stored in 32 bits: keys and articles are numbers below the counts, mentions and offsets small;
        # divided straight into 32-bit arrays (no 8-byte quotient and remainder arrays on the way)
        sorted_keys = np.empty(len(combined), dtype=np.int32)
        np.floor_divide(combined, width, out=sorted_keys, casting="unsafe")
        in_article = np.empty(len(combined), dtype=np.int32)
        np.remainder(combined, width, out=in_article, casting="unsafe")
        del combined
        return cls(
            keys=sorted_keys,
            articles=in_article,
            mentions=added,
            first=earliest,
            offsets=np.searchsorted(sorted_keys, np.arange(key_count + 1)).astype(np.int64),
        )

    def articles_of(self, key: int) -> Ints:
        return self.articles[self.offsets[key]:self.offsets[key + 1]]

    def slices(self) -> Slices:
        """Only the articles of each key (what is kept once the counting is done)."""
        return Slices(self.articles, self.offsets)

    def counts(self) -> Ints:
        """The number of articles of each key."""
        return np.diff(self.offsets)

    def regrouped(self, new_key: Ints, key_count: int, article_count: int) -> Pairs:
        """The pairs with each key k replaced by ``new_key[k]`` (several keys become one)."""
        return Pairs.of(new_key[self.keys], self.articles, self.mentions, self.first, key_count,
                        article_count)


@dataclass(frozen=True, slots=True)
class Slices:
    """The articles of each key: those of key k are articles[offsets[k]:offsets[k + 1]]."""

    articles: Ints
    offsets: Ints

    def articles_of(self, key: int) -> Ints:
        return self.articles[self.offsets[key]:self.offsets[key + 1]]


@dataclass(frozen=True, slots=True)
class Index:
    """For each article, the keys it holds (the pairs turned around), for gathering many at once."""

    keys: Ints
    offsets: Ints

    @classmethod
    def of(cls, pairs: Pairs, article_count: int, keep: npt.NDArray[np.bool_] | None = None) -> Index:
        """The keys of each article among ``pairs`` (only the keys ``keep`` marks, when given)."""
        articles, keys = pairs.articles, pairs.keys
        if keep is not None:
            chosen = keep[keys]
            articles, keys = articles[chosen], keys[chosen]
        order = np.argsort(articles, kind="stable")
        offsets = np.searchsorted(articles[order], np.arange(article_count + 1)).astype(np.int64)
        return cls(keys[order], offsets)

    def keys_of(self, articles: Ints) -> Ints:
        """The keys of all of ``articles`` at once, with repeats (one per (article, key))."""
        starts = self.offsets[articles]
        lengths = self.offsets[articles + 1] - starts
        total = int(lengths.sum())
        if total == 0:
            return self.keys[:0]
        # positions starts[i] .. starts[i] + lengths[i] - 1 of every article, without a Python loop
        shift = starts - np.cumsum(lengths) + lengths
        return self.keys[np.repeat(shift, lengths) + np.arange(total)]
