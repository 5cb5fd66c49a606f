"""The fast search path gives exactly what the straightforward Whoosh path gives, on real BBC articles.

Same hits in the same order with the same scores, the same exact total, the same facet counts, with
filters, with deleted documents (matches.py's arrays and the filter read once, in search.py; the top N
ranked in numpy and scored by Whoosh, topn.py; phrases found by array intersection, phrases.py;
words' postings read from the writer's side files, postings_file.py, or from Whoosh for a segment
without one or with a stale one).
"""

from __future__ import annotations

import random
import shutil
import struct
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from test_library_facets import capitals, write
from whoosh import collectors, fields
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.qparser import MultifieldParser, OrGroup

from briefing.core.analysis import Analyzer
from briefing.core.library import Library, postings_file
from briefing.core.library.facets import FacetTable
from briefing.core.library.matches import matching_docs
from briefing.core.library.phrases import _Adjacent, _find_batched, _find_one_by_one, phrase_scope
from briefing.core.library.postings_file import PostingsFiles, text_fields
from briefing.core.library.query import FastPhrase, make_parser
from briefing.core.library.search import Searcher, _filter_query
from briefing.core.library.topn import top_docs
from briefing.core.library.whoosh_compat import _SHARED, LeafPostings, leaf_postings, shared_blocks

QUERIES = [
    "government",
    "economy growth",
    "bank OR shares",
    "minister NOT election",
    "(profits OR sales) AND company",
    '"prime minister"',
    "title:oil",
    "econom*",
    "nothingatallhere",
    "oil prices rise",
    "company ANDMAYBE profits",
    "oil^2 market",
    "(title:oil OR body:market) NOT sport",
]
WORD_QUERIES = [q for q in QUERIES if '"' not in q and "*" not in q]


@pytest.fixture(scope="module")
def library(
    tmp_path_factory: pytest.TempPathFactory, shared_dir: Path, analyzer: Analyzer
) -> Iterator[Library]:
    tmp = tmp_path_factory.mktemp("exact")
    root = tmp / "articles"
    root.mkdir()
    names = sorted(p.name for p in (shared_dir / "corpus" / "bbc").glob("bbc_*.txt"))
    picked = names[::40][:50]  # business, politics, sport, tech... spread over the corpus
    for name in picked:
        shutil.copy(shared_dir / "corpus" / "bbc" / name, root / name)
    with Library(tmp / "index") as lib:
        lib.settings.commit_docs = 25  # several segments:
        lib.settings.commit_seconds = 3600  # commits by count, not by the machine's speed
        lib.settings.small_segment = 1  # none folded together at the end of the run
        lib.settings.analysis_batch = 16
        lib.update([root], analyser=analyzer.analyse_batch)
        for name in picked[::9]:  # deletions inside committed segments
            (root / name).unlink()
        lib.update([root], analyser=analyzer.analyse_batch)
        with whoosh_index.open_dir(str(tmp / "index")).reader() as reader:
            assert len(reader.leaf_readers()) > 1  # several segments, each with deletions to skip
        yield lib


def _straightforward(
    searcher: Searcher, text: str, filters: dict[str, str]
) -> tuple[list[tuple[str, float]], int, dict[str, dict[str, int]]]:
    """Hits, total and facets the plain Whoosh way: a filtered top-10 search scoring every match
    (its collector neither skips blocks nor swaps matchers mid-way: the replaced matchers of its
    default search can lose a word's share of a document's score) and docs_for_query."""
    whoosh = searcher._current()
    parsed = searcher.parse(text)
    restrict = _filter_query(filters)
    top: collectors.Collector = collectors.TopCollector(10, usequality=False, replace=0)
    if restrict is not None:
        top = collectors.FilterCollector(top, allow=restrict)
    whoosh.search_with_collector(parsed, top)
    hits = [(hit.fields()["path"], float(hit.score or 0.0)) for hit in top.results()]
    everything = parsed if restrict is None else wq.And([parsed, restrict])
    matched = sorted(set(whoosh.docs_for_query(everything)))
    facets = FacetTable(whoosh, {}).counts(matched)
    return hits, len(matched), facets


