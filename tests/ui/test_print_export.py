"""Print briefing…, Print preview… and Export briefing… in the window, with the dialogs answered."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from briefing.ui.briefing_actions import FILTERS, export_path, file_stem
from briefing.ui.main_window import MainWindow
from tests.printing.dialogs import Accepted, Rejected, answer_previews, answer_print_dialogs
from tests.printing.poppler import pdf_text
from tests.ui.conftest import MakeWindow

SEED_TITLE = "US personnel suffer minor injuries in attack on Iraqi base"
WAIT_MS = 60_000


class SavePaths:
    """Answers the export's file dialog with ``answer``, remembering what it suggested."""

    def __init__(self, answer: Path | None) -> None:
        self.answer = answer
        self.suggested: list[str] = []

    def __call__(self, _parent: QWidget, suggested: str) -> Path | None:
        self.suggested.append(suggested)
        return self.answer


class Errors:
    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []

    def __call__(self, _parent: QWidget, title: str, message: str) -> None:
        self.shown.append((title, message))


def _briefing_actions(window: MainWindow) -> list[bool]:
    actions = window.menu_actions
    return [a.isEnabled() for a in (actions.print_briefing, actions.print_preview, actions.export_briefing)]


def _export(window: MainWindow, qtbot: QtBot, out: Path) -> str:
    window.briefings.ask_save_path = SavePaths(out)
    with qtbot.waitSignal(window.briefings.finished, timeout=WAIT_MS) as done:
        qtbot.keySequence(window, QKeySequence("Ctrl+E"))
    message = done.args[0] if done.args else ""
    assert isinstance(message, str)
    return message


def _ctrl_click(window: MainWindow, qtbot: QtBot, row: int) -> None:
    view = window.results.list
    rect = view.visualItemRect(view.item(row))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     rect.center())


def test_print_preview_paints_the_open_article(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "preview.pdf"
    titles = answer_previews(monkeypatch, out)
    qtbot.keySequence(window, QKeySequence("Ctrl+Shift+P"))
    qtbot.waitUntil(lambda: bool(titles) and not window.briefings.busy, timeout=WAIT_MS)
    assert titles == [f"Print preview — {SEED_TITLE}"]
    text = pdf_text(out)
    assert SEED_TITLE in text and "58" in text and "2,500" in text
    assert _briefing_actions(window) == [True, True, True]


def test_the_print_dialog_prints_when_accepted(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "printed.pdf"
    asked = answer_print_dialogs(monkeypatch, out, [Rejected, Accepted])
    finished: list[str] = []
    window.briefings.finished.connect(finished.append)
    qtbot.keySequence(window, QKeySequence(QKeySequence.StandardKey.Print))
    qtbot.waitUntil(lambda: bool(asked) and not window.briefings.busy, timeout=WAIT_MS)
    assert not out.exists() and not finished  # cancelled: nothing printed
    with qtbot.waitSignal(window.briefings.finished, timeout=WAIT_MS):
        window.menu_actions.print_briefing.trigger()
    assert asked == [SEED_TITLE, SEED_TITLE]
    assert finished == ["Printed briefing of 1 article"]
    text = pdf_text(out)
    assert SEED_TITLE in text and "2,500" in text


@pytest.mark.parametrize("suffix", [".pdf", ".html", ".md"])
def test_export_the_open_article(window: MainWindow, qtbot: QtBot, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / "exports" / f"seed{suffix}"
    message = _export(window, qtbot, out)
    assert message == f"Exported briefing of 1 article to {out}"
    assert window.statusBar().currentMessage() == message
    text = pdf_text(out) if suffix == ".pdf" else out.read_text(encoding="utf-8")
    for expected in (SEED_TITLE, "58", "2,500", "Ain al-Asad", "Mohammed Shia al-Sudani", "Pentagon"):
        assert expected in text, expected
    # The next export is suggested in the same folder, named after the article.
    window.briefings.ask_save_path = suggest = SavePaths(None)
    window.menu_actions.export_briefing.trigger()
    assert suggest.suggested == [str(out.parent / f"{file_stem(SEED_TITLE)}.pdf")]
    assert not window.briefings.busy  # cancelled before anything was built


def test_the_chosen_filter_gives_a_bare_name_its_format() -> None:
    assert export_path("/tmp/brief", FILTERS["md"]) == Path("/tmp/brief.md")
    assert export_path("/tmp/brief.v2", FILTERS["html"]) == Path("/tmp/brief.v2.html")
    assert export_path("/tmp/brief.HTML", FILTERS["pdf"]) == Path("/tmp/brief.HTML")
    assert export_path("/tmp/brief", "") == Path("/tmp/brief.pdf")
    assert file_stem("US personnel: 58 attacks, “again”") == "us-personnel-58-attacks-again"


def test_two_selected_results_make_one_briefing(
    news_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    window = news_window
    names = [Path(h.path).name for h in window.results.hits()]
    assert names == ["erbil.md", "oil.md", "drones.md", "000_1485d72a6eece34e.txt"]
    opened = window.current_path
    _ctrl_click(window, qtbot, 1)
    selected = [Path(h.path).name for h in window.results.selected_hits()]
    assert selected == ["oil.md", "000_1485d72a6eece34e.txt"]
    assert window.current_path == opened  # Ctrl-click selects, it does not open
    assert _briefing_actions(window) == [True, True, True]

    out = tmp_path / "two.md"
    assert _export(window, qtbot, out) == f"Exported briefing of 2 articles to {out}"
    text = out.read_text(encoding="utf-8")
    assert "## Contents" in text
    assert "1. [Oil prices rise as Red Sea shipping stalls](#article-1)" in text
    assert f"2. [{SEED_TITLE}](#article-2)" in text
    assert "2 articles" in text

    pdf = tmp_path / "two.pdf"
    assert _export(window, qtbot, pdf) == f"Exported briefing of 2 articles to {pdf}"
    printed = pdf_text(pdf)
    assert "Oil prices rise as Red Sea shipping stalls" in printed and SEED_TITLE in printed
    assert "contents 1. oil prices rise as red sea shipping stalls" in printed.casefold()

    # A plain click goes back to one selected result, and opens it.
    view = window.results.list
    row = view.visualItemRect(view.item(2)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=row)
    assert Path(window.current_path or "").name == "drones.md"
    assert len(window.results.selected_hits()) == 1


def test_a_failed_export_is_reported(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    window.briefings.ask_save_path = SavePaths(blocker / "brief.pdf")
    window.briefings.show_error = errors = Errors()
    with qtbot.waitSignal(window.briefings.failed, timeout=WAIT_MS):
        window.menu_actions.export_briefing.trigger()
    assert len(errors.shown) == 1
    title, message = errors.shown[0]
    assert title == "Export failed" and "not-a-folder" in message
    assert _briefing_actions(window) == [True, True, True]


def test_nothing_to_brief_disables_the_actions(
    make_window: MakeWindow, window: MainWindow, qtbot: QtBot
) -> None:
    assert _briefing_actions(window) == [True, True, True]
    window.show_placeholder("Nothing open")
    assert _briefing_actions(window) == [False, False, False]

    empty = make_window()  # no library yet
    assert _briefing_actions(empty) == [False, False, False]
    empty.briefings.ask_save_path = asked = SavePaths(None)
    qtbot.keySequence(empty, QKeySequence("Ctrl+E"))
    empty.briefings.export_briefing()
    assert asked.suggested == []
