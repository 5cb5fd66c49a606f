"""The entity directory's arrays: rows of one (key, article) add up, slices and gathers are exact."""

from __future__ import annotations

import numpy as np

from briefing.core.across.mention_arrays import Index, Pairs


def _ints(*values: int) -> np.ndarray:
    return np.array(values, dtype=np.int32)


def test_rows_of_one_key_and_article_add_up_and_keep_the_earliest_offset() -> None:
    # key, article, mentions, first offset (-1: a mention without an offset)
    rows = [(1, 0, 2, 40), (0, 2, 1, -1), (1, 0, 3, 12), (0, 2, 1, 7), (0, 1, 5, -1), (1, 2, 1, -1)]
    keys, articles, mentions, first = (np.array(column, dtype=np.int32) for column in zip(*rows, strict=True))
    pairs = Pairs.of(keys, articles, mentions, first, key_count=3, article_count=3)
    found = list(zip(pairs.keys.tolist(), pairs.articles.tolist(), pairs.mentions.tolist(),
                     pairs.first.tolist(), strict=True))
    assert found == [(0, 1, 5, -1), (0, 2, 2, 7), (1, 0, 5, 12), (1, 2, 1, -1)]
    assert pairs.counts().tolist() == [2, 2, 0]
    assert pairs.articles_of(1).tolist() == [0, 2]
    assert pairs.articles_of(2).tolist() == []
    assert pairs.slices().articles_of(0).tolist() == [1, 2]


def test_regrouping_joins_keys_and_adds_their_rows_up() -> None:
    pairs = Pairs.of(_ints(0, 1, 2), _ints(4, 4, 1), _ints(1, 2, 3), _ints(30, 10, -1), 3, 5)
    joined = pairs.regrouped(np.array([0, 0, 1]), key_count=2, article_count=5)
    assert list(zip(joined.keys.tolist(), joined.articles.tolist(), joined.mentions.tolist(),
                    joined.first.tolist(), strict=True)) == [(0, 4, 3, 10), (1, 1, 3, -1)]


def test_an_index_gathers_the_keys_of_many_articles_at_once() -> None:
    ones = _ints(1, 1, 1, 1, 1)
    pairs = Pairs.of(_ints(0, 0, 1, 2, 2), _ints(0, 3, 3, 1, 3), ones, ones, 3, 4)
    index = Index.of(pairs, article_count=4)
    assert sorted(index.keys_of(np.array([3])).tolist()) == [0, 1, 2]
    assert sorted(index.keys_of(np.array([0, 1, 2, 3])).tolist()) == [0, 0, 1, 2, 2]
    assert index.keys_of(np.array([2])).tolist() == []
    kept = Index.of(pairs, 4, keep=np.array([True, False, True]))
    assert sorted(kept.keys_of(np.array([3, 1])).tolist()) == [0, 2, 2]


def test_no_rows_make_empty_pairs() -> None:
    empty = np.zeros(0, dtype=np.int32)
    pairs = Pairs.of(empty, empty, empty, empty, key_count=2, article_count=0)
    assert pairs.counts().tolist() == [0, 0]
    assert Index.of(pairs, 0).keys_of(np.zeros(0, dtype=np.int64)).tolist() == []
