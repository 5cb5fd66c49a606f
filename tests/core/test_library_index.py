"""Incremental indexing of real files into a real Whoosh index on disk."""

from __future__ import annotations

import csv
import json
import os
import shutil
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

from briefing.core.article import Analysis, Article
from briefing.core.ingest import read
from briefing.core.library import IndexerSettings, Library
from tests.core.articles import capitalised_orgs


class CountingAnalyser:
    """A small deterministic analyser (capitalised words become ORG entities) that records its work."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, articles: Sequence[Article]) -> list[Analysis]:
        out = []
        for article in articles:
            self.seen.append(article.path)
            out.append(Analysis(entities=capitalised_orgs(article.text), summary=(article.title,)))
        return out


def write(path: Path, title: str, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return path


def counts(report: object) -> tuple[int, int, int, int]:
    return (report.added, report.updated, report.removed, report.unchanged)  # type: ignore[attr-defined]


@pytest.fixture()
def bbc300(shared_dir: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """300 BBC articles from all five categories, copied to tmp_path (they get touched and edited)."""
    source = shared_dir / "corpus" / "bbc"
    with open(source / "MANIFEST.tsv", encoding="utf-8") as handle:
        titles = {row["file"]: row["title"] for row in csv.DictReader(handle, delimiter="\t")}
    names = sorted(titles)[::7][:300]
    root = tmp_path / "bbc"
    root.mkdir()
    for name in names:
        shutil.copy2(source / name, root / name)
    return root, {name: titles[name] for name in names}


def test_bbc_300_incremental(bbc300: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    root, titles = bbc300
    with Library(tmp_path / "index") as lib:
        first = lib.update([root])
        assert counts(first) == (300, 0, 0, 0)
        assert first.failed == []
        assert lib.count() == 300

        second = lib.update()
        assert counts(second) == (0, 0, 0, 300)

        name, title = sorted(titles.items())[150]
        hits = lib.searcher().search(f'title:"{title}"').hits
        assert Path(hits[0].path).name == name
        assert hits[0].title == title

        # A new mtime with the same bytes: unchanged, and the new mtime is remembered.
        touched = root / sorted(titles)[10]
        stat = touched.stat()
        os.utime(touched, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
        assert counts(lib.update()) == (0, 0, 0, 300)
        assert counts(lib.update()) == (0, 0, 0, 300)

        edited = root / sorted(titles)[20]
        edited.write_text(edited.read_text(encoding="utf-8") + "\nA zyzzyva appeared.\n", encoding="utf-8")
        assert counts(lib.update()) == (0, 1, 0, 299)
        assert [h.path for h in lib.searcher().search("zyzzyva").hits] == [str(edited)]

        deleted = root / sorted(titles)[30]
        deleted.unlink()
        assert counts(lib.update()) == (0, 0, 1, 299)
        assert lib.count() == 299
        assert lib.document(str(deleted)) is None


def test_a_bad_file_is_reported_and_the_rest_indexed(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    for n in range(5):
        write(root / f"good{n}.txt", f"Good article {n}", "Plain words about harbours.")
    junk = root / "junk.txt"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    with Library(tmp_path / "index") as lib:
        report = lib.update([root])
        assert report.added == 5
        assert [f.path for f in report.failed] == [str(junk)]
        assert report.failed[0].reason  # the reader's plain reason
        assert lib.failures() == report.failed
        assert lib.count() == 5
    # Persisted: a new Library object sees the last run's failures.
    with Library(tmp_path / "index") as again:
        assert again.failures() == report.failed


def test_roots_are_persisted_and_a_removed_root_is_dropped(tmp_path: Path) -> None:
    a = write(tmp_path / "a" / "one.txt", "One", "First folder.").parent
    b = write(tmp_path / "b" / "two.txt", "Two", "Second folder.").parent
    write(b / "sub" / "three.md", "Three", "Nested file.")
    write(b / ".hidden" / "four.txt", "Four", "Hidden folder, skipped.")
    with Library(tmp_path / "index") as lib:
        lib.add_root(a)
        lib.add_root(b)
        assert counts(lib.update()) == (3, 0, 0, 0)
    with Library(tmp_path / "index") as lib:
        assert lib.roots() == [a.resolve(), b.resolve()]
        lib.remove_root(b)
        assert counts(lib.update()) == (0, 0, 2, 1)
        assert lib.roots() == [a.resolve()]
        assert [Path(h.path).name for h in lib.searcher().search("").hits] == ["one.txt"]


def test_update_of_one_root_leaves_the_others_alone(tmp_path: Path) -> None:
    a = write(tmp_path / "a" / "one.txt", "One", "First folder.").parent
    b = write(tmp_path / "b" / "two.txt", "Two", "Second folder.").parent
    with Library(tmp_path / "index") as lib:
        lib.update([a, b])
        (b / "two.txt").unlink()
        assert counts(lib.update([a])) == (0, 0, 0, 1)
        assert lib.count() == 2
        assert counts(lib.update()) == (0, 0, 1, 1)


def test_a_missing_root_keeps_its_articles(tmp_path: Path) -> None:
    root = write(tmp_path / "usb" / "one.txt", "One", "On a removable drive.").parent
    with Library(tmp_path / "index") as lib:
        lib.update([root])
        root.rename(tmp_path / "unplugged")
        report = lib.update()
        assert counts(report) == (0, 0, 0, 0)
        assert lib.count() == 1
        assert report.failed[0].path == str(root.resolve())
        assert "not found" in report.failed[0].reason


def test_cancel_commits_what_is_done_and_the_next_run_finishes(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    for n in range(40):
        write(root / f"a{n:02}.txt", f"Article {n}", f"Body number {n}.")
    cancel = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int, path: str) -> None:
        seen.append((done, total))
        if done == 15:
            cancel.set()

    settings = IndexerSettings(commit_docs=10, analysis_batch=4)
    with Library(tmp_path / "index", settings=settings) as lib:
        report = lib.update([root], progress=progress, cancel=cancel)
        assert report.cancelled
        assert report.added == 15
        assert lib.count() == 15
        assert seen[0] == (0, 40) and seen[-1] == (15, 40)
        rest = lib.update()
        assert (rest.added, rest.unchanged, rest.cancelled) == (25, 15, False)


def test_analysis_cache_never_analyses_an_unchanged_file_twice(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    for n in range(6):
        write(root / f"a{n}.txt", f"Article {n}", f"Visitors from Lisbon met Sofia on day {n}.")
    analyser = CountingAnalyser()
    with Library(tmp_path / "index") as lib:
        lib.update([root], analyser=analyser)
        assert len(analyser.seen) == 6
        assert lib.searcher().search("", filters={"org": "Lisbon"}).total == 6

        for path in root.iterdir():  # new mtimes, same bytes
            os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
        analyser.seen.clear()
        assert counts(lib.update(analyser=analyser)) == (0, 0, 0, 6)
        assert analyser.seen == []
        assert lib.searcher().search("org:sofia").total == 6

        write(root / "a0.txt", "Article 0", "Now Porto instead.")
        assert counts(lib.update(analyser=analyser)) == (0, 1, 0, 5)
        assert analyser.seen == [str(root / "a0.txt")]
        # A second copy of a known text is analysed by the cache, not the analyser.
        shutil.copy2(root / "a1.txt", root / "copy.txt")
        analyser.seen.clear()
        assert counts(lib.update(analyser=analyser)) == (1, 0, 0, 6)
        assert analyser.seen == []


def test_files_indexed_without_analysis_get_it_later(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    for n in range(3):
        write(root / f"a{n}.txt", f"Article {n}", "Nobody from Oslo came.")
    analyser = CountingAnalyser()
    with Library(tmp_path / "index") as lib:
        lib.update([root])
        assert lib.searcher().search("org:oslo").total == 0
        assert counts(lib.update(analyser=analyser)) == (0, 3, 0, 0)
        assert len(analyser.seen) == 3
        assert lib.searcher().search("org:oslo").total == 3
        assert counts(lib.update(analyser=analyser)) == (0, 0, 0, 3)


def test_an_analyser_failure_costs_one_file_its_analysis_only(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    write(root / "fine.txt", "Fine", "Words from Rome today.")
    write(root / "poison.txt", "Poison", "This one breaks the analyser.")
    counting = CountingAnalyser()

    def fragile(articles: Sequence[Article]) -> list[Analysis]:
        if any("breaks" in a.text for a in articles):
            raise RuntimeError("analysis exploded")
        return counting(articles)

    with Library(tmp_path / "index") as lib:
        report = lib.update([root], analyser=fragile)
        assert report.added == 2
        assert [f.path for f in report.failed] == [str(root / "poison.txt")]
        assert "analysis exploded" in report.failed[0].reason
        assert lib.searcher().search("org:rome").total == 1
        assert lib.searcher().search("breaks").total == 1


def test_document_round_trip_without_reading_the_file(tmp_path: Path) -> None:
    body = "Ships from Genoa arrived.\n\nMore text."
    path = write(tmp_path / "articles" / "story.txt", "Harbour story", body)
    expected_article = read(path)
    analyser = CountingAnalyser()
    [expected_analysis] = analyser([expected_article])
    with Library(tmp_path / "index") as lib:
        lib.update([path.parent], analyser=analyser)
        path.unlink()  # document() must not need the file
        found = lib.document(str(path))
        assert found == (expected_article, expected_analysis)
        assert lib.document(str(tmp_path / "nope.txt")) is None


def test_document_without_analysis(tmp_path: Path) -> None:
    path = write(tmp_path / "articles" / "story.txt", "Plain", "No analysis here.")
    with Library(tmp_path / "index") as lib:
        lib.update([path.parent])
        assert lib.document(str(path)) == (read(path), None)


@pytest.mark.slow
def test_real_analyzer_fills_entity_fields_and_cache(seed_path: Path, tmp_path: Path) -> None:
    from briefing.core.analysis import Analyzer

    root = tmp_path / "articles"
    root.mkdir()
    shutil.copy2(seed_path, root / seed_path.name)
    analyzer = Analyzer()
    with Library(tmp_path / "index") as lib:
        report = lib.update([root], analyser=analyzer.analyse_batch)
        assert (report.added, report.failed) == (1, [])
        found = lib.document(str(root / seed_path.name))
        assert found is not None
        article, analysis = found
        assert analysis == analyzer.analyse(article)
        places = lib.searcher().search("").facets["place"]
        assert "Iraq" in places
        assert lib.searcher().search("place:iraq").total == 1


def test_a_rebuilt_index_gets_its_analyses_back_from_the_cache(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    for n in range(4):
        write(root / f"a{n}.txt", f"Article {n}", f"Traders in Vienna met on day {n}.")
    index = tmp_path / "index"
    analyser = CountingAnalyser()
    with Library(index) as lib:
        lib.update([root], analyser=analyser)
    assert len(analyser.seen) == 4
    # An index of another schema version is rebuilt empty on opening; the cache survives.
    settings = json.loads((index / "library.json").read_text(encoding="utf-8"))
    settings["schema_version"] = -1
    (index / "library.json").write_text(json.dumps(settings), encoding="utf-8")
    with Library(index) as lib:
        assert lib.count() == 0
        assert lib.roots() == [root.resolve()]
        report = lib.update()  # no analyser this time
        assert report.added == 4
        assert lib.searcher().search("", filters={"org": "Vienna"}).total == 4
        found = lib.document(str(root / "a2.txt"))
        assert found is not None and found[1] is not None
        assert found[1] == analyser([found[0]])[0]
