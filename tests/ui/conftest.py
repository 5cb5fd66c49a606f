"""Fixtures for the desktop app's tests: offscreen Qt, a pre-built sample index, ready windows."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports Qt

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from briefing.core.article import Analysis
from briefing.core.ingest import read
from briefing.core.library.analysis_cache import analysis_version
from briefing.core.library.documents import analysis_key
from briefing.resources import sample_library
from briefing.ui.app import application, attach_library, create_window, is_settled
from briefing.ui.index_queue import AnalyserHolder
from briefing.ui.main_window import MainWindow
from briefing.ui.settings import Settings, ThemeChoice
from tests.ui.articles import write_articles

MakeWindow = Callable[..., MainWindow]

SETTLE_MS = 120_000


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the sample library with real analyses, built once (loads spaCy once)."""
    from briefing.core.analysis import Analyzer
    from briefing.core.library import Library

    folder = tmp_path_factory.mktemp("sample-index") / "index"
    with Library(folder) as library:
        report = library.update([sample_library()], analyser=Analyzer().analyse_batch)
    assert report.added == 1 and not report.failed
    return folder


@pytest.fixture(scope="session")
def article_analyses(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Analysis]:
    """The analyses of tests.ui.articles' three articles by analysis key, made once by a real Library
    (the Analyzer of ``sample_index``: spaCy stays loaded), so windows that add them read them from
    their analysis cache instead of starting analysis workers for every test."""
    from briefing.core.analysis import Analyzer
    from briefing.core.library import Library

    root = tmp_path_factory.mktemp("article-analyses")
    paths = write_articles(root / "news")
    with Library(root / "index") as library:
        report = library.update([root / "news"], analyser=Analyzer().analyse_batch)
        assert report.added == len(paths) and not report.failed
        keys = [analysis_key(read(path)) for path in paths]
        found = library.analysis_cache.get_many(keys, analysis_version())
    assert len(found) == len(paths), "the keys must be the indexer's, or the cache would never hit"
    return found


@pytest.fixture
def index_dir(sample_index: Path, briefing_home: Path) -> Path:
    """A private copy of the sample index for one test (tests may change it)."""
    target = briefing_home / "index"
    shutil.copytree(sample_index, target)
    return target


@pytest.fixture
def make_window(qtbot: QtBot) -> Iterator[MakeWindow]:
    """Builds main windows as run_app does (light theme, so colours are known); shuts them down."""
    made: list[MainWindow] = []

    def make(theme: ThemeChoice = "light") -> MainWindow:
        settings = Settings()
        settings.set_theme(theme)
        window = create_window(application(), settings)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        window.shutdown()


def _settled_window(win: MainWindow, index_dir: Path, qtbot: QtBot) -> MainWindow:
    attach_library(win, library=None, index_dir=index_dir, open_path=None, warm_up=False)
    qtbot.waitUntil(lambda: is_settled(win) and win.current_path is not None, timeout=SETTLE_MS)
    return win


@pytest.fixture
def window(make_window: MakeWindow, index_dir: Path, qtbot: QtBot) -> MainWindow:
    """A main window on the sample library, settled with the seed article open."""
    return _settled_window(make_window(), index_dir, qtbot)


class ModuleAnalyser(AnalyserHolder):
    """The app's analyser (spaCy in worker processes), its workers kept for a whole test module: the
    indexer starts them whenever new files come, and each start loads spaCy twice (30 s a window on
    a loaded machine) even when every analysis is then found in the cache."""

    def close(self) -> None:
        """A window's shutdown leaves the workers to the module's next window."""

    def stop(self) -> None:
        super().close()


@pytest.fixture(scope="module")
def module_analyser() -> Iterator[ModuleAnalyser]:
    """Module-scoped, so no worker outlives the module (tests elsewhere count child processes)."""
    analyser = ModuleAnalyser()
    yield analyser
    analyser.stop()


@pytest.fixture
def news_window(
    make_window: MakeWindow,
    index_dir: Path,
    qtbot: QtBot,
    tmp_path: Path,
    article_analyses: dict[str, Analysis],
    module_analyser: ModuleAnalyser,
) -> MainWindow:
    """The sample library plus a folder of three more articles, indexed through the app (their
    analyses already in the library's analysis cache, as when a folder analysed before comes back;
    tests of the analysis itself add articles of their own; the analysis workers are the module's)."""
    window = make_window()
    window.analyser = module_analyser
    _settled_window(window, index_dir, qtbot)
    assert window.library is not None
    window.library.analysis_cache.put_many(article_analyses, analysis_version())
    folder = tmp_path / "news"
    write_articles(folder)
    window.add_paths([folder])
    qtbot.waitUntil(lambda: is_settled(window) and len(window.results.hits()) == 4, timeout=SETTLE_MS)
    return window


# The offscreen platform lacks some window operations (propagateSizeHints(), raise()) and warns
# each time Qt uses one; those warnings are about the test platform, not about the app.
OFFSCREEN_NOISE = r"This plugin does not support \w+\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))
