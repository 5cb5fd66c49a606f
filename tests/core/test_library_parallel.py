"""Indexing with analyses that run ahead of the writer: in worker processes, or any submitting analyser."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from briefing.core.article import Analysis, Article
from briefing.core.library import Library
from briefing.core.library.indexer import SubmittingAnalyser
from tests.core.articles import capitalised_orgs


def capitals(articles: Sequence[Article]) -> list[Analysis]:
    """Capitalised words as ORG entities; raises on an article that mentions "Poison"."""
    out = []
    for article in articles:
        if "Poison" in article.text:
            raise ValueError("poisoned article")
        out.append(Analysis(entities=capitalised_orgs(article.text)))
    return out


class ThreadedAnalyser:
    """A submitting analyser on a thread pool; it records how many batches were in flight at once."""

    def __init__(self, workers: int = 2) -> None:
        self.workers = workers
        self.pool = ThreadPoolExecutor(workers)
        self.submitted = 0
        self.calls = 0

    def submit(self, articles: Sequence[Article]) -> Future[list[Analysis]]:
        self.submitted += 1
        return self.pool.submit(capitals, list(articles))

    def __call__(self, articles: Sequence[Article]) -> list[Analysis]:
        self.calls += 1
        return capitals(articles)


def write_articles(root: Path, n: int) -> list[Path]:
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = root / f"a{i:03d}.txt"
        path.write_text(f"Article {i}\n\nHarbour news from Lisbon and Porto, item {i}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_a_submitting_analyser_indexes_everything_like_a_plain_one(tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "articles", 50)
    threaded = ThreadedAnalyser()
    assert isinstance(threaded, SubmittingAnalyser)
    with Library(tmp_path / "threaded") as lib, Library(tmp_path / "plain") as plain:
        lib.settings.analysis_batch = 4
        report = lib.update([tmp_path / "articles"], analyser=threaded)
        plain.update([tmp_path / "articles"], analyser=capitals)
        assert (report.added, report.failed) == (50, [])
        assert threaded.submitted == 13 and threaded.calls == 0
        for path in paths:
            mine, theirs = lib.document(str(path)), plain.document(str(path))
            assert mine is not None and theirs is not None
            assert mine == theirs
            assert mine[1] is not None
            assert [e.text for e in mine[1].entities] == ["Harbour", "Lisbon"]
        assert lib.searcher().search("org:lisbon", limit=100).total == 50


def test_a_failing_submitted_batch_costs_only_the_bad_article_its_analysis(tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "articles", 10)
    bad = paths[3]
    bad.write_text("Bad\n\nPoison in the harbour.\n", encoding="utf-8")
    threaded = ThreadedAnalyser(workers=1)
    with Library(tmp_path / "index") as lib:
        report = lib.update([tmp_path / "articles"], analyser=threaded)
        assert report.added == 10
        assert [f.path for f in report.failed] == [str(bad)]
        assert "indexed without analysis" in report.failed[0].reason
        assert threaded.calls == 10  # the batch, retried one article at a time
        found = lib.document(str(bad))
        assert found is not None and found[1] is None
        good = lib.document(str(paths[0]))
        assert good is not None and good[1] is not None


@pytest.mark.slow
def test_worker_processes_give_the_same_analyses_as_the_analyzer(shared_dir: Path, tmp_path: Path) -> None:
    from briefing.core.analysis import Analyzer
    from briefing.core.analysis.parallel import ParallelAnalyser
    from briefing.core.ingest import read

    root = tmp_path / "bbc"
    root.mkdir()
    for source in sorted((shared_dir / "corpus" / "bbc").glob("bbc_*.txt"))[::150]:
        shutil.copy2(source, root / source.name)
    files = sorted(root.iterdir())
    expected = Analyzer().analyse_batch([read(p) for p in files])
    with ParallelAnalyser(workers=2) as analyser, Library(tmp_path / "index") as lib:
        assert analyser([read(files[0])]) == expected[:1]
        lib.settings.analysis_batch = 4
        report = lib.update([root], analyser=analyser)
        assert (report.added, report.failed) == (len(files), [])
        for path, analysis in zip(files, expected, strict=True):
            found = lib.document(str(path))
            assert found is not None
            assert found[1] == analysis


def test_a_big_run_leaves_few_segments_and_a_small_one_merges_cheaply(tmp_path: Path) -> None:
    from whoosh import index as whoosh_index

    def segments() -> list[int]:
        ix = whoosh_index.open_dir(str(tmp_path / "index"))
        with ix.reader() as reader:
            sizes = sorted((r.doc_count_all() for r, _ in reader.leaf_readers()), reverse=True)
        ix.close()
        return sizes

    write_articles(tmp_path / "articles", 40)
    with Library(tmp_path / "index") as lib:
        lib.settings.commit_docs = 4
        lib.settings.analysis_batch = 4
        assert lib.update([tmp_path / "articles"], analyser=capitals).added == 40
        assert segments() == [40]  # ten commits, folded into one segment at the end
        for n in range(3):
            write_articles(tmp_path / f"more{n}", 1)
            lib.update([tmp_path / f"more{n}"], analyser=capitals)
        # A small update never rewrites the big segment; the small ones are folded together.
        assert segments() == [40, 3]
        assert lib.searcher().search("harbour", limit=50).total == 43
