"""``cached_directory`` gives the built entity directory of the catalog's state, and never builds one.

The app's first search uses it so the first answer does not wait for the directory (seconds in a
large library); the directory is built after, and a later catalog state needs a new one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from briefing.core.across.entity_pages import cached_directory, directory
from briefing.core.analysis import Analyzer
from briefing.core.library import Library

FILES = ("business_022", "business_275", "politics_002")


def test_cached_directory_only_after_a_build_of_the_same_state(
    shared_dir: Path, tmp_path: Path, analyzer: Analyzer
) -> None:
    root = tmp_path / "news"
    root.mkdir()
    for name in FILES[:2]:
        shutil.copy(shared_dir / "corpus" / "bbc" / f"bbc_{name}.txt", root)
    with Library(tmp_path / "index") as library:
        library.update([root], analyser=analyzer.analyse_batch)
        catalog = library.catalog()
        assert cached_directory(catalog) is None  # not built yet, and asking does not build it
        assert cached_directory(catalog) is None
        built = directory(catalog)
        found = cached_directory(catalog)
        assert found is not None and len(found) == len(built) > 0
        assert [e.name for e in found.entities()] == [e.name for e in built.entities()]
        assert found.catalog is catalog
        # A new article: a new catalog state, whose directory is not built yet.
        shutil.copy(shared_dir / "corpus" / "bbc" / f"bbc_{FILES[2]}.txt", root)
        library.update([root], analyser=analyzer.analyse_batch)
        assert cached_directory(library.catalog()) is None
        assert len(directory(library.catalog())) > len(built)
        assert cached_directory(library.catalog()) is not None
