"""The catalog follows the index: real articles, a real index, the real analyser."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pytest

from briefing.core.analysis import Analyzer
from briefing.core.analysis.figures.keys import FigureKey
from briefing.core.article import Analysis
from briefing.core.library import Library
from briefing.core.library import catalog as catalog_module
from briefing.core.library.catalog import CATALOG_NAME, Catalog

BBC = ("bbc_business_022.txt", "bbc_business_275.txt", "bbc_politics_012.txt")
SAVED = dt.datetime(2024, 3, 4, 12, 0)


def _stamp(path: Path, moment: dt.datetime) -> None:
    seconds = moment.timestamp()
    os.utime(path, (seconds, seconds))


@pytest.fixture()
def library_root(tmp_path: Path, seed_path: Path, shared_dir: Path) -> Path:
    root = tmp_path / "articles"
    root.mkdir()
    shutil.copy(seed_path, root / seed_path.name)
    for name in BBC:
        shutil.copy(shared_dir / "corpus" / "bbc" / name, root / name)
        _stamp(root / name, SAVED)
    return root


def _update(library: Library, root: Path, analyzer: Analyzer) -> None:
    library.update([root], analyser=analyzer.analyse_batch)


def test_catalog_holds_every_article_with_its_day_figures_and_entities(
    tmp_path: Path, library_root: Path, analyzer: Analyzer
) -> None:
    with Library(tmp_path / "index") as library:
        _update(library, library_root, analyzer)
        catalog = library.catalog()
        articles = {Path(a.path).name: a for a in catalog.articles()}
        assert set(articles) == {*BBC, "000_1485d72a6eece34e.txt"}
        german = articles["bbc_business_022.txt"]
        # BBC files give no date: the day the file was saved stands in, and says so.
        assert (german.day, german.dated_by) == ("2024-03-04", "saved")
        figures = catalog.figures_of(german.path)
        document = library.document(german.path)
        assert document is not None and document[1] is not None
        assert [f.text for f in figures] == [f.text for f in document[1].figures]
        assert any(f.value == 4_464_000 for f in figures)
        names = {(e.label, e.name) for e in catalog.entities_of(german.path)}
        assert ("PERSON", "Gerhard Schroeder") in names
        seed = next(a for a in articles.values() if a.path.endswith("000_1485d72a6eece34e.txt"))
        attacks = [f for f in catalog.figures_of(seed.path) if f.value == 58]
        assert attacks and attacks[0].key is not None and "Iraq" in (attacks[0].label or "")


def test_sync_follows_changes_and_keeps_when_an_article_was_added(
    tmp_path: Path, library_root: Path, analyzer: Analyzer
) -> None:
    with Library(tmp_path / "index") as library:
        _update(library, library_root, analyzer)
        catalog = library.catalog()
        first = {a.path: a for a in catalog.articles()}
        assert library.sync_catalog().added == 0  # nothing changed: nothing to do
        changed = library_root / BBC[0]
        changed.write_text(changed.read_text(encoding="utf-8") + "\nIt added 12,000 jobs in Berlin.\n",
                           encoding="utf-8")
        (library_root / BBC[2]).unlink()
        _update(library, library_root, analyzer)
        after = {a.path: a for a in catalog.articles()}
        assert str(library_root / BBC[2]) not in after
        assert catalog.figures_of(str(library_root / BBC[2])) == []
        kept = after[str(changed)]
        assert kept.added_at == first[str(changed)].added_at
        assert kept.changed_at > first[str(changed)].changed_at
        assert any(f.value == 12_000 for f in catalog.figures_of(str(changed)))


def test_a_new_catalog_of_an_existing_library_dates_additions_by_file(
    tmp_path: Path, library_root: Path, analyzer: Analyzer
) -> None:
    index = tmp_path / "index"
    with Library(index) as library:
        _update(library, library_root, analyzer)
    (index / CATALOG_NAME).unlink()
    with Library(index) as library:
        added = {Path(a.path).name: a.added_at for a in library.catalog().articles()}
    assert added[BBC[0]] == pytest.approx(SAVED.timestamp())


def test_a_damaged_catalog_is_rebuilt(tmp_path: Path, library_root: Path, analyzer: Analyzer) -> None:
    index = tmp_path / "index"
    with Library(index) as library:
        _update(library, library_root, analyzer)
    (index / CATALOG_NAME).write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        (index / (CATALOG_NAME + suffix)).unlink(missing_ok=True)
    with Library(index) as library:
        assert library.catalog().count() == 4


def test_new_figure_keys_are_recomputed(
    tmp_path: Path, library_root: Path, analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = tmp_path / "index"
    with Library(index) as library:
        _update(library, library_root, analyzer)
    monkeypatch.setattr(catalog_module, "KEY_VERSION", "test-changed")
    calls: list[str] = []
    real_keys = catalog_module.figure_keys

    def counting_keys(analysis: Analysis) -> list[FigureKey | None]:
        calls.extend(figure.text for figure in analysis.figures)
        return real_keys(analysis)

    monkeypatch.setattr(catalog_module, "figure_keys", counting_keys)
    catalog = Catalog(index)
    try:
        with Library(index) as library:
            documents = library.indexed_documents()
            report = catalog.sync(documents, lambda pairs: _analyses(library, pairs), "token")
        assert report.updated == 4 and calls
    finally:
        catalog.close()


def _analyses(library: Library, pairs: Sequence[tuple[str, str]]) -> dict[str, Analysis]:
    found: dict[str, Analysis] = {}
    for key, version in pairs:
        analysis = library.analysis_cache.get(key, version)
        if analysis is not None:
            found[key] = analysis
    return found


def test_briefings_are_remembered_newest_first(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path)
    try:
        assert catalog.last_briefing() is None
        catalog.record_briefing(["/a.txt"], "Morning", "pdf", at=100.0)
        catalog.record_briefing(["/a.txt", "/b.txt"], "Evening", "print", at=200.0)
        last = catalog.last_briefing()
        assert last is not None
        assert (last.title, last.kind, last.paths) == ("Evening", "print", ("/a.txt", "/b.txt"))
        assert [b.title for b in catalog.briefings()] == ["Evening", "Morning"]
    finally:
        catalog.close()
    reopened = Catalog(tmp_path)  # the history survives
    try:
        assert len(reopened.briefings()) == 2
    finally:
        reopened.close()


def test_a_busy_catalog_is_never_mistaken_for_a_damaged_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = Catalog(tmp_path)
    catalog.record_briefing(["/a.txt"], "Morning", "pdf", at=100.0)
    catalog.close()
    path = tmp_path / CATALOG_NAME
    with sqlite3.connect(path) as db:  # an older catalog: opening it must rewrite its tables
        db.execute("UPDATE meta SET value = '0' WHERE name = 'version'")
    holder = sqlite3.connect(path, isolation_level=None)  # another process is writing
    holder.execute("BEGIN IMMEDIATE")
    real_connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: real_connect(*a, **{**k, "timeout": 0.2}))
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            Catalog(tmp_path)
    finally:
        holder.rollback()
        holder.close()
        monkeypatch.undo()
    reopened = Catalog(tmp_path)
    try:
        assert [b.title for b in reopened.briefings()] == ["Morning"]  # the history survived
    finally:
        reopened.close()


def test_an_article_seen_before_keeps_the_day_it_was_first_added(
    tmp_path: Path, library_root: Path, analyzer: Analyzer
) -> None:
    with Library(tmp_path / "index") as library:
        _update(library, library_root, analyzer)
        first = {a.path: a.added_at for a in library.catalog().articles()}
        library.remove_root(library_root)
        library.update(analyser=analyzer.analyse_batch)
        assert library.catalog().count() == 0
        _update(library, library_root, analyzer)  # the folder comes back: nothing in it is new
        assert {a.path: a.added_at for a in library.catalog().articles()} == first


def test_a_new_catalog_format_keeps_when_articles_came_and_changed(
    tmp_path: Path, library_root: Path, analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = tmp_path / "index"
    with Library(index) as library:
        _update(library, library_root, analyzer)
        before = {a.path: (a.added_at, a.changed_at) for a in library.catalog().articles()}
    monkeypatch.setattr(catalog_module, "CATALOG_VERSION", "a later format")
    with Library(index) as library:
        catalog = library.catalog()
        assert {a.path: (a.added_at, a.changed_at) for a in catalog.articles()} == before
        assert len(catalog.figures_of(str(library_root / BBC[0]))) > 0  # the derived rows came back


def test_names_of_many_articles_read_at_once_are_each_articles(
    tmp_path: Path, library_root: Path, analyzer: Analyzer
) -> None:
    with Library(tmp_path / "index") as library:
        _update(library, library_root, analyzer)
        catalog = library.catalog()
        paths = [a.path for a in catalog.articles()]
        many = catalog.entities_of_paths([*paths, paths[0], "/not/in/the/catalog.txt"])
        assert list(many) == [*paths, "/not/in/the/catalog.txt"]
        assert many["/not/in/the/catalog.txt"] == []
        for path in paths:
            assert many[path] == catalog.entities_of(path) and many[path]
