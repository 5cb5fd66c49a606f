"""The top N hits of a word search, ranked in numpy and scored exactly by Whoosh.

Whoosh's top-N search walks its matcher tree in Python, a posting at a time, to find the best
documents. Here the words' posting lists (their blocks already decoded for the exact total, see
``whoosh_compat.shared_blocks``) are scored all at once with numpy: BM25F of each word's weight
and field length, summed over the query's tree of AND/OR/ANDNOT/ANDMAYBE. numpy adds in another
order than Whoosh's matcher tree, so these scores may differ from Whoosh's in the last bits: they
only choose the candidates, every document within a tiny margin of the N-th best, and Whoosh's
own matcher then scores the candidates (moved to each by skip_to), so the hits, their scores and
their order are exactly Whoosh's: score descending, then document number ascending, as its
TopCollector ranks them. Exact phrases are ranked the same way, their matches found by phrases.py.
A query with any other part (a phrase with a slop, prefixes, ranges, another weighting) returns None
and is left to Whoosh.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
from whoosh import query as wq
from whoosh import scoring
from whoosh.searching import Searcher as WhooshSearcher

from briefing.core.library.matches import DocArray
from briefing.core.library.phrases import tree_sum
from briefing.core.library.postings_file import PostingsFiles
from briefing.core.library.query import FastPhrase
from briefing.core.library.whoosh_compat import field_lengths, leaf_postings

Scores = npt.NDArray[np.float64]
_Lengths = dict[tuple[int, str], npt.NDArray[np.int64]]
# Candidates: every document whose numpy score is within this share of the N-th best's; the
# rounding of a different order of additions is some 1e-16 of a score.
_MARGIN = 1e-9


class _Unsupported(Exception):
    pass


def top_docs(
    searcher: WhooshSearcher,
    q: wq.Query,
    limit: int,
    allowed: DocArray | None,
    lengths: _Lengths,
    files: PostingsFiles | None = None,
) -> list[tuple[float, int]] | None:
    """The top ``limit`` (score, global document number) of ``q`` among ``allowed`` (all when
    None), exactly as Whoosh ranks them; None for a query this does not score.
    ``lengths`` caches each segment's field lengths (keyed by the segment reader's id); a word's
    postings are read from the segment's saved postings (``files``) when it has them."""
    if type(searcher.weighting) is not scoring.BM25F:
        return None
    try:
        ids, scores = _scored(searcher, q, lengths, files)
    except _Unsupported:
        return None
    if allowed is not None and len(ids):
        keep = np.isin(ids, allowed, assume_unique=True)
        ids, scores = ids[keep], scores[keep]
    if not len(ids) or limit <= 0:
        return []
    n = min(limit, len(ids))
    nth = float(np.partition(scores, len(scores) - n)[len(scores) - n])
    margin = _MARGIN * max(1.0, float(np.max(np.abs(scores))))
    candidates = ids[scores >= nth - 2 * margin]
    try:
        exact = _exact(searcher, q, candidates)
    except _Unsupported:
        return None
    exact.sort(key=lambda hit: (-hit[0], hit[1]))
    return exact[:limit]


def _segments(searcher: WhooshSearcher) -> list[tuple[WhooshSearcher, int]]:
    if searcher.is_atomic():
        return [(searcher, 0)]
    return list(searcher.subsearchers or [])


def _exact(searcher: WhooshSearcher, q: wq.Query, candidates: DocArray) -> list[tuple[float, int]]:
    """Whoosh's own scores of the candidates (each a match of ``q``)."""
    found: list[tuple[float, int]] = []
    segments = _segments(searcher)
    for index, (sub, offset) in enumerate(segments):
        end = segments[index + 1][1] if index + 1 < len(segments) else offset + sub.doc_count_all()
        local = candidates[(candidates >= offset) & (candidates < end)] - offset
        if not len(local):
            continue
        # The context Whoosh's collector gives (an OR's parts summed in query order, as its array
        # union does), so the scores are Whoosh's to the last digit.
        matcher = q.matcher(sub, sub.context(needs_current=False, weighting=sub.weighting))
        for doc in local.tolist():
            if matcher.is_active() and matcher.id() < doc:
                matcher.skip_to(doc)
            if not matcher.is_active() or matcher.id() != doc:
                raise _Unsupported  # numpy and Whoosh disagree on a match: let Whoosh search
            found.append((matcher.score(), doc + offset))
    return found


def _scored(
    searcher: WhooshSearcher, q: wq.Query, lengths: _Lengths, files: PostingsFiles | None
) -> tuple[DocArray, Scores]:
    kind = type(q)
    boost = float(getattr(q, "boost", 1.0))
    if kind is wq.Term:
        ids, scores = _term(searcher, q, lengths, files)
    elif kind is FastPhrase:
        ids, scores = _phrase(searcher, q, lengths)
    elif kind in (wq.And, wq.Or):
        children = list(q.children())
        if not children:
            raise _Unsupported
        if kind is wq.Or and (getattr(q, "minmatch", 0) not in (0, 1) or getattr(q, "scale", None)):
            raise _Unsupported
        ids, scores = _scored(searcher, children[0], lengths, files)
        for child in children[1:]:
            other = _scored(searcher, child, lengths, files)
            combine = _union if kind is wq.Or else _intersection
            ids, scores = combine((ids, scores), other, searcher.doc_count_all())
    elif kind is wq.AndNot:
        ids, scores = _scored(searcher, q.a, lengths, files)
        excluded = _scored(searcher, q.b, lengths, files)[0]
        keep = ~np.isin(ids, excluded, assume_unique=True)
        ids, scores = ids[keep], scores[keep]
    elif kind is wq.AndMaybe:
        ids, scores = _scored(searcher, q.a, lengths, files)
        extra_ids, extra = _scored(searcher, q.b, lengths, files)
        scores = scores.copy()
        _, mine, theirs = np.intersect1d(ids, extra_ids, assume_unique=True, return_indices=True)
        scores[mine] += extra[theirs]
    elif q is wq.NullQuery or kind is type(wq.NullQuery):
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    else:
        raise _Unsupported
    if boost != 1.0:
        scores = scores * boost
    return ids, scores