def test_search_equals_the_straightforward_whoosh_path(library: Library) -> None:
    searcher = library.searcher()
    assert any(r.has_deletions() for r, _ in searcher._current().reader().leaf_readers())
    checked_filters = 0
    for text in QUERIES:
        plain = searcher.search(text, limit=10, facets=True)
        filter_sets: list[dict[str, str]] = [{}]
        for key, counts in sorted(plain.facets.items()):
            if counts:
                filter_sets.append({key: next(iter(counts))})
        for filters in filter_sets:
            found = searcher.search(text, limit=10, facets=True, filters=filters)
            hits, total, facets = _straightforward(searcher, text, filters)
            assert [(h.path, h.score) for h in found.hits] == hits, (text, filters)
            assert found.total == total, (text, filters)
            assert found.facets == facets, (text, filters)
            checked_filters += bool(filters)
        if text in ("government", "econom*", "bank OR shares"):
            assert plain.total > 0, text
    assert checked_filters > 0


PHRASES = [
    '"prime minister"',
    '"the government"',
    '"said the"',
    '"one of the"',
    '"chief executive"',
    '"in the first half"',
    'title:"prime minister" OR "general election"',
    '"tony blair"',  # also in the names field
    '"prime minister" AND economy',
    '"interest rates" OR bank',
    '"minister prime"',  # both words, never in this order
    '"nothingatallhere minister"',
]


def _plain_whoosh_phrases(searcher: Searcher, text: str) -> wq.Query:
    """``text`` parsed by Whoosh's own parser, its phrases left to Whoosh's phrase matcher."""
    parsed = make_parser(searcher._current().schema).parse(text)
    assert not any(isinstance(leaf, FastPhrase) for leaf in parsed.leaves())
    return parsed.normalize()


def test_phrases_equal_whooshs_phrase_matcher(library: Library) -> None:
    """Phrases found by array intersection and one position check per document (phrases.py) give
    Whoosh's own phrase matcher's documents, exact scores and order, on several segments with deletions."""
    searcher = library.searcher()
    whoosh = searcher._current()
    files = PostingsFiles(library.index_dir)
    assert len(whoosh.reader().leaf_readers()) > 1
    found_some = 0
    for text in PHRASES:
        ours = searcher.parse(text)
        assert any(isinstance(leaf, FastPhrase) for leaf in ours.leaves()), text
        plain = _plain_whoosh_phrases(searcher, text)
        expected = [(hit.docnum, hit.score) for hit in whoosh.search(plain, limit=None)]
        got = [(hit.docnum, hit.score) for hit in whoosh.search(ours, limit=None)]
        assert got == expected, text  # every match, exact float scores, same order
        top = [(hit.docnum, hit.score) for hit in whoosh.search(ours, limit=3)]
        assert top == expected[:3], text
        assert sorted(whoosh.docs_for_query(ours)) == sorted(whoosh.docs_for_query(plain)), text
        # With each segment's saved positions: the same matches, scores and order, from the
        # matcher, the numpy ranking (topn.py) and the exact total (matches.py).
        with phrase_scope(files):
            assert [(hit.docnum, hit.score) for hit in whoosh.search(ours, limit=None)] == expected, text
            for limit in (1, 3, 10):
                top_n = top_docs(whoosh, ours, limit, None, {}, files)
                assert top_n == [(score, docnum) for docnum, score in expected[:limit]], (text, limit)
            assert matching_docs(whoosh, ours, files).tolist() == sorted(whoosh.docs_for_query(plain)), text
        result = searcher.search(text, limit=10, facets=True)
        assert result.total == len(expected), text
        paths = [whoosh.stored_fields(docnum)["path"] for docnum, _ in expected[:10]]
        assert [(h.path, h.score) for h in result.hits] == [
            (path, float(score)) for path, (_, score) in zip(paths, expected[:10], strict=True)
        ], text
        found_some += bool(expected)
    assert found_some >= 6


def test_phrase_matcher_reads_only_plain_posting_lists(library: Library) -> None:
    """A phrase over several segments at once (not one segment's posting lists) is Whoosh's matcher."""
    whoosh = library.searcher()._current()
    assert not whoosh.is_atomic()
    phrase = FastPhrase("body", ["prime", "minist"])
    matcher = phrase.matcher(whoosh)
    assert not isinstance(matcher, _Adjacent)
    per_segment = [phrase.matcher(sub) for sub, _ in whoosh.subsearchers]
    # Each segment: the phrase's documents found at once, or nothing when a word is not in it.
    assert all(isinstance(m, _Adjacent) or not m.is_active() for m in per_segment)
    assert any(isinstance(m, _Adjacent) for m in per_segment)
    everywhere = sorted(whoosh.docs_for_query(phrase))
    assert everywhere == sorted(
        offset + docnum
        for (_, offset), m in zip(whoosh.subsearchers, per_segment, strict=True)
        for docnum in m.all_ids()
    )
    assert everywhere


