"""A sync of many articles builds the catalog's secondary indexes once at its end (issue 18).

Inserting every figure and entity row into the key and name indexes as it came touched pages all
over a large catalog, and a first sync's one transaction spilled them into the write-ahead log again
and again. The catalog it writes must be the one the row-by-row sync wrote: every row of every
table, in the same order, and the same indexes; checked here on a real library of BBC articles,
for a first sync and for a later one that follows a change and a removal.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pytest

from briefing.core.analysis import Analyzer
from briefing.core.article import Analysis
from briefing.core.library import Library
from briefing.core.library import catalog as catalog_module
from briefing.core.library.catalog import CATALOG_NAME, Catalog

NOW = 1_733_300_000.0


def _dump(folder: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows in rowid order, and the schema (tables and indexes)."""
    db = sqlite3.connect(folder / CATALOG_NAME)
    try:
        tables = [name for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )]
        dump = {table: db.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid").fetchall()
                for table in tables}
        dump["schema"] = sorted(db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall())
    finally:
        db.close()
    return dump


def _sync_both(library: Library, folders: Sequence[Path], monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Sync a catalog in each folder with the library's index: the first row by row (the former way),
    the second in bulk. Returns each sync's count of rows written."""

    def analyses(pairs: Sequence[tuple[str, str]]) -> dict[str, Analysis]:
        found: dict[str, Analysis] = {}
        for key, version in pairs:
            found.update(library.analysis_cache.get_many([key], version))
        return found

    written = []
    for folder, threshold in zip(folders, (10**9, 1), strict=True):
        monkeypatch.setattr(catalog_module, "_BULK_SYNC", threshold)
        catalog = Catalog(folder)
        try:
            report = catalog.sync(library.indexed_documents(), analyses, library.state_token(), now=NOW)
        finally:
            catalog.close()
        written.append(report.added + report.updated + report.removed)
    return written


def test_a_bulk_sync_writes_the_catalog_the_row_by_row_sync_wrote(
    shared_dir: Path, tmp_path: Path, analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "news"
    root.mkdir()
    sources = sorted((shared_dir / "corpus" / "bbc").glob("bbc_business_*.txt"))[::16]  # 33 articles
    for source in sources:
        shutil.copy(source, root / source.name)
    folders = [tmp_path / "row-by-row", tmp_path / "bulk"]
    for folder in folders:
        folder.mkdir()
    with Library(tmp_path / "index") as library:
        library.update([root], analyser=analyzer.analyse_batch)
        assert _sync_both(library, folders, monkeypatch) == [len(sources)] * 2
        first, bulk = _dump(folders[0]), _dump(folders[1])
        assert len(first["figures"]) > 50 and len(first["entities"]) > 300
        assert any("figures_key" in row for row in first["schema"])
        assert any("entities_name" in row for row in first["schema"])
        assert bulk == first

        # A changed article and a removed one: the next sync replaces and deletes the same rows.
        changed = root / sources[0].name
        changed.write_text(changed.read_text(encoding="utf-8") + "\nIt added 12,000 jobs in Berlin.\n",
                           encoding="utf-8")
        (root / sources[1].name).unlink()
        library.update([root], analyser=analyzer.analyse_batch)
        assert _sync_both(library, folders, monkeypatch) == [2, 2]
        assert _dump(folders[1]) == _dump(folders[0]) != first


def test_the_sync_leaves_the_connection_s_page_cache_as_it_was(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path)
    try:
        before = catalog._db.execute("PRAGMA cache_size").fetchone()[0]
        catalog.sync([], lambda pairs: {}, "token", now=NOW)
        assert catalog._db.execute("PRAGMA cache_size").fetchone()[0] == before
        assert catalog.synced_token == "token"
    finally:
        catalog.close()
