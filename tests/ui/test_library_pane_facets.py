"""The library pane's entity facets through the window: noise folded under "more…", and hiding or
retyping a wrong entity from the context menu (kept in the library; facets, highlights, briefings)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from briefing.core.across.entity_pages import cached_directory
from briefing.core.analysis import Analyzer
from briefing.core.briefing.markdown_render import to_markdown
from briefing.core.library.entity_overrides import OVERRIDES_FILE
from briefing.operations import library_briefing as plain_briefing
from briefing.ui.app import attach_library, is_settled
from briefing.ui.library_pane import FACETS_SHOWN, KIND_ROLE, MORE_KIND, VALUE_ROLE
from briefing.ui.main_window import MainWindow
from tests.core.test_bodies_not_people import LIB_DEM_FILES, build_lib_dem_library
from tests.ui.conftest import OFFSCREEN_NOISE, SETTLE_MS, MakeWindow
from tests.ui.test_entity_page import _pick_from_menu

MENU_NOISE = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, "This plugin does not support grabbing the keyboard")


def _menu(window: MainWindow, field: str, value: str, *picks: str) -> None:
    """Right-click the facet entry and pick ``picks`` (a submenu's title, then its action)."""
    pane = window.library_pane
    item = pane.facet_item(field, value)
    assert item is not None, (field, value)
    if item.parent() is not None and item.parent().data(0, KIND_ROLE) == MORE_KIND:
        item.parent().setExpanded(True)
    pane.tree.scrollToItem(item)
    spot = pane.tree.visualItemRect(item).center()
    QTimer.singleShot(200, lambda: _pick_from_menu(picks[0]) if len(picks) == 1 else _pick_in_submenu(*picks))
    pane.tree.customContextMenuRequested.emit(spot)


def _pick_in_submenu(submenu: str, label: str, tries: int = 100) -> None:
    """Trigger the action ``label`` of the open context menu's submenu ``submenu``."""
    popup = QApplication.activePopupWidget()
    if not isinstance(popup, QMenu):
        if tries:
            QTimer.singleShot(50, lambda: _pick_in_submenu(submenu, label, tries - 1))
        return
    sub = next(a.menu() for a in popup.actions() if a.text().startswith(submenu))
    assert isinstance(sub, QMenu)
    action = next(a for a in sub.actions() if a.text() == label)
    popup.close()
    action.trigger()


def test_noise_folds_under_more(window: MainWindow, qtbot: QtBot) -> None:
    entries = window.searches.facet_entries
    noisy = [e for e in entries["place"] if e.noise]
    kept = [e for e in entries["place"] if not e.noise]
    assert noisy and kept, entries["place"]  # the seed names some places once, others often
    more = window.library_pane.more_item("place")
    assert more is not None and more.text(0).startswith("more… (")
    folded = {more.child(i).data(0, VALUE_ROLE) for i in range(more.childCount())}
    assert {e.name for e in noisy} <= folded
    assert not folded & {e.name for e in kept[:FACETS_SHOWN]}
    assert not more.isExpanded()
    window.library_pane.tree.itemClicked.emit(more, 0)
    assert window.library_pane.more_item("place").isExpanded()  # type: ignore[union-attr]
    # clicking a folded name filters by it as any other
    name = noisy[0].name
    item = window.library_pane.facet_item("place", name)
    assert item is not None
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        window.library_pane.tree.itemClicked.emit(item, 0)
    assert window.session.filters == {"place": name} and len(window.results.hits()) == 1


@MENU_NOISE
def test_hide_a_wrong_entity_in_this_library(window: MainWindow, qtbot: QtBot) -> None:
    assert window.library is not None and window.current_path is not None
    article = Path(window.current_path)
    before = article.read_bytes()
    assert window.library_pane.facet_item("org", "Pentagon") is not None
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        _menu(window, "org", "Pentagon", "Hide “Pentagon”")
    assert window.library_pane.facet_item("org", "Pentagon") is None
    analysis = window.reader_pane.reader.analysis
    assert analysis is not None and "Pentagon" not in {e.canonical for e in analysis.entities}
    assert "hidden in this library" in window.statusBar().currentMessage()
    briefing = plain_briefing(window.library, [window.current_path])
    assert briefing is not None
    key_entities = to_markdown(briefing).split("Key entities")[1].split("\n#")[0]
    assert "Pentagon" not in key_entities and "Iraq" in key_entities
    assert (window.library.index_dir / OVERRIDES_FILE).exists()
    assert article.read_bytes() == before  # kept in the library, never in the article


@MENU_NOISE
def test_retype_a_wrong_entity(window: MainWindow, qtbot: QtBot) -> None:
    assert window.library_pane.facet_item("facility", "Ain al-Asad") is not None
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        _menu(window, "facility", "Ain al-Asad", "“Ain al-Asad” is a…", "Organisation")
    assert window.library_pane.facet_item("facility", "Ain al-Asad") is None
    item = window.library_pane.facet_item("org", "Ain al-Asad")
    assert item is not None
    analysis = window.reader_pane.reader.analysis
    assert analysis is not None
    assert {e.label for e in analysis.entities if e.canonical == "Ain al-Asad"} == {"ORG"}
    # its filter still finds the article, indexed under the old type
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        window.library_pane.tree.itemClicked.emit(item, 0)
    assert window.session.filters == {"org": "Ain al-Asad"} and len(window.results.hits()) == 1


def _page_text(window: MainWindow, qtbot: QtBot, name: str, shown: str | None = None) -> str:
    """Open ``name``'s entity page and wait for it (``shown``: the name it is shown under; None: absent)."""
    view = window.open_entity_page(name)
    if shown is None:
        qtbot.waitUntil(lambda: view.page is None and "No entity called" in view.browser.toPlainText(),
                        timeout=20_000)
    else:
        qtbot.waitUntil(lambda: view.page is not None and view.page.name == shown, timeout=20_000)
    return view.browser.toPlainText()


@MENU_NOISE
def test_entity_pages_follow_the_corrections(window: MainWindow, qtbot: QtBot) -> None:
    assert "Hamas" in _page_text(window, qtbot, "Iraq", "Iraq")  # named with Iraq
    assert _page_text(window, qtbot, "Ain al-Asad", "Ain al-Asad").startswith("FACILITY")
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        _menu(window, "facility", "Ain al-Asad", "“Ain al-Asad” is a…", "Organisation")
    view = window.entity_page
    assert view is not None and view.isVisible()
    # the open page is read again, under the entity's new type
    qtbot.waitUntil(lambda: view.page is not None and view.page.label == "ORG", timeout=20_000)
    assert view.browser.toPlainText().startswith("ORGANISATION")
    _page_text(window, qtbot, "Iraq", "Iraq")
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        _menu(window, "org", "Hamas", "Hide “Hamas”")
    qtbot.waitUntil(lambda: view.page is not None and "Hamas" not in {r.name for r in view.page.related},
                    timeout=20_000)
    named_with = view.browser.toPlainText().split("Named with:")[1].split("\n")[0]
    assert "Hamas" not in named_with and "Baghdad" in named_with
    _page_text(window, qtbot, "Hamas", None)  # a hidden entity has no page
    view.back()
    qtbot.waitUntil(lambda: view.page is not None and view.page.name == "Iraq", timeout=20_000)
    briefing = view.build_briefing()  # the entity briefing of its page
    assert window.library is not None
    made = briefing(window.library, view.briefing_paths())
    assert made is not None and made.entity is not None
    assert "Hamas" not in dict(made.entity.related)


@pytest.fixture(scope="module")
def lib_dem_index(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_lib_dem_library(shared_dir, tmp_path_factory.mktemp("lib-dem-ui"), Analyzer())


@pytest.mark.shared
def test_a_party_the_model_calls_a_person_is_no_person_in_the_pane(
    make_window: MakeWindow, lib_dem_index: Path, briefing_home: Path, qtbot: QtBot
) -> None:
    """BBC politics articles where spaCy types "Lib Dem" a person: the pane lists it with "Lib Dems"
    under Organisations, not under People; the party's leader stays under People."""
    index = briefing_home / "index"
    shutil.copytree(lib_dem_index, index)
    window = make_window()
    attach_library(window, library=None, index_dir=index, open_path=None, warm_up=False)
    qtbot.waitUntil(lambda: is_settled(window) and window.current_path is not None, timeout=SETTLE_MS)

    def merged() -> bool:  # the entity directory is built after the first answer, then the search reruns
        library = window.library
        built = library is not None and cached_directory(library.catalog()) is not None
        return built and not window.searches.busy

    qtbot.waitUntil(merged, timeout=SETTLE_MS)
    assert [e for e in window.searches.facet_entries["org"] if "Lib Dem" in e.aliases]
    assert len(window.results.hits()) == len(LIB_DEM_FILES)
    pane = window.library_pane
    assert pane.facet_item("person", "Lib Dem") is None
    assert pane.facet_item("person", "Lib Dems") is None
    party = pane.facet_item("org", "Lib Dems")
    assert party is not None and party.text(1) == str(len(LIB_DEM_FILES))
    assert pane.facet_item("person", "Charles Kennedy") is not None