def test_phrases_from_the_saved_positions_are_those_of_whooshs_blocks(library: Library) -> None:
    """Per segment, the phrase matches read from the saved postings (documents, each word's weight,
    the phrase's starts) equal those read from Whoosh's blocks; and with the files no posting block
    is decoded to find, count and rank a phrase's matches."""
    whoosh = library.searcher()._current()
    files = PostingsFiles(library.index_dir)
    compared = 0
    phrases = (
        ["prime", "minist"], ["last", "year"], ["chief", "execut"], ["interest", "rate"], ["tony", "blair"],
        ["last", "week"], ["new", "york"], ["said", "last", "year"],
    )
    for words in phrases:
        for sub, _ in whoosh.subsearchers:
            phrase = FastPhrase("body", words)
            if not phrase.terms_in(sub):
                continue  # a word not in this segment
            from_blocks = phrase.segment_matches(sub, sub.weighting)
            with phrase_scope(files):
                from_files = phrase.segment_matches(sub, sub.weighting)
            assert from_blocks is not None and from_files is not None
            assert from_files.docs.tolist() == from_blocks.docs.tolist(), words
            weights = [w.tolist() for w in from_files.weights]
            assert weights == [w.tolist() for w in from_blocks.weights], words
            assert from_files.starts.tolist() == from_blocks.starts.tolist(), words
            assert from_files.bounds.tolist() == from_blocks.bounds.tolist(), words
            compared += len(from_files.docs)
    assert compared >= 15, compared
    parsed = library.searcher().parse('"prime minister" OR "chief executive"')
    with shared_blocks():
        decoded = _SHARED.get()
        assert decoded is not None
        with phrase_scope(files):
            assert len(matching_docs(whoosh, parsed, files))
            assert top_docs(whoosh, parsed, 10, None, {}, files)
        assert not decoded
        assert len(matching_docs(whoosh, parsed))
        assert decoded  # without the files, the blocks


def test_word_searches_are_ranked_in_numpy_and_scored_by_whoosh(library: Library) -> None:
    """Word queries take topn.py's path (not Whoosh's top-N search): the same top 10 as Whoosh
    scoring every match, also for 1 and 3 hits and among a filter's documents."""
    searcher = library.searcher()
    whoosh = searcher._current()
    year = wq.Term("body", "year")
    allowed = np.array(sorted(whoosh.docs_for_query(year)), dtype=np.int64)
    used = filtered_used = 0
    for text in WORD_QUERIES:
        parsed = searcher.parse(text)
        for limit in (1, 3, 10):
            collector = collectors.TopCollector(limit, usequality=False, replace=0)
            whoosh.search_with_collector(parsed, collector)
            expected = [(hit.score, hit.docnum) for hit in collector.results()]
            found = top_docs(whoosh, parsed, limit, None, {})
            if found is None:  # a NOT inside an AND (an inverse matcher's score): left to Whoosh
                assert "NOT" in text
                continue
            assert found == expected, (text, limit)
            used += bool(found)
        collector = collectors.TopCollector(10, usequality=False, replace=0)
        whoosh.search_with_collector(parsed, collectors.FilterCollector(collector, allow=year))
        expected = [(hit.score, hit.docnum) for hit in collector.results()]
        filtered = top_docs(whoosh, parsed, 10, allowed, {})
        assert filtered in (expected, None), text
        filtered_used += filtered is not None
    assert used >= 10
    assert filtered_used >= 5  # the filtered path is taken, not only left to Whoosh
    assert top_docs(whoosh, searcher.parse("econom*"), 10, None, {}) is None  # prefixes: left to Whoosh


def test_positions_checked_in_arrays_as_one_by_one(library: Library) -> None:
    """The batched position check and the one-by-one check (its fallback) find the same phrases."""
    whoosh = library.searcher()._current()
    compared = 0
    phrases = (["prime", "minist"], ["last", "year"], ["chief", "execut"], ["interest", "rate"])
    for words in phrases:
        for sub, _ in whoosh.subsearchers:
            reader = sub.reader()
            if not all(("body", w.encode()) in reader for w in words):
                continue
            lists = [leaf_postings(sub.postings("body", w.encode())) for w in words]
            assert all(p is not None for p in lists)
            ready = [p for p in lists if p is not None]
            candidates = reader_candidates(ready)
            batched = _find_batched(ready, candidates)
            assert batched is not None
            assert batched == _find_one_by_one(ready, candidates)
            compared += bool(batched[0])
    assert compared >= 3, compared