def _union(
    a: tuple[DocArray, Scores], b: tuple[DocArray, Scores], count: int
) -> tuple[DocArray, Scores]:
    """Documents of either, their scores added (a slot per document of the index: no sort)."""
    marked = np.zeros(count, dtype=bool)
    marked[a[0]] = True
    marked[b[0]] = True
    dense = np.zeros(count)
    dense[a[0]] += a[1]  # each side holds a document once
    dense[b[0]] += b[1]
    ids = np.flatnonzero(marked).astype(np.int64)
    return ids, dense[ids]


def _intersection(
    a: tuple[DocArray, Scores], b: tuple[DocArray, Scores], count: int
) -> tuple[DocArray, Scores]:
    """Documents of both, their scores added."""
    dense = np.full(count, np.nan)
    dense[b[0]] = b[1]
    theirs = dense[a[0]]
    both = ~np.isnan(theirs)
    return a[0][both], a[1][both] + theirs[both]


def _phrase(searcher: WhooshSearcher, q: FastPhrase, lengths: _Lengths) -> tuple[DocArray, Scores]:
    """An exact phrase's matches (phrases.py) scored as Whoosh's phrase matcher scores them: each
    word's score summed in the order of its tree of intersections."""
    ids_parts: list[DocArray] = []
    score_parts: list[Scores] = []
    for sub, offset in _segments(searcher):
        found = q.segment_matches(sub, sub.weighting)
        if found is None:
            raise _Unsupported
        if not len(found.docs):
            continue
        reader = sub.reader()
        words: list[Scores] = []
        for scorer, boost, weights in zip(found.scorers, found.boosts, found.weights, strict=True):
            words.append(_scores(scorer, weights, found.docs, reader, q.fieldname, lengths))
            if boost is not None:
                words[-1] = words[-1] * boost
        ids_parts.append(found.docs + offset)
        score_parts.append(np.asarray(tree_sum(words), dtype=np.float64))
    if not ids_parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    return np.concatenate(ids_parts), np.concatenate(score_parts)


def _scores(
    scorer: Any, weights: Scores, ids: DocArray, reader: Any, fieldname: str, lengths: _Lengths
) -> Scores:
    """A word's scores of documents ``ids`` of one segment, given its weights in them."""
    if type(scorer) is scoring.BM25FScorer:
        key = (id(reader), fieldname)
        column = lengths.get(key)
        if column is None:
            column = lengths[key] = field_lengths(reader, fieldname)
        found: Scores = scoring.bm25(scorer.idf, weights, column[ids], scorer.avgfl, scorer.B, scorer.K1)
        return found
    if type(scorer) is scoring.WeightScorer:
        return weights
    raise _Unsupported


def _term(
    searcher: WhooshSearcher, q: Any, lengths: _Lengths, files: PostingsFiles | None
) -> tuple[DocArray, Scores]:
    fieldname = q.fieldname
    empty = np.zeros(0, dtype=np.int64), np.zeros(0)
    if fieldname not in searcher.schema:
        return empty
    try:
        term = searcher.schema[fieldname].to_bytes(q.text)
    except ValueError:
        return empty
    ids_parts: list[DocArray] = []
    score_parts: list[Scores] = []
    for sub, offset in _segments(searcher):
        reader = sub.reader()
        if (fieldname, term) not in reader:
            continue
        saved = files.of(reader) if files is not None else None
        found = saved.postings(fieldname, term) if saved is not None else None
        boost: float | None = None
        if found is not None:
            # The scorer Searcher.postings gives the segment's matcher (a plain leaf's: the saved
            # files are of text fields, whose postings the pinned codec never inlines).
            scorer = sub.weighting.scorer(sub, fieldname, term, qf=1)
            ids = found[0].astype(np.int64)
            weights = found[1].astype(np.float64)
            deleted = reader.deleted_docs_set
        else:
            postings = leaf_postings(sub.postings(fieldname, term), values=False)
            if postings is None:
                raise _Unsupported
            scorer, boost, deleted = postings.scorer, postings.boost, postings.deleted
            ids = np.asarray(postings.ids, dtype=np.int64)
            weights = np.asarray(postings.weights, dtype=np.float64)
        if deleted:
            keep = ~np.isin(ids, np.fromiter(deleted, dtype=np.int64, count=len(deleted)))
            ids, weights = ids[keep], weights[keep]
        scores = _scores(scorer, weights, ids, reader, fieldname, lengths)
        if boost is not None:
            scores = scores * boost
        ids_parts.append(ids + offset)
        score_parts.append(np.asarray(scores, dtype=np.float64))
    if not ids_parts:
        return empty
    return np.concatenate(ids_parts), np.concatenate(score_parts)
