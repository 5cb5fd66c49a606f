"""``since`` compares a new figure with the latest old article linked to it, found latest first.

The search stops at the first old article (latest first) with a report of the same thread; the
result must equal comparing every report of the key, as ``since`` did before (kept here as the
reference), on real BBC business articles each present three times with different days.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections import defaultdict
from pathlib import Path

from briefing.core.across.figure_series import Threads
from briefing.core.across.since import _best, _reported, _same, briefed_at, direction, since_last_briefing
from briefing.core.analysis import Analyzer
from briefing.core.library import Library
from briefing.core.library.catalog import Catalog, CatalogArticle, CatalogFigure

# key, before path, before text, after path, after text, direction
Change = tuple[str, str, str, str, str, str]


def exhaustive(catalog: Catalog, new: list[CatalogArticle], old: dict[str, CatalogArticle]) -> list[Change]:
    """Every report of the key compared, the latest linked article taken afterwards (the former way)."""
    found: list[Change] = []
    threads = Threads(catalog.entities_of)
    for article in new:
        by_key: dict[str, list[CatalogFigure]] = defaultdict(list)
        for figure in catalog.figures_of(article.path):
            if figure.key is not None and _reported(figure):
                by_key[figure.key].append(figure)
        for key, figures in by_key.items():
            history = [f for f in catalog.figures_with_key(key) if f.path in old and _reported(f)]
            linked = [
                (b, a) for a in figures for b in history
                if (a.unit or "") == (b.unit or "") and (old[b.path].day or "") <= (article.day or "")
                and threads.same_thread(b, a)
            ]  # fmt: skip
            if not linked:
                continue
            latest = max({b.path for b, _ in linked}, key=lambda p: (old[p].day or "", old[p].added_at, p))
            pairs = [(b, a) for b, a in linked if b.path == latest]
            pair = next(((b, a) for b, a in pairs if _same(a, b)), None)
            if pair is None:
                after = _best(a for _, a in pairs)
                pair = (_best(b for b, a in pairs if a is after), after)
            before, after = pair
            found.append((key, before.path, before.text, after.path, after.text, direction(before, after)))
    return sorted(found)


def write_dated_copies(shared_dir: Path, root: Path) -> list[Path]:
    """43 real BBC business stories copied three times under ``root`` (a/, b/, c/), each copy 40 days
    after the one before (the same story again, later); returns the stories copied."""
    sources = sorted((shared_dir / "corpus" / "bbc").glob("bbc_business_*.txt"))[::12]  # 43 articles
    for copy, offset in (("a", 0), ("b", 40), ("c", 80)):
        (root / copy).mkdir(parents=True)
        for n, source in enumerate(sources):
            target = root / copy / source.name
            shutil.copy(source, target)
            when = dt.datetime(2005, 1, 1).timestamp() + (offset + n % 30) * 86400
            os.utime(target, (when, when))
    return sources


def test_latest_first_equals_comparing_every_report(
    shared_dir: Path, tmp_path: Path, analyzer: Analyzer
) -> None:
    root = tmp_path / "news"
    sources = write_dated_copies(shared_dir, root)
    with Library(tmp_path / "index") as library:
        assert library.update([root], analyser=analyzer.analyse_batch).added == 3 * len(sources)
        catalog = library.catalog()
        briefed = [a.path for a in catalog.articles() if f"{os.sep}c{os.sep}" not in a.path]
        catalog.record_briefing(briefed, "the first two copies", "pdf")
        what = since_last_briefing(catalog)
        last = catalog.last_briefing()
        assert last is not None
        seen = briefed_at(catalog.briefings(), last.made_at)
        articles = catalog.articles()
        new = [a for a in articles if a.path not in seen]
        old = {a.path: a for a in articles if a.path in seen}
        expected = exhaustive(catalog, new, old)
    got = sorted(
        (c.key, c.before.path, c.before.text, c.after.path, c.after.text, c.direction)
        for c in [*what.changed_figures, *what.unchanged_figures]
    )
    assert len(new) == len(sources)
    assert len(expected) >= 20  # the third copies repeat what the second said, and more
    # Several old articles report most keys: the latest (the second copy) is the one compared.
    assert sum(f"{os.sep}b{os.sep}" in before for _, before, *_ in expected) >= 10
    assert got == expected