def reader_candidates(lists: list[LeafPostings]) -> np.ndarray:
    """The live documents holding every word."""
    found = set(lists[0].ids) - lists[0].deleted
    for postings in lists[1:]:
        found &= set(postings.ids) - postings.deleted
    return np.array(sorted(found), dtype=np.int64)


def test_saved_postings_are_the_segments_postings(library: Library) -> None:
    """Every term of every text field of every segment: the saved documents and weights, less the
    deleted documents, are exactly what Whoosh's posting list gives."""
    whoosh = library.searcher()._current()
    files = PostingsFiles(library.index_dir)
    checked = 0
    for reader, _ in whoosh.reader().leaf_readers():
        saved = files.of(reader)
        assert saved is not None
        deleted = reader.deleted_docs_set
        for name in text_fields(reader.schema):
            if name not in reader.indexed_field_names():
                continue
            for term in reader.lexicon(name):
                listed = saved.postings(name, term)
                assert listed is not None
                matcher = reader.postings(name, term)
                expected = []
                while matcher.is_active():
                    expected.append((matcher.id(), matcher.weight()))
                    matcher.next()
                pairs = zip(listed[0].tolist(), listed[1].tolist(), strict=True)
                found = [(d, w) for d, w in pairs if d not in deleted]
                assert found == expected, (name, term)
                checked += 1
    assert checked > 5000


def _index_copy(library: Library, target: Path) -> tuple[Path, list[str]]:
    shutil.copytree(library.index_dir, target, ignore=shutil.ignore_patterns("*.lock", "*.sqlite*"))
    with whoosh_index.open_dir(str(target)).reader() as reader:
        segments = [leaf.segment().segment_id() for leaf, _ in reader.leaf_readers()]
    return target / postings_file.FOLDER, segments


def test_segments_without_saved_postings_or_with_stale_ones_search_the_same(
    library: Library, tmp_path: Path
) -> None:
    """One segment without its file, another's replaced (its own file of the version before
    positions; another segment's file; then the same with this segment's id patched in; then one cut
    short): those segments are read from Whoosh's blocks, the others from their files, and every
    search (words and phrases) gives what the all-files searcher and the plain Whoosh path give."""
    everything = library.searcher()
    folder, segments = _index_copy(library, tmp_path / "index")
    assert len(segments) >= 2
    first, second = (folder / f"{segment}.bin" for segment in segments[:2])
    kept = first.read_bytes()
    first.unlink()
    current = second.read_bytes()
    variants = [
        current[:8] + struct.pack("<q", 1) + current[16:],  # of the version before positions
        kept,  # the other segment's file under this one's name
        kept.replace(segments[0].encode(), segments[1].encode()),  # ... with this segment's id
        second.read_bytes()[: len(second.read_bytes()) // 3],  # cut short
    ]
    for variant in variants:
        second.write_bytes(variant)
        searcher = Searcher(whoosh_index.open_dir(str(tmp_path / "index")), tmp_path / "index")
        whoosh = searcher._current()
        loaded = [searcher._postings.of(reader) for reader, _ in whoosh.reader().leaf_readers()]
        assert loaded[0] is None and loaded[1] is None
        assert all(found is not None for found in loaded[2:])
        for text in QUERIES + PHRASES:
            for filters in ({}, {"org": next(iter(everything.search(text).facets.get("org") or {"x": 0}))}):
                found = searcher.search(text, limit=10, facets=True, filters=filters)
                expected = everything.search(text, limit=10, facets=True, filters=filters)
                assert [(h.path, h.score, h.snippet) for h in found.hits] == [
                    (h.path, h.score, h.snippet) for h in expected.hits
                ], (text, filters)
                assert (found.total, found.facets) == (expected.total, expected.facets), (text, filters)
                hits, total, facets = _straightforward(searcher, text, filters)
                assert [(h.path, h.score) for h in found.hits] == hits, (text, filters)
                assert (found.total, found.facets) == (total, facets), (text, filters)
        searcher.close()


def test_word_matches_and_top_n_are_read_from_the_saved_postings(library: Library) -> None:
    """With the files the words' documents and scores come from them (the same as from Whoosh's
    blocks); a Searcher given no index folder reads Whoosh's blocks."""
    whoosh = library.searcher()._current()
    files = PostingsFiles(library.index_dir)
    for text in WORD_QUERIES:
        parsed = library.searcher().parse(text)
        assert np.array_equal(matching_docs(whoosh, parsed, files), matching_docs(whoosh, parsed)), text
        assert top_docs(whoosh, parsed, 10, None, {}, files) == top_docs(whoosh, parsed, 10, None, {}), text
    # The files are what is read: no Whoosh posting block is decoded for the matches and the
    # numpy ranking (only the candidates' blocks, for Whoosh's exact scores, in _exact).
    parsed = library.searcher().parse("economy growth")
    with shared_blocks():
        decoded = _SHARED.get()
        assert decoded is not None
        assert len(matching_docs(whoosh, parsed, files))
        assert not decoded
        assert len(matching_docs(whoosh, parsed))
        assert decoded  # without the files, the blocks
    reader = whoosh.reader().leaf_readers()[0][0]
    assert files.of(reader) is not None
    assert PostingsFiles(None).of(reader) is None


def test_an_or_of_many_words_is_scored_to_the_last_digit(tmp_path: Path) -> None:
    """An OR of six words over several fields in a small index (Whoosh sums an OR's parts in query
    order there): topn.py's scores equal Whoosh's float for float, so near ties keep Whoosh's order."""
    schema = fields.Schema(
        id=fields.ID(stored=True, unique=True), title=fields.TEXT(field_boost=2.0), body=fields.TEXT
    )
    ix = whoosh_index.create_in(str(tmp_path), schema)
    words = ["oil", "bank", "market", "shares", "profit", "sales", "company", "growth", "rate", "tax"]
    chooser = random.Random(1)
    for segment in range(3):
        writer = ix.writer()
        for number in range(80):
            writer.add_document(
                id=f"{segment}-{number}",
                title=" ".join(chooser.choices(words, k=chooser.randint(1, 3))),
                body=" ".join(chooser.choices(words, k=chooser.randint(1, 12))),
            )
        writer.commit(merge=False)
    parser = MultifieldParser(["title", "body"], schema, group=OrGroup)
    with ix.searcher() as whoosh:
        for text in ("growth rate tax profit sales company", "oil bank market shares"):
            q = parser.parse(text)
            for limit in (5, 500):
                collector = collectors.TopCollector(limit, usequality=False, replace=0)
                whoosh.search_with_collector(q, collector)
                expected = [(hit.score, hit.docnum) for hit in collector.results()]
                assert top_docs(whoosh, q, limit, None, {}) == expected, (text, limit)


def test_the_recording_pass_counts_the_matches_of_every_part(tmp_path: Path) -> None:
    """A query numpy does not rank (phrases with a slop) is one recording pass through Whoosh's
    collector: once the best hit scores above one part's best possible score, Whoosh's matcher
    replacement would drop that part from the union, and its later matches from the total."""
    root = tmp_path / "articles"
    body = "other words here " * 5 + "and harbour talks went on."
    for n in range(20):
        write(root / f"a{n:02d}.txt", body)
    (root / "m.txt").write_text("Harbour talks\n\nharbour talks ended.\n", encoding="utf-8")  # the best hit
    for n in range(20):
        write(root / f"z{n:02d}.txt", body)
    with Library(tmp_path / "index") as lib:
        lib.update([root], analyser=capitals)
        searcher = lib.searcher()
        whoosh = searcher._current()
        text = '"harbour talks"~2 OR "went on"~2'
        parsed = searcher.parse(text)
        assert top_docs(whoosh, parsed, 1, None, {}) is None  # left to Whoosh's collector
        every = sorted(set(whoosh.docs_for_query(parsed)))
        assert len(every) == 41
        for limit in (1, 3, 10):
            found = searcher.search(text, limit=limit, facets=True)
            assert found.total == len(every), limit
            collector = collectors.TopCollector(limit, usequality=False, replace=0)
            whoosh.search_with_collector(parsed, collector)
            assert [(h.path, h.score) for h in found.hits] == [
                (hit["path"], hit.score) for hit in collector.results()
            ], limit
